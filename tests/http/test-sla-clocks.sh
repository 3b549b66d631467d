# The three SLA clocks (lib/clock.c, migration 023): the first response,
# the next response after a partner's note or a reopen, and the
# resolution, on the request page and the queue, kept in request_clock in
# the transaction of each change, and counted in sla_rollup (per target,
# against hand-counted requests); the queue sorts by the nearest due
# time of any running clock and filters by clock.
. "$PD_TOP/tests/http/lib.sh"
plan 66

agent=agent@contoso.example
sup=support@operator.example
for u in $agent $sup; do login "$u"; done
# roll TARGET SEVERITY MONTH: Contoso's Exchange Online row, "filed|met|breached|pending".
roll() {
	sql "SELECT coalesce(sum(filed), 0) || '|' || coalesce(sum(met), 0) || '|' ||
	    coalesce(sum(breached), 0) || '|' || coalesce(sum(pending), 0) FROM sla_rollup
	    WHERE target = '$1' AND severity = '$2' AND month = '$3' AND partner_id = 1
	    AND service_id = 1"
}
# plus "f|m|b|p" "df dm db dp": the counts moved by that much.
plus() {
	local IFS='|' a b
	read -r -a a <<< "$1"; IFS=' ' read -r -a b <<< "$2"
	echo "$((a[0] + b[0]))|$((a[1] + b[1]))|$((a[2] + b[2]))|$((a[3] + b[3]))"
}
clock() { xp "/page/request/clock[@target='$1']/@$2"; }
stored() { sql "SELECT $2 FROM request_clock WHERE request_id = $id AND target = '$1'"; }
month=$(sql "SELECT strftime('%Y-%m', 'now')")

# --- filed: the first response and the resolution run

res=$(roll resolution A "$month") next=$(roll next_response A "$month")
post $agent /requests customer=1 service=1 topic=11 "title=test-sla-clocks: three clocks" \
    "description=d" severity=A "contact_name=Li Na" contact_email=agent@contoso.example
expect_status 201 "a severity A request"
id=$(xp /page/request/@id)
xget -u $agent /requests/$id
expect_valid "the request with its clocks"
expect_xp "count(/page/request/clock)" 2 "two clocks run from the filing"
check "the first response runs" test "$(clock first_response state)" = running
check "the resolution runs" test "$(clock resolution state)" = running
check "A's resolution: 24 h around the clock" test "$(clock resolution target-minutes)" = 1440
check "… due a day after the filing" \
    test "$(stored resolution "due_at - started_at")" = 86400
check "… warning at 80 %" test "$(stored resolution "warn_at - started_at")" = 69120
check "the rollup counts a pending resolution" test "$(roll resolution A "$month")" = "$(plus "$res" "1 0 0 1")"
check "… and no next response yet" test "$(roll next_response A "$month")" = "$next"

# --- a partner's note starts the next response, the operator's reply stops it

post $agent /requests/$id/notes "text=Any news?"
expect_status 201 "the partner asks"
xget -u $sup /requests/$id
check "the next response runs" test "$(clock next_response state)" = running
check "… due in 2 h" test "$(stored next_response "due_at - started_at")" = 7200
check "the rollup counts a pending next response" \
    test "$(roll next_response A "$month")" = "$(plus "$next" "1 0 0 1")"
xget -u $sup "/desk?target=next_response"
expect_valid "the queue of running next responses"
expect_xp "count(/page/desk/request[@id=$id])" 1 "the request is in it"
expect_xp "/page/desk/request[@id=$id]/clock/@target" "$(sql "SELECT target FROM request_clock
    WHERE request_id = $id AND stopped_at IS NULL ORDER BY due_at, target LIMIT 1")" \
    "its row carries its nearest running clock"
expect_xp "/page/desk/request[@id=$id]/@other-clocks" 2 "… and counts the other two, on the request page"
expect_xp "/page/desk/filter/@target" next_response "the filter is shown"
xget -u $sup "/desk?target=soon"
expect_status 400 "a clock that does not exist"
html $sup en "/desk?target=next_response"
html $sup zh /requests/$id

post $sup /requests/$id/notes "text=We are on it." visibility=public
expect_status 201 "the operator replies"
xget -u $sup /requests/$id
check "the next response is met" test "$(clock next_response state)" = met
check "the rollup counts it met" \
    test "$(roll next_response A "$month")" = "$(plus "$next" "1 1 0 0")"
xget -u $sup "/desk?target=next_response"
expect_xp "count(/page/desk/request[@id=$id])" 0 "the request left the next-response queue"

