-- The village (and its linked officer) the template's example row names: the first of the
-- township asked for, or of the county.
SELECT t.name AS "townshipName", v.name AS "villageName", o.id AS "officerId", o.name AS "officerName"
FROM village v
JOIN township t ON t.code = v.township_code
JOIN officer o ON o.village_code = v.code
WHERE $1::text IS NULL OR v.township_code = $1
ORDER BY v.code
LIMIT 1
