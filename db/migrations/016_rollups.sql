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
