-- Administration of partners (cgi-bin/tenants.c).  A partner gets its
-- domain, whether it is active, whether its global admins may set their
-- customers' premium flag (the operator decides; default: no), and its
-- support profile: how operator staff reach its support, shown on each of
-- its requests.  The support email is the partner's support contact, set
-- by the operator admin when onboarding it.  A deactivated partner's
-- users cannot sign in and its sessions and tokens stop (lib/auth.c); its
-- data stays.
ALTER TABLE partner ADD COLUMN domain TEXT NOT NULL DEFAULT '';
ALTER TABLE partner ADD COLUMN active INTEGER NOT NULL DEFAULT 1
    CHECK (active IN (0, 1));
ALTER TABLE partner ADD COLUMN sets_premium INTEGER NOT NULL DEFAULT 0
    CHECK (sets_premium IN (0, 1));
ALTER TABLE partner ADD COLUMN support_email TEXT NOT NULL DEFAULT '';
ALTER TABLE partner ADD COLUMN support_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE partner ADD COLUMN support_website TEXT NOT NULL DEFAULT '';
ALTER TABLE partner ADD COLUMN support_hours TEXT NOT NULL DEFAULT '';
-- Partners made before this migration have no domain yet.
CREATE UNIQUE INDEX partner_domain ON partner(domain COLLATE NOCASE)
    WHERE domain <> '';
