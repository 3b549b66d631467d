-- Found by tests/static/test-query-plans.mjs (EXPLAIN QUERY PLAN of every
-- statement) and make bench at 1,000,000 requests (docs/performance.md):
-- reads bounded by a page or by the open requests, not by the history.

-- The desk's order (SQL_QUEUE in cgi-bin/desk.c): due first, paused
-- and stopped clocks last, then severity and age.  Walking it, a page of
-- the queue stops after its 50 rows instead of sorting every open request.
CREATE INDEX request_desk ON request(due_at IS NULL, due_at, severity,
    created_at) WHERE status <> 'closed';

-- Operator staff's request list, every partner's, newest update first.
CREATE INDEX request_updated ON request(updated_at);

-- A cited request's latest flag (remediation): one search, not a scan of
-- every flag for each cited request.
CREATE INDEX flag_request ON flag(request_id, id);

-- The expired sessions that sign-in purges.
CREATE INDEX session_expires ON session(expires_at);

-- The request list's customer choices for operator staff, by name.
CREATE INDEX customer_name ON customer(name COLLATE NOCASE);
