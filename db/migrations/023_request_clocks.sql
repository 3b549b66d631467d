-- Three SLA clocks per request (issue 14): first response, next
-- response and resolution, each by its target of the request's policy
-- version (migration 020).  lib/clock.c computes them in the
-- transaction of every change (clock_refresh) and stores one row per
-- target that has started; request.due_at and request.breached stay
-- the first response's, as scripts and the first-response rollup read
-- them.
--   started_at  the clock's (the last cycle's, for the next response)
--               start
--   due_at      when it is due; NULL while paused or stopped
--   warn_at     when it warns (the policy's share of the time); NULL
--               likewise
--   breached    1 once any of its cycles was past due
--   stopped_at  when it stopped (the contact, the reply, the close);
--               NULL while it runs
CREATE TABLE request_clock (
	request_id	INTEGER NOT NULL REFERENCES request(id),
	target		TEXT NOT NULL CHECK (target IN ('first_response',
			    'next_response', 'resolution')),
	started_at	INTEGER NOT NULL,
	due_at		INTEGER,
	warn_at		INTEGER,
	breached	INTEGER NOT NULL CHECK (breached IN (0, 1)),
	stopped_at	INTEGER,
	PRIMARY KEY (request_id, target)
) WITHOUT ROWID;

-- The pending clocks of one target with a running clock, by due time:
-- the desk's filter by target, and those past due although no write has
-- recorded the breach yet (the report's, as request_overdue for the
-- first response).  As many as the open requests' running clocks.
CREATE INDEX request_clock_due ON request_clock(target, due_at)
    WHERE stopped_at IS NULL AND due_at IS NOT NULL;

-- The queue's order: the nearest due time of any running clock of the
-- request (NULL when none runs), kept by clock_refresh beside due_at.
ALTER TABLE request ADD COLUMN clock_due_at INTEGER;
UPDATE request SET clock_due_at = due_at WHERE status <> 'closed';
DROP INDEX request_desk;
CREATE INDEX request_desk ON request(clock_due_at IS NULL, clock_due_at,
    severity, created_at) WHERE status <> 'closed';
DROP INDEX request_queue;
CREATE INDEX request_queue ON request(clock_due_at) WHERE status <> 'closed';

-- sla_rollup's rows for the next response and the resolution (the first
-- response's are migration 016's, from request's own columns): one per
-- request with such a clock, met (stopped in time), breached or pending,
-- in the month, partner, severity and service of the request.
CREATE TRIGGER sla_rollup_clock_insert AFTER INSERT ON request_clock
WHEN NEW.target <> 'first_response'
BEGIN
	INSERT INTO sla_rollup SELECT NEW.target,
	    strftime('%Y-%m', r.created_at, 'unixepoch'), r.partner_id,
	    r.severity, r.service_id, 1,
	    NEW.stopped_at IS NOT NULL AND NEW.breached = 0, NEW.breached = 1,
	    NEW.stopped_at IS NULL AND NEW.breached = 0
	FROM request r WHERE r.id = NEW.request_id
	ON CONFLICT DO UPDATE SET filed = filed + 1, met = met + excluded.met,
	    breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
END;

CREATE TRIGGER sla_rollup_clock_update AFTER UPDATE OF breached, stopped_at
    ON request_clock
WHEN NEW.target <> 'first_response' AND (OLD.stopped_at IS NULL,
    OLD.breached) IS NOT (NEW.stopped_at IS NULL, NEW.breached)
BEGIN
	UPDATE sla_rollup SET
	    met = met - (OLD.stopped_at IS NOT NULL AND OLD.breached = 0) +
		(NEW.stopped_at IS NOT NULL AND NEW.breached = 0),
	    breached = breached - OLD.breached + NEW.breached,
	    pending = pending - (OLD.stopped_at IS NULL AND OLD.breached = 0) +
		(NEW.stopped_at IS NULL AND NEW.breached = 0)
	WHERE (target, month, partner_id, severity, service_id) =
	    (SELECT NEW.target, strftime('%Y-%m', r.created_at, 'unixepoch'),
	    r.partner_id, r.severity, r.service_id FROM request r
	    WHERE r.id = NEW.request_id);
END;

CREATE TRIGGER sla_rollup_clock_delete AFTER DELETE ON request_clock
WHEN OLD.target <> 'first_response'
BEGIN
	UPDATE sla_rollup SET filed = filed - 1,
	    met = met - (OLD.stopped_at IS NOT NULL AND OLD.breached = 0),
	    breached = breached - OLD.breached,
	    pending = pending - (OLD.stopped_at IS NULL AND OLD.breached = 0)
	WHERE (target, month, partner_id, severity, service_id) =
	    (SELECT OLD.target, strftime('%Y-%m', r.created_at, 'unixepoch'),
	    r.partner_id, r.severity, r.service_id FROM request r
	    WHERE r.id = OLD.request_id);
END;

-- A request's clocks go before it does, while the rollup can still find
-- its group.
CREATE TRIGGER request_clock_forget BEFORE DELETE ON request
BEGIN
	DELETE FROM request_clock WHERE request_id = OLD.id;
END;

-- A request moved to another group (re-rated, say) moves its clocks'
-- counts with it.
CREATE TRIGGER sla_rollup_clock_move AFTER UPDATE OF created_at,
    partner_id, severity, service_id ON request
WHEN (OLD.created_at, OLD.partner_id, OLD.severity, OLD.service_id) IS NOT
    (NEW.created_at, NEW.partner_id, NEW.severity, NEW.service_id)
BEGIN
	UPDATE sla_rollup SET filed = filed - 1,
	    met = met - (SELECT k.stopped_at IS NOT NULL AND k.breached = 0
		FROM request_clock k WHERE k.request_id = OLD.id
		AND k.target = sla_rollup.target),
	    breached = breached - (SELECT k.breached FROM request_clock k
		WHERE k.request_id = OLD.id AND k.target = sla_rollup.target),
	    pending = pending - (SELECT k.stopped_at IS NULL AND k.breached = 0
		FROM request_clock k WHERE k.request_id = OLD.id
		AND k.target = sla_rollup.target)
	WHERE target IN (SELECT target FROM request_clock
	    WHERE request_id = OLD.id AND target <> 'first_response')
	AND month = strftime('%Y-%m', OLD.created_at, 'unixepoch')
	AND partner_id = OLD.partner_id AND severity = OLD.severity
	AND service_id = OLD.service_id;
	INSERT INTO sla_rollup SELECT k.target,
	    strftime('%Y-%m', NEW.created_at, 'unixepoch'), NEW.partner_id,
	    NEW.severity, NEW.service_id, 1,
	    k.stopped_at IS NOT NULL AND k.breached = 0, k.breached = 1,
	    k.stopped_at IS NULL AND k.breached = 0
	FROM request_clock k WHERE k.request_id = NEW.id
	AND k.target <> 'first_response'
	ON CONFLICT DO UPDATE SET filed = filed + 1, met = met + excluded.met,
	    breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
END;
