# The SLA report and the scorecard read sla_rollup (migration 016, kept by
# triggers), the same per day and both summed over the services (migration
# 026), those summed over the partners and each partner's running totals
# (migration 032), and the requests of the window's first day: their figures, every
# target's, must be the ones counted from the raw requests and their
# clocks, on the demo data and
# after a hand-built history (a request re-rated, breached after its due
# time passed unrecorded, closed and reopened, moved to another month,
# deleted, a rollup row moved by hand and back), and request_count and partner_service, the request list's and
# the dashboard's, and queue_count and queue_total, the desk's.
. "$PD_TOP/tests/http/lib.sh"
plan 116

support=support@operator.example
agent=agent@contoso.example
for u in $support $agent; do login "$u"; done

# raw_sla BY DAYS: key|filed|met|breached|waiting per group, from the
# requests themselves (the report's definition, docs/api.md).
raw_sla() {
	local key
	case $1 in
	severity) key=severity ;;
	service) key=service_id ;;
	partner) key=partner_id ;;
	month) key="strftime('%Y-%m', created_at, 'unixepoch')" ;;
	esac
	sql "SELECT $key, count(*), sum(first_contact_at IS NOT NULL AND breached = 0),
	    sum(breached = 1 OR (first_contact_at IS NULL AND due_at IS NOT NULL
	    AND due_at < unixepoch())),
	    sum(first_contact_at IS NULL AND breached = 0
	    AND (due_at IS NULL OR due_at >= unixepoch()))
	    FROM request WHERE created_at >= unixepoch() - $2 * 86400 GROUP BY 1" | sort
}
# attrs PATH A…: those attributes of the last answer's nodes at PATH,
# joined by |, a node a line, sorted.
attrs() {
	local path=$1 cols=() a; shift
	for a in "$@"; do
		values "$path/@$a" > "$tmp/col.$a"
		cols+=("$tmp/col.$a")
	done
	paste -d'|' "${cols[@]}" | sort
}
# compare NAME: the SLA report in every grouping and window against the
# raw counts (12 checks).
compare() {
	local by days
	for by in severity service partner month; do
		for days in 30 90 365; do
			xget -u $support "/reports/sla?by=$by&days=$days"
			attrs /page/sla-report/row key filed met breached waiting > "$tmp/report"
			raw_sla $by $days > "$tmp/raw"
			if [ -s "$tmp/raw" ] && cmp -s "$tmp/report" "$tmp/raw"; then
				ok "$1: by $by over $days days as from the requests"
			else
				notok "$1: by $by over $days days as from the requests" \
				    "($(diff "$tmp/raw" "$tmp/report" | grep '^[<>]' | head -n 4 | tr '\n' ' '))"
			fi
		done
	done
}
# raw_targets BY DAYS: the CSV export's lines (group name, target, filed,
# met, breached, waiting) of every target, from the requests and their
# clocks themselves.
raw_targets() {
	local key join=""
	case $1 in
	severity) key=r.severity ;;
	service) key=s.name join="JOIN service s ON s.id = r.service_id" ;;
	partner) key=p.name join="JOIN partner p ON p.id = r.partner_id" ;;
	month) key="strftime('%Y-%m', r.created_at, 'unixepoch')" ;;
	esac
	sql "SELECT $key || ',' || t.target || ',' || count(*) || ',' || sum(t.met) || ','
	    || sum(t.breached) || ',' || sum(t.waiting) FROM (
	    SELECT id AS request_id, 'first_response' AS target,
	    first_contact_at IS NOT NULL AND breached = 0 AS met,
	    breached = 1 OR (first_contact_at IS NULL AND due_at < unixepoch()) AS breached,
	    first_contact_at IS NULL AND breached = 0
	    AND (due_at IS NULL OR due_at >= unixepoch()) AS waiting FROM request
	    UNION ALL SELECT request_id, target, stopped_at IS NOT NULL AND breached = 0,
	    breached = 1 OR (stopped_at IS NULL AND due_at < unixepoch()),
	    stopped_at IS NULL AND breached = 0 AND (due_at IS NULL OR due_at >= unixepoch())
	    FROM request_clock WHERE target <> 'first_response') t
	    JOIN request r ON r.id = t.request_id $join
	    WHERE r.created_at >= unixepoch() - $2 * 86400 GROUP BY $key, t.target" | sort
}
# compare_targets NAME: every target's figures in the SLA report's CSV, in
# every grouping and window, against the raw counts (12 checks).
compare_targets() {
	local by days
	for by in severity service partner month; do
		for days in 30 90 365; do
			fetch -u $support GET "/reports/sla?by=$by&days=$days&format=csv"
			tail -n +2 "$body" | tr -d '\r' | sort > "$tmp/report"
			raw_targets $by $days > "$tmp/raw"
			if [ -s "$tmp/raw" ] && cmp -s "$tmp/report" "$tmp/raw"; then
				ok "$1: every target by $by over $days days as from the clocks"
			else
				notok "$1: every target by $by over $days days as from the clocks" \
				    "($(diff "$tmp/raw" "$tmp/report" | grep '^[<>]' | head -n 4 | tr '\n' ' '))"
			fi
		done
	done
}
# The scorecard's requests, met and breached per partner over 30 and 90
# days (2 checks).
compare_scorecard() {
	local days
	xget -u $support /reports/scorecard
	for days in 30 90; do
		attrs "/page/scorecard/window[@days=$days]/partner[@requests > 0]" \
		    id requests sla-met sla-breached > "$tmp/card"
		sql "SELECT partner_id, count(*), sum(first_contact_at IS NOT NULL AND breached = 0),
		    sum(breached = 1 OR (first_contact_at IS NULL AND due_at < unixepoch()))
		    FROM request WHERE created_at >= unixepoch() - $days * 86400 GROUP BY 1" |
		    sort > "$tmp/raw"
		if [ -s "$tmp/raw" ] && cmp -s "$tmp/card" "$tmp/raw"; then
			ok "$1: the scorecard over $days days as from the requests"
		else
			notok "$1: the scorecard over $days days as from the requests" \
			    "($(diff "$tmp/raw" "$tmp/card" | grep '^[<>]' | head -n 4 | tr '\n' ' '))"
		fi
	done
}
# The rollups themselves, row by row, are the rows they count (5 checks).
rollup_exact() {
	local diff
	diff=$(sql "SELECT count(*) FROM (SELECT month, partner_id, severity, service_id,
	    filed, met, breached, pending FROM sla_rollup
	    WHERE target = 'first_response' AND filed <> 0
	    EXCEPT SELECT strftime('%Y-%m', created_at, 'unixepoch'), partner_id,
	    severity, service_id, count(*), sum(first_contact_at IS NOT NULL AND breached = 0),
	    sum(breached = 1), sum(first_contact_at IS NULL AND breached = 0)
	    FROM request GROUP BY 1, 2, 3, 4)")
	diff=$diff+$(sql "SELECT count(*) FROM (SELECT strftime('%Y-%m', created_at, 'unixepoch'),
	    partner_id, severity, service_id FROM request EXCEPT SELECT month, partner_id,
	    severity, service_id FROM sla_rollup WHERE filed > 0)")
	check "$1: sla_rollup holds each group's counts (differing rows: $diff)" test "$diff" = "0+0"
	# Migration 026's: the day rollup, every target's, row by row from the
	# requests and their clocks; the others, its sums.
	diff=$(sql "SELECT count(*) FROM (SELECT target, day, partner_id, severity, service_id,
	    filed, met, breached, pending FROM sla_rollup_day WHERE filed <> 0
	    EXCEPT SELECT 'first_response', date(created_at, 'unixepoch'), partner_id, severity,
	    service_id, count(*), sum(first_contact_at IS NOT NULL AND breached = 0),
	    sum(breached = 1), sum(first_contact_at IS NULL AND breached = 0)
	    FROM request GROUP BY 2, 3, 4, 5
	    EXCEPT SELECT k.target, date(r.created_at, 'unixepoch'), r.partner_id, r.severity,
	    r.service_id, count(*), sum(k.stopped_at IS NOT NULL AND k.breached = 0),
	    sum(k.breached), sum(k.stopped_at IS NULL AND k.breached = 0)
	    FROM request_clock k JOIN request r ON r.id = k.request_id
	    WHERE k.target <> 'first_response' GROUP BY 1, 2, 3, 4, 5)")
	diff=$diff+$(sql "SELECT count(*) FROM (SELECT 'first_response',
	    date(created_at, 'unixepoch'), partner_id, severity, service_id FROM request
	    UNION SELECT k.target, date(r.created_at, 'unixepoch'), r.partner_id, r.severity,
	    r.service_id FROM request_clock k JOIN request r ON r.id = k.request_id
	    WHERE k.target <> 'first_response'
	    EXCEPT SELECT target, day, partner_id, severity, service_id FROM sla_rollup_day
	    WHERE filed > 0)")
	check "$1: sla_rollup_day holds each day's group's counts, every target's (differing rows: $diff)" \
	    test "$diff" = "0+0"
	diff=$(sql "SELECT count(*) FROM (SELECT target, month, partner_id, severity, service_id,
	    filed, met, breached, pending FROM sla_rollup WHERE filed <> 0
	    EXCEPT SELECT target, substr(day, 1, 7), partner_id, severity, service_id, sum(filed),
	    sum(met), sum(breached), sum(pending) FROM sla_rollup_day GROUP BY 1, 2, 3, 4, 5)")
	diff=$diff+$(sql "SELECT count(*) FROM (SELECT target, month, partner_id, severity,
	    filed, met, breached, pending FROM sla_rollup_partner WHERE filed <> 0
	    EXCEPT SELECT target, month, partner_id, severity, sum(filed), sum(met), sum(breached),
	    sum(pending) FROM sla_rollup GROUP BY 1, 2, 3, 4)")
	diff=$diff+$(sql "SELECT count(*) FROM (SELECT target, day, partner_id, severity,
	    filed, met, breached, pending FROM sla_rollup_partner_day WHERE filed <> 0
	    EXCEPT SELECT target, day, partner_id, severity, sum(filed), sum(met), sum(breached),
	    sum(pending) FROM sla_rollup_day GROUP BY 1, 2, 3, 4)")
	diff=$diff+$(sql "SELECT count(*) FROM (SELECT target, day, partner_id, severity
	    FROM sla_rollup_day WHERE filed <> 0 EXCEPT SELECT target, day, partner_id, severity
	    FROM sla_rollup_partner_day WHERE filed <> 0)")
	check "$1: sla_rollup, sla_rollup_partner and sla_rollup_partner_day are the day rollup's sums (differing rows: $diff)" \
	    test "$diff" = "0+0+0+0"
	# Migration 032's, recounted from the requests and their clocks: the
	# sums without the partner per month and per day, and each partner's
	# running totals, every row the sums of its days so far.
	local counted="WITH c(target, day, partner_id, severity, filed, met, breached,
	    pending) AS (SELECT 'first_response', date(created_at, 'unixepoch'), partner_id,
	    severity, 1, first_contact_at IS NOT NULL AND breached = 0, breached = 1,
	    first_contact_at IS NULL AND breached = 0 FROM request
	    UNION ALL SELECT k.target, date(r.created_at, 'unixepoch'), r.partner_id,
	    r.severity, 1, k.stopped_at IS NOT NULL AND k.breached = 0, k.breached,
	    k.stopped_at IS NULL AND k.breached = 0
	    FROM request_clock k JOIN request r ON r.id = k.request_id
	    WHERE k.target <> 'first_response')"
	diff=$(sql "$counted SELECT count(*) FROM (SELECT target, month, severity, filed, met,
	    breached, pending FROM sla_rollup_severity WHERE filed <> 0
	    EXCEPT SELECT target, substr(day, 1, 7), severity, sum(filed), sum(met),
	    sum(breached), sum(pending) FROM c GROUP BY 1, 2, 3)")
	diff=$diff+$(sql "$counted SELECT count(*) FROM (SELECT target, substr(day, 1, 7),
	    severity FROM c EXCEPT SELECT target, month, severity FROM sla_rollup_severity
	    WHERE filed > 0)")
	diff=$diff+$(sql "$counted SELECT count(*) FROM (SELECT target, day, severity, filed,
	    met, breached, pending FROM sla_rollup_severity_day WHERE filed <> 0
	    EXCEPT SELECT target, day, severity, sum(filed), sum(met), sum(breached),
	    sum(pending) FROM c GROUP BY 1, 2, 3)")
	diff=$diff+$(sql "$counted SELECT count(*) FROM (SELECT target, day, severity FROM c
	    EXCEPT SELECT target, day, severity FROM sla_rollup_severity_day WHERE filed > 0)")
	diff=$diff+$(sql "$counted SELECT count(*) FROM sla_partner_running s
	    WHERE (s.filed, s.met, s.breached, s.pending) IS NOT (SELECT count(*),
	    coalesce(sum(met), 0), coalesce(sum(breached), 0), coalesce(sum(pending), 0)
	    FROM c WHERE c.target = s.target AND c.partner_id = s.partner_id
	    AND c.day <= s.day)")
	diff=$diff+$(sql "$counted SELECT count(*) FROM (SELECT target, partner_id, day FROM c
	    EXCEPT SELECT target, partner_id, day FROM sla_partner_running)")
	check "$1: sla_rollup_severity, sla_rollup_severity_day and sla_partner_running as counted from the requests (differing rows: $diff)" \
	    test "$diff" = "0+0+0+0+0+0"
	diff=$(sql "SELECT count(*) FROM (SELECT partner_id, scope, status, severity, service_id, n
	    FROM request_count WHERE n <> 0 EXCEPT SELECT partner_id, CASE WHEN customer_id IS NULL
	    THEN 'partner' ELSE 'customer' END, status, severity, service_id, count(*)
	    FROM request GROUP BY 1, 2, 3, 4, 5)")
	diff=$diff+$(sql "SELECT count(*) FROM (SELECT partner_id, CASE WHEN customer_id IS NULL
	    THEN 'partner' ELSE 'customer' END, status, severity, service_id FROM request
	    EXCEPT SELECT partner_id, scope, status, severity, service_id FROM request_count
	    WHERE n > 0)")
	check "$1: request_count holds each group's count (differing rows: $diff)" test "$diff" = "0+0"
	diff=$(sql "SELECT count(*) FROM (SELECT partner_id, service_id, customers FROM partner_service
	    EXCEPT SELECT c.partner_id, cs.service_id, count(*) FROM customer_service cs
	    JOIN customer c ON c.id = cs.customer_id GROUP BY 1, 2)")
	diff=$diff+$(sql "SELECT count(*) FROM (SELECT c.partner_id, cs.service_id FROM customer_service cs
	    JOIN customer c ON c.id = cs.customer_id EXCEPT SELECT partner_id, service_id FROM partner_service)")
	check "$1: partner_service holds each partner's services (differing rows: $diff)" test "$diff" = "0+0"
	# The desk's: every group with its open requests, and no empty group.
	diff=$(sql "SELECT count(*) FROM (SELECT status, severity, service_id, partner_id,
	    assignee_id, n FROM queue_count EXCEPT SELECT status, severity, service_id,
	    partner_id, coalesce(assignee_id, 0), count(*) FROM request
	    WHERE status <> 'closed' GROUP BY 1, 2, 3, 4, 5)")
	diff=$diff+$(sql "SELECT count(*) FROM (SELECT status, severity, service_id, partner_id,
	    coalesce(assignee_id, 0) FROM request WHERE status <> 'closed' EXCEPT
	    SELECT status, severity, service_id, partner_id, assignee_id FROM queue_count)")
	check "$1: queue_count holds each open group's count, and no empty group (differing rows: $diff)" \
	    test "$diff" = "0+0"
	# Migration 028's: the desk's totals, the same per status, severity
	# and assignee.
	diff=$(sql "SELECT count(*) FROM (SELECT status, severity, assignee_id, n FROM queue_total
	    EXCEPT SELECT status, severity, coalesce(assignee_id, 0), count(*) FROM request
	    WHERE status <> 'closed' GROUP BY 1, 2, 3)")
	diff=$diff+$(sql "SELECT count(*) FROM (SELECT status, severity, coalesce(assignee_id, 0)
	    FROM request WHERE status <> 'closed' EXCEPT
	    SELECT status, severity, assignee_id FROM queue_total)")
	check "$1: queue_total holds each open group's count, and no empty group (differing rows: $diff)" \
	    test "$diff" = "0+0"
	totals_agree "$1"
}

