# The operator's desk: the queue of every partner's open escalations,
# its order, filters and counts, take and assign; partners kept out.
. "$PD_TOP/tests/http/lib.sh"
plan 100

support=support@operator.example
opadmin=admin@operator.example
for u in $support $opadmin agent@contoso.example admin@contoso.example sales@contoso.example agent@fabrikam.example; do
	login "$u"
done

xget -u $support /desk
expect_status 200 "the queue for a support agent"
expect_valid "the queue"
open=$(sql "SELECT count(*) FROM request WHERE status <> 'closed'")
expect_xp "count(/page/desk/request)" "$open" "every open escalation is listed"
expect_xp "/page/desk/counts/@open" "$open" "the open count agrees with the list"
expect_xp "count(/page/desk/request[@status='closed'])" 0 "no closed request"
expect_xp "count(/page/desk/request/partner[.='Fabrikam Partners']) > 0" true "Fabrikam's requests too"
expect_xp "count(/page/desk/request/partner[.='Contoso Reseller']) > 0" true "and Contoso's"
# Ordered by the nearest due time of any running SLA clock: each no
# earlier than the one before, and requests with no running clock (no
# <clock due>) after them.
dues=$(for i in $(values /page/desk/request/@id); do
	sql "SELECT coalesce(clock_due_at, 9e18) FROM request WHERE id = $i"; done)
check "the most urgent first: by the nearest SLA due time" \
    test -n "$dues" -a "$dues" = "$(sort -g <<<"$dues")"
expect_xp "count(/page/desk/request[clock[@due]][preceding-sibling::request[not(clock[@due])]])" 0 \
    "requests without a running clock come after"
expect_xp "/page/desk/request[1]/@breached" yes "the first one is past due"
expect_xp "/page/desk/counts/@unassigned" "$(sql "SELECT count(*) FROM request WHERE status <> 'closed' AND assignee_id IS NULL")" \
    "the unassigned count"

xget -u $support "/desk?severity=B"
expect_xp "count(/page/desk/request[@severity!='B'])" 0 "the severity filter"
expect_xp "/page/desk/counts/@open" "$(sql "SELECT count(*) FROM request WHERE status <> 'closed' AND severity = 'B'")" \
    "the counts follow the filter"
xget -u $support "/desk?partner=2"
expect_xp "count(/page/desk/request/partner[@id!='2'])" 0 "the partner filter"
xget -u $support "/desk?status=attention_needed"
expect_xp "count(/page/desk/request[@status!='attention_needed'])" 0 "the status filter"
xget -u $support "/desk?service=1&q=MAIL"
expect_xp "count(/page/desk/request[service/@id!='1'])" 0 "the service filter"
xget -u $support "/desk?severity=&status=&assignee=&q="
expect_status 200 "an empty filter form is no filter"
expect_xp "count(/page/desk/request)" "$open" "… and lists everything"
xget -u $support "/desk?severity=D"
expect_status 400 "a severity that does not exist"
xget -u $support "/desk?due=whenever"
expect_status 400 "a due filter that does not exist"

# --- take and assign

id=$(sql "SELECT id FROM request WHERE status <> 'closed' AND assignee_id IS NULL ORDER BY id LIMIT 1")
me=$(sql "SELECT id FROM user WHERE email = '$support'")
post $support "/desk/take/$id"
expect_status 201 "take a request"
expect_xp "/page/assigned[@request=$id]/@to" "$me" "… the answer says to whom"
check "… points at the request" test "$(header Location)" = "/requests/$id"
check "… it is mine" test "$(sql "SELECT assignee_id FROM request WHERE id = $id")" = "$me"
check "… in the timeline, internal" test "$(sql "SELECT kind || visibility FROM event WHERE request_id = $id ORDER BY id DESC LIMIT 1")" = assignedinternal
xget -u $support "/desk?assignee=me"
expect_xp "count(/page/desk/request[@id=$id])" 1 "my requests list it"
expect_xp "/page/desk/counts/@mine" "$(sql "SELECT count(*) FROM request WHERE status <> 'closed' AND assignee_id = $me")" "the mine count"
post $support "/desk/take/$id"
expect_status 409 "taking it again changes nothing"
admin_id=$(sql "SELECT id FROM user WHERE email = '$opadmin'")
post $support "/desk/assign/$id" to=$admin_id
expect_status 201 "give it to a colleague"
check "… assigned to the colleague" test "$(sql "SELECT assignee_id FROM request WHERE id = $id")" = "$admin_id"
post $support "/desk/assign/$id" to=2
expect_status 422 "a partner user cannot be assigned"
post $support "/desk/take/999999"
expect_status 404 "a request that does not exist"
closed=$(sql "SELECT id FROM request WHERE status = 'closed' LIMIT 1")
post $support "/desk/take/$closed"
expect_status 409 "a closed request is not taken"
fetch -u $support POST "/desk/take/$id"
expect_status 403 "taking without csrf"
fetch -u $support POST "/desk/take/$id" --data-urlencode "csrf=$(csrf $support)"
expect_status 303 "a browser's take goes back to the desk"
check "… to /desk" test "$(header Location)" = /desk

