-- The desk's "due soon" by the SLA policy's warning share (issue 14):
-- the earliest warning of any running clock of the request (NULL when
-- none runs), kept by clock_refresh beside clock_due_at in the same
-- transaction.  A request is due soon once that warning has passed and
-- no running clock is past due yet (lib/clock.h clock_due_soon).
ALTER TABLE request ADD COLUMN clock_warn_at INTEGER;
UPDATE request SET clock_warn_at = (SELECT min(k.warn_at)
    FROM request_clock k WHERE k.request_id = request.id
    AND k.stopped_at IS NULL AND k.warn_at IS NOT NULL)
WHERE status <> 'closed';

-- The desk's due-soon count: a range of the open requests past their
-- warning, each row saying whether it is past due as well.
CREATE INDEX request_warning ON request(clock_warn_at, clock_due_at)
    WHERE status <> 'closed';
