-- A village's disputes open at $2 (received, not yet concluded), newest first, with the status
-- they had then, and their campaign tags. $1 village code, $2 as-of instant, $3 a campaign's code:
-- only the cases tagged with it (null: every case), as the rest of the filtered answer counts.
SELECT id, category, channel,
       CASE WHEN mediation_started_at IS NOT NULL AND mediation_started_at <= $2 THEN '调处中' ELSE '受理' END AS status,
       iso_sh(received_at) AS "receivedAt", summary, campaigns
FROM dispute
WHERE village_code = $1 AND received_at <= $2 AND (concluded_at IS NULL OR concluded_at > $2)
  AND ($3::text IS NULL OR $3 = ANY (campaigns))
ORDER BY received_at DESC