# --- close and reopen: the resolution resumes

post $agent /requests/$id/close "text=Solved."
expect_status 201 "the partner closes it"
xget -u $agent /requests/$id
check "the resolution is met" test "$(clock resolution state)" = met
check "the rollup counts the resolution met" \
    test "$(roll resolution A "$month")" = "$(plus "$res" "1 1 0 0")"
post $agent /requests/$id/reopen
expect_status 201 "… and reopens it"
xget -u $agent /requests/$id
check "the resolution runs again" test "$(clock resolution state)" = running
check "the reopen starts a next response" test "$(clock next_response state)" = running
check "… while the first response stays as the first close left it (not running again)" \
    test "$(clock first_response state)" = met
post $sup /requests/$id/notes "text=Looking into it here." visibility=internal
check "both pending again in the rollup" \
    test "$(roll resolution A "$month")/$(roll next_response A "$month")" = \
    "$(plus "$res" "1 0 0 1")/$(plus "$next" "1 0 0 1")"
xget -u $sup /requests/$id
check "the operator's internal note did not answer the partner: the next response runs" \
    test "$(clock next_response state)" = running

# --- a logged contact answers the partner: it stops the first response
# and the next response alike, whatever its summary's visibility; the
# queue still sorts the request

post $sup /requests/$id/contacts method=phone "summary=Called Li Na." visibility=public
expect_status 201 "a contact"
xget -u $sup /requests/$id
check "the contact stopped the next response" test "$(clock next_response state)" = met
check "… in the rollup too" \
    test "$(roll next_response A "$month")" = "$(plus "$next" "1 1 0 0")"
check "the first response stopped: no due_at" test "$(sql "SELECT due_at IS NULL FROM request WHERE id = $id")" = 1
post $agent /requests/$id/notes "text=Still broken for one mailbox."
xget -u $sup /requests/$id
check "the partner writes again: the next response runs" test "$(clock next_response state)" = running
post $sup /requests/$id/contacts method=email "summary=Mailed the steps." visibility=internal
expect_status 201 "a contact whose summary stays internal"
xget -u $sup /requests/$id
check "… answers the partner all the same" test "$(clock next_response state)" = met
check "the queue's order is the nearest running clock" \
    test "$(sql "SELECT clock_due_at FROM request WHERE id = $id")" = \
    "$(sql "SELECT min(due_at) FROM request_clock WHERE request_id = $id AND stopped_at IS NULL")"
xget -u $sup /desk
expect_valid "the queue"
got=$(values "/page/desk/request/@id" | tr '\n' ' ')
want=$(sql "SELECT id FROM request WHERE status <> 'closed'
    ORDER BY clock_due_at IS NULL, clock_due_at, severity, created_at, id LIMIT 50" | tr '\n' ' ')
check "the queue runs by the nearest due time of any clock" test "$got" = "$want"

# --- re-rated: the new severity's targets, and the rollup moves

resb=$(roll resolution B "$month")
post $sup /requests/$id/severity severity=B "text=Only one mailbox."
expect_status 201 "re-rated to B"
xget -u $sup /requests/$id
check "the resolution takes B's target" test "$(clock resolution target-minutes)" = 2700
check "the rollup moves the request's clocks to B" \
    test "$(roll resolution A "$month")/$(roll resolution B "$month")" = "$res/$(plus "$resb" "1 0 0 1")"

# --- a breach: filed 30 hours ago, nobody answered

late=$(sql "INSERT INTO request (partner_id, customer_id, service_id, topic_id, title,
    description, severity, status, contact_name, contact_email, contact_phone,
    created_by, created_at, updated_at) VALUES (1, 1, 1, 11, 'test-sla-clocks: late',
    'd', 'A', 'open', 'Li Na', 'agent@contoso.example', '', 2, unixepoch() - 30 * 3600,
    unixepoch() - 30 * 3600); SELECT last_insert_rowid();")
late_month=$(sql "SELECT strftime('%Y-%m', created_at, 'unixepoch') FROM request WHERE id = $late")
before=$(roll resolution A "$late_month")
post $sup /requests/$late/notes "text=Sorry for the wait." visibility=public
expect_status 201 "a change to the late request"
xget -u $sup /requests/$late
check "its resolution is breached" test "$(xp "/page/request/clock[@target='resolution']/@breached")" = yes
check "… and so is its first response" test "$(xp "/page/request/@breached")" = yes
check "the rollup counts the breach" \
    test "$(roll resolution A "$late_month")" = "$(plus "$before" "1 0 1 0")"

# --- a long timeline is counted whole: 1,101 status changes (550 waits
# on the partner, 30 s each, 30 s of work between), the last one a wait

long=$(sql "INSERT INTO request (partner_id, customer_id, service_id, topic_id, title,
    description, severity, status, contact_name, contact_email, contact_phone,
    created_by, created_at, updated_at) VALUES (1, 1, 1, 11, 'test-sla-clocks: long',
    'd', 'A', 'attention_needed', 'Li Na', 'agent@contoso.example', '', 2,
    unixepoch() - 36000, unixepoch() - 36000); SELECT last_insert_rowid();")
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1101)
    INSERT INTO event (request_id, at, actor_id, kind, old_value, new_value)
    SELECT $long, r.created_at + 30 * i, 6, 'status',
    CASE i % 2 WHEN 1 THEN 'open' ELSE 'attention_needed' END,
    CASE i % 2 WHEN 1 THEN 'attention_needed' ELSE 'open' END
    FROM n, request r WHERE r.id = $long"