# totals_agree LABEL: queue_total is queue_count summed over service and
# partner (migration 031 keeps it from queue_count's changes).
totals_agree() {
	local diff
	diff=$(sql "SELECT count(*) FROM (SELECT status, severity, assignee_id, n FROM queue_total
	    EXCEPT SELECT status, severity, assignee_id, sum(n) FROM queue_count GROUP BY 1, 2, 3)")
	diff=$diff+$(sql "SELECT count(*) FROM (SELECT status, severity, assignee_id FROM queue_count
	    EXCEPT SELECT status, severity, assignee_id FROM queue_total)")
	check "$1: queue_total is the sums of queue_count (differing rows: $diff)" test "$diff" = "0+0"
}

compare "the demo data"
compare_targets "the demo data"
compare_scorecard "the demo data"
rollup_exact "the demo data"

# --- a hand-built history

post $agent /requests customer=1 service=1 topic=11 "title=test-rollup: re-rated" \
    "description=d" severity=B "contact_name=Li Na" contact_email=agent@contoso.example
expect_status 201 "a new request, severity B"
id=$(xp /page/request/@id)
post $support "/requests/$id/severity" severity=A "text=Whole company affected."
expect_status 201 "… re-rated to A"
# Filed five hours ago as severity A, due an hour ago: nothing has
# recorded the breach, which the report counts all the same.
late=$(sql "INSERT INTO request (partner_id, customer_id, service_id, topic_id, title,
    description, severity, status, contact_name, contact_email, contact_phone,
    created_by, created_at, updated_at, due_at, sla_since) VALUES (1, 1, 2, 21,
    'test-rollup: late', 'd', 'A', 'none', 'Li Na', 'agent@contoso.example', '', 2,
    unixepoch() - 5 * 3600, unixepoch() - 5 * 3600, unixepoch() - 3600,
    unixepoch() - 5 * 3600); SELECT last_insert_rowid();")
