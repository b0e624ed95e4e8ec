-- A user with what the API needs to know about them: role, township (a chief's own, or the
-- township of an officer's village), the officer's villages, and the sign-in bookkeeping (the limits on
-- failed sign-ins live in memory: auth/sign-in-limits.ts).
-- $1: username or NULL, $2: user id or NULL.
SELECT u.id,
       u.username,
       u.display_name AS "displayName",
       u.role,
       coalesce(u.township_code, left(o.village_code, 9)) AS "townshipCode",
       t.name AS "townshipName",
       CASE WHEN u.role = 'officer' THEN array_remove(ARRAY[o.village_code], NULL) END AS "villageCodes",
       u.officer_id AS "officerId",
       u.disabled,
       u.password_hash AS "passwordHash",
       iso_sh(u.created_at) AS "createdAt",
       iso_sh(u.last_login_at) AS "lastLoginAt"
FROM app_user u
LEFT JOIN officer o ON o.id = u.officer_id
LEFT JOIN township t ON t.code = coalesce(u.township_code, left(o.village_code, 9))
WHERE ($1::text IS NULL OR u.username = $1)
  AND ($2::int IS NULL OR u.id = $2)
ORDER BY u.id
