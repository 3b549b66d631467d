# A change to the holiday calendar refreshes every open billing clock,
# however many there are.
. "$PD_TOP/tests/http/lib.sh"
plan 5

opadmin=admin@operator.example
login $opadmin

# 600 open billing requests filed Friday 2026-12-25 17:00 Beijing, due
# Monday the 28th 04:00 UTC; a holiday on the 28th moves them a day on
# (the arithmetic is test-reports.sh's).  Removed at the end.
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600)
    INSERT INTO request (id, partner_id, customer_id, service_id, topic_id,
    title, description, severity, status, contact_name, contact_email,
    contact_phone, created_by, created_at, updated_at, due_at)
    SELECT 880000 + i, 1, 1, 1, 13, 'test-clocks', 'd', 'B', 'open', 'Li Na',
    'agent@contoso.example', '', 2, unixepoch('2026-12-25 09:00:00'),
    unixepoch('2026-12-25 09:00:00'), unixepoch('2026-12-28 04:00:00') FROM n"
due() { sql "SELECT count(*) FROM request WHERE id > 880000 AND id <= 880600
    AND due_at = unixepoch('$1')"; }

post $opadmin /calendar day=2026-12-28 kind=holiday "name=Test closure"
expect_status 201 "a holiday on the due day of 600 billing requests"
check "… moves every one of them a business day on" test "$(due '2026-12-29 04:00:00')" = 600
post $opadmin /calendar/remove day=2026-12-28
expect_status 303 "the holiday is removed"
check "… and every due time is back" test "$(due '2026-12-28 04:00:00')" = 600

sql "UPDATE request SET status = 'closed' WHERE id > 880000 AND id <= 880600;
    DELETE FROM request WHERE id > 880000 AND id <= 880600"