# Two older ones: 40 days (before a 30-day window's month) and 75 days.
old=$(sql "INSERT INTO request (partner_id, customer_id, service_id, topic_id, title,
    description, severity, status, contact_name, contact_email, contact_phone,
    created_by, created_at, updated_at, first_contact_at) VALUES (2, 102, 3, 31,
    'test-rollup: old', 'd', 'C', 'open', 'Li Na', 'agent@fabrikam.example', '', 5,
    unixepoch() - 40 * 86400, unixepoch() - 40 * 86400, unixepoch() - 40 * 86400 + 600);
    SELECT last_insert_rowid();")
older=$(sql "INSERT INTO request (partner_id, customer_id, service_id, topic_id, title,
    description, severity, status, contact_name, contact_email, contact_phone,
    created_by, created_at, updated_at) VALUES (1, 1, 1, 11,
    'test-rollup: older', 'd', 'B', 'open', 'Li Na', 'agent@contoso.example', '', 2,
    unixepoch() - 75 * 86400, unixepoch() - 75 * 86400); SELECT last_insert_rowid();")
compare "filed, re-rated, overdue unrecorded"
compare_targets "filed, re-rated, overdue unrecorded"
compare_scorecard "filed, re-rated, overdue unrecorded"
rollup_exact "filed, re-rated, overdue unrecorded"

