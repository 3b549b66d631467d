-- queue_count (migration 003) without its two leaks.  A group whose last
-- open request closed or moved stayed as a row with n = 0, so the rows
-- grew with every combination ever open, and the desk's counts summed
-- over them all (6,163 groups at a million requests, docs/performance.md);
-- now a group leaves when it empties.  And a deleted request (an
-- administrator's SQL, a test) was never taken off: its group counted it
-- for ever.  The table is counted afresh from the requests.
DROP TRIGGER queue_count_update;
CREATE TRIGGER queue_count_update AFTER UPDATE OF status, severity,
    service_id, partner_id, assignee_id ON request
BEGIN
	UPDATE queue_count SET n = n - 1
	WHERE OLD.status <> 'closed' AND status = OLD.status
	AND severity = OLD.severity AND service_id = OLD.service_id
	AND partner_id = OLD.partner_id
	AND assignee_id = coalesce(OLD.assignee_id, 0);
	DELETE FROM queue_count WHERE n = 0 AND status = OLD.status
	AND severity = OLD.severity AND service_id = OLD.service_id
	AND partner_id = OLD.partner_id
	AND assignee_id = coalesce(OLD.assignee_id, 0);
	INSERT INTO queue_count SELECT NEW.status, NEW.severity,
	    NEW.service_id, NEW.partner_id, coalesce(NEW.assignee_id, 0), 1
	WHERE NEW.status <> 'closed'
	ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER queue_count_delete AFTER DELETE ON request
WHEN OLD.status <> 'closed'
BEGIN
	UPDATE queue_count SET n = n - 1
	WHERE status = OLD.status AND severity = OLD.severity
	AND service_id = OLD.service_id AND partner_id = OLD.partner_id
	AND assignee_id = coalesce(OLD.assignee_id, 0);
	DELETE FROM queue_count WHERE n = 0 AND status = OLD.status
	AND severity = OLD.severity AND service_id = OLD.service_id
	AND partner_id = OLD.partner_id
	AND assignee_id = coalesce(OLD.assignee_id, 0);
END;

DELETE FROM queue_count;
INSERT INTO queue_count
SELECT status, severity, service_id, partner_id, coalesce(assignee_id, 0),
    count(*)
FROM request WHERE status <> 'closed'
GROUP BY 1, 2, 3, 4, 5;
