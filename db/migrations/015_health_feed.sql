-- Service health as scripts and feed readers see it: one impacted area
-- per incident, the operator's switch for a public feed, and tokens
-- that may read nothing but the feed.

-- An incident's impacted area is one free text ("China North 3,
-- Networking"), as POST /health/incidents takes it.  The trigger that
-- keeps resolved incidents unchanged is lifted for the fold only.
DROP TRIGGER incident_resolved;
UPDATE incident SET region = CASE WHEN region <> '' AND feature <> ''
    THEN region || ', ' || feature ELSE region || feature END;
ALTER TABLE incident RENAME COLUMN region TO area;
ALTER TABLE incident DROP COLUMN feature;
CREATE TRIGGER incident_resolved BEFORE UPDATE ON incident
WHEN OLD.resolved_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a resolved incident cannot change'); END;

-- public_health_feed ('yes'): anyone may read the health feed of every
-- customer service, without a token.  SQLite cannot change a CHECK.
CREATE TABLE setting_new (
	name		TEXT PRIMARY KEY CHECK (name IN ('support_queue_address',
			    'public_health_feed')),
	value		TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO setting_new SELECT name, value FROM setting;
DROP TABLE setting;
ALTER TABLE setting_new RENAME TO setting;

-- A feed token reads the health feed and nothing else, so that it may
-- stand in a feed reader's URL (?token=); it is read-only too.
ALTER TABLE api_token ADD COLUMN feed_only INTEGER NOT NULL DEFAULT 0
    CHECK (feed_only IN (0, 1) AND (feed_only = 0 OR read_only = 1));
