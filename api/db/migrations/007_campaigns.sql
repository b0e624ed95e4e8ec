-- 007: campaigns (专项行动, issue 15). A campaign is a named, dated push on some categories of
-- disputes and hazards (清源断流 on drugs, 净网 on online fraud, ...), county-wide or in some
-- townships. Cases carry the codes of the campaigns they belong to in a text[] column on their own
-- row, so every filter is one more predicate on the row (`campaigns @> ARRAY[$n]`) and row-level
-- security needs nothing new for the tags: they are seen with the case or not at all.
--
-- Tags come from intake and status changes (the bodies' `campaigns`), ledger imports (the
-- 专项行动 column) and, for a campaign with auto_tag, from the case itself: a dispute received or a
-- hazard reported on a day of the campaign, in one of its categories and townships, is tagged on
-- insert (trigger) and when the campaign is created or changed (campaign_autotag). A tag is never
-- taken away by a change of the campaign: narrowing its dates leaves earlier tags in place.

CREATE TABLE campaign (
  code               text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,31}$'),
  name               text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 40),
  description        text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  start_date         date NOT NULL,
  end_date           date NOT NULL,
  dispute_categories text[] NOT NULL DEFAULT '{}' CHECK (dispute_categories <@ ARRAY['婚姻家庭', '邻里纠纷', '山林权属', '宅基地', '土地承包', '劳资', '合同债务', '其他']::text[]),
  hazard_categories  text[] NOT NULL DEFAULT '{}' CHECK (hazard_categories <@ ARRAY['治安', '消防', '交通', '地质灾害', '涉毒', '电信诈骗', '安全生产', '其他']::text[]),
  -- NULL: the whole county. Township codes are checked by the API (an array has no foreign key).
  townships          text[] CHECK (townships IS NULL OR (cardinality(townships) BETWEEN 1 AND 30)),
  lead_department    text NOT NULL DEFAULT '' CHECK (length(lead_department) <= 60),
  auto_tag           boolean NOT NULL DEFAULT false,
  -- The generator's four are replaced by a regeneration; an admin's are never touched by it.
  source             text NOT NULL DEFAULT 'admin' CHECK (source IN ('synthetic', 'admin')),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date >= start_date),
  CHECK (cardinality(dispute_categories) + cardinality(hazard_categories) > 0)
);

ALTER TABLE dispute ADD COLUMN campaigns text[] NOT NULL DEFAULT '{}';
ALTER TABLE hazard ADD COLUMN campaigns text[] NOT NULL DEFAULT '{}';

