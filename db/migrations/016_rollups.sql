-- Rollups kept by triggers, so that the SLA report and the partner
-- scorecard read a few rows per month and group instead of every request
-- of their window (docs/performance.md).

-- Requests filed per UTC month, partner, severity and service, by the
-- state of one SLA target: met (in time), breached (recorded) and
-- pending (neither yet).  filed = met + breached + pending.  A pending
-- clock may pass its due time without a write: the report counts those
-- from request_overdue below.  Only 'first_response' is kept today; the
-- next-response and resolution targets (issue 14) are rows of their own.
CREATE TABLE sla_rollup (
	target		TEXT NOT NULL CHECK (target IN ('first_response',
			    'next_response', 'resolution')),
	month		TEXT NOT NULL,	-- 'YYYY-MM' of created_at, UTC
	partner_id	INTEGER NOT NULL,
	severity	TEXT NOT NULL,
	service_id	INTEGER NOT NULL,
	filed		INTEGER NOT NULL,
	met		INTEGER NOT NULL,
	breached	INTEGER NOT NULL,
	pending		INTEGER NOT NULL,
	PRIMARY KEY (target, month, partner_id, severity, service_id)
) WITHOUT ROWID;

CREATE TRIGGER sla_rollup_insert AFTER INSERT ON request
BEGIN
	INSERT INTO sla_rollup VALUES ('first_response',
	    strftime('%Y-%m', NEW.created_at, 'unixepoch'), NEW.partner_id,
	    NEW.severity, NEW.service_id, 1,
	    NEW.first_contact_at IS NOT NULL AND NEW.breached = 0,
	    NEW.breached = 1, NEW.first_contact_at IS NULL AND NEW.breached = 0)
	ON CONFLICT DO UPDATE SET filed = filed + 1, met = met + excluded.met,
	    breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
END;

-- A clock refresh writes breached on every change of a request: only a
-- change of what the rollup counts moves it.
CREATE TRIGGER sla_rollup_update AFTER UPDATE OF created_at, partner_id,
    severity, service_id, first_contact_at, breached ON request
WHEN (OLD.created_at, OLD.partner_id, OLD.severity, OLD.service_id,
    OLD.first_contact_at IS NULL, OLD.breached) IS NOT
    (NEW.created_at, NEW.partner_id, NEW.severity, NEW.service_id,
    NEW.first_contact_at IS NULL, NEW.breached)
BEGIN
	UPDATE sla_rollup SET filed = filed - 1,
	    met = met - (OLD.first_contact_at IS NOT NULL AND OLD.breached = 0),
	    breached = breached - (OLD.breached = 1),
	    pending = pending - (OLD.first_contact_at IS NULL AND OLD.breached = 0)
	WHERE target = 'first_response'
	AND month = strftime('%Y-%m', OLD.created_at, 'unixepoch')
	AND partner_id = OLD.partner_id AND severity = OLD.severity
	AND service_id = OLD.service_id;
	INSERT INTO sla_rollup VALUES ('first_response',
	    strftime('%Y-%m', NEW.created_at, 'unixepoch'), NEW.partner_id,
	    NEW.severity, NEW.service_id, 1,
	    NEW.first_contact_at IS NOT NULL AND NEW.breached = 0,
	    NEW.breached = 1, NEW.first_contact_at IS NULL AND NEW.breached = 0)
	ON CONFLICT DO UPDATE SET filed = filed + 1, met = met + excluded.met,
	    breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
END;

CREATE TRIGGER sla_rollup_delete AFTER DELETE ON request
BEGIN
	UPDATE sla_rollup SET filed = filed - 1,
	    met = met - (OLD.first_contact_at IS NOT NULL AND OLD.breached = 0),
	    breached = breached - (OLD.breached = 1),
	    pending = pending - (OLD.first_contact_at IS NULL AND OLD.breached = 0)
	WHERE target = 'first_response'
	AND month = strftime('%Y-%m', OLD.created_at, 'unixepoch')
	AND partner_id = OLD.partner_id AND severity = OLD.severity
	AND service_id = OLD.service_id;
END;

INSERT INTO sla_rollup
SELECT 'first_response', strftime('%Y-%m', created_at, 'unixepoch'),
    partner_id, severity, service_id, count(*),
    sum(first_contact_at IS NOT NULL AND breached = 0), sum(breached = 1),
    sum(first_contact_at IS NULL AND breached = 0)
FROM request GROUP BY 2, 3, 4, 5;

