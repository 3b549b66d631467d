-- queue_total (migration 028) kept from queue_count instead of from the
-- requests.  028's triggers on request restated 024's rules for
-- queue_count (which change of a request moves which group, that a
-- closed request counts in none, that nobody is assignee 0), coarser; two
-- copies of one rule drift apart.  queue_total's groups are queue_count's
-- summed over service and partner, so each change of a queue_count row
-- moves its total by the same amount, as 026 keeps sla_rollup from
-- sla_rollup_day: 024 alone says what a request counts in.
DROP TRIGGER queue_total_insert;
DROP TRIGGER queue_total_update;
DROP TRIGGER queue_total_delete;

CREATE TRIGGER queue_total_count_insert AFTER INSERT ON queue_count
BEGIN
	INSERT INTO queue_total VALUES (NEW.status, NEW.severity,
	    NEW.assignee_id, NEW.n)
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- 024 changes a group's n only (and a group's rows keep their keys).
CREATE TRIGGER queue_total_count_update AFTER UPDATE OF n ON queue_count
WHEN NEW.n <> OLD.n
BEGIN
	UPDATE queue_total SET n = n + NEW.n - OLD.n
	WHERE status = NEW.status AND severity = NEW.severity
	AND assignee_id = NEW.assignee_id;
	DELETE FROM queue_total WHERE n = 0 AND status = NEW.status
	AND severity = NEW.severity AND assignee_id = NEW.assignee_id;
END;

-- 024 deletes a group once it is empty (n = 0: nothing to take off).
CREATE TRIGGER queue_total_count_delete AFTER DELETE ON queue_count
WHEN OLD.n <> 0
BEGIN
	UPDATE queue_total SET n = n - OLD.n
	WHERE status = OLD.status AND severity = OLD.severity
	AND assignee_id = OLD.assignee_id;
	DELETE FROM queue_total WHERE n = 0 AND status = OLD.status
	AND severity = OLD.severity AND assignee_id = OLD.assignee_id;
END;

DELETE FROM queue_total;
INSERT INTO queue_total
SELECT status, severity, assignee_id, sum(n) FROM queue_count
GROUP BY 1, 2, 3 HAVING sum(n) > 0;
