-- SLA policies as data (issue 14), kept by the operator admin at
-- /admin/sla (cgi-bin/policies.c) instead of hours written in C.
--
-- A policy version is a set of targets; a version never changes once
-- made: an edit makes a new version and retires the one it replaces,
-- so a request keeps the targets it was filed under (request.policy_id,
-- set at filing by cgi-bin/newrequest.c) while new requests take the
-- current version.  Versions are never deleted.
CREATE TABLE sla_policy (
	id		INTEGER PRIMARY KEY,	-- the version number
	name		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES user(id),	-- NULL: the seeded one
	retired_at	INTEGER			-- a newer version replaced it
);
-- Exactly one version is current.
CREATE UNIQUE INDEX sla_policy_current ON sla_policy((retired_at IS NULL))
    WHERE retired_at IS NULL;

-- One target of a version: for a target kind, a severity and a topic
-- kind (billing, or any other), the time allowed, the calendar it is
-- counted in (24x7; extended: 09:00-24:00 Beijing every day; business:
-- 09:00-18:00 Beijing on business days of the holiday calendar), the
-- status that pauses it ('' for none) and when it warns, as a share of
-- the time allowed.
CREATE TABLE sla_target (
	policy_id	INTEGER NOT NULL REFERENCES sla_policy(id),
	target		TEXT NOT NULL CHECK (target IN ('first_response',
			    'next_response', 'resolution')),
	severity	TEXT NOT NULL CHECK (severity IN ('A', 'B', 'C')),
	topic_kind	TEXT NOT NULL CHECK (topic_kind IN ('billing', 'other')),
	minutes		INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 525600),
	calendar	TEXT NOT NULL CHECK (calendar IN ('24x7', 'extended',
			    'business')),
	pause_status	TEXT NOT NULL CHECK (pause_status IN ('',
			    'attention_needed')),
	warn_percent	INTEGER NOT NULL CHECK (warn_percent BETWEEN 1 AND 99),
	PRIMARY KEY (policy_id, target, severity, topic_kind)
) WITHOUT ROWID;

CREATE TRIGGER sla_target_frozen BEFORE UPDATE ON sla_target
BEGIN
	SELECT RAISE(ABORT, 'an SLA policy version is never edited');
END;
CREATE TRIGGER sla_target_kept BEFORE DELETE ON sla_target
BEGIN
	SELECT RAISE(ABORT, 'an SLA policy version is never edited');
END;
CREATE TRIGGER sla_policy_kept BEFORE DELETE ON sla_policy
BEGIN
	SELECT RAISE(ABORT, 'an SLA policy version is never deleted');
END;

-- Version 1 is the hours lib/sla.c had in C: the first response within
-- A 2 h around the clock, B 4 h and C 8 h from 09:00 to 24:00 Beijing
-- every day, billing topics in business hours (A stays around the
-- clock: billing is capped at B when filed, and a re-rated A takes the
-- stricter clock).  The next response after a partner's note or a
-- reopen has the same times; resolution A 1 day around the clock, B 3
-- and C 5 days of the extended day (15 h), billing B 5 and C 10
-- business days (9 h).  Each pauses while the request waits on the
-- partner and warns at 80 %.
INSERT INTO sla_policy (id, name, created_at) VALUES
    (1, 'Standard', strftime('%s', 'now'));
INSERT INTO sla_target VALUES
    (1, 'first_response', 'A', 'other', 120, '24x7', 'attention_needed', 80),
    (1, 'first_response', 'B', 'other', 240, 'extended', 'attention_needed', 80),
    (1, 'first_response', 'C', 'other', 480, 'extended', 'attention_needed', 80),
    (1, 'first_response', 'A', 'billing', 120, '24x7', 'attention_needed', 80),
    (1, 'first_response', 'B', 'billing', 240, 'business', 'attention_needed', 80),
    (1, 'first_response', 'C', 'billing', 480, 'business', 'attention_needed', 80),
    (1, 'next_response', 'A', 'other', 120, '24x7', 'attention_needed', 80),
    (1, 'next_response', 'B', 'other', 240, 'extended', 'attention_needed', 80),
    (1, 'next_response', 'C', 'other', 480, 'extended', 'attention_needed', 80),
    (1, 'next_response', 'A', 'billing', 120, '24x7', 'attention_needed', 80),
    (1, 'next_response', 'B', 'billing', 240, 'business', 'attention_needed', 80),
    (1, 'next_response', 'C', 'billing', 480, 'business', 'attention_needed', 80),
    (1, 'resolution', 'A', 'other', 1440, '24x7', 'attention_needed', 80),
    (1, 'resolution', 'B', 'other', 2700, 'extended', 'attention_needed', 80),
    (1, 'resolution', 'C', 'other', 4500, 'extended', 'attention_needed', 80),
    (1, 'resolution', 'A', 'billing', 1440, '24x7', 'attention_needed', 80),
    (1, 'resolution', 'B', 'billing', 2700, 'business', 'attention_needed', 80),
    (1, 'resolution', 'C', 'billing', 5400, 'business', 'attention_needed', 80);

-- The version a request was filed under.  Every request before this
-- migration was counted by version 1's hours; requests a script inserts
-- without going through filing (demo data, the benchmark's history)
-- take it too.  No REFERENCES: SQLite adds a column with a foreign key
-- only with a NULL default; versions are never deleted (above).
ALTER TABLE request ADD COLUMN policy_id INTEGER NOT NULL DEFAULT 1;