post $support "/requests/$late/contacts" method=phone "summary=Sorry for the wait."
expect_status 201 "the late request's first contact"
check "… records the breach" test "$(sql "SELECT breached FROM request WHERE id = $late")" = 1
post $support "/requests/$id/contacts" method=phone "summary=On it."
expect_status 201 "the re-rated request's first contact, in time"
post $support "/desk/take/$late"
expect_status 201 "the late request taken (its assignee moves the desk's groups)"
post $agent "/requests/$id/close" "text=Solved."
expect_status 201 "… closed"
post $agent "/requests/$id/reopen"
expect_status 201 "… and reopened"
# Moved 60 days back (from this month to another) and re-rated again.
sql "UPDATE request SET created_at = created_at - 60 * 86400, severity = 'A' WHERE id = $old"
# A customer of Fabrikam's takes up a service no other of its customers
# uses, and drops another.
sql "INSERT INTO customer_service (customer_id, service_id)
    SELECT 102, id FROM service WHERE for_partner = 0 AND id NOT IN
    (SELECT service_id FROM customer_service cs JOIN customer c ON c.id = cs.customer_id
    WHERE c.partner_id = 2) LIMIT 1;
    DELETE FROM customer_service WHERE customer_id = 102
    AND service_id = (SELECT min(service_id) FROM customer_service WHERE customer_id = 102)"
# Moved to another service and back: two of queue_count's groups move,
# queue_total's group does not.
sql "UPDATE request SET service_id = 3 WHERE id = $late"
totals_agree "moved to another service"
sql "UPDATE request SET service_id = 2 WHERE id = $late"
# Deleted while open, as a test that cleans up after itself does.
sql "DELETE FROM request WHERE id = $older"
# A day rollup's row moved to another day by hand and back: the running
# totals follow it out and in again.
sql "UPDATE sla_rollup_partner_day SET day = '2000-01-01' WHERE target = 'first_response'
    AND partner_id = 2 AND day = date($(sql "SELECT created_at FROM request WHERE id = $old"), 'unixepoch');
    UPDATE sla_rollup_partner_day SET day = date($(sql "SELECT created_at FROM request WHERE id = $old"), 'unixepoch')
    WHERE day = '2000-01-01'"
compare "breached, contacted, reopened, moved, deleted"
compare_targets "breached, contacted, reopened, moved, deleted"
compare_scorecard "breached, contacted, reopened, moved, deleted"
rollup_exact "breached, contacted, reopened, moved, deleted"
