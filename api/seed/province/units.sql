-- A synthetic province for benchmarks (issue 16, item 6): $1 units in townships of $2, each unit a
-- square of a grid over 108.8-112.0 E, 24.6-30.1 N (inside Hunan, west of 衡阳县, so no square
-- overlaps a real village), one officer linked to each.
-- Codes start with 99, a province code the NBS never issued (real ones run 11-65, 71, 81, 82), so
-- they cannot collide with a real unit; every name says 合成 (synthetic).
WITH
-- columns and rows of the grid, and the size of a cell in degrees
grid AS (
  SELECT cols, ceil($1::int / cols::numeric)::int AS nrows
  FROM (SELECT ceil(sqrt($1::int * 3.2 / 5.5))::int AS cols) c
),
cell AS (
  SELECT i, (i - 1) / $2::int AS t, (i - 1) % $2::int + 1 AS k,
         108.8 + ((i - 1) % g.cols) * (3.2 / g.cols) AS x0,
         24.6 + ((i - 1) / g.cols) * (5.5 / g.nrows) AS y0,
         3.2 / g.cols AS w, 5.5 / g.nrows AS h
  FROM grid g, generate_series(1, $1::int) AS i
),
unit AS (
  SELECT i, k, '99' || lpad(t::text, 7, '0') AS township_code,
         '99' || lpad(t::text, 7, '0') || lpad(k::text, 3, '0') AS code,
         ST_SetSRID(ST_MakeEnvelope(x0, y0, x0 + w, y0 + h), 4326) AS square
  FROM cell
),
townships AS (
  INSERT INTO township (code, code12, name, kind, seat, seat_source, boundary_source, geom)
  SELECT township_code, township_code || '000', '合成乡镇' || substr(township_code, 3), '乡',
         ST_Centroid((array_agg(square ORDER BY k))[1]), 'placed', 'generated',
         ST_Multi(ST_Union(square))
  FROM unit GROUP BY township_code
  RETURNING code
),
villages AS (
  INSERT INTO village (code, township_code, name, nbs_name, kind, ur_code, population, boundary_source, geom)
  SELECT u.code, u.township_code, '合成村' || substr(u.code, 3), '合成村' || substr(u.code, 3), '村', 220,
         800 + (u.i * 7919) % 3000, 'generated', ST_Multi(u.square)
  FROM unit u JOIN townships t ON t.code = u.township_code
  RETURNING code
)
INSERT INTO officer (id, name, agency, phone, village_code, linked_since)
SELECT 'SYN' || substr(code, 3), '合成民警' || substr(code, 3), '公安', NULL, code, DATE '2024-01-01'
FROM villages
