-- A village's disputes open at $2 (received, not yet concluded), newest first, with the status
-- they had then. $1 village code, $2 as-of instant.
SELECT id, category, channel,
       CASE WHEN mediation_started_at IS NOT NULL AND mediation_started_at <= $2 THEN '调处中' ELSE '受理' END AS status,
       iso_sh(received_at) AS "receivedAt", summary
FROM dispute
WHERE village_code = $1 AND received_at <= $2 AND (concluded_at IS NULL OR concluded_at > $2)
ORDER BY received_at DESC
