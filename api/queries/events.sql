-- The map's points: the newest $10 rows of each requested type (at most; ./events.ts merges them).
-- $1 from, $2 to (exclusive), $3 township or NULL, $4 / $5 category and status filters (NULL: all;
-- a visit's category is its kind, and it has no status, so a status filter leaves no visits),
-- $6..$9 bbox minLng, minLat, maxLng, maxLat (NULL: anywhere), $10 rows per type, $11 the types,
-- $12 campaign code (NULL: all; visits are never tagged, so a campaign leaves no visits, as a status does).
(
  SELECT id, 'dispute' AS type,
         round(ST_X(geom)::numeric, 6)::float8 AS lng, round(ST_Y(geom)::numeric, 6)::float8 AS lat,
         category, status, NULL::int AS severity, iso_sh(received_at) AS at, village_code AS "villageCode"
  FROM dispute
  WHERE 'dispute' = ANY($11::text[])
    AND received_at >= $1 AND received_at < $2
    AND ($3::text IS NULL OR village_code LIKE $3 || '%')
    AND ($4::text[] IS NULL OR category = ANY($4::text[]))
    AND ($5::text[] IS NULL OR status = ANY($5::text[]))
    AND ($12::text IS NULL OR campaigns @> ARRAY[$12::text])
    AND ($6::float8 IS NULL OR geom && ST_MakeEnvelope($6, $7, $8, $9, 4326))
  ORDER BY received_at DESC, id
  LIMIT $10
)
UNION ALL
(
  SELECT id, 'hazard',
         round(ST_X(geom)::numeric, 6)::float8, round(ST_Y(geom)::numeric, 6)::float8,
         category, status, severity::int, iso_sh(reported_at), village_code
  FROM hazard
  WHERE 'hazard' = ANY($11::text[])
    AND reported_at >= $1 AND reported_at < $2
    AND ($3::text IS NULL OR village_code LIKE $3 || '%')
    AND ($4::text[] IS NULL OR category = ANY($4::text[]))
    AND ($5::text[] IS NULL OR status = ANY($5::text[]))
    AND ($12::text IS NULL OR campaigns @> ARRAY[$12::text])
    AND ($6::float8 IS NULL OR geom && ST_MakeEnvelope($6, $7, $8, $9, 4326))
  ORDER BY reported_at DESC, id
  LIMIT $10
)
UNION ALL
(
  SELECT id, 'visit',
         round(ST_X(geom)::numeric, 6)::float8, round(ST_Y(geom)::numeric, 6)::float8,
         kind, NULL::text, NULL::int, iso_sh(visited_at), village_code
  FROM visit
  WHERE 'visit' = ANY($11::text[])
    AND visited_at >= $1 AND visited_at < $2
    AND ($3::text IS NULL OR village_code LIKE $3 || '%')
    AND ($4::text[] IS NULL OR kind = ANY($4::text[]))
    AND $5::text[] IS NULL
    AND $12::text IS NULL
    AND ($6::float8 IS NULL OR geom && ST_MakeEnvelope($6, $7, $8, $9, 4326))
  ORDER BY visited_at DESC, id
  LIMIT $10
)