xget -u $sup /requests/$long
check "its resolution is paused by the last change" \
    test "$(clock resolution state)" = paused
check "… having counted 551 stretches of 30 s (1,440 - 275.5 minutes left)" \
    test "$(clock resolution left-minutes)" = 1164

# --- the rollup's rows are the clocks they count

diff=$(sql "SELECT count(*) FROM (SELECT target, month, partner_id, severity, service_id,
    filed, met, breached, pending FROM sla_rollup
    WHERE target <> 'first_response' AND filed <> 0
    EXCEPT SELECT k.target, strftime('%Y-%m', r.created_at, 'unixepoch'), r.partner_id,
    r.severity, r.service_id, count(*), sum(k.stopped_at IS NOT NULL AND k.breached = 0),
    sum(k.breached), sum(k.stopped_at IS NULL AND k.breached = 0)
    FROM request_clock k JOIN request r ON r.id = k.request_id
    WHERE k.target <> 'first_response' GROUP BY 1, 2, 3, 4, 5)")
diff=$diff+$(sql "SELECT count(*) FROM (SELECT k.target, strftime('%Y-%m', r.created_at,
    'unixepoch'), r.partner_id, r.severity, r.service_id FROM request_clock k
    JOIN request r ON r.id = k.request_id WHERE k.target <> 'first_response'
    EXCEPT SELECT target, month, partner_id, severity, service_id FROM sla_rollup
    WHERE filed > 0)")
check "sla_rollup's next-response and resolution rows are request_clock's (differing: $diff)" \
    test "$diff" = "0+0"

# --- a running clock past its due time with no write since: the SLA
# report counts it breached, not waiting (as for the first response)
res_sums() {
	xget -u $sup "/reports/sla?by=severity&days=365"
	echo "$(xp "sum(/page/sla-report/row/target[@kind='resolution']/@breached)")/$(xp "sum(/page/sla-report/row/target[@kind='resolution']/@pending)")"
}
was=$(res_sums)
sql "UPDATE request_clock SET due_at = unixepoch() - 60 WHERE request_id = $id
    AND target = 'resolution' AND stopped_at IS NULL AND breached = 0"
now_sums=$(res_sums)
check "an overdue resolution nobody recorded counts as breached in the report ($was -> $now_sums)" \
    test "$now_sums" = "$(( ${was%/*} + 1 ))/$(( ${was#*/} - 1 ))"

# --- after an upgrade from before migration 023: no clocks until
# `pdctl clocks DB all` computes every request's, closed ones' too
case "${PD_BIN:-build}" in /*) pdctl="$PD_BIN/pdctl" ;; *) pdctl="$PD_TOP/${PD_BIN:-build}/pdctl" ;; esac
closed=$(sql "SELECT id FROM request WHERE status = 'closed' ORDER BY id LIMIT 1")
clocks_of() {
	sql "SELECT group_concat(target || ' ' || coalesce(due_at, '-') || ' ' || breached, ', ')
	    FROM request_clock WHERE request_id = $closed"
}
before=$(clocks_of)
sql "DELETE FROM request_clock WHERE request_id = $closed"
"$pdctl" clocks "$PD_TEST_DB" >/dev/null
check "pdctl clocks recomputes open requests only" test -z "$(clocks_of)"
"$pdctl" clocks "$PD_TEST_DB" all >/dev/null
check "… and with 'all' a closed request's clocks too, as they were ($before)" \
    test -n "$before" -a "$(clocks_of)" = "$before"
