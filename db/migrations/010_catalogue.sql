-- The catalogue as data (issue 11, cgi-bin/catalogue.c).  Services and
-- topics are retired, never deleted: new requests no longer offer them,
-- the requests filed under them keep them.  A topic's own form fields
-- are rows of topic_field (lib/fielddef.c reads them for the form, its
-- validation, the request page and the XML), and what a request
-- answered is request_answer; they replace topic.extra_field and
-- request.extra_value, whose two fields and values move here.

ALTER TABLE service ADD COLUMN retired_at INTEGER;
ALTER TABLE topic ADD COLUMN retired_at INTEGER;
ALTER TABLE article ADD COLUMN lang TEXT NOT NULL DEFAULT 'en'
    CHECK (lang IN ('en', 'zh', 'it'));

-- pattern: a POSIX extended regular expression the whole value must
-- match ('' none); choices: the values of a choice field, one a line.
CREATE TABLE topic_field (
	id		INTEGER PRIMARY KEY,
	topic_id	INTEGER NOT NULL REFERENCES topic(id),
	position	INTEGER NOT NULL,
	label_en	TEXT NOT NULL CHECK (label_en <> ''),
	label_zh	TEXT NOT NULL CHECK (label_zh <> ''),
	label_it	TEXT NOT NULL CHECK (label_it <> ''),
	kind		TEXT NOT NULL CHECK (kind IN ('text', 'number', 'choice', 'date')),
	required	INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
	pattern		TEXT NOT NULL DEFAULT '',
	choices		TEXT NOT NULL DEFAULT '',
	retired_at	INTEGER,
	CHECK ((kind = 'choice') = (choices <> ''))
);
CREATE INDEX topic_field_topic ON topic_field(topic_id, position);

-- Answers are part of the request as filed: never changed.
CREATE TABLE request_answer (
	request_id	INTEGER NOT NULL REFERENCES request(id),
	field_id	INTEGER NOT NULL REFERENCES topic_field(id),
	value		TEXT NOT NULL,
	PRIMARY KEY (request_id, field_id)
) WITHOUT ROWID;
CREATE TRIGGER request_answer_no_update BEFORE UPDATE ON request_answer
BEGIN SELECT RAISE(ABORT, 'a request''s answers are kept as filed'); END;
CREATE TRIGGER request_answer_no_delete BEFORE DELETE ON request_answer
BEGIN SELECT RAISE(ABORT, 'a request''s answers are kept as filed'); END;

-- Today's two hard-coded fields, with the rules newrequest.c had for them.
INSERT INTO topic_field (topic_id, position, label_en, label_zh, label_it,
    kind, required, pattern)
SELECT id, 1, 'Invoice number', '发票编号', 'Numero di fattura', 'text', 1, ''
FROM topic WHERE extra_field = 'invoice_number';
INSERT INTO topic_field (topic_id, position, label_en, label_zh, label_it,
    kind, required, pattern)
SELECT id, 1, 'Subscription ID', '订阅 ID', 'ID sottoscrizione', 'text', 1,
    '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'
FROM topic WHERE extra_field = 'subscription_id';
INSERT INTO request_answer (request_id, field_id, value)
SELECT r.id, f.id, r.extra_value FROM request r
JOIN topic_field f ON f.topic_id = r.topic_id
WHERE r.extra_value <> '';

ALTER TABLE request DROP COLUMN extra_value;
ALTER TABLE topic DROP COLUMN extra_field;
