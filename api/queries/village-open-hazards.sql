-- A village's hazards open at $2 (reported, not yet closed), most severe first, with the status
-- they had then, and their campaign tags. $1 village code, $2 as-of instant, $3 a campaign's code:
-- only the cases tagged with it (null: every case), as the rest of the filtered answer counts.
SELECT id, category, severity::int AS severity, department,
       CASE WHEN started_at <= $2 THEN '处置中' WHEN routed_at <= $2 THEN '已分流' ELSE '上报' END AS status,
       iso_sh(reported_at) AS "reportedAt",
       iso_sh(deadline) AS deadline,
       deadline < $2 AS overdue, description, campaigns
FROM hazard
WHERE village_code = $1 AND reported_at <= $2 AND (closed_at IS NULL OR closed_at > $2)
  AND ($3::text IS NULL OR $3 = ANY (campaigns))
ORDER BY severity DESC, deadline