-- The pending first responses with a running clock: those past their due
-- time are breached although no write has recorded it yet.  As many as
-- the open requests without a contact, never the history.
CREATE INDEX request_overdue ON request(due_at, created_at)
    WHERE first_contact_at IS NULL AND breached = 0 AND due_at IS NOT NULL;

-- The services a partner's customers use, with how many use each: the
-- dashboard's incidents and the request list's service choices read a
-- partner's few rows instead of every customer it has.  A customer never
-- changes partner (cgi-bin/tenants.c), so customer_service's inserts and
-- deletes are all that moves it.
CREATE TABLE partner_service (
	partner_id	INTEGER NOT NULL,
	service_id	INTEGER NOT NULL,
	customers	INTEGER NOT NULL,
	PRIMARY KEY (partner_id, service_id)
) WITHOUT ROWID;

CREATE TRIGGER partner_service_insert AFTER INSERT ON customer_service
BEGIN
	INSERT INTO partner_service SELECT partner_id, NEW.service_id, 1
	FROM customer WHERE id = NEW.customer_id
	ON CONFLICT DO UPDATE SET customers = customers + 1;
END;

CREATE TRIGGER partner_service_delete AFTER DELETE ON customer_service
BEGIN
	UPDATE partner_service SET customers = customers - 1
	WHERE service_id = OLD.service_id AND partner_id =
	    (SELECT partner_id FROM customer WHERE id = OLD.customer_id);
	DELETE FROM partner_service WHERE customers = 0
	AND service_id = OLD.service_id AND partner_id =
	    (SELECT partner_id FROM customer WHERE id = OLD.customer_id);
END;

INSERT INTO partner_service
SELECT c.partner_id, cs.service_id, count(*) FROM customer_service cs
JOIN customer c ON c.id = cs.customer_id GROUP BY 1, 2;

-- A partner's requests counted per scope (customer or partner request),
-- status, severity and service over its whole history: the request
-- list's total without a customer or title filter is a sum of a few
-- rows, exact, instead of a count that stops at 10,000.
CREATE TABLE request_count (
	partner_id	INTEGER NOT NULL,
	scope		TEXT NOT NULL CHECK (scope IN ('customer', 'partner')),
	status		TEXT NOT NULL,
	severity	TEXT NOT NULL,
	service_id	INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (partner_id, scope, status, severity, service_id)
) WITHOUT ROWID;

