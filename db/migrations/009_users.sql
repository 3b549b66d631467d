-- Users managed in the product: invitations and password resets are
-- single-use links whose token is stored only as a hash.  The token is
-- made when its mail is sent (pdctl mail), so no queue holds it.  An
-- invited user has no password yet (password_hash = ''), so cannot
-- sign in until the link is used.
CREATE TABLE password_token (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES user(id),
	purpose		TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
	token_hash	BLOB NOT NULL UNIQUE,
	created_at	INTEGER NOT NULL,
	expires_at	INTEGER NOT NULL,
	used_at		INTEGER
);
CREATE INDEX password_token_user ON password_token(user_id);

-- The outbox learns the two kinds of mail that carry such a link.  A
-- reset asked for an address without an account is queued too, with no
-- user, and never sent: asking answers the same either way.  SQLite
-- cannot change a CHECK in place: the table is copied.
CREATE TABLE outbox_new (
	id		INTEGER PRIMARY KEY,
	to_addr		TEXT NOT NULL,
	lang		TEXT NOT NULL DEFAULT 'en',
	kind		TEXT NOT NULL CHECK (kind IN ('request_event',
			    'new_request', 'case_event', 'invitation',
			    'password_reset')),
	request_id	INTEGER REFERENCES request(id),
	case_id		INTEGER REFERENCES remediation_case(id),
	event_id	INTEGER,	-- event or remediation_event, by kind
	user_id		INTEGER REFERENCES user(id),	-- invitation, reset
	created_at	INTEGER NOT NULL,
	next_at		INTEGER NOT NULL,	-- not before
	attempts	INTEGER NOT NULL DEFAULT 0,
	sent_at		INTEGER,
	error		TEXT NOT NULL DEFAULT ''
);
INSERT INTO outbox_new (id, to_addr, lang, kind, request_id, case_id,
    event_id, created_at, next_at, attempts, sent_at, error)
SELECT id, to_addr, lang, kind, request_id, case_id, event_id, created_at,
    next_at, attempts, sent_at, error FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(next_at) WHERE sent_at IS NULL;
