-- 001: the county, its townships and villages, and the operational tables.
-- All geometry is WGS84 lon/lat (EPSG:4326); all instants are timestamptz, read in Asia/Shanghai.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE app_meta (
  key   text PRIMARY KEY,
  value jsonb NOT NULL
);

CREATE TABLE county (
  code       text PRIMARY KEY CHECK (code ~ '^\d{6}$'),
  name       text NOT NULL,
  geom       geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  geom_display geometry(MultiPolygon, 4326) NOT NULL,
  display_geojson text NOT NULL
);

CREATE TABLE river (
  id    serial PRIMARY KEY,
  name  text NOT NULL,
  geom  geometry(MultiLineString, 4326) NOT NULL
);

CREATE TABLE township (
  code            text PRIMARY KEY CHECK (code ~ '^\d{9}$'),
  code12          text NOT NULL UNIQUE CHECK (code12 ~ '^\d{12}$'),
  name            text NOT NULL UNIQUE,
  kind            text NOT NULL CHECK (kind IN ('镇', '乡')),
  seat            geometry(Point, 4326) NOT NULL,
  seat_source     text NOT NULL CHECK (seat_source IN ('nbs', 'placed')),
  boundary_source text NOT NULL CHECK (boundary_source IN ('generated', 'imported')),
  geom            geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  geom_display    geometry(MultiPolygon, 4326) NOT NULL,
  display_geojson text NOT NULL
);
CREATE INDEX township_geom_gix ON township USING gist (geom);

CREATE TABLE village (
  code            text PRIMARY KEY CHECK (code ~ '^\d{12}$'),
  township_code   text NOT NULL REFERENCES township (code),
  name            text NOT NULL,
  nbs_name        text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('村', '社区')),
  ur_code         smallint,
  population      integer NOT NULL CHECK (population >= 0),
  boundary_source text NOT NULL CHECK (boundary_source IN ('generated', 'imported')),
  geom            geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  geom_display    geometry(MultiPolygon, 4326) NOT NULL,
  display_geojson text NOT NULL,
  label_point     geometry(Point, 4326) NOT NULL,
  CHECK (left(code, 9) = township_code)
);
CREATE INDEX village_geom_gix ON village USING gist (geom);
CREATE INDEX village_township_idx ON village (township_code);

-- Display geometry follows the exact boundary, whoever writes it (seeding, a boundary import):
-- simplified to ~20 m (kept only if still valid) and pre-serialised as GeoJSON with 6 decimals,
-- because serialising 491 polygons on every map request was most of the layer's cost.
CREATE FUNCTION set_display_geometry() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s geometry;
BEGIN
  s := ST_Multi(ST_SimplifyPreserveTopology(NEW.geom, 0.0002));
  IF s IS NULL OR ST_IsEmpty(s) OR NOT ST_IsValid(s) THEN
    s := NEW.geom;
  END IF;
  NEW.geom_display := s;
  NEW.display_geojson := ST_AsGeoJSON(s, 6);
  RETURN NEW;
END $$;

CREATE FUNCTION set_label_point() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.label_point := ST_PointOnSurface(NEW.geom);
  RETURN NEW;
END $$;

CREATE TRIGGER county_display BEFORE INSERT OR UPDATE OF geom ON county
  FOR EACH ROW EXECUTE FUNCTION set_display_geometry();
CREATE TRIGGER township_display BEFORE INSERT OR UPDATE OF geom ON township
  FOR EACH ROW EXECUTE FUNCTION set_display_geometry();
CREATE TRIGGER village_display BEFORE INSERT OR UPDATE OF geom ON village
  FOR EACH ROW EXECUTE FUNCTION set_display_geometry();
CREATE TRIGGER village_label BEFORE INSERT OR UPDATE OF geom ON village
  FOR EACH ROW EXECUTE FUNCTION set_label_point();

CREATE TABLE officer (
  id            text PRIMARY KEY,
  name          text NOT NULL,
  agency        text NOT NULL CHECK (agency IN ('公安', '检察院', '法院', '司法局')),
  phone         text,
  village_code  text NOT NULL UNIQUE REFERENCES village (code),
  linked_since  date NOT NULL
);

CREATE TABLE guardian (
  id            text PRIMARY KEY,
  name          text NOT NULL,
  village_code  text NOT NULL REFERENCES village (code),
  since         date NOT NULL
);
CREATE INDEX guardian_village_idx ON guardian (village_code);

CREATE TABLE visit (
  id            text PRIMARY KEY,
  client_id     text UNIQUE,
  officer_id    text NOT NULL REFERENCES officer (id),
  village_code  text NOT NULL REFERENCES village (code),
  kind          text NOT NULL CHECK (kind IN ('走访', '法治宣讲', '法治电影放映', '矛盾排查')),
  visited_at    timestamptz NOT NULL,
  geom          geometry(Point, 4326) NOT NULL
);
CREATE INDEX visit_village_time_idx ON visit (village_code, visited_at);
CREATE INDEX visit_time_idx ON visit (visited_at) INCLUDE (village_code);
CREATE INDEX visit_geom_gix ON visit USING gist (geom);

