-- Email notifications.  Programs queue a row in the same transaction as
-- the change it tells of (a refused or rolled-back change queues
-- nothing); `pdctl mail` renders each row and hands it to sendmail,
-- retrying with back-off until it is accepted.  Rows are never deleted.
CREATE TABLE outbox (
	id		INTEGER PRIMARY KEY,
	to_addr		TEXT NOT NULL,
	lang		TEXT NOT NULL DEFAULT 'en',
	kind		TEXT NOT NULL CHECK (kind IN ('request_event',
			    'new_request', 'case_event')),
	request_id	INTEGER REFERENCES request(id),
	case_id		INTEGER REFERENCES remediation_case(id),
	event_id	INTEGER,	-- event or remediation_event, by kind
	created_at	INTEGER NOT NULL,
	next_at		INTEGER NOT NULL,	-- not before
	attempts	INTEGER NOT NULL DEFAULT 0,
	sent_at		INTEGER,
	error		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox(next_at) WHERE sent_at IS NULL;
