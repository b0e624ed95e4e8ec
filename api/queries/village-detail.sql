-- One village with its township, officer and guardian count. $1 village code.
SELECT v.code, v.name, v.nbs_name AS "nbsName", v.kind, v.population, v.boundary_source AS "boundarySource",
       v.township_code AS "townshipCode", t.name AS "townshipName",
       json_build_array(round(ST_X(v.label_point)::numeric, 6), round(ST_Y(v.label_point)::numeric, 6))::text AS "labelPoint",
       json_build_array(round(ST_XMin(v.geom)::numeric, 6), round(ST_YMin(v.geom)::numeric, 6),
                        round(ST_XMax(v.geom)::numeric, 6), round(ST_YMax(v.geom)::numeric, 6))::text AS bbox,
       round((ST_Area(v.geom::geography) / 1e6)::numeric, 2)::float8 AS "areaKm2",
       (SELECT count(*)::int FROM guardian g WHERE g.village_code = v.code) AS guardians,
       o.id AS officer_id, o.name AS officer_name, o.agency AS officer_agency, o.phone AS officer_phone,
       to_char(o.linked_since, 'YYYY-MM-DD') AS officer_since
FROM village v
JOIN township t ON t.code = v.township_code
LEFT JOIN officer o ON o.village_code = v.code
WHERE v.code = $1
