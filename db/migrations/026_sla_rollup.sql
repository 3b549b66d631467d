-- The SLA report and the scorecard at a cost independent of the history
-- (docs/performance.md, "1M re-run"): their window is whole months of a
-- rollup and the requests of its first, partial month.  At 1,000,000
-- requests a year of sla_rollup is some 180,000 rows over the three
-- targets, and the partial month some 26,000 requests and 35,000 clocks.
-- Here: the same counts per day (sla_rollup_day), so that the partial
-- month is whole days of a rollup and the requests of one partial day,
-- and both without the service (sla_rollup_partner per month,
-- sla_rollup_partner_day per day), which every grouping but the service
-- reads: a year is then some 22,000 rows, a partial month some 33,000.
--
-- One rule, one place: the triggers of migrations 016 and 023 now count
-- into sla_rollup_day, and every other rollup is a sum of it kept by
-- triggers on the rollup it sums:
--   sla_rollup_day (day, partner, severity, service)
--     -> sla_rollup (month, partner, severity, service)
--          -> sla_rollup_partner (month, partner, severity)
--     -> sla_rollup_partner_day (day, partner, severity)

CREATE TABLE sla_rollup_day (
	target		TEXT NOT NULL CHECK (target IN ('first_response',
			    'next_response', 'resolution')),
	day		TEXT NOT NULL,	-- 'YYYY-MM-DD' of created_at, UTC
	partner_id	INTEGER NOT NULL,
	severity	TEXT NOT NULL,
	service_id	INTEGER NOT NULL,
	filed		INTEGER NOT NULL,
	met		INTEGER NOT NULL,
	breached	INTEGER NOT NULL,
	pending		INTEGER NOT NULL,
	PRIMARY KEY (target, day, partner_id, severity, service_id)
) WITHOUT ROWID;

CREATE TABLE sla_rollup_partner (
	target		TEXT NOT NULL,
	month		TEXT NOT NULL,
	partner_id	INTEGER NOT NULL,
	severity	TEXT NOT NULL,
	filed		INTEGER NOT NULL,
	met		INTEGER NOT NULL,
	breached	INTEGER NOT NULL,
	pending		INTEGER NOT NULL,
	PRIMARY KEY (target, month, partner_id, severity)
) WITHOUT ROWID;

CREATE TABLE sla_rollup_partner_day (
	target		TEXT NOT NULL,
	day		TEXT NOT NULL,
	partner_id	INTEGER NOT NULL,
	severity	TEXT NOT NULL,
	filed		INTEGER NOT NULL,
	met		INTEGER NOT NULL,
	breached	INTEGER NOT NULL,
	pending		INTEGER NOT NULL,
	PRIMARY KEY (target, day, partner_id, severity)
) WITHOUT ROWID;

-- Filled from the rows they count before any trigger sums them.
INSERT INTO sla_rollup_day
SELECT 'first_response', date(created_at, 'unixepoch'), partner_id,
    severity, service_id, count(*),
    sum(first_contact_at IS NOT NULL AND breached = 0), sum(breached = 1),
    sum(first_contact_at IS NULL AND breached = 0)
FROM request GROUP BY 2, 3, 4, 5;
INSERT INTO sla_rollup_day
SELECT k.target, date(r.created_at, 'unixepoch'), r.partner_id, r.severity,
    r.service_id, count(*), sum(k.stopped_at IS NOT NULL AND k.breached = 0),
    sum(k.breached), sum(k.stopped_at IS NULL AND k.breached = 0)
FROM request_clock k JOIN request r ON r.id = k.request_id
WHERE k.target <> 'first_response' GROUP BY 1, 2, 3, 4, 5;
INSERT INTO sla_rollup_partner
SELECT target, month, partner_id, severity, sum(filed), sum(met),
    sum(breached), sum(pending)
FROM sla_rollup GROUP BY 1, 2, 3, 4;
INSERT INTO sla_rollup_partner_day
SELECT target, day, partner_id, severity, sum(filed), sum(met),
    sum(breached), sum(pending)
FROM sla_rollup_day GROUP BY 1, 2, 3, 4;

-- The counting triggers of migrations 016 and 023, by day.
DROP TRIGGER sla_rollup_insert;
DROP TRIGGER sla_rollup_update;
DROP TRIGGER sla_rollup_delete;
DROP TRIGGER sla_rollup_clock_insert;
DROP TRIGGER sla_rollup_clock_update;
DROP TRIGGER sla_rollup_clock_delete;
DROP TRIGGER sla_rollup_clock_move;

