-- The desk's counts (cgi-bin/desk.c) without summing queue_count's
-- groups: at 200,000 requests it holds 6,163 of them (status × severity
-- × service × partner × assignee), all read on every view of the
-- unfiltered desk.  queue_total counts the open requests per status,
-- severity and assignee only, a few rows per member of staff, which the
-- unfiltered desk and its filters by severity, status and assignee (every
-- card's link) sum instead.  Kept by the same triggers' shape as
-- queue_count (migration 024): a group leaves when it empties.
CREATE TABLE queue_total (
	status		TEXT NOT NULL,
	severity	TEXT NOT NULL,
	assignee_id	INTEGER NOT NULL,	-- 0: nobody
	n		INTEGER NOT NULL,
	PRIMARY KEY (status, severity, assignee_id)
) WITHOUT ROWID;

CREATE TRIGGER queue_total_insert AFTER INSERT ON request
WHEN NEW.status <> 'closed'
BEGIN
	INSERT INTO queue_total VALUES (NEW.status, NEW.severity,
	    coalesce(NEW.assignee_id, 0), 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- Only a change of what it counts moves it: an update of service or
-- partner alone leaves it be.
CREATE TRIGGER queue_total_update AFTER UPDATE OF status, severity,
    assignee_id ON request
WHEN (OLD.status, OLD.severity, OLD.assignee_id) IS NOT
    (NEW.status, NEW.severity, NEW.assignee_id)
BEGIN
	UPDATE queue_total SET n = n - 1
	WHERE OLD.status <> 'closed' AND status = OLD.status
	AND severity = OLD.severity
	AND assignee_id = coalesce(OLD.assignee_id, 0);
	DELETE FROM queue_total WHERE n = 0 AND status = OLD.status
	AND severity = OLD.severity
	AND assignee_id = coalesce(OLD.assignee_id, 0);
	INSERT INTO queue_total SELECT NEW.status, NEW.severity,
	    coalesce(NEW.assignee_id, 0), 1
	WHERE NEW.status <> 'closed'
	ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER queue_total_delete AFTER DELETE ON request
WHEN OLD.status <> 'closed'
BEGIN
	UPDATE queue_total SET n = n - 1
	WHERE status = OLD.status AND severity = OLD.severity
	AND assignee_id = coalesce(OLD.assignee_id, 0);
	DELETE FROM queue_total WHERE n = 0 AND status = OLD.status
	AND severity = OLD.severity
	AND assignee_id = coalesce(OLD.assignee_id, 0);
END;

INSERT INTO queue_total
SELECT status, severity, coalesce(assignee_id, 0), count(*)
FROM request WHERE status <> 'closed'
GROUP BY 1, 2, 3;

-- A partner's groups of queue_count, for the desk's counts under a
-- partner filter: tens of rows instead of all of them.
CREATE INDEX queue_count_partner ON queue_count(partner_id, service_id);