CREATE TRIGGER request_count_insert AFTER INSERT ON request
BEGIN
	INSERT INTO request_count VALUES (NEW.partner_id,
	    CASE WHEN NEW.customer_id IS NULL THEN 'partner' ELSE 'customer' END,
	    NEW.status, NEW.severity, NEW.service_id, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER request_count_update AFTER UPDATE OF partner_id,
    customer_id, status, severity, service_id ON request
WHEN (OLD.partner_id, OLD.customer_id IS NULL, OLD.status, OLD.severity,
    OLD.service_id) IS NOT (NEW.partner_id, NEW.customer_id IS NULL,
    NEW.status, NEW.severity, NEW.service_id)
BEGIN
	UPDATE request_count SET n = n - 1
	WHERE partner_id = OLD.partner_id AND scope =
	    CASE WHEN OLD.customer_id IS NULL THEN 'partner' ELSE 'customer' END
	AND status = OLD.status AND severity = OLD.severity
	AND service_id = OLD.service_id;
	INSERT INTO request_count VALUES (NEW.partner_id,
	    CASE WHEN NEW.customer_id IS NULL THEN 'partner' ELSE 'customer' END,
	    NEW.status, NEW.severity, NEW.service_id, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER request_count_delete AFTER DELETE ON request
BEGIN
	UPDATE request_count SET n = n - 1
	WHERE partner_id = OLD.partner_id AND scope =
	    CASE WHEN OLD.customer_id IS NULL THEN 'partner' ELSE 'customer' END
	AND status = OLD.status AND severity = OLD.severity
	AND service_id = OLD.service_id;
END;

INSERT INTO request_count
SELECT partner_id, CASE WHEN customer_id IS NULL THEN 'partner'
    ELSE 'customer' END, status, severity, service_id, count(*)
FROM request GROUP BY 1, 2, 3, 4, 5;

-- Change counters for conditional GET (lib/etag.c): a page's ETag is made
-- from the counters of what it shows, so an unchanged page answers 304
-- without being built.  Each counter only ever grows, in the transaction
-- of the change.
--   request.changes   the request page: the request, its timeline, its flag;
--   customer.changes  its name, domain and premium, shown on its requests;
--   partner.changes   its name and support profile, shown to operator staff;
--   change_count      a partner's lists (its requests, customers and the
--                     services they use); partner_id 0 counts every
--                     partner's, for operator staff's lists, and -1 the
--                     catalogue (services, topics, the holiday calendar,
--                     users' names and roles, incidents) that every page may show.
ALTER TABLE request ADD COLUMN changes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customer ADD COLUMN changes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE partner ADD COLUMN changes INTEGER NOT NULL DEFAULT 0;
CREATE TABLE change_count (
	partner_id	INTEGER PRIMARY KEY,
	n		INTEGER NOT NULL
);

CREATE TRIGGER request_changes AFTER UPDATE ON request
WHEN NEW.changes = OLD.changes
BEGIN
	UPDATE request SET changes = changes + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER request_changes_event AFTER INSERT ON event
BEGIN
	UPDATE request SET changes = changes + 1 WHERE id = NEW.request_id;
END;
CREATE TRIGGER request_changes_flag AFTER INSERT ON flag
BEGIN
	UPDATE request SET changes = changes + 1 WHERE id = NEW.request_id;
END;
CREATE TRIGGER request_changes_unflag AFTER UPDATE ON flag
BEGIN
	UPDATE request SET changes = changes + 1 WHERE id = NEW.request_id;
END;
CREATE TRIGGER customer_changes AFTER UPDATE ON customer
WHEN NEW.changes = OLD.changes
BEGIN
	UPDATE customer SET changes = changes + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER partner_changes AFTER UPDATE ON partner
WHEN NEW.changes = OLD.changes
BEGIN
	UPDATE partner SET changes = changes + 1 WHERE id = NEW.id;
END;

-- A partner's lists, and every partner's.
CREATE TRIGGER change_count_request_insert AFTER INSERT ON request
BEGIN
	INSERT INTO change_count VALUES (NEW.partner_id, 1), (0, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER change_count_request_update AFTER UPDATE ON request
BEGIN
	INSERT INTO change_count VALUES (NEW.partner_id, 1), (0, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER change_count_request_delete AFTER DELETE ON request
BEGIN
	INSERT INTO change_count VALUES (OLD.partner_id, 1), (0, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER change_count_customer_insert AFTER INSERT ON customer
BEGIN
	INSERT INTO change_count VALUES (NEW.partner_id, 1), (0, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER change_count_customer_update AFTER UPDATE ON customer
BEGIN
	INSERT INTO change_count VALUES (NEW.partner_id, 1), (0, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER change_count_customer_delete AFTER DELETE ON customer
BEGIN
	INSERT INTO change_count VALUES (OLD.partner_id, 1), (0, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER change_count_service_insert AFTER INSERT ON customer_service
BEGIN
	INSERT INTO change_count SELECT partner_id, 1 FROM customer
	WHERE id = NEW.customer_id
	ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO change_count VALUES (0, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER change_count_service_delete AFTER DELETE ON customer_service
BEGIN
	INSERT INTO change_count SELECT partner_id, 1 FROM customer
	WHERE id = OLD.customer_id
	ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO change_count VALUES (0, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- The catalogue.
CREATE TRIGGER change_count_services AFTER UPDATE ON service
BEGIN
	INSERT INTO change_count VALUES (-1, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER change_count_topics AFTER UPDATE ON topic
BEGIN
	INSERT INTO change_count VALUES (-1, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER change_count_calendar_insert AFTER INSERT ON calendar_day
BEGIN
	INSERT INTO change_count VALUES (-1, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER change_count_calendar_update AFTER UPDATE ON calendar_day
BEGIN
	INSERT INTO change_count VALUES (-1, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER change_count_calendar_delete AFTER DELETE ON calendar_day
BEGIN
	INSERT INTO change_count VALUES (-1, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER change_count_users AFTER UPDATE OF name, role, partner_id,
    active ON user
BEGIN
	INSERT INTO change_count VALUES (-1, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- An incident shows on the requests linked to it.
CREATE TRIGGER change_count_incident AFTER UPDATE ON incident
BEGIN
	INSERT INTO change_count VALUES (-1, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER change_count_incident_update AFTER INSERT ON incident_update
BEGIN
	INSERT INTO change_count VALUES (-1, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER change_count_incident_services AFTER INSERT ON incident_service
BEGIN
	INSERT INTO change_count VALUES (-1, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
