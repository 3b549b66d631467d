-- The operator desk: SLA clocks, the contact log, escalation flags, the
-- holiday calendar and the queue's counters.

-- The initial-response clock, kept on the request so the queue can sort
-- by it: due_at is NULL while paused (attention_needed) or stopped;
-- sla_used is the business seconds counted up to sla_since (when the
-- running stretch began); first_contact_at stops the clock.
ALTER TABLE request ADD COLUMN due_at INTEGER;
ALTER TABLE request ADD COLUMN sla_used INTEGER NOT NULL DEFAULT 0;
ALTER TABLE request ADD COLUMN sla_since INTEGER;
ALTER TABLE request ADD COLUMN first_contact_at INTEGER;
ALTER TABLE request ADD COLUMN breached INTEGER NOT NULL DEFAULT 0
    CHECK (breached IN (0, 1));
ALTER TABLE request ADD COLUMN resolution TEXT;
CREATE INDEX request_queue ON request(due_at) WHERE status <> 'closed';
-- The dashboard: a partner's requests by status, the latest first, and
-- the operator's recent public notes.
CREATE INDEX request_partner_status ON request(partner_id, status, updated_at);
CREATE INDEX event_public_note ON event(at)
    WHERE kind = 'note' AND visibility = 'public';

-- Contacts with the partner, logged by operator staff.
CREATE TABLE contact (
	id		INTEGER PRIMARY KEY,
	request_id	INTEGER NOT NULL REFERENCES request(id),
	method		TEXT NOT NULL CHECK (method IN ('phone', 'email')),
	at		INTEGER NOT NULL,	-- when the contact happened
	summary		TEXT NOT NULL,
	logged_by	INTEGER NOT NULL REFERENCES user(id),
	logged_at	INTEGER NOT NULL
);
CREATE INDEX contact_request ON contact(request_id, at);

-- "Inappropriate escalation" flags; withdrawn ones stay, with why.
CREATE TABLE flag (
	id		INTEGER PRIMARY KEY,
	request_id	INTEGER NOT NULL REFERENCES request(id),
	partner_id	INTEGER NOT NULL REFERENCES partner(id),
	reason		TEXT NOT NULL CHECK (reason IN ('partner_scope',
			    'self_help', 'active_incident', 'customer_config',
			    'other')),
	comment		TEXT NOT NULL,
	flagged_by	INTEGER NOT NULL REFERENCES user(id),
	flagged_at	INTEGER NOT NULL,
	withdrawn_by	INTEGER REFERENCES user(id),
	withdrawn_at	INTEGER,
	withdraw_reason	TEXT
);
-- At most one standing flag per request.
CREATE UNIQUE INDEX flag_standing ON flag(request_id) WHERE withdrawn_at IS NULL;
CREATE INDEX flag_partner ON flag(partner_id, flagged_at);

-- Beijing dates that break the Monday-to-Friday rule for billing SLAs.
CREATE TABLE calendar_day (
	day		TEXT PRIMARY KEY CHECK (day GLOB
			    '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	kind		TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
	name		TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- Open requests counted per (status, severity, service, partner,
-- assignee), kept by triggers: the queue's counts per filter sum a few
-- hundred rows instead of counting the whole history on every view.
CREATE TABLE queue_count (
	status		TEXT NOT NULL,
	severity	TEXT NOT NULL,
	service_id	INTEGER NOT NULL,
	partner_id	INTEGER NOT NULL,
	assignee_id	INTEGER NOT NULL,	-- 0: nobody
	n		INTEGER NOT NULL,
	PRIMARY KEY (status, severity, service_id, partner_id, assignee_id)
) WITHOUT ROWID;

CREATE TRIGGER queue_count_insert AFTER INSERT ON request
WHEN NEW.status <> 'closed'
BEGIN
	INSERT INTO queue_count VALUES (NEW.status, NEW.severity,
	    NEW.service_id, NEW.partner_id, coalesce(NEW.assignee_id, 0), 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER queue_count_update AFTER UPDATE OF status, severity,
    service_id, partner_id, assignee_id ON request
BEGIN
	UPDATE queue_count SET n = n - 1
	WHERE OLD.status <> 'closed' AND status = OLD.status
	AND severity = OLD.severity AND service_id = OLD.service_id
	AND partner_id = OLD.partner_id
	AND assignee_id = coalesce(OLD.assignee_id, 0);
	INSERT INTO queue_count SELECT NEW.status, NEW.severity,
	    NEW.service_id, NEW.partner_id, coalesce(NEW.assignee_id, 0), 1
	WHERE NEW.status <> 'closed'
	ON CONFLICT DO UPDATE SET n = n + 1;
END;

INSERT INTO queue_count
SELECT status, severity, service_id, partner_id, coalesce(assignee_id, 0),
    count(*)
FROM request WHERE status <> 'closed'
GROUP BY 1, 2, 3, 4, 5;

-- China's 2026 public holidays and make-up working days (billing SLA), as
-- a starting point: the operator admin keeps the calendar on /calendar.
INSERT INTO calendar_day (day, kind, name) VALUES
	('2026-01-01', 'holiday', 'New Year'),
	('2026-01-02', 'holiday', 'New Year'),
	('2026-02-16', 'holiday', 'Spring Festival'),
	('2026-02-17', 'holiday', 'Spring Festival'),
	('2026-02-18', 'holiday', 'Spring Festival'),
	('2026-02-19', 'holiday', 'Spring Festival'),
	('2026-02-20', 'holiday', 'Spring Festival'),
	('2026-04-06', 'holiday', 'Qingming'),
	('2026-05-01', 'holiday', 'Labour Day'),
	('2026-05-04', 'holiday', 'Labour Day'),
	('2026-05-05', 'holiday', 'Labour Day'),
	('2026-06-19', 'holiday', 'Dragon Boat Festival'),
	('2026-09-25', 'holiday', 'Mid-Autumn Festival'),
	('2026-10-01', 'holiday', 'National Day'),
	('2026-10-02', 'holiday', 'National Day'),
	('2026-10-05', 'holiday', 'National Day'),
	('2026-10-06', 'holiday', 'National Day'),
	('2026-10-07', 'holiday', 'National Day'),
	('2026-02-14', 'workday', 'Spring Festival make-up day'),
	('2026-02-28', 'workday', 'Spring Festival make-up day'),
	('2026-09-20', 'workday', 'National Day make-up day'),
	('2026-10-10', 'workday', 'National Day make-up day');