CREATE TABLE dispute (
  id                   text PRIMARY KEY,
  client_id            text UNIQUE,
  category             text NOT NULL CHECK (category IN ('婚姻家庭', '邻里纠纷', '山林权属', '宅基地', '土地承包', '劳资', '合同债务', '其他')),
  channel              text NOT NULL CHECK (channel IN ('综治中心', '人民调解委员会', '公约守护人', '好人调解室', '司法确认')),
  status               text NOT NULL CHECK (status IN ('受理', '调处中', '调解成功', '调解失败', '移交诉讼')),
  village_code         text NOT NULL REFERENCES village (code),
  received_at          timestamptz NOT NULL,
  mediation_started_at timestamptz,
  concluded_at         timestamptz,
  geom                 geometry(Point, 4326) NOT NULL,
  summary              text NOT NULL DEFAULT '',
  party_name           text,
  party_phone          text,
  -- The lifecycle is 受理 -> 调处中 -> outcome; timestamps follow it.
  CHECK (mediation_started_at IS NULL OR mediation_started_at >= received_at),
  CHECK (concluded_at IS NULL OR (mediation_started_at IS NOT NULL AND concluded_at >= mediation_started_at)),
  CHECK ((status IN ('调解成功', '调解失败', '移交诉讼')) = (concluded_at IS NOT NULL)),
  CHECK (status <> '调处中' OR mediation_started_at IS NOT NULL)
);
-- Covering: the period flows aggregate from the index alone (index-only scans).
CREATE INDEX dispute_received_idx ON dispute (received_at) INCLUDE (village_code, concluded_at, status);
CREATE INDEX dispute_village_received_idx ON dispute (village_code, received_at);
-- "Open at instant T" = received <= T < concluded (or still open): a GiST index over that interval
-- finds the few rows open at any T, past or present, without scanning the history.
CREATE INDEX dispute_open_span_gix ON dispute USING gist (tstzrange(received_at, coalesce(concluded_at, 'infinity'::timestamptz), '[)'));
CREATE INDEX dispute_geom_gix ON dispute USING gist (geom);

CREATE TABLE hazard (
  id             text PRIMARY KEY,
  client_id      text UNIQUE,
  category       text NOT NULL CHECK (category IN ('治安', '消防', '交通', '地质灾害', '涉毒', '电信诈骗', '安全生产', '其他')),
  severity       smallint NOT NULL CHECK (severity BETWEEN 1 AND 4),
  department     text NOT NULL,
  status         text NOT NULL CHECK (status IN ('上报', '已分流', '处置中', '已办结')),
  village_code   text NOT NULL REFERENCES village (code),
  reported_at    timestamptz NOT NULL,
  routed_at      timestamptz,
  started_at     timestamptz,
  closed_at      timestamptz,
  deadline       timestamptz NOT NULL,
  geom           geometry(Point, 4326) NOT NULL,
  description    text NOT NULL DEFAULT '',
  reporter_name  text,
  reporter_phone text,
  CHECK (deadline > reported_at),
  CHECK (routed_at IS NULL OR routed_at >= reported_at),
  CHECK (started_at IS NULL OR (routed_at IS NOT NULL AND started_at >= routed_at)),
  CHECK (closed_at IS NULL OR (started_at IS NOT NULL AND closed_at >= started_at)),
  CHECK ((status = '已办结') = (closed_at IS NOT NULL))
);
CREATE INDEX hazard_reported_idx ON hazard (reported_at) INCLUDE (village_code);
CREATE INDEX hazard_village_reported_idx ON hazard (village_code, reported_at);
CREATE INDEX hazard_open_span_gix ON hazard USING gist (tstzrange(reported_at, coalesce(closed_at, 'infinity'::timestamptz), '[)'));
CREATE INDEX hazard_geom_gix ON hazard USING gist (geom);

-- Hazard routing, editable by the county: the highest min_severity rule that matches wins.
CREATE TABLE hazard_routing (
  category     text NOT NULL CHECK (category IN ('治安', '消防', '交通', '地质灾害', '涉毒', '电信诈骗', '安全生产', '其他')),
  min_severity smallint NOT NULL CHECK (min_severity BETWEEN 1 AND 4),
  department   text NOT NULL,
  PRIMARY KEY (category, min_severity)
);

CREATE TABLE hazard_deadline (
  severity smallint PRIMARY KEY CHECK (severity BETWEEN 1 AND 4),
  days     integer NOT NULL CHECK (days > 0)
);