-- The first response, from the request's own columns.
CREATE TRIGGER sla_rollup_insert AFTER INSERT ON request
BEGIN
	INSERT INTO sla_rollup_day VALUES ('first_response',
	    date(NEW.created_at, 'unixepoch'), NEW.partner_id, NEW.severity,
	    NEW.service_id, 1,
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
	UPDATE sla_rollup_day SET filed = filed - 1,
	    met = met - (OLD.first_contact_at IS NOT NULL AND OLD.breached = 0),
	    breached = breached - (OLD.breached = 1),
	    pending = pending - (OLD.first_contact_at IS NULL AND OLD.breached = 0)
	WHERE target = 'first_response'
	AND day = date(OLD.created_at, 'unixepoch')
	AND partner_id = OLD.partner_id AND severity = OLD.severity
	AND service_id = OLD.service_id;
	INSERT INTO sla_rollup_day VALUES ('first_response',
	    date(NEW.created_at, 'unixepoch'), NEW.partner_id, NEW.severity,
	    NEW.service_id, 1,
	    NEW.first_contact_at IS NOT NULL AND NEW.breached = 0,
	    NEW.breached = 1, NEW.first_contact_at IS NULL AND NEW.breached = 0)
	ON CONFLICT DO UPDATE SET filed = filed + 1, met = met + excluded.met,
	    breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
END;

CREATE TRIGGER sla_rollup_delete AFTER DELETE ON request
BEGIN
	UPDATE sla_rollup_day SET filed = filed - 1,
	    met = met - (OLD.first_contact_at IS NOT NULL AND OLD.breached = 0),
	    breached = breached - (OLD.breached = 1),
	    pending = pending - (OLD.first_contact_at IS NULL AND OLD.breached = 0)
	WHERE target = 'first_response'
	AND day = date(OLD.created_at, 'unixepoch')
	AND partner_id = OLD.partner_id AND severity = OLD.severity
	AND service_id = OLD.service_id;
END;

-- The next response and the resolution, from request_clock: one per
-- request with such a clock, in the day, partner, severity and service
-- of the request.
CREATE TRIGGER sla_rollup_clock_insert AFTER INSERT ON request_clock
WHEN NEW.target <> 'first_response'
BEGIN
	INSERT INTO sla_rollup_day SELECT NEW.target,
	    date(r.created_at, 'unixepoch'), r.partner_id, r.severity,
	    r.service_id, 1,
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
	UPDATE sla_rollup_day SET
	    met = met - (OLD.stopped_at IS NOT NULL AND OLD.breached = 0) +
		(NEW.stopped_at IS NOT NULL AND NEW.breached = 0),
	    breached = breached - OLD.breached + NEW.breached,
	    pending = pending - (OLD.stopped_at IS NULL AND OLD.breached = 0) +
		(NEW.stopped_at IS NULL AND NEW.breached = 0)
	WHERE (target, day, partner_id, severity, service_id) =
	    (SELECT NEW.target, date(r.created_at, 'unixepoch'),
	    r.partner_id, r.severity, r.service_id FROM request r
	    WHERE r.id = NEW.request_id);
END;

CREATE TRIGGER sla_rollup_clock_delete AFTER DELETE ON request_clock
WHEN OLD.target <> 'first_response'
BEGIN
	UPDATE sla_rollup_day SET filed = filed - 1,
	    met = met - (OLD.stopped_at IS NOT NULL AND OLD.breached = 0),
	    breached = breached - OLD.breached,
	    pending = pending - (OLD.stopped_at IS NULL AND OLD.breached = 0)
	WHERE (target, day, partner_id, severity, service_id) =
	    (SELECT OLD.target, date(r.created_at, 'unixepoch'),
	    r.partner_id, r.severity, r.service_id FROM request r
	    WHERE r.id = OLD.request_id);
END;

-- A request moved to another group (re-rated, say) moves its clocks'
-- counts with it.
CREATE TRIGGER sla_rollup_clock_move AFTER UPDATE OF created_at,
    partner_id, severity, service_id ON request
WHEN (OLD.created_at, OLD.partner_id, OLD.severity, OLD.service_id) IS NOT
    (NEW.created_at, NEW.partner_id, NEW.severity, NEW.service_id)
BEGIN
	UPDATE sla_rollup_day SET filed = filed - 1,
	    met = met - (SELECT k.stopped_at IS NOT NULL AND k.breached = 0
		FROM request_clock k WHERE k.request_id = OLD.id
		AND k.target = sla_rollup_day.target),
	    breached = breached - (SELECT k.breached FROM request_clock k
		WHERE k.request_id = OLD.id
		AND k.target = sla_rollup_day.target),
	    pending = pending - (SELECT k.stopped_at IS NULL AND k.breached = 0
		FROM request_clock k WHERE k.request_id = OLD.id
		AND k.target = sla_rollup_day.target)
	WHERE target IN (SELECT target FROM request_clock
	    WHERE request_id = OLD.id AND target <> 'first_response')
	AND day = date(OLD.created_at, 'unixepoch')
	AND partner_id = OLD.partner_id AND severity = OLD.severity
	AND service_id = OLD.service_id;
	INSERT INTO sla_rollup_day SELECT k.target,
	    date(NEW.created_at, 'unixepoch'), NEW.partner_id, NEW.severity,
	    NEW.service_id, 1,
	    k.stopped_at IS NOT NULL AND k.breached = 0, k.breached = 1,
	    k.stopped_at IS NULL AND k.breached = 0
	FROM request_clock k WHERE k.request_id = NEW.id
	AND k.target <> 'first_response'
	ON CONFLICT DO UPDATE SET filed = filed + 1, met = met + excluded.met,
	    breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
END;

-- The sums.  An update of a row takes the old row's counts out of its
-- group and adds the new row's to theirs (the same group, unless the
-- row was written by hand).
CREATE TRIGGER sla_rollup_day_insert AFTER INSERT ON sla_rollup_day
BEGIN
	INSERT INTO sla_rollup VALUES (NEW.target, substr(NEW.day, 1, 7),
	    NEW.partner_id, NEW.severity, NEW.service_id, NEW.filed, NEW.met,
	    NEW.breached, NEW.pending)
	ON CONFLICT DO UPDATE SET filed = filed + excluded.filed,
	    met = met + excluded.met, breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
	INSERT INTO sla_rollup_partner_day VALUES (NEW.target, NEW.day,
	    NEW.partner_id, NEW.severity, NEW.filed, NEW.met, NEW.breached,
	    NEW.pending)
	ON CONFLICT DO UPDATE SET filed = filed + excluded.filed,
	    met = met + excluded.met, breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
