-- Sessions begun before two-step sign-in (017) never passed its second
-- step: those of the roles that must have it (lib/auth.h ROLES_TOTP:
-- operator staff and partner global admins) end, so that each signs in
-- again with a code.
DELETE FROM session WHERE user_id IN (SELECT id FROM user
    WHERE role IN ('support_agent', 'operator_admin', 'global_admin'));
