-- Sign-in and sessions, hardened (lib/auth.c, lib/throttle.c).
--
-- Sign-in throttling counts the recent failed sign-ins of an email and
-- of a client address in the audit log.
CREATE INDEX audit_failed_email ON audit(detail, at)
    WHERE action = 'sign_in_failed';
CREATE INDEX audit_failed_address ON audit(remote_addr, at)
    WHERE action = 'sign_in_failed';

-- A session also ends after a while unused: operator staff after 30
-- minutes (lib/auth.h), a partner's users after its own limit.  seen_at
-- is recorded at most once a minute, after the answer.
ALTER TABLE session ADD COLUMN seen_at INTEGER NOT NULL DEFAULT 0;
UPDATE session SET seen_at = created_at;
ALTER TABLE partner ADD COLUMN session_idle_minutes INTEGER NOT NULL
    DEFAULT 120 CHECK (session_idle_minutes BETWEEN 5 AND 720);

-- An API token may expire, and may be read-only (GET only).
ALTER TABLE api_token ADD COLUMN expires_at INTEGER;
ALTER TABLE api_token ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0
    CHECK (read_only IN (0, 1));
