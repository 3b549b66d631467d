-- Sign-in throttling (lib/throttle.c) counts the recent failed
-- sign-ins of an email and of a client address in the audit log.
CREATE INDEX audit_failed_email ON audit(detail, at)
    WHERE action = 'sign_in_failed';
CREATE INDEX audit_failed_address ON audit(remote_addr, at)
    WHERE action = 'sign_in_failed';
