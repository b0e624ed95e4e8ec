-- Ledger disputes, one statement per chunk. Ledgers carry no coordinates: each row is placed at
-- its village's label point. A client_id already present (a re-imported row) is skipped, and
-- RETURNING names only the rows this statement wrote. $14: each row's campaign codes, comma-joined
-- ('' for none); the insert trigger adds the auto-tagging campaigns that target the row.
INSERT INTO dispute (id, client_id, category, channel, status, village_code, received_at,
                     mediation_started_at, concluded_at, geom, summary, party_name, party_phone, mediator, source, campaigns)
SELECT u.id, u.client_id, u.category, u.channel, u.status, u.village_code, u.received_at,
       u.mediation_started_at, u.concluded_at, v.label_point, u.summary, u.party_name, u.party_phone, u.mediator, 'ledger',
       coalesce(string_to_array(nullif(u.campaigns, ''), ','), '{}')
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
            $8::timestamptz[], $9::timestamptz[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
       AS u(id, client_id, category, channel, status, village_code, received_at,
            mediation_started_at, concluded_at, summary, party_name, party_phone, mediator, campaigns)
JOIN village v ON v.code = u.village_code
ON CONFLICT (client_id) DO NOTHING
RETURNING client_id