# --- the counters stay right

# counts_match QUERY WHERE: the four counts of /desk?QUERY (from
# queue_total, queue_count or the requests, by the filters) are those of
# the open requests WHERE.
counts_match() {
	xget -u $support "/desk?$1"
	local got want
	got=$(for a in open attention_needed unassigned mine; do xp "/page/desk/counts/@$a"; done | tr '\n' ' ')
	want=$(sql "SELECT count(*), count(*) FILTER (WHERE status = 'attention_needed'),
	    count(*) FILTER (WHERE assignee_id IS NULL), count(*) FILTER (WHERE assignee_id = $me)
	    FROM request WHERE status <> 'closed' AND $2" | tr '|' ' ')
	check "the counts of /desk?$1 are the requests' ($got)" test "$got" = "$want "
}
counts_match "" "1"
counts_match "severity=A" "severity = 'A'"
counts_match "status=open" "status = 'open'"
counts_match "assignee=none&severity=B" "assignee_id IS NULL AND severity = 'B'"
counts_match "assignee=me" "assignee_id = $me"
counts_match "partner=1" "partner_id = 1"
counts_match "partner=1&service=1&severity=B" "partner_id = 1 AND service_id = 1 AND severity = 'B'"
counts_match "service=1" "service_id = 1"
incident=$(sql "SELECT incident_id FROM request WHERE incident_id IS NOT NULL AND status <> 'closed' LIMIT 1")
counts_match "incident=${incident:-1}" "incident_id = ${incident:-1}"

check "queue_count agrees with the requests" test \
    "$(sql "SELECT coalesce(sum(n), 0) FROM queue_count")" = \
    "$(sql "SELECT count(*) FROM request WHERE status <> 'closed'")"

# --- partners are kept out

for u in agent@contoso.example admin@contoso.example sales@contoso.example agent@fabrikam.example; do
	xget -u $u /desk
	expect_status 403 "$u cannot open the desk"
	post $u "/desk/take/$id"
	expect_status 403 "$u cannot take a request"
done
fetch -u $support GET /desk
expect_status 200 "the desk as HTML"
expect_body 'action="/desk/take/' "Take buttons"

# --- the warning before a breach, at the policy's warning share

# A policy version warning at 25 % of each target (retired at once: new
# requests keep the current one); version 1 warns at 80 %.
early=$(sql "INSERT INTO sla_policy (name, created_at, retired_at) VALUES
    ('test-desk: early warning', unixepoch(), unixepoch()); SELECT last_insert_rowid();")
sql "INSERT INTO sla_target SELECT $early, target, severity, topic_kind, minutes, calendar,
    pause_status, 25 FROM sla_target WHERE policy_id = 1"
# filed MINUTES POLICY: a severity A request (2 h around the clock) filed
# that long ago under that policy version, its clocks stored as a change
# stores them (pdctl clocks: every open request's).
case "${PD_BIN:-build}" in /*) pdctl="$PD_BIN/pdctl" ;; *) pdctl="$PD_TOP/${PD_BIN:-build}/pdctl" ;; esac
filed() {
	local i
	i=$(sql "INSERT INTO request (partner_id, customer_id, service_id, topic_id, title,
	    description, severity, status, contact_name, contact_email, contact_phone,
	    created_by, created_at, updated_at, policy_id) VALUES (1, 1, 1, 11,
	    'test-desk: filed $1 minutes ago', 'd', 'A', 'open', 'Li Na', 'agent@contoso.example',
	    '', 2, unixepoch() - $1 * 60, unixepoch() - $1 * 60, $2); SELECT last_insert_rowid();")
	"$pdctl" clocks "$PD_TEST_DB" >/dev/null
	echo "$i"
}
soon=$(filed 40 "$early")	# warns after 30 min, due after 120
later=$(filed 90 1)		# due in 30 min, but warns after 96
check "the early policy's request warns at its share: 30 minutes after filing" \
    test "$(sql "SELECT clock_warn_at - created_at FROM request WHERE id = $soon")" = 1800
xget -u $support "/desk?due=soon"
expect_valid "the due-soon queue"
expect_xp "/page/desk/request[@id=$soon]/@due-soon" yes "a request past its warning share is marked due-soon"
expect_xp "/page/desk/request[@id=$soon]/@breached" no "… and not breached yet"
expect_xp "count(/page/desk/request[@id=$later])" 0 \
    "a request due in 30 minutes but before its 80 % warning is not due soon"
expect_xp "count(/page/desk/request)" "$(xp /page/desk/counts/@due_soon)" \
    "the due-soon count is the due-soon queue's length"
xget -u $support /desk
expect_xp "/page/desk/request[@id=$later]/@due-soon" "" "… nor marked so in the queue"
expect_xp "count(/page/desk/request[@breached='yes'][@due-soon])" 0 "a breached request is not 'due soon'"
xget -u $support "/requests/$later"
expect_xp "/page/request/@due-soon" "" "… nor on its page"
xget -u $support "/requests/$soon"
expect_xp "/page/request/@due-soon" yes "the request says due-soon too"
expect_valid "a request due soon"
fetch -u $support GET "/requests/$soon"
expect_body 'sla-warning' "the request page warns before the breach"
# One rule of past due for the card, the filter and the badges: a
# running clock past due.  The first response's breach recorded (as a
# late first contact leaves it) is history: a request that now runs in
# time is not past due, and its clock due soon still says so.
sql "UPDATE request SET breached = 1 WHERE id = $soon"
xget -u $support /desk
expect_xp "/page/desk/request[@id=$soon]/@breached" no "a recorded breach, a clock due soon: not past due …"
expect_xp "/page/desk/request[@id=$soon]/@due-soon" yes "… but due soon"
badged=$(values "/page/desk/request[@breached='yes']/@id" | sort)
card=$(xp /page/desk/counts/@breached)
check "the past-due card counts the rows with a past-due badge ($card)" \
    test "$card" -gt 0 -a "$card" = "$(count "/page/desk/request[@breached='yes']")"
xget -u $support "/desk?due=breached"
check "… and the past-due filter lists exactly those rows" \
    test -n "$badged" -a "$(values /page/desk/request/@id | sort)" = "$badged"
xget -u $support /desk
others=$(count "/page/desk/request[@other-clocks]")
fetch -u $support GET /desk
cell() { xmllint --html --xpath "$1" "$body" 2>/dev/null; }
check "… and one badge in its Response due" test \
    "$(cell "count(//tr[td[1]/a/@href='/requests/$soon']/td[5]/span[contains(@class, 'badge')])")" = 1
check "each row's Response due is one clock, not a list" test \
    "$(cell "count(//table[@class='queue']//td[5]//li)")" = 0
check "… and the rows with more clocks say so in its title ($others)" test "$others" -gt 0 -a \
    "$(cell "count(//table[@class='queue']//td[5][starts-with(@title, 'Other SLA clocks')])")" = "$others"
xget -u $support "/desk?due=soon"
expect_xp "count(/page/desk/request[@id=$soon])" 1 "… and in the due-soon queue"
sql "UPDATE request SET breached = 0 WHERE id = $soon"
sql "UPDATE request SET created_at = created_at - 5400 WHERE id = $soon"
fetch -u $support GET "/requests/$soon"
expect_body 'sla-overdue' "… and says when it is breached"

# --- past due counted up to 1,000: a neglected queue's count costs no more
sql "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 1001)
    INSERT INTO request (partner_id, customer_id, service_id, topic_id, title, description,
    severity, status, contact_name, contact_email, contact_phone, created_by, created_at,
    updated_at, policy_id, clock_due_at) SELECT 1, 1, 1, 11, 'test-desk: neglected', 'd', 'C',
    'open', 'Li Na', 'agent@contoso.example', '', 2, unixepoch() - 86400, unixepoch() - 86400,
    1, unixepoch() - 3600 FROM n"
xget -u $support /desk
expect_xp "/page/desk/counts/@breached" 1000 "over 1,000 past due: counted to 1,000 …"
expect_xp "/page/desk/counts/@breached_more" yes "… and said to be more"
expect_valid "the desk with more than 1,000 past due"
fetch -u $support GET /desk
expect_body '<strong>1000+</strong>' "… shown as 1000+"
sql "DELETE FROM request WHERE title = 'test-desk: neglected'"
xget -u $support /desk
expect_xp "/page/desk/counts/@breached" "$(sql "SELECT count(*) FROM request WHERE status <> 'closed'
    AND clock_due_at < unixepoch()")" "under 1,000: the exact count"
expect_xp "/page/desk/counts/@breached_more" "" "… and no more"

# --- the past-due and due-soon counts are kept by each worker until a
# clock of an open request comes due or warns, or the database changes
# (due_counts, cgi-bin/desk.c): a request falling due between two views,
# with nothing written, is counted at once by every worker.
# views_counts: "past due/due soon" of four views (both workers), and
# what the requests say at each.
views_counts() {
	local i
	seen="" counted=""
	for i in 1 2 3 4; do
		xget -u $support /desk
		seen+="$(xp /page/desk/counts/@breached)/$(xp /page/desk/counts/@due_soon) "
		counted+="$(sql "SELECT count(*) FILTER (WHERE clock_due_at < unixepoch()) || '/' ||
		    count(*) FILTER (WHERE clock_due_at >= unixepoch()
		    AND clock_warn_at <= unixepoch()) FROM request WHERE status <> 'closed'") "
	done
}
falling=$(sql "INSERT INTO request (partner_id, customer_id, service_id, topic_id, title,
    description, severity, status, contact_name, contact_email, contact_phone, created_by,
    created_at, updated_at, policy_id, clock_due_at, clock_warn_at) VALUES (1, 1, 1, 11,
    'test-desk: falls due', 'd', 'A', 'open', 'Li Na', 'agent@contoso.example', '', 2,
    unixepoch() - 600, unixepoch() - 600, 1, unixepoch() + 30, unixepoch() - 60);
    SELECT last_insert_rowid()")
due_at=$(sql "SELECT clock_due_at FROM request WHERE id = $falling")
# Between the two sets of views only the clock may move, or the second
# would count again for a moved data_version and could not fail.  The
# checkpointer's PASSIVE copy leaves data_version alone; its TRUNCATE
# (once a whole interval passed with nothing written: after the insert
# and the search merge it starts) starts the WAL over, which moves every
# other connection's data_version.  So the views wait for the WAL file
# to be emptied, and the WAL still empty after them says nothing moved.
wal_size() { stat -c %s "$PD_TEST_DB-wal"; }
for i in $(seq 100); do
	[ "$(wal_size)" = 0 ] && break
	sleep 0.1
done
# past_due: the database's clock is past the request's due time (the
# rule's clock_due_at < now: at the due second itself it is due soon).
past_due() { sql "SELECT $due_at < unixepoch()"; }
views_counts
check "a request due in 30 s: due soon, not past due, in every view ($seen)" test "$seen" = "$counted"
seen_soon=$seen
check "… those views all taken before it fell past due" test "$(past_due)" = 0
for i in $(seq 600); do
	[ "$(past_due)" = 1 ] && break
	sleep 0.1
done
views_counts
check "… past due once the database's clock passed it, nothing written, in every view ($seen)" \
    test "$seen" = "$counted" -a "${seen%% *}" != "${seen_soon%% *}"
check "… nothing was written between the views (the WAL still empty)" test "$(wal_size)" = 0
sql "DELETE FROM request WHERE id = $falling"

# --- a breach recorded (a first response that came late) is history: not
# past due, but shown under its own name in the XML, the row and the CSV
late=$(sql "INSERT INTO request (partner_id, customer_id, service_id, topic_id, title,
    description, severity, status, contact_name, contact_email, contact_phone, created_by,
    created_at, updated_at, policy_id, clock_due_at, clock_warn_at, breached,
    first_contact_at) VALUES (1, 1,
    1, 11, 'test-desk: zyxlate answered', 'd', 'C', 'open', 'Li Na', 'agent@contoso.example',
    '', 2, unixepoch() - 600, unixepoch() - 600, 1, unixepoch() + 86400, unixepoch() + 80000, 1,
    unixepoch() - 60);
    SELECT last_insert_rowid()")
xget -u $support "/desk?q=zyxlate"
expect_xp "/page/desk/request[@id=$late]/@first-response" breached "a recorded first-response breach: first-response=\"breached\" …"
expect_xp "/page/desk/request[@id=$late]/@breached" no "… and not past due"
fetch -u $support GET "/desk?q=zyxlate"
expect_body '<span class="hint">first response was late</span>' "… a hint in the row, not a badge"
fetch -u $support GET "/desk?format=csv&q=zyxlate"
check "the CSV names its column first_response_breached" grep -q ',due,first_response_breached,' "$body"
check "… yes for it" grep -q "^$late,.*,yes," "$body"
# request.breached is also stored on a first response still awaited when
# a change finds it past due: that is the running clock's, not history.
sql "UPDATE request SET first_contact_at = NULL WHERE id = $late"
xget -u $support "/desk?q=zyxlate"
expect_xp "count(/page/desk/request[@id=$late]/@first-response)" 0 "a breach stored while the first response is awaited: no such attribute"
sql "UPDATE request SET first_contact_at = unixepoch() - 60 WHERE id = $late"
sql "UPDATE request SET breached = 0 WHERE id = $late"
xget -u $support "/desk?q=zyxlate"
expect_xp "count(/page/desk/request[@id=$late]/@first-response)" 0 "a first response in time: no such attribute"
sql "DELETE FROM request WHERE id = $late"
