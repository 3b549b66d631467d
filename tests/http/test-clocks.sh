# A change to the holiday calendar refreshes every open clock counted in
# business days, however many there are, whatever the request's topic,
# and no other; and every worker's next write reads the calendar as
# changed (each keeps it, lib/clock.c, until its change counter moves).
. "$PD_TOP/tests/http/lib.sh"
plan 14

opadmin=admin@operator.example agent=agent@contoso.example
login $opadmin
login $agent

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
# Two technical (not billing) B requests filed then: 880601 under a policy
# version that counts B's targets in business days (retired at once: new
# requests keep the current one), 880602 under version 1's extended day
# (due 13:00 UTC on the 25th, were it recomputed: stored otherwise).
business=$(sql "INSERT INTO sla_policy (name, created_at, retired_at) VALUES
    ('test-clocks: business days', unixepoch(), unixepoch()); SELECT last_insert_rowid();")
sql "INSERT INTO sla_target SELECT $business, target, severity, topic_kind, minutes,
    CASE severity WHEN 'B' THEN 'business' ELSE calendar END, pause_status, warn_percent
    FROM sla_target WHERE policy_id = 1"
sql "INSERT INTO request (id, partner_id, customer_id, service_id, topic_id, title, description,
    severity, status, contact_name, contact_email, contact_phone, created_by, created_at,
    updated_at, due_at, policy_id) SELECT 880600 + i, 1, 1, 1, 11, 'test-clocks', 'd', 'B', 'open',
    'Li Na', 'agent@contoso.example', '', 2, unixepoch('2026-12-25 09:00:00'),
    unixepoch('2026-12-25 09:00:00'), unixepoch('2026-12-28 04:00:00'), p
    FROM (SELECT 1 AS i, $business AS p UNION ALL SELECT 2, 1)"
due_of() { sql "SELECT datetime(due_at, 'unixepoch') FROM request WHERE id = $1"; }

# This server's request workers (its database is in their environment).
request_workers() {
	local pid
	for pid in $(pgrep -x request); do
		tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null |
		    grep -qxF "PD_DB=$PD_TEST_DB" && echo "$pid"
	done
}
syscw() { awk '$1 == "syscw:" { print $2 }' "/proc/$1/io"; }
# notes ID…: a partner's note on each request, all at once, so that every
# request worker writes some (a worker answers one request at a time);
# prints how many of the workers answered none, plus how many notes were
# not stored (a refused note moves no clock, and the checks after it
# would pass on a stale calendar).
notes() {
	local token pid id idle=0
	local -A before
	token=$(csrf $agent)
	for pid in $(request_workers); do before[$pid]=$(syscw "$pid"); done
	for id in "$@"; do
		curl -s -o /dev/null -w '%{http_code}\n' -b "$(jar $agent)" -H 'Accept: application/xml' \
		    --data-urlencode "csrf=$token" --data-urlencode "text=test-clocks" \
		    "$base/requests/$id/notes" >> "$tmp/note-codes" &
	done
	wait
	for pid in "${!before[@]}"; do
		[ "$(syscw "$pid")" -gt "${before[$pid]}" ] || idle=$((idle + 1))
	done
	echo "$((idle + $(grep -cv '^201$' "$tmp/note-codes")))"
	: > "$tmp/note-codes"
}
some=$(seq 880001 880016)
# Each request worker reads the calendar before the holiday.
check "both request workers write a note before the calendar changes" \
    test "$(request_workers | wc -l)" = 2 -a "$(notes $some)" = 0

post $opadmin /calendar day=2026-12-28 kind=holiday "name=Test closure"
expect_status 201 "a holiday on the due day of 600 billing requests"
check "… moves every one of them a business day on" test "$(due '2026-12-29 04:00:00')" = 600
check "… and a technical request whose policy counts business days" \
    test "$(due_of 880601)" = "2026-12-29 04:00:00"
check "… but not one counted in the extended day: its clocks do not read the calendar" \
    test "$(due_of 880602)" = "2026-12-28 04:00:00"
check "both request workers write notes after the holiday" test "$(notes $some)" = 0
check "… and each counts it: the clocks they refresh are still due a day on" \
    test "$(due '2026-12-29 04:00:00')" = 600
post $opadmin /calendar/remove day=2026-12-28
expect_status 303 "the holiday is removed"
check "… and every due time is back" test "$(due '2026-12-28 04:00:00')" = 600
check "… the technical request's too" test "$(due_of 880601)" = "2026-12-28 04:00:00"
check "both request workers write notes after the removal" test "$(notes $some)" = 0
check "… and neither counts the holiday still" test "$(due '2026-12-28 04:00:00')" = 600

sql "UPDATE request SET status = 'closed' WHERE id > 880000 AND id <= 880602;
    DELETE FROM request WHERE id > 880000 AND id <= 880602"
