-- Attachments: the files themselves are on disk, named by the SHA-256
-- of their content (lib/attach.c), never in the database; a row says
-- which request and which timeline event (a note, or the filing) a file
-- came with, who sent it, the name it was sent under (display text
-- only), its size and detected type.  An internal note's files are
-- internal.  Rows are append-only like the timeline they belong to.
CREATE TABLE attachment (
	id		INTEGER PRIMARY KEY,
	request_id	INTEGER NOT NULL REFERENCES request(id),
	event_id	INTEGER NOT NULL REFERENCES event(id),
	uploader_id	INTEGER NOT NULL REFERENCES user(id),
	name		TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
	size		INTEGER NOT NULL CHECK (size >= 0),
	type		TEXT NOT NULL,
	sha256		TEXT NOT NULL CHECK (length(sha256) = 64),
	visibility	TEXT NOT NULL CHECK (visibility IN ('public', 'internal')),
	created_at	INTEGER NOT NULL
);
CREATE INDEX attachment_event ON attachment(event_id);
CREATE INDEX attachment_request ON attachment(request_id, id);
CREATE INDEX attachment_sha256 ON attachment(sha256);
CREATE TRIGGER attachment_no_update BEFORE UPDATE ON attachment
BEGIN SELECT RAISE(ABORT, 'attachments are append-only'); END;
CREATE TRIGGER attachment_no_delete BEFORE DELETE ON attachment
BEGIN SELECT RAISE(ABORT, 'attachments are append-only'); END;
