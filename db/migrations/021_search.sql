-- Full-text search (lib/search.c): requests' titles and descriptions,
-- and the timeline's notes and logged contacts, in FTS5 indexes whose
-- text stays in request and event (external content: nothing is stored
-- twice).  The trigram tokenizer finds any three characters or more
-- anywhere in a word, so "mail" finds "email" and "Mailbox", prefixes
-- are found by construction, and Chinese, written without spaces, is
-- searchable by any three characters of it (docs/search.md).
--
-- The indexes hold no partner and no visibility: each search joins the
-- request (its partner now, whichever it was filed under) and the
-- event (public, or internal for operator staff) by rowid, so scoping
-- is the lists' own WHERE clause and not a second copy of it.
CREATE VIRTUAL TABLE request_text USING fts5(title, description,
    content = 'request', content_rowid = 'id', tokenize = 'trigram');
-- The events it indexes are a view's rows, so that FTS5's own check
-- ('integrity-check' with rank 1, tests/http/test-search.sh) compares
-- the index with exactly them.
CREATE VIEW note_body AS
SELECT id, body FROM event WHERE kind IN ('note', 'contact') AND body <> '';
CREATE VIRTUAL TABLE note_text USING fts5(body,
    content = 'note_body', content_rowid = 'id', tokenize = 'trigram');

INSERT INTO request_text (rowid, title, description)
SELECT id, title, description FROM request;
INSERT INTO note_text (rowid, body) SELECT id, body FROM note_body;

-- Kept in step in the transaction of each change.  Events are
-- append-only (their triggers refuse UPDATE and DELETE), so an insert
-- is all a note needs; a request's text never changes today, but if it
-- did the index would follow.
CREATE TRIGGER request_text_insert AFTER INSERT ON request
BEGIN
	INSERT INTO request_text (rowid, title, description)
	VALUES (NEW.id, NEW.title, NEW.description);
END;
CREATE TRIGGER request_text_update AFTER UPDATE OF title, description
ON request
BEGIN
	INSERT INTO request_text (request_text, rowid, title, description)
	VALUES ('delete', OLD.id, OLD.title, OLD.description);
	INSERT INTO request_text (rowid, title, description)
	VALUES (NEW.id, NEW.title, NEW.description);
END;
CREATE TRIGGER request_text_delete AFTER DELETE ON request
BEGIN
	INSERT INTO request_text (request_text, rowid, title, description)
	VALUES ('delete', OLD.id, OLD.title, OLD.description);
END;
CREATE TRIGGER note_text_insert AFTER INSERT ON event
WHEN NEW.kind IN ('note', 'contact') AND NEW.body <> ''
BEGIN
	INSERT INTO note_text (rowid, body) VALUES (NEW.id, NEW.body);
END;
