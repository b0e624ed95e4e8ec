-- 006: client ids (the idempotency ids terminals send with intake, visits and status changes) are
-- scoped by township instead of being global across the county.
--
-- Before, client_id was UNIQUE county-wide: a township chief whose terminal sent an id another
-- township had used got a 409 (learning that the id exists elsewhere), and anyone could squat
-- another township's predictable terminal ids. Now the scope is the township the record belongs
-- to (its village's township; for a status change, that of its dispute or hazard). Township, not
-- user: row-level security already draws its line at the township, terminals are shared by the
-- staff of one township and a retry may come from a colleague's session, and a record's township
-- is known from the record itself, so no column is needed to say who created it. (Within one
-- township an officer, who sees only their own villages, can still get a 409 for an id a colleague
-- used: that stays inside the township.)
--
-- How: an intake row's client_id holds `<client id>@<township code>` (api/queries/intake/client-id.ts
-- builds it; the API answers the part before '@'). Client ids are [A-Za-z0-9._:-] only, so '@'
-- is unambiguous, and ledger ids ('ledger:<sha256>') never contain it. The existing UNIQUE
-- constraints on client_id stay and now mean "unique per township". A composite
-- UNIQUE (township, client_id) was not used because the ledger import inserts with
-- ON CONFLICT (client_id), which needs a unique index on exactly that column. Side effect: a
-- terminal can no longer take a ledger row's 'ledger:...' id away from a later import.
--
-- Only data changes here: no constraint, policy or grant is touched, so row-level security is as
-- migration 004 left it. The owner role runs migrations and has its own USING (true) policy.

UPDATE dispute SET client_id = client_id || '@' || left(village_code, 9)
  WHERE source = 'intake' AND client_id IS NOT NULL AND position('@' IN client_id) = 0;
UPDATE hazard SET client_id = client_id || '@' || left(village_code, 9)
  WHERE source = 'intake' AND client_id IS NOT NULL AND position('@' IN client_id) = 0;
UPDATE visit SET client_id = client_id || '@' || left(village_code, 9)
  WHERE source = 'intake' AND client_id IS NOT NULL AND position('@' IN client_id) = 0;
UPDATE status_change s SET client_id = s.client_id || '@' || left(d.village_code, 9)
  FROM dispute d
  WHERE s.entity = 'dispute' AND d.id = s.entity_id AND s.client_id IS NOT NULL AND position('@' IN s.client_id) = 0;
UPDATE status_change s SET client_id = s.client_id || '@' || left(z.village_code, 9)
  FROM hazard z
  WHERE s.entity = 'hazard' AND z.id = s.entity_id AND s.client_id IS NOT NULL AND position('@' IN s.client_id) = 0;
