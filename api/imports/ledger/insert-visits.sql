-- Ledger visits, one statement per chunk, placed at the village's label point (ledgers carry no
-- coordinates). A client_id already present (a re-imported row) is skipped.
INSERT INTO visit (id, client_id, officer_id, village_code, kind, visited_at, geom, source)
SELECT u.id, u.client_id, u.officer_id, u.village_code, u.kind, u.visited_at, v.label_point, 'ledger'
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
       AS u(id, client_id, officer_id, village_code, kind, visited_at)
JOIN village v ON v.code = u.village_code
ON CONFLICT (client_id) DO NOTHING
RETURNING client_id