END;

CREATE TRIGGER sla_rollup_day_update AFTER UPDATE ON sla_rollup_day
BEGIN
	UPDATE sla_rollup SET filed = filed - OLD.filed, met = met - OLD.met,
	    breached = breached - OLD.breached, pending = pending - OLD.pending
	WHERE (target, month, partner_id, severity, service_id) =
	    (OLD.target, substr(OLD.day, 1, 7), OLD.partner_id, OLD.severity,
	    OLD.service_id);
	INSERT INTO sla_rollup VALUES (NEW.target, substr(NEW.day, 1, 7),
	    NEW.partner_id, NEW.severity, NEW.service_id, NEW.filed, NEW.met,
	    NEW.breached, NEW.pending)
	ON CONFLICT DO UPDATE SET filed = filed + excluded.filed,
	    met = met + excluded.met, breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
	UPDATE sla_rollup_partner_day SET filed = filed - OLD.filed,
	    met = met - OLD.met, breached = breached - OLD.breached,
	    pending = pending - OLD.pending
	WHERE (target, day, partner_id, severity) =
	    (OLD.target, OLD.day, OLD.partner_id, OLD.severity);
	INSERT INTO sla_rollup_partner_day VALUES (NEW.target, NEW.day,
	    NEW.partner_id, NEW.severity, NEW.filed, NEW.met, NEW.breached,
	    NEW.pending)
	ON CONFLICT DO UPDATE SET filed = filed + excluded.filed,
	    met = met + excluded.met, breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
END;

CREATE TRIGGER sla_rollup_day_delete AFTER DELETE ON sla_rollup_day
BEGIN
	UPDATE sla_rollup SET filed = filed - OLD.filed, met = met - OLD.met,
	    breached = breached - OLD.breached, pending = pending - OLD.pending
	WHERE (target, month, partner_id, severity, service_id) =
	    (OLD.target, substr(OLD.day, 1, 7), OLD.partner_id, OLD.severity,
	    OLD.service_id);
	UPDATE sla_rollup_partner_day SET filed = filed - OLD.filed,
	    met = met - OLD.met, breached = breached - OLD.breached,
	    pending = pending - OLD.pending
	WHERE (target, day, partner_id, severity) =
	    (OLD.target, OLD.day, OLD.partner_id, OLD.severity);
END;

CREATE TRIGGER sla_rollup_partner_insert AFTER INSERT ON sla_rollup
BEGIN
	INSERT INTO sla_rollup_partner VALUES (NEW.target, NEW.month,
	    NEW.partner_id, NEW.severity, NEW.filed, NEW.met, NEW.breached,
	    NEW.pending)
	ON CONFLICT DO UPDATE SET filed = filed + excluded.filed,
	    met = met + excluded.met, breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
END;

CREATE TRIGGER sla_rollup_partner_update AFTER UPDATE ON sla_rollup
BEGIN
	UPDATE sla_rollup_partner SET filed = filed - OLD.filed,
	    met = met - OLD.met, breached = breached - OLD.breached,
	    pending = pending - OLD.pending
	WHERE (target, month, partner_id, severity) =
	    (OLD.target, OLD.month, OLD.partner_id, OLD.severity);
	INSERT INTO sla_rollup_partner VALUES (NEW.target, NEW.month,
	    NEW.partner_id, NEW.severity, NEW.filed, NEW.met, NEW.breached,
	    NEW.pending)
	ON CONFLICT DO UPDATE SET filed = filed + excluded.filed,
	    met = met + excluded.met, breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
END;

CREATE TRIGGER sla_rollup_partner_delete AFTER DELETE ON sla_rollup
BEGIN
	UPDATE sla_rollup_partner SET filed = filed - OLD.filed,
	    met = met - OLD.met, breached = breached - OLD.breached,
	    pending = pending - OLD.pending
	WHERE (target, month, partner_id, severity) =
	    (OLD.target, OLD.month, OLD.partner_id, OLD.severity);
END;
