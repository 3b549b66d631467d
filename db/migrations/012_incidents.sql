-- Service health as the operator runs it: incidents and advisories on
-- one or more services, their append-only updates, requests linked to
-- them, and the notifications that follow (per-user opt-outs, the
-- support queue's address).

-- An incident covers several services now; the first message and every
-- later one are updates.  A service's health is no longer stored: it is
-- the worst status of its active incidents (the service_health view).
CREATE TABLE incident_new (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL DEFAULT 'incident'
			    CHECK (kind IN ('incident', 'advisory', 'maintenance')),
	status		TEXT NOT NULL CHECK (status IN ('information', 'warning', 'critical')),
	title		TEXT NOT NULL,
	region		TEXT NOT NULL DEFAULT '',	-- impacted area
	feature		TEXT NOT NULL DEFAULT '',
	started_at	INTEGER NOT NULL,
	expected_end_at	INTEGER,
	resolved_at	INTEGER,
	created_by	INTEGER REFERENCES user(id),	-- NULL: before 012
	updated_at	INTEGER NOT NULL
);
INSERT INTO incident_new (id, status, title, started_at, resolved_at, updated_at)
SELECT id, status, title, started_at, resolved_at,
    coalesce(resolved_at, started_at) FROM incident;

DROP INDEX incident_service;	-- the name is the new table's

-- They reference incident_new, which the RENAME below makes incident:
-- a reference to the old table would stop its DROP.
CREATE TABLE incident_service (
	incident_id	INTEGER NOT NULL REFERENCES incident_new(id),
	service_id	INTEGER NOT NULL REFERENCES service(id),
	PRIMARY KEY (incident_id, service_id)
) WITHOUT ROWID;
CREATE INDEX incident_service_service ON incident_service(service_id, incident_id);
INSERT INTO incident_service SELECT id, service_id FROM incident;

-- The history of an incident, append-only: each entry may set a new
-- status or expected end; the last one may resolve it.
CREATE TABLE incident_update (
	id		INTEGER PRIMARY KEY,
	incident_id	INTEGER NOT NULL REFERENCES incident_new(id),
	at		INTEGER NOT NULL,
	author_id	INTEGER REFERENCES user(id),	-- NULL: before 012
	body		TEXT NOT NULL,
	status		TEXT CHECK (status IN ('information', 'warning', 'critical')),
	expected_end_at	INTEGER,
	resolves	INTEGER NOT NULL DEFAULT 0 CHECK (resolves IN (0, 1))
);
CREATE INDEX incident_update_incident ON incident_update(incident_id, id);
INSERT INTO incident_update (incident_id, at, body)
SELECT id, started_at, impact FROM incident WHERE impact <> '';
CREATE TRIGGER incident_update_no_update BEFORE UPDATE ON incident_update
BEGIN SELECT RAISE(ABORT, 'incident updates are append-only'); END;
CREATE TRIGGER incident_update_no_delete BEFORE DELETE ON incident_update
BEGIN SELECT RAISE(ABORT, 'incident updates are append-only'); END;

DROP TABLE incident;
ALTER TABLE incident_new RENAME TO incident;
CREATE INDEX incident_active ON incident(resolved_at, started_at);

-- A resolved incident stays resolved.
CREATE TRIGGER incident_resolved BEFORE UPDATE ON incident
WHEN OLD.resolved_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a resolved incident cannot change'); END;

ALTER TABLE service DROP COLUMN health;
CREATE VIEW service_health (service_id, health) AS
SELECT s.id, CASE (SELECT max(CASE i.status WHEN 'critical' THEN 3
    WHEN 'warning' THEN 2 ELSE 1 END) FROM incident_service x
    JOIN incident i ON i.id = x.incident_id
    WHERE x.service_id = s.id AND i.resolved_at IS NULL)
    WHEN 3 THEN 'critical' WHEN 2 THEN 'warning' WHEN 1 THEN 'information'
    ELSE 'normal' END
FROM service s;

-- A request about an incident; a deflection that follows one.
ALTER TABLE request ADD COLUMN incident_id INTEGER REFERENCES incident(id);
CREATE INDEX request_incident ON request(incident_id, status)
    WHERE incident_id IS NOT NULL;
ALTER TABLE deflection ADD COLUMN incident_id INTEGER REFERENCES incident(id);

-- Timeline entries for linking and for the incident's end.  SQLite
-- cannot change a CHECK: the table is rebuilt, with its triggers.
CREATE TABLE event_new (
	id		INTEGER PRIMARY KEY,
	request_id	INTEGER NOT NULL REFERENCES request(id),
	at		INTEGER NOT NULL,
	actor_id	INTEGER NOT NULL REFERENCES user(id),
	kind		TEXT NOT NULL CHECK (kind IN ('created', 'note', 'status',
			    'contact', 'severity', 'assigned', 'flag', 'unflag',
			    'incident', 'incident_resolved')),
	visibility	TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'internal')),
	body		TEXT NOT NULL DEFAULT '',
	old_value	TEXT,
	new_value	TEXT
);
INSERT INTO event_new SELECT * FROM event;
DROP TABLE event;
ALTER TABLE event_new RENAME TO event;
CREATE INDEX event_request ON event(request_id, id);
CREATE INDEX event_public_note ON event(at)
    WHERE kind = 'note' AND visibility = 'public';
CREATE INDEX event_status ON event(request_id, id) WHERE kind = 'status';
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'the request timeline is append-only'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'the request timeline is append-only'); END;

-- Incident updates are mailed too (event_id is then the update's id).
CREATE TABLE outbox_new (
	id		INTEGER PRIMARY KEY,
	to_addr		TEXT NOT NULL,
	lang		TEXT NOT NULL DEFAULT 'en',
	kind		TEXT NOT NULL CHECK (kind IN ('request_event',
			    'new_request', 'case_event', 'invitation',
			    'password_reset', 'incident_update')),
	request_id	INTEGER REFERENCES request(id),
	case_id		INTEGER REFERENCES remediation_case(id),
	event_id	INTEGER,	-- event, remediation_event or incident_update
	user_id		INTEGER REFERENCES user(id),	-- invitation, reset
	incident_id	INTEGER REFERENCES incident(id),
	created_at	INTEGER NOT NULL,
	next_at		INTEGER NOT NULL,	-- not before
	attempts	INTEGER NOT NULL DEFAULT 0,
	sent_at		INTEGER,
	error		TEXT NOT NULL DEFAULT ''
);
INSERT INTO outbox_new (id, to_addr, lang, kind, request_id, case_id,
    event_id, user_id, created_at, next_at, attempts, sent_at, error)
SELECT id, to_addr, lang, kind, request_id, case_id, event_id, user_id,
    created_at, next_at, attempts, sent_at, error FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(next_at) WHERE sent_at IS NULL;

-- The kinds of mail a user has turned off.  Security mail (invitations,
-- password resets) has no topic, so it cannot be turned off.
CREATE TABLE mail_optout (
	user_id		INTEGER NOT NULL REFERENCES user(id),
	topic		TEXT NOT NULL CHECK (topic IN ('replies', 'status', 'incidents')),
	PRIMARY KEY (user_id, topic)
) WITHOUT ROWID;

-- Settings the operator admin keeps: support_queue_address is where
-- partners' replies on unassigned requests go.
CREATE TABLE setting (
	name		TEXT PRIMARY KEY CHECK (name IN ('support_queue_address')),
	value		TEXT NOT NULL
) WITHOUT ROWID;
