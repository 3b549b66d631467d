-- sla_rollup without the service: the SLA report grouped by anything
-- but the service, its trend, the scorecard and its history add up the
-- window's rows of this table, about a tenth of sla_rollup's (at
-- 1,000,000 requests, a year of sla_rollup is some 180,000 rows over the
-- three targets; of this one, some 22,000: docs/performance.md).  Kept
-- from sla_rollup by triggers, so that whatever moves a row of
-- sla_rollup (the triggers of migrations 016 and 023, or a hand-written
-- row) moves its sum here in the same statement.
CREATE TABLE sla_rollup_partner (
	target		TEXT NOT NULL,
	month		TEXT NOT NULL,	-- 'YYYY-MM' of created_at, UTC
	partner_id	INTEGER NOT NULL,
	severity	TEXT NOT NULL,
	filed		INTEGER NOT NULL,
	met		INTEGER NOT NULL,
	breached	INTEGER NOT NULL,
	pending		INTEGER NOT NULL,
	PRIMARY KEY (target, month, partner_id, severity)
) WITHOUT ROWID;

CREATE TRIGGER sla_rollup_partner_insert AFTER INSERT ON sla_rollup
BEGIN
	INSERT INTO sla_rollup_partner VALUES (NEW.target, NEW.month,
	    NEW.partner_id, NEW.severity, NEW.filed, NEW.met, NEW.breached,
	    NEW.pending)
	ON CONFLICT DO UPDATE SET filed = filed + excluded.filed,
	    met = met + excluded.met, breached = breached + excluded.breached,
	    pending = pending + excluded.pending;
END;

-- The old row's counts leave its group, the new row's join theirs (the
-- same group but for a row written by hand).
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

INSERT INTO sla_rollup_partner
SELECT target, month, partner_id, severity, sum(filed), sum(met),
    sum(breached), sum(pending)
FROM sla_rollup GROUP BY 1, 2, 3, 4;