-- A chief or an officer sees the county-wide campaigns and those that include their township;
-- the county, the wall and admins see all (app_protect's county policy).
SELECT app_protect('campaign',
  $p$CASE current_setting('app.scope', true) WHEN 'township' THEN townships IS NULL OR current_setting('app.township', true) = ANY (townships)
                                            WHEN 'villages' THEN townships IS NULL OR current_setting('app.township', true) = ANY (townships)
                                            ELSE false END$p$);

-- Does a campaign target this case? The one definition of auto-tagging, for the insert triggers
-- and for the set-based campaign_autotag below.
CREATE FUNCTION campaign_targets(c campaign, p_kind text, p_category text, p_village text, p_at timestamptz) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT c.auto_tag
     AND p_category = ANY (CASE p_kind WHEN 'dispute' THEN c.dispute_categories ELSE c.hazard_categories END)
     AND (c.townships IS NULL OR left(p_village, 9) = ANY (c.townships))
     AND (p_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN c.start_date AND c.end_date
$$;

-- The tags of a new case: those it came with, and every auto-tagging campaign that targets it
-- (among the campaigns the inserting role sees, which are all those of its township), sorted.
CREATE FUNCTION campaign_tags(p_tags text[], p_kind text, p_category text, p_village text, p_at timestamptz) RETURNS text[]
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(DISTINCT x ORDER BY x), '{}')
  FROM unnest(p_tags || ARRAY(SELECT c.code FROM campaign c WHERE campaign_targets(c, p_kind, p_category, p_village, p_at))) AS x
$$;

CREATE FUNCTION dispute_campaign_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.campaigns := campaign_tags(NEW.campaigns, 'dispute', NEW.category, NEW.village_code, NEW.received_at);
  RETURN NEW;
END $$;
CREATE FUNCTION hazard_campaign_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.campaigns := campaign_tags(NEW.campaigns, 'hazard', NEW.category, NEW.village_code, NEW.reported_at);
  RETURN NEW;
END $$;
-- The generator's bulk rows are tagged once, set-based, after the load (campaign_autotag).
CREATE TRIGGER dispute_campaign_autotag BEFORE INSERT ON dispute
  FOR EACH ROW WHEN (NEW.source <> 'synthetic') EXECUTE FUNCTION dispute_campaign_tags();
CREATE TRIGGER hazard_campaign_autotag BEFORE INSERT ON hazard
  FOR EACH ROW WHEN (NEW.source <> 'synthetic') EXECUTE FUNCTION hazard_campaign_tags();

-- Tags every case an auto-tagging campaign targets (a new or changed campaign, a seeding);
-- returns how many rows gained the tag. Runs as the caller: the admin's county role, or the owner.
CREATE FUNCTION campaign_autotag(p_code text) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  c campaign;
  n integer;
  m integer;
BEGIN
  SELECT * INTO c FROM campaign WHERE code = p_code;
  IF NOT FOUND OR NOT c.auto_tag THEN
    RETURN 0;
  END IF;
  -- the date test on the indexed instants first, then the row test
  UPDATE dispute d SET campaigns = campaigns || p_code
  WHERE d.received_at >= c.start_date::timestamp AT TIME ZONE 'Asia/Shanghai'
    AND d.received_at < (c.end_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
    AND NOT d.campaigns @> ARRAY[p_code]
    AND campaign_targets(c, 'dispute', d.category, d.village_code, d.received_at);
  GET DIAGNOSTICS n = ROW_COUNT;
  UPDATE hazard h SET campaigns = campaigns || p_code
  WHERE h.reported_at >= c.start_date::timestamp AT TIME ZONE 'Asia/Shanghai'
    AND h.reported_at < (c.end_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
    AND NOT h.campaigns @> ARRAY[p_code]
    AND campaign_targets(c, 'hazard', h.category, h.village_code, h.reported_at);
  GET DIAGNOSTICS m = ROW_COUNT;
  RETURN n + m;
END $$;

-- Where a campaign applies, whatever the caller may see: tells "another township's campaign"
-- (403) from "no such campaign" (400). No row: no such campaign; townships NULL: county-wide.
CREATE FUNCTION app_campaign_scope(p_code text) RETURNS TABLE (townships text[]) LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
  SELECT c.townships FROM campaign c WHERE c.code = p_code
$$;
REVOKE EXECUTE ON FUNCTION app_campaign_scope(text) FROM PUBLIC;

-- Admins (the county role) edit campaigns and tag cases; chiefs and officers read theirs and tag
-- their own cases through the dispute/hazard grants they already hold.
GRANT SELECT ON campaign TO hengyang_county, hengyang_app;
GRANT INSERT, UPDATE, DELETE ON campaign TO hengyang_county;
GRANT EXECUTE ON FUNCTION app_campaign_scope(text) TO hengyang_county, hengyang_app;

-- village_metrics counts only a campaign's cases when asked (p_campaign): the flows, the open
-- stocks and the success rate. Coverage and silence are about officers and information, not
-- about a campaign's cases, and stay as they are. A new parameter needs DROP and CREATE: a
-- CREATE OR REPLACE with one more parameter would make a second function.
DROP FUNCTION village_metrics(timestamptz, timestamptz, timestamptz, integer, text, integer, text[], text[]);

CREATE FUNCTION village_metrics(
  p_from     timestamptz,
  p_to       timestamptz,
  p_ref      timestamptz,
  p_required integer,
  p_township text,
  p_silence_days integer,
  p_categories text[] DEFAULT NULL,
  p_statuses text[] DEFAULT NULL,
  p_campaign text DEFAULT NULL
) RETURNS TABLE (
  village_code        text,
  township_code       text,
  population          integer,
  disputes            integer,
  disputes_concluded  integer,
  disputes_successful integer,
  disputes_open       integer,
  hazards             integer,
  hazards_open        integer,
  hazards_overdue     integer,
  hazards_open_s1     integer,
  hazards_open_s2     integer,
  hazards_open_s3     integer,
  hazards_open_s4     integer,
  visits_quarter      integer,
  last_visit_at       timestamptz,
  officer_id          text,
  expected_visits     integer,
  coverage_status     text,
  last_report_at      timestamptz,
  silent              boolean
) LANGUAGE sql STABLE AS $$
WITH
-- the villages in scope
v AS (
  SELECT code, township_code, population
  FROM village
  WHERE coalesce(p_township, '') = '' OR township_code = p_township
),
-- the calendar quarter (Asia/Shanghai) that contains p_ref
q AS (
  SELECT date_trunc('quarter', p_ref AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' AS q_start,
         (date_trunc('quarter', p_ref AT TIME ZONE 'Asia/Shanghai') + interval '3 months') AT TIME ZONE 'Asia/Shanghai' AS q_end
),
-- disputes received in the period; outcomes known by p_ref
d_flow AS (
  SELECT d.village_code, count(*)::int AS disputes
  FROM dispute d
  WHERE d.received_at >= p_from AND d.received_at < p_to
    AND (p_categories IS NULL OR d.category = ANY(p_categories))
    AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR d.campaigns @> ARRAY[p_campaign])
  GROUP BY d.village_code
),
-- disputes concluded in the period, whenever received: the success rate of the period's work
-- (a week's rate then rests on that week's ~100 conclusions, not on the few of its own intake)
d_done AS (
  SELECT d.village_code,
         count(*)::int AS concluded,
         count(*) FILTER (WHERE d.status = '调解成功')::int AS successful
  FROM dispute d
  WHERE d.concluded_at >= p_from AND d.concluded_at < p_to AND d.concluded_at <= p_ref
    AND (p_categories IS NULL OR d.category = ANY(p_categories))
    AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR d.campaigns @> ARRAY[p_campaign])
  GROUP BY d.village_code
),
-- disputes open at p_ref, whenever received
d_open AS (
  SELECT d.village_code, count(*)::int AS open
  FROM dispute d
  WHERE tstzrange(d.received_at, coalesce(d.concluded_at, 'infinity'::timestamptz), '[)') @> p_ref
    AND (p_categories IS NULL OR d.category = ANY(p_categories))
    AND (p_statuses IS NULL OR d.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR d.campaigns @> ARRAY[p_campaign])
  GROUP BY d.village_code
),
h_flow AS (
  SELECT h.village_code, count(*)::int AS reported
  FROM hazard h
  WHERE h.reported_at >= p_from AND h.reported_at < p_to
    AND (p_categories IS NULL OR h.category = ANY(p_categories))
    AND (p_statuses IS NULL OR h.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR h.campaigns @> ARRAY[p_campaign])
  GROUP BY h.village_code
),
-- hazards open at p_ref, whenever reported; overdue when past their deadline at p_ref
h_open AS (
  SELECT h.village_code,
         count(*)::int AS open,
         count(*) FILTER (WHERE h.deadline < p_ref)::int AS overdue,
         count(*) FILTER (WHERE h.severity = 1)::int AS s1,
         count(*) FILTER (WHERE h.severity = 2)::int AS s2,
         count(*) FILTER (WHERE h.severity = 3)::int AS s3,
         count(*) FILTER (WHERE h.severity = 4)::int AS s4
  FROM hazard h
  WHERE tstzrange(h.reported_at, coalesce(h.closed_at, 'infinity'::timestamptz), '[)') @> p_ref
    AND (p_categories IS NULL OR h.category = ANY(p_categories))
    AND (p_statuses IS NULL OR h.status = ANY(p_statuses))
    AND (p_campaign IS NULL OR h.campaigns @> ARRAY[p_campaign])
  GROUP BY h.village_code
),
-- officer visits in the quarter so far
vis AS (
  SELECT x.village_code, count(*)::int AS quarter
  FROM visit x, q
  WHERE x.visited_at >= q.q_start AND x.visited_at <= p_ref
  GROUP BY x.village_code
),
-- each officer's visits over the last 182 days: their rhythm
rhythm AS (
  SELECT x.officer_id, count(*)::int AS recent
  FROM visit x
  WHERE x.visited_at > p_ref - interval '182 days' AND x.visited_at <= p_ref
  GROUP BY x.officer_id
),
-- the projection: this quarter's visits plus what the officer's rhythm fits into the days left
fc AS MATERIALIZED (
  SELECT v.code,
         o.id AS officer_id,
         coalesce(vis.quarter, 0) AS quarter,
         coalesce(vis.quarter, 0)
           + floor(coalesce(r.recent, 0) / 182.0 * extract(epoch FROM (q.q_end - p_ref)) / 86400)::int AS expected,
         (SELECT max(x.visited_at) FROM visit x WHERE x.village_code = v.code AND x.visited_at <= p_ref) AS last_visit,
         (SELECT max(h.reported_at) FROM hazard h WHERE h.village_code = v.code AND h.reported_at <= p_ref) AS last_report
  FROM v
  CROSS JOIN q
  LEFT JOIN vis ON vis.village_code = v.code
  LEFT JOIN officer o ON o.village_code = v.code
  LEFT JOIN rhythm r ON r.officer_id = o.id
)
SELECT v.code, v.township_code, v.population,
       coalesce(df.disputes, 0), coalesce(dd.concluded, 0), coalesce(dd.successful, 0), coalesce(dop.open, 0),
       coalesce(hf.reported, 0), coalesce(hop.open, 0), coalesce(hop.overdue, 0),
       coalesce(hop.s1, 0), coalesce(hop.s2, 0), coalesce(hop.s3, 0), coalesce(hop.s4, 0),
       fc.quarter,
       fc.last_visit,
       fc.officer_id,
       fc.expected,
       CASE
         WHEN fc.quarter >= p_required THEN 'met'
         WHEN fc.expected >= p_required THEN 'at_risk'
         ELSE 'missed'
       END,
       fc.last_report,
       coalesce(greatest(fc.last_visit, fc.last_report), '-infinity'::timestamptz) < p_ref - make_interval(days => p_silence_days)
FROM v
JOIN fc ON fc.code = v.code
LEFT JOIN d_flow df ON df.village_code = v.code
LEFT JOIN d_done dd ON dd.village_code = v.code
LEFT JOIN d_open dop ON dop.village_code = v.code
LEFT JOIN h_flow hf ON hf.village_code = v.code
LEFT JOIN h_open hop ON hop.village_code = v.code
$$;
