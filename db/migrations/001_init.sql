-- partnerdesk schema, version 1.
-- Times are INTEGER seconds since the Unix epoch (UTC); the XML model renders them as ISO 8601.

CREATE TABLE partner (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE,
	created_at	INTEGER NOT NULL DEFAULT (unixepoch())
);

-- Operator staff have no partner; partner users always have one.
CREATE TABLE user (
	id		INTEGER PRIMARY KEY,
	partner_id	INTEGER REFERENCES partner(id),
	email		TEXT NOT NULL UNIQUE COLLATE NOCASE,
	name		TEXT NOT NULL,
	phone		TEXT NOT NULL DEFAULT '',
	role		TEXT NOT NULL CHECK (role IN ('global_admin', 'admin_agent',
			    'helpdesk_agent', 'sales_agent', 'support_agent', 'operator_admin')),
	password_hash	TEXT NOT NULL,
	lang		TEXT NOT NULL DEFAULT '' CHECK (lang IN ('', 'en', 'zh', 'it')),
	tz		TEXT NOT NULL DEFAULT 'Asia/Shanghai',
	active		INTEGER NOT NULL DEFAULT 1,
	CHECK ((role IN ('support_agent', 'operator_admin')) = (partner_id IS NULL))
);

-- Only a hash of the session id is stored, so a copy of the database signs nobody in.
CREATE TABLE session (
	id_hash		BLOB PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	csrf		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	expires_at	INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX session_user ON session(user_id);

CREATE TABLE api_token (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES user(id),
	name		TEXT NOT NULL,
	token_hash	BLOB NOT NULL UNIQUE,
	prefix		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	last_used_at	INTEGER,
	revoked_at	INTEGER
);
CREATE INDEX api_token_user ON api_token(user_id);

CREATE TABLE customer (
	id		INTEGER PRIMARY KEY,
	partner_id	INTEGER NOT NULL REFERENCES partner(id),
	name		TEXT NOT NULL,
	domain		TEXT NOT NULL UNIQUE COLLATE NOCASE,
	tenant_id	TEXT NOT NULL UNIQUE,
	premium		INTEGER NOT NULL DEFAULT 0 CHECK (premium IN (0, 1))
);
CREATE INDEX customer_partner_name ON customer(partner_id, name COLLATE NOCASE);
CREATE INDEX customer_partner_domain ON customer(partner_id, domain COLLATE NOCASE);

-- admin_url is a template: {tenant} and {domain} are replaced by the customer's.
-- for_partner marks the service that partner requests (the portal, the account) are filed under.
CREATE TABLE service (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE,
	family		TEXT NOT NULL CHECK (family IN ('office365', 'azure', 'dynamics365', 'partner')),
	admin_url	TEXT NOT NULL DEFAULT '',
	health		TEXT NOT NULL DEFAULT 'normal'
			    CHECK (health IN ('normal', 'information', 'warning', 'critical')),
	for_partner	INTEGER NOT NULL DEFAULT 0 CHECK (for_partner IN (0, 1))
);

CREATE TABLE customer_service (
	customer_id	INTEGER NOT NULL REFERENCES customer(id),
	service_id	INTEGER NOT NULL REFERENCES service(id),
	PRIMARY KEY (customer_id, service_id)
) WITHOUT ROWID;

-- kind drives the severity rule (billing: at most B). extra_field names the one
-- topic-specific form field, if any, and extra_label is its label.
CREATE TABLE topic (
	id		INTEGER PRIMARY KEY,
	service_id	INTEGER NOT NULL REFERENCES service(id),
	name		TEXT NOT NULL,
	kind		TEXT NOT NULL DEFAULT 'technical'
			    CHECK (kind IN ('technical', 'billing', 'fraud', 'account')),
	extra_field	TEXT CHECK (extra_field IN ('invoice_number', 'subscription_id')),
	UNIQUE (service_id, name)
);

CREATE TABLE article (
	id		INTEGER PRIMARY KEY,
	service_id	INTEGER NOT NULL REFERENCES service(id),
	title		TEXT NOT NULL,
	url		TEXT NOT NULL CHECK (url LIKE 'https://%')
);
CREATE INDEX article_service ON article(service_id);

CREATE TABLE incident (
	id		INTEGER PRIMARY KEY,
	service_id	INTEGER NOT NULL REFERENCES service(id),
	status		TEXT NOT NULL CHECK (status IN ('information', 'warning', 'critical')),
	title		TEXT NOT NULL,
	impact		TEXT NOT NULL DEFAULT '',
	started_at	INTEGER NOT NULL,
	resolved_at	INTEGER
);
CREATE INDEX incident_service ON incident(service_id, resolved_at);

-- A customer request has a customer; a partner request has none.
CREATE TABLE request (
	id		INTEGER PRIMARY KEY,
	partner_id	INTEGER NOT NULL REFERENCES partner(id),
	customer_id	INTEGER REFERENCES customer(id),
	service_id	INTEGER NOT NULL REFERENCES service(id),
	topic_id	INTEGER NOT NULL REFERENCES topic(id),
	title		TEXT NOT NULL,
	description	TEXT NOT NULL,
	severity	TEXT NOT NULL CHECK (severity IN ('A', 'B', 'C')),
	status		TEXT NOT NULL DEFAULT 'open'
			    CHECK (status IN ('none', 'open', 'attention_needed', 'closed')),
	problem_started_at INTEGER,
	extra_value	TEXT NOT NULL DEFAULT '',
	contact_name	TEXT NOT NULL,
	contact_email	TEXT NOT NULL,
	contact_phone	TEXT NOT NULL,
	contact_method	TEXT NOT NULL DEFAULT 'email' CHECK (contact_method IN ('email', 'phone')),
	contact_lang	TEXT NOT NULL DEFAULT 'en' CHECK (contact_lang IN ('en', 'zh', 'it')),
	created_by	INTEGER NOT NULL REFERENCES user(id),
	assignee_id	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	closed_at	INTEGER
);
CREATE INDEX request_partner_updated ON request(partner_id, updated_at);
CREATE INDEX request_customer ON request(customer_id, updated_at);
CREATE INDEX request_open ON request(status, created_at) WHERE status <> 'closed';

-- The request timeline is append-only: triggers refuse updates and deletes.
CREATE TABLE event (
	id		INTEGER PRIMARY KEY,
	request_id	INTEGER NOT NULL REFERENCES request(id),
	at		INTEGER NOT NULL,
	actor_id	INTEGER NOT NULL REFERENCES user(id),
	kind		TEXT NOT NULL CHECK (kind IN ('created', 'note', 'status',
			    'contact', 'severity', 'assigned', 'flag', 'unflag')),
	visibility	TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'internal')),
	body		TEXT NOT NULL DEFAULT '',
	old_value	TEXT,
	new_value	TEXT
);
CREATE INDEX event_request ON event(request_id, id);
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'the request timeline is append-only'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'the request timeline is append-only'); END;

-- "Solved without a request" in the self-help hand-off.
CREATE TABLE deflection (
	id		INTEGER PRIMARY KEY,
	partner_id	INTEGER NOT NULL REFERENCES partner(id),
	customer_id	INTEGER REFERENCES customer(id),
	service_id	INTEGER NOT NULL REFERENCES service(id),
	user_id		INTEGER NOT NULL REFERENCES user(id),
	at		INTEGER NOT NULL
);
CREATE INDEX deflection_partner ON deflection(partner_id, at);

CREATE TABLE audit (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES user(id),
	action		TEXT NOT NULL,
	detail		TEXT NOT NULL DEFAULT '',
	remote_addr	TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
