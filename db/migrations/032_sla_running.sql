-- The SLA report and the scorecard bounded by the rows they show
-- (docs/performance.md, "The SLA report and the scorecard by running
-- totals"): a window of migration 026's rollups is every partner's
-- months and days in it (a year of sla_rollup_partner: 12 months x 200
-- partners x 4 severities x 3 targets), read and sorted to give a few
-- hundred rows.  Here two more sums of sla_rollup_partner_day, kept by
-- triggers on it and on sla_rollup_partner in migration 026's shape:
--
--   sla_rollup_severity (month, severity) and sla_rollup_severity_day
--     (day, severity): the rollups without the partner, for every view
--     of all partners by severity or month (the chart's included): a
--     year is 144 rows and a month's days 360, whatever the partners.
--   sla_partner_running (partner, day): each partner's running totals,
--     the sums of all its days up to and including that one, so that a
--     partner's figures since a day are two rows (its last day less the
--     one before the window), whatever the window.  A change on a day
--     moves every later row of that partner and target: a request's
--     own changes come in its first days or weeks, so they move that
--     many rows.

-- The running clocks past due whose breach is not recorded, which every
-- window counts as breached: request_clock_due also holds the recorded
-- ones, all the clocks of a neglected queue.
CREATE INDEX request_clock_unrecorded ON request_clock(target, due_at)
    WHERE stopped_at IS NULL AND due_at IS NOT NULL AND breached = 0;

CREATE TABLE sla_rollup_severity (
	target		TEXT NOT NULL,
	month		TEXT NOT NULL,
	severity	TEXT NOT NULL,
	filed		INTEGER NOT NULL,
	met		INTEGER NOT NULL,
	breached	INTEGER NOT NULL,
	pending		INTEGER NOT NULL,
	PRIMARY KEY (target, month, severity)
) WITHOUT ROWID;

CREATE TABLE sla_rollup_severity_day (
	target		TEXT NOT NULL,
	day		TEXT NOT NULL,
	severity	TEXT NOT NULL,
	filed		INTEGER NOT NULL,
	met		INTEGER NOT NULL,
	breached	INTEGER NOT NULL,
	pending		INTEGER NOT NULL,
	PRIMARY KEY (target, day, severity)
) WITHOUT ROWID;

CREATE TABLE sla_partner_running (
	target		TEXT NOT NULL,
	partner_id	INTEGER NOT NULL,
	day		TEXT NOT NULL,	-- 'YYYY-MM-DD': the sums up to its end
	filed		INTEGER NOT NULL,
	met		INTEGER NOT NULL,
	breached	INTEGER NOT NULL,
	pending		INTEGER NOT NULL,
	PRIMARY KEY (target, partner_id, day)
) WITHOUT ROWID;

INSERT INTO sla_rollup_severity
SELECT target, month, severity, sum(filed), sum(met), sum(breached),
    sum(pending)
FROM sla_rollup_partner GROUP BY 1, 2, 3;
INSERT INTO sla_rollup_severity_day
SELECT target, day, severity, sum(filed), sum(met), sum(breached),
    sum(pending)
FROM sla_rollup_partner_day GROUP BY 1, 2, 3;
INSERT INTO sla_partner_running
SELECT target, partner_id, day,
    sum(sum(filed)) OVER running, sum(sum(met)) OVER running,
    sum(sum(breached)) OVER running, sum(sum(pending)) OVER running
FROM sla_rollup_partner_day GROUP BY 1, 2, 3
WINDOW running AS (PARTITION BY target, partner_id ORDER BY day);

-- Migration 026's sums took a row's old counts out and put its new ones
-- in, two writes of the sum where one does: each write of a sum fires
-- the triggers of the sums of it, so every level doubled the writes
-- below it (a first contact: 2 writes of the day rollup, 4 of
-- sla_rollup, 8 of sla_rollup_partner).  Now a change that keeps the
-- group writes each sum once; a move takes the old way.
DROP TRIGGER sla_rollup_update;
DROP TRIGGER sla_rollup_day_update;
DROP TRIGGER sla_rollup_partner_update;

CREATE TRIGGER sla_rollup_update AFTER UPDATE OF created_at, partner_id,
    severity, service_id, first_contact_at, breached ON request
WHEN (OLD.created_at, OLD.partner_id, OLD.severity, OLD.service_id,
    OLD.first_contact_at IS NULL, OLD.breached) IS NOT
    (NEW.created_at, NEW.partner_id, NEW.severity, NEW.service_id,
    NEW.first_contact_at IS NULL, NEW.breached)
BEGIN
	UPDATE sla_rollup_day SET
	    met = met - (OLD.first_contact_at IS NOT NULL AND OLD.breached = 0) +
		(NEW.first_contact_at IS NOT NULL AND NEW.breached = 0),
	    breached = breached - (OLD.breached = 1) + (NEW.breached = 1),
	    pending = pending -
		(OLD.first_contact_at IS NULL AND OLD.breached = 0) +
		(NEW.first_contact_at IS NULL AND NEW.breached = 0)
	WHERE (date(OLD.created_at, 'unixepoch'), OLD.partner_id, OLD.severity,
	    OLD.service_id) IS (date(NEW.created_at, 'unixepoch'),
	    NEW.partner_id, NEW.severity, NEW.service_id)
	AND target = 'first_response'
	AND day = date(NEW.created_at, 'unixepoch')
	AND partner_id = NEW.partner_id AND severity = NEW.severity
	AND service_id = NEW.service_id;
	UPDATE sla_rollup_day SET filed = filed - 1,
	    met = met - (OLD.first_contact_at IS NOT NULL AND OLD.breached = 0),
	    breached = breached - (OLD.breached = 1),
	    pending = pending - (OLD.first_contact_at IS NULL AND OLD.breached = 0)
	WHERE (date(OLD.created_at, 'unixepoch'), OLD.partner_id, OLD.severity,
	    OLD.service_id) IS NOT (date(NEW.created_at, 'unixepoch'),
	    NEW.partner_id, NEW.severity, NEW.service_id)
	AND target = 'first_response'
	AND day = date(OLD.created_at, 'unixepoch')
	AND partner_id = OLD.partner_id AND severity = OLD.severity
	AND service_id = OLD.service_id;
	INSERT INTO sla_rollup_day SELECT 'first_response',
	    date(NEW.created_at, 'unixepoch'), NEW.partner_id, NEW.severity,
	    NEW.service_id, 1,
	    NEW.first_contact_at IS NOT NULL AND NEW.breached = 0,
	    NEW.breached = 1, NEW.first_contact_at IS NULL AND NEW.breached = 0
	WHERE (date(OLD.created_at, 'unixepoch'), OLD.partner_id, OLD.severity,
	    OLD.service_id) IS NOT (date(NEW.created_at, 'unixepoch'),
	    NEW.partner_id, NEW.severity, NEW.service_id)
	ON CONFLICT DO UPDATE SET filed = filed + 1, met = met + excluded.met,
	    breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
END;

CREATE TRIGGER sla_rollup_day_update AFTER UPDATE ON sla_rollup_day
WHEN (OLD.target, OLD.day, OLD.partner_id, OLD.severity, OLD.service_id) IS
    (NEW.target, NEW.day, NEW.partner_id, NEW.severity, NEW.service_id)
BEGIN
	UPDATE sla_rollup SET filed = filed + NEW.filed - OLD.filed,
	    met = met + NEW.met - OLD.met,
	    breached = breached + NEW.breached - OLD.breached,
	    pending = pending + NEW.pending - OLD.pending
	WHERE (target, month, partner_id, severity, service_id) =
	    (NEW.target, substr(NEW.day, 1, 7), NEW.partner_id, NEW.severity,
	    NEW.service_id);
	UPDATE sla_rollup_partner_day SET filed = filed + NEW.filed - OLD.filed,
	    met = met + NEW.met - OLD.met,
	    breached = breached + NEW.breached - OLD.breached,
	    pending = pending + NEW.pending - OLD.pending
	WHERE (target, day, partner_id, severity) =
	    (NEW.target, NEW.day, NEW.partner_id, NEW.severity);
END;

CREATE TRIGGER sla_rollup_day_move AFTER UPDATE ON sla_rollup_day
WHEN (OLD.target, OLD.day, OLD.partner_id, OLD.severity, OLD.service_id) IS NOT
    (NEW.target, NEW.day, NEW.partner_id, NEW.severity, NEW.service_id)
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

CREATE TRIGGER sla_rollup_partner_update AFTER UPDATE ON sla_rollup
WHEN (OLD.target, OLD.month, OLD.partner_id, OLD.severity) IS
    (NEW.target, NEW.month, NEW.partner_id, NEW.severity)
BEGIN
	UPDATE sla_rollup_partner SET filed = filed + NEW.filed - OLD.filed,
	    met = met + NEW.met - OLD.met,
	    breached = breached + NEW.breached - OLD.breached,
	    pending = pending + NEW.pending - OLD.pending
	WHERE (target, month, partner_id, severity) =
	    (NEW.target, NEW.month, NEW.partner_id, NEW.severity);
END;

CREATE TRIGGER sla_rollup_partner_move AFTER UPDATE ON sla_rollup
WHEN (OLD.target, OLD.month, OLD.partner_id, OLD.severity) IS NOT
    (NEW.target, NEW.month, NEW.partner_id, NEW.severity)
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

-- The rollups' own updates keep a row's group (the key): one statement
-- a sum adds the difference.  A row moved to another group (by hand)
-- takes its old counts out of the old group and adds its new ones to
-- the new group.
CREATE TRIGGER sla_rollup_severity_insert AFTER INSERT ON sla_rollup_partner
BEGIN
	INSERT INTO sla_rollup_severity VALUES (NEW.target, NEW.month,
	    NEW.severity, NEW.filed, NEW.met, NEW.breached, NEW.pending)
	ON CONFLICT DO UPDATE SET filed = filed + excluded.filed,
	    met = met + excluded.met, breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
END;

CREATE TRIGGER sla_rollup_severity_update AFTER UPDATE ON sla_rollup_partner
WHEN (OLD.target, OLD.month, OLD.severity) IS
    (NEW.target, NEW.month, NEW.severity)
BEGIN
	UPDATE sla_rollup_severity SET filed = filed + NEW.filed - OLD.filed,
	    met = met + NEW.met - OLD.met,
	    breached = breached + NEW.breached - OLD.breached,
	    pending = pending + NEW.pending - OLD.pending
	WHERE (target, month, severity) = (NEW.target, NEW.month, NEW.severity);
END;

CREATE TRIGGER sla_rollup_severity_move AFTER UPDATE ON sla_rollup_partner
WHEN (OLD.target, OLD.month, OLD.severity) IS NOT
    (NEW.target, NEW.month, NEW.severity)
BEGIN
	UPDATE sla_rollup_severity SET filed = filed - OLD.filed,
	    met = met - OLD.met, breached = breached - OLD.breached,
	    pending = pending - OLD.pending
	WHERE (target, month, severity) = (OLD.target, OLD.month, OLD.severity);
	INSERT INTO sla_rollup_severity VALUES (NEW.target, NEW.month,
	    NEW.severity, NEW.filed, NEW.met, NEW.breached, NEW.pending)
	ON CONFLICT DO UPDATE SET filed = filed + excluded.filed,
	    met = met + excluded.met, breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
END;

CREATE TRIGGER sla_rollup_severity_delete AFTER DELETE ON sla_rollup_partner
BEGIN
	UPDATE sla_rollup_severity SET filed = filed - OLD.filed,
	    met = met - OLD.met, breached = breached - OLD.breached,
	    pending = pending - OLD.pending
	WHERE (target, month, severity) = (OLD.target, OLD.month, OLD.severity);
END;

-- Per day: the severity's sum, and the partner's running totals from
-- that day on.  A day's first row starts from the totals of the
-- partner's day before it ("WHERE true": SQLite would read the ON of
-- ON CONFLICT as the join's).
CREATE TRIGGER sla_partner_day_insert AFTER INSERT ON sla_rollup_partner_day
BEGIN
	INSERT INTO sla_rollup_severity_day VALUES (NEW.target, NEW.day,
	    NEW.severity, NEW.filed, NEW.met, NEW.breached, NEW.pending)
	ON CONFLICT DO UPDATE SET filed = filed + excluded.filed,
	    met = met + excluded.met, breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
	INSERT INTO sla_partner_running
	SELECT NEW.target, NEW.partner_id, NEW.day, coalesce(b.filed, 0),
	    coalesce(b.met, 0), coalesce(b.breached, 0), coalesce(b.pending, 0)
	FROM (SELECT 1) LEFT JOIN (SELECT filed, met, breached, pending
	    FROM sla_partner_running WHERE target = NEW.target
	    AND partner_id = NEW.partner_id AND day < NEW.day
	    ORDER BY day DESC LIMIT 1) b ON true
	WHERE true ON CONFLICT DO NOTHING;
	UPDATE sla_partner_running SET filed = filed + NEW.filed,
	    met = met + NEW.met, breached = breached + NEW.breached,
	    pending = pending + NEW.pending
	WHERE target = NEW.target AND partner_id = NEW.partner_id
	AND day >= NEW.day;
END;

CREATE TRIGGER sla_partner_day_update AFTER UPDATE ON sla_rollup_partner_day
WHEN (OLD.target, OLD.day, OLD.partner_id, OLD.severity) IS
    (NEW.target, NEW.day, NEW.partner_id, NEW.severity)
BEGIN
	UPDATE sla_rollup_severity_day SET filed = filed + NEW.filed - OLD.filed,
	    met = met + NEW.met - OLD.met,
	    breached = breached + NEW.breached - OLD.breached,
	    pending = pending + NEW.pending - OLD.pending
	WHERE (target, day, severity) = (NEW.target, NEW.day, NEW.severity);
	UPDATE sla_partner_running SET filed = filed + NEW.filed - OLD.filed,
	    met = met + NEW.met - OLD.met,
	    breached = breached + NEW.breached - OLD.breached,
	    pending = pending + NEW.pending - OLD.pending
	WHERE target = NEW.target AND partner_id = NEW.partner_id
	AND day >= NEW.day;
END;

CREATE TRIGGER sla_partner_day_move AFTER UPDATE ON sla_rollup_partner_day
WHEN (OLD.target, OLD.day, OLD.partner_id, OLD.severity) IS NOT
    (NEW.target, NEW.day, NEW.partner_id, NEW.severity)
BEGIN
	UPDATE sla_rollup_severity_day SET filed = filed - OLD.filed,
	    met = met - OLD.met, breached = breached - OLD.breached,
	    pending = pending - OLD.pending
	WHERE (target, day, severity) = (OLD.target, OLD.day, OLD.severity);
	INSERT INTO sla_rollup_severity_day VALUES (NEW.target, NEW.day,
	    NEW.severity, NEW.filed, NEW.met, NEW.breached, NEW.pending)
	ON CONFLICT DO UPDATE SET filed = filed + excluded.filed,
	    met = met + excluded.met, breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
	UPDATE sla_partner_running SET filed = filed - OLD.filed,
	    met = met - OLD.met, breached = breached - OLD.breached,
	    pending = pending - OLD.pending
	WHERE target = OLD.target AND partner_id = OLD.partner_id
	AND day >= OLD.day;
	INSERT INTO sla_partner_running
	SELECT NEW.target, NEW.partner_id, NEW.day, coalesce(b.filed, 0),
	    coalesce(b.met, 0), coalesce(b.breached, 0), coalesce(b.pending, 0)
	FROM (SELECT 1) LEFT JOIN (SELECT filed, met, breached, pending
	    FROM sla_partner_running WHERE target = NEW.target
	    AND partner_id = NEW.partner_id AND day < NEW.day
	    ORDER BY day DESC LIMIT 1) b ON true
	WHERE true ON CONFLICT DO NOTHING;
	UPDATE sla_partner_running SET filed = filed + NEW.filed,
	    met = met + NEW.met, breached = breached + NEW.breached,
	    pending = pending + NEW.pending
	WHERE target = NEW.target AND partner_id = NEW.partner_id
	AND day >= NEW.day;
END;

CREATE TRIGGER sla_partner_day_delete AFTER DELETE ON sla_rollup_partner_day
BEGIN
	UPDATE sla_rollup_severity_day SET filed = filed - OLD.filed,
	    met = met - OLD.met, breached = breached - OLD.breached,
	    pending = pending - OLD.pending
	WHERE (target, day, severity) = (OLD.target, OLD.day, OLD.severity);
	UPDATE sla_partner_running SET filed = filed - OLD.filed,
	    met = met - OLD.met, breached = breached - OLD.breached,
	    pending = pending - OLD.pending
	WHERE target = OLD.target AND partner_id = OLD.partner_id
	AND day >= OLD.day;
END;
