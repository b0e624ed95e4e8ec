-- 003: events from outside the generator: grid terminals and mediators (intake API), township
-- ledgers (Excel/CSV imports), and the bookkeeping of imports and status changes.

-- Where a row came from; synthetic rows are the generator's.
ALTER TABLE dispute ADD COLUMN source text NOT NULL DEFAULT 'synthetic' CHECK (source IN ('synthetic', 'intake', 'ledger'));
ALTER TABLE dispute ADD COLUMN mediator text;
ALTER TABLE hazard ADD COLUMN source text NOT NULL DEFAULT 'synthetic' CHECK (source IN ('synthetic', 'intake'));
ALTER TABLE visit ADD COLUMN source text NOT NULL DEFAULT 'synthetic' CHECK (source IN ('synthetic', 'intake', 'ledger'));

-- New ids continue the generator's numbering: DS0000001, HZ0000001, VS0000001.
-- Seeding moves each sequence past the ids it wrote (see api/domain/ids.ts).
CREATE SEQUENCE dispute_id_seq;
CREATE SEQUENCE hazard_id_seq;
CREATE SEQUENCE visit_id_seq;

-- Every status change of a dispute or hazard, for audit and for idempotent PATCH retries.
CREATE TABLE status_change (
  id          bigserial PRIMARY KEY,
  entity      text NOT NULL CHECK (entity IN ('dispute', 'hazard')),
  entity_id   text NOT NULL,
  from_status text NOT NULL,
  to_status   text NOT NULL,
  changed_at  timestamptz NOT NULL,
  client_id   text UNIQUE,
  note        text
);
CREATE INDEX status_change_entity_idx ON status_change (entity, entity_id);

-- One row per accepted import (ledgers, boundaries): what came in and what it did.
CREATE TABLE import_batch (
  id          bigserial PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('ledger-disputes', 'ledger-visits', 'boundaries-village', 'boundaries-township')),
  file_name   text NOT NULL,
  file_sha256 text NOT NULL,
  rows        integer NOT NULL,
  inserted    integer NOT NULL,
  skipped     integer NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  report      jsonb NOT NULL DEFAULT '{}'::jsonb
);

-- The big-screen ticker also shows closures, newest first.
CREATE INDEX dispute_concluded_idx ON dispute (concluded_at) WHERE concluded_at IS NOT NULL;
CREATE INDEX hazard_closed_idx ON hazard (closed_at) WHERE closed_at IS NOT NULL;

-- An instant as the county reads it: ISO 8601 in Asia/Shanghai with an explicit offset.
CREATE FUNCTION iso_sh(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(t AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')
$$;
