-- What moves a partner's ETags is only what that partner may see
-- (lib/etag.c): an internal note or contact moves a counter of its own,
-- read for operator staff only, and a partner user's name or role moves
-- that partner's counters, not the catalogue's that every partner reads.
-- Else a partner polling its pages would see, by its tags changing, the
-- operator's internal notes and other partners' staff changes.
ALTER TABLE request ADD COLUMN internal_changes INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER request_changes;
CREATE TRIGGER request_changes AFTER UPDATE ON request
WHEN NEW.changes = OLD.changes AND NEW.internal_changes = OLD.internal_changes
BEGIN
	UPDATE request SET changes = changes + 1 WHERE id = NEW.id;
END;
DROP TRIGGER request_changes_event;
CREATE TRIGGER request_changes_event AFTER INSERT ON event
WHEN NEW.visibility = 'public'
BEGIN
	UPDATE request SET changes = changes + 1 WHERE id = NEW.request_id;
END;
CREATE TRIGGER request_internal_changes_event AFTER INSERT ON event
WHEN NEW.visibility = 'internal'
BEGIN
	UPDATE request SET internal_changes = internal_changes + 1
	WHERE id = NEW.request_id;
END;

-- A request moved to another partner leaves the old partner's lists too.
DROP TRIGGER change_count_request_update;
CREATE TRIGGER change_count_request_update AFTER UPDATE ON request
WHEN NEW.internal_changes = OLD.internal_changes
BEGIN
	INSERT INTO change_count VALUES (NEW.partner_id, 1), (OLD.partner_id, 1),
	    (0, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- A partner user's name shows on its partner's pages (and operator
-- staff's lists); operator staff's on every partner's.
DROP TRIGGER change_count_users;
CREATE TRIGGER change_count_users AFTER UPDATE OF name, role, partner_id,
    active ON user
BEGIN
	INSERT INTO change_count SELECT coalesce(p, -1), 1 FROM (
	    SELECT OLD.partner_id AS p UNION SELECT NEW.partner_id UNION
	    SELECT 0 WHERE coalesce(OLD.partner_id, NEW.partner_id) IS NOT NULL)
	WHERE true ON CONFLICT DO UPDATE SET n = n + 1;
	UPDATE partner SET changes = changes + 1
	WHERE id IN (OLD.partner_id, NEW.partner_id);
END;
