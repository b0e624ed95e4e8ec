-- 022: a township's village metrics read their own villages' and officers' rows, not the map's
-- (issue 16).
--
-- village_metrics_rows ran one statement with one generic plan (018: plan_cache_mode
-- force_generic_plan) for the county and for a township. Planned for neither, it joined the
-- villages in scope to the whole officer table, the kept day's whole coverage_village and
-- village_latest by hash, and grouped the day's visits of every village and officer of the map
-- (on a kept day, 015): at province scale (30,491 villages) a township's call of 20 villages read
-- about 30,000 rows of each and grouped some 1,400 villages' and 2,600 officers' visits of the
-- day, and probed that group once per village (auto_explain, steady state of a pooled
-- connection: 18 ms of a village tile's two calls of 31 ms). Written for a township alone (one
-- probe per village by the unique keys), the same statement made the county's call of 491
-- villages a third slower (8.4 -> 12.9 ms): one plan cannot serve both.
--
-- So the body now holds two statements: the county's (no township: `codes` is NULL) exactly as
-- before, and a township's, whose officer, kept row and latest visit and report are probed per
-- village (LATERAL ... LIMIT 1 on unique keys, so each reads one row and the plan's estimate
-- stays one per village) and whose day's visits are grouped for the township's villages and for
-- its officers only (an officer's rhythm still counts their visits anywhere). pgbench, one client,
-- a township's call at noon of a kept day, alternating: province 12.8-13.6 -> 6.8-7.1 ms; the
-- county's villages at 1x within the spread (township 1.95 -> 2.03, as its chief 1.96 -> 1.92,
-- four pairs; at 10x 2.73 -> 2.80 and 2.62 -> 2.74, the county's unchanged statement 11.42 -> 11.59).
--
-- The township's statement is made from the county's by the patches below, each of which must be
-- found exactly once when 022 runs, or the migration fails: the body is not copied whole (300
-- lines), and 022 cannot apply to a body it was not written for. A later change of the body
-- writes both statements (docs/architecture.md); village-metrics-kept.db.test.ts holds a
-- township's rows to the county's rows of that township on kept days. The body as it results is
-- kept in api/db/functions/village_metrics_rows.plpgsql (function-bodies.db.test.ts). The function
-- keeps its signature and attributes (018's, renamed in 021) and its grants. The same kept-day
-- test holds a township's answers to the rollups' (a mutant of either grouping fails it);
-- rollups.db.test.ts and chief-reads.db.test.ts the rest.

DO $migration$
DECLARE
  fn  constant regprocedure := 'public.village_metrics_rows(timestamptz, timestamptz, timestamptz, integer, text, integer, text[], text[], text)'::regprocedure;
  def  constant text := pg_get_functiondef(fn);
  -- the body's one statement, from RETURN QUERY to its semicolon before END
  stmt constant text := substr(def, position('  RETURN QUERY' IN def), position(E';\nEND ' IN def) - position('  RETURN QUERY' IN def) + 1);
  township text := stmt;
  patch text[];
  found int;
BEGIN
  IF position('  RETURN QUERY' IN def) = 0 OR position(E';\nEND ' IN def) = 0 OR position('IF codes IS NULL' IN def) > 0 THEN
    RAISE EXCEPTION '022: village_metrics_rows is not 018''s single statement';
  END IF;
  FOREACH patch SLICE 1 IN ARRAY ARRAY[
    -- the day's visits of the villages in scope only
    [$o$  SELECT t.village_code, count(*)::int AS n FROM today t GROUP BY t.village_code$o$,
     $n$  SELECT t.village_code, count(*)::int AS n FROM today t WHERE left(t.village_code, 9) = p_township GROUP BY t.village_code$n$],
    -- and of the officers of the villages in scope (wherever they were)
    [$o$x.visited_at < k.r0) s
  GROUP BY s.officer_id$o$,
     $n$x.visited_at < k.r0) s
  WHERE s.officer_id IN (SELECT o.id FROM village vl JOIN officer o ON o.village_code = vl.code WHERE vl.township_code = p_township)
  GROUP BY s.officer_id$n$],
    -- a village's officer, kept row and latest visit and report by their unique keys, one probe each
    [$o$  LEFT JOIN officer o ON o.village_code = v.code$o$,
     $n$  LEFT JOIN LATERAL (SELECT o.id FROM officer o WHERE o.village_code = v.code LIMIT 1) o ON true$n$],
    [$o$  LEFT JOIN coverage_village c ON use_kept AND c.day = k.day AND c.village_code = v.code$o$,
     $n$  LEFT JOIN LATERAL (SELECT c.quarter FROM coverage_village c WHERE use_kept AND c.day = k.day AND c.village_code = v.code LIMIT 1) c ON true$n$],
    [$o$  LEFT JOIN village_latest lv ON lv.village_code = qr.code AND lv.kind = 'visit'
  LEFT JOIN village_latest lr ON lr.village_code = qr.code AND lr.kind = 'report'$o$,
     $n$  LEFT JOIN LATERAL (SELECT l.at FROM village_latest l WHERE l.village_code = qr.code AND l.kind = 'visit' LIMIT 1) lv ON true
  LEFT JOIN LATERAL (SELECT l.at FROM village_latest l WHERE l.village_code = qr.code AND l.kind = 'report' LIMIT 1) lr ON true$n$]
  ] LOOP
    found := (length(township) - length(replace(township, patch[1], ''))) / length(patch[1]);
    IF found <> 1 THEN
      RAISE EXCEPTION '022: % found % times in village_metrics_rows, not once', quote_literal(patch[1]), found;
    END IF;
    township := replace(township, patch[1], patch[2]);
  END LOOP;
  -- the county's statement as it was; a township's (codes set) patched
  EXECUTE replace(def, stmt, E'  IF codes IS NULL THEN\n' || stmt || E'\n  ELSE\n' || township || E'\n  END IF;');
END
$migration$;
