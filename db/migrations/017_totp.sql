-- Two-factor sign-in with TOTP (RFC 6238; lib/totp.c).  A user's secret
-- is kept as base32: it must be read back to check a code.  totp_step is
-- the last time step a code was accepted for, so a code is used once.
-- totp_pending is a secret shown for enrolment, until a code confirms it.
ALTER TABLE user ADD COLUMN totp_secret TEXT;
ALTER TABLE user ADD COLUMN totp_pending TEXT;
ALTER TABLE user ADD COLUMN totp_step INTEGER NOT NULL DEFAULT 0;

-- Recovery codes: ten when TOTP is set up, shown once, stored hashed
-- (lib/auth.c's auth_hash_secret), each used once.
CREATE TABLE recovery_code (
	user_id		INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	code_hash	BLOB NOT NULL,
	used_at		INTEGER,
	PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;

-- A session that has passed the password but not yet the second step:
-- it grants nothing but /login/totp, and lives minutes (lib/auth.h).
ALTER TABLE session ADD COLUMN half INTEGER NOT NULL DEFAULT 0
    CHECK (half IN (0, 1));

-- Failed second steps count towards sign-in throttling like passwords.
DROP INDEX audit_failed_email;
DROP INDEX audit_failed_address;
CREATE INDEX audit_failed_email ON audit(detail, at)
    WHERE action IN ('sign_in_failed', 'totp_failed');
CREATE INDEX audit_failed_address ON audit(remote_addr, at)
    WHERE action IN ('sign_in_failed', 'totp_failed');
