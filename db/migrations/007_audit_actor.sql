-- The audit log page filters by actor (a partner's users, or one user)
-- and pages newest first.
CREATE INDEX audit_actor ON audit(actor_id, id);
