-- Remediation cases: the operator and a partner that escalates
-- inappropriately agree a plan.  A case moves
--   proposed -> meeting_agreed -> plan_agreed -> closed
-- and never skips or goes back; the trigger below refuses anything else
-- even if a program got it wrong.

CREATE TABLE remediation_case (
	id		INTEGER PRIMARY KEY,
	partner_id	INTEGER NOT NULL REFERENCES partner(id),
	state		TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN
			    ('proposed', 'meeting_agreed', 'plan_agreed', 'closed')),
	summary		TEXT NOT NULL,		-- why the operator opened it
	opened_by	INTEGER NOT NULL REFERENCES user(id),
	opened_at	INTEGER NOT NULL,
	meeting_at	INTEGER,		-- the agreed meeting time
	plan		TEXT,			-- the meeting's outcome
	closed_at	INTEGER,
	updated_at	INTEGER NOT NULL
);
CREATE INDEX remediation_partner ON remediation_case(partner_id, state);

CREATE TRIGGER remediation_state BEFORE UPDATE OF state ON remediation_case
WHEN NEW.state <> OLD.state AND NOT (
    (OLD.state = 'proposed' AND NEW.state = 'meeting_agreed') OR
    (OLD.state = 'meeting_agreed' AND NEW.state = 'plan_agreed') OR
    (OLD.state = 'plan_agreed' AND NEW.state = 'closed'))
BEGIN SELECT RAISE(ABORT, 'remediation states cannot be skipped'); END;

-- The flagged requests a case cites.
CREATE TABLE remediation_request (
	case_id		INTEGER NOT NULL REFERENCES remediation_case(id),
	request_id	INTEGER NOT NULL REFERENCES request(id),
	PRIMARY KEY (case_id, request_id)
) WITHOUT ROWID;

-- Proposed meeting times; the side that did not propose one accepts it.
CREATE TABLE remediation_slot (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES remediation_case(id),
	at		INTEGER NOT NULL,
	proposed_by	INTEGER NOT NULL REFERENCES user(id),
	by_operator	INTEGER NOT NULL CHECK (by_operator IN (0, 1)),
	proposed_at	INTEGER NOT NULL,
	accepted	INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX remediation_slot_case ON remediation_slot(case_id);

-- The plan's action items; the partner marks them done with evidence.
CREATE TABLE remediation_item (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES remediation_case(id),
	action		TEXT NOT NULL,
	owner		TEXT NOT NULL,
	due		TEXT NOT NULL CHECK (due GLOB
			    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	done_at		INTEGER,
	done_by		INTEGER REFERENCES user(id),
	evidence	TEXT
);
CREATE INDEX remediation_item_case ON remediation_item(case_id);

-- The case's timeline, append-only like a request's.
CREATE TABLE remediation_event (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES remediation_case(id),
	at		INTEGER NOT NULL,
	actor_id	INTEGER NOT NULL REFERENCES user(id),
	kind		TEXT NOT NULL CHECK (kind IN ('opened', 'slot',
			    'meeting_agreed', 'item', 'plan_agreed', 'item_done',
			    'closed')),
	body		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX remediation_event_case ON remediation_event(case_id, id);
CREATE TRIGGER remediation_event_no_update BEFORE UPDATE ON remediation_event
BEGIN SELECT RAISE(ABORT, 'the case timeline is append-only'); END;
CREATE TRIGGER remediation_event_no_delete BEFORE DELETE ON remediation_event
BEGIN SELECT RAISE(ABORT, 'the case timeline is append-only'); END;
