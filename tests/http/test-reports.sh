# The SLA report (and its CSV), the partner scorecard and the SLA
# calendar: who may see them, that the figures add up, and that a
# calendar change moves the billing clocks.
. "$PD_TOP/tests/http/lib.sh"
plan 92

support=support@operator.example
opadmin=admin@operator.example
admin=admin@contoso.example
agent=agent@contoso.example
fabrikam=agent@fabrikam.example
for u in $support $opadmin $admin $agent $fabrikam; do login "$u"; done

for by in severity service partner month; do
	xget -u $support "/reports/sla?by=$by&days=365"
	expect_status 200 "the SLA report by $by"
	expect_valid "the SLA report by $by"
done
xget -u $support "/reports/sla?by=severity&days=365"
filed=$(sql "SELECT count(*) FROM request WHERE created_at >= unixepoch() - 365 * 86400")
expect_xp "sum(/page/sla-report/row/@filed)" "$filed" "every request filed in the period is counted"
expect_xp "count(/page/sla-report/row[@filed != @met + @breached + @waiting + 0][@filed < @met + @breached])" 0 \
    "met and breached never exceed filed"
breached=$(sql "SELECT count(*) FROM request WHERE created_at >= unixepoch() - 365 * 86400
    AND (breached = 1 OR (first_contact_at IS NULL AND due_at < unixepoch()))")
expect_xp "sum(/page/sla-report/row/@breached)" "$breached" "the breaches add up"
xget -u $support "/reports/sla?by=weekday"
expect_status 400 "a grouping that does not exist"
fetch -u $support GET "/reports/sla?by=partner&days=90&format=csv"
expect_status 200 "the SLA report as CSV"
check "… is CSV" grep -qi '^Content-Type: text/csv' "$headers"
check "… with its header line" test "$(head -n1 "$body" | tr -d '\r')" = "group,target,filed,met,breached,waiting"
check "… and a line per partner" grep -q '^Contoso Reseller,' "$body"
fetch -u $support GET "/reports/sla?by=severity&days=90&partner=2"
check "one partner's report links its own CSV and keeps the partner in its filters" \
    sh -c "grep -qF 'href=\"/reports/sla?by=severity&amp;days=90&amp;partner=2&amp;format=csv\"' '$body' &&
    grep -qF '<input type=\"hidden\" name=\"partner\" value=\"2\">' '$body'"
xget -u $support "/reports/sla?by=severity&days=365"
expect_xp "count(/page/sla-report/row[target[@kind='first_response']/@met != @met or target[@kind='first_response']/@pending != @waiting])" 0 \
    "a row's own figures are its first response's target"
expect_xp "count(/page/sla-report/trend/month)" \
    "$(sql "SELECT count(DISTINCT strftime('%Y-%m', created_at, 'unixepoch')) FROM request WHERE created_at >= unixepoch() - 365 * 86400")" \
    "the trend has a month per month with requests"
expect_xp "sum(/page/sla-report/trend/month/severity/target[@kind='first_response']/@breached)" "$breached" \
    "… whose breaches are the report's"
xget -u $agent /reports/sla
expect_status 403 "an admin agent does not see the SLA report"
xget -u $admin "/reports/sla?by=partner&days=365"
expect_status 200 "a partner's global admin sees the SLA report"
expect_valid "… its own"
expect_xp "/page/sla-report/@partner" 1 "… scoped to its partner"
expect_xp "count(/page/sla-report/row)" 1 "… one partner's row"
expect_xp "/page/sla-report/row/@filed" \
    "$(sql "SELECT count(*) FROM request WHERE partner_id = 1 AND created_at >= unixepoch() - 365 * 86400")" \
    "… with Contoso's requests"
xget -u $admin "/reports/sla?partner=2"
expect_status 404 "… Fabrikam's report does not exist for Contoso"

xget -u $support /reports/scorecard
expect_status 200 "the scorecard of every partner"
expect_valid "the scorecard"
expect_xp "count(/page/scorecard/window)" 2 "30 and 90 days"
expect_xp "count(/page/scorecard/window[@days=90]/partner)" "$(sql "SELECT count(*) FROM partner")" "every partner"
expect_xp "/page/scorecard/window[@days=90]/partner[@id=1]/@requests" \
    "$(sql "SELECT count(*) FROM request WHERE partner_id = 1 AND created_at >= unixepoch() - 90 * 86400")" \
    "Contoso's requests over 90 days"
expect_xp "sum(/page/scorecard/history/month/@requests)" \
    "$(sql "SELECT count(*) FROM request WHERE created_at >= unixepoch('now', 'start of month', '-11 months')")" \
    "the history counts the last 12 months' requests"
xget -u $admin /reports/scorecard
expect_status 200 "a partner's global admin sees its own scorecard"
expect_xp "count(/page/scorecard/window/partner[@id != 1])" 0 "… and no other partner's"
expect_xp "sum(/page/scorecard/history/month/@flagged)" \
    "$(sql "SELECT count(*) FROM flag WHERE partner_id = 1 AND withdrawn_at IS NULL AND flagged_at >= unixepoch('now', 'start of month', '-11 months')")" \
    "… and its history its own flags"
xget -u $admin "/reports/scorecard?partner=2"
expect_status 404 "… Fabrikam's does not exist for Contoso"
xget -u $agent /reports/scorecard
expect_status 403 "an admin agent has no scorecard"

# A chart's title joins its subject and what it shows as the language
# does: "First response: share met…", "首次响应：按月份…".
fetch -u $support GET "/reports/sla?by=severity&days=365" -H "Accept-Language: zh"
expect_body '<h2 id="trend-first_response-h">[^<:]*：[^<:]*</h2>' "a chart's title in Chinese takes the full-width colon"
fetch -u $support GET /reports/scorecard -H "Accept-Language: it"
expect_body '<h2 id="history-h">[^<：]*: [^<：]*</h2>' "… Italian the colon and a space"

# The dashboard's chart: requests not closed per severity.
xget -u $admin /dashboard
expect_xp "/page/dashboard/open-requests/severity[@key='B']/@requests" \
    "$(sql "SELECT count(*) FROM request WHERE partner_id = 1 AND status <> 'closed' AND severity = 'B'")" \
    "Contoso's dashboard counts its open B requests"
expect_xp "count(/page/dashboard/may[@action='sla-report'])" 1 "… and links its SLA report"
xget -u $support /dashboard
expect_xp "sum(/page/desk-summary/open-requests/severity/@requests)" \
    "$(sql "SELECT count(*) FROM request WHERE status <> 'closed'")" "the operator's counts every partner's"
expect_xp "/page/desk-summary/@open" "$(sql "SELECT count(*) FROM request WHERE status <> 'closed'")" \
    "… and its summary the open requests (queue_total)"
expect_xp "/page/desk-summary/@unassigned" \
    "$(sql "SELECT count(*) FROM request WHERE status <> 'closed' AND assignee_id IS NULL")" \
    "… and those nobody is assigned"
fetch -u $support GET /dashboard
expect_body 'role="img" aria-labelledby="open-requests-title open-requests-desc"' "… drawn as a named image"

xget -u $support /calendar
expect_status 200 "operator staff read the calendar"
expect_valid "the calendar"
expect_xp "count(/page/calendar/@editable)" 0 "a support agent cannot edit it"
post $support /calendar day=2026-12-31 kind=holiday "name=New Year's Eve"
expect_status 403 "… nor post to it"
xget -u $opadmin /calendar
expect_xp /page/calendar/@editable yes "the operator admin edits it"

# A billing request filed Friday 2026-12-25 17:00 Beijing: 1 hour that day,
# 3 more on Monday the 28th: due 12:00 Beijing = 04:00 UTC.  With the 28th
# a holiday, due moves to Tuesday the 29th, 04:00 UTC.
billing=$(sql "INSERT INTO request (partner_id, customer_id, service_id, topic_id, title,
    description, severity, status, contact_name, contact_email, contact_phone,
    created_by, created_at, updated_at) VALUES (1, 1, 1, 13, 'test-reports: billing', 'd',
    'B', 'open', 'Li Na', 'agent@contoso.example', '', 2,
    unixepoch('2026-12-25 09:00:00'), unixepoch('2026-12-25 09:00:00'));
    SELECT last_insert_rowid();")
post $opadmin /calendar day=2026-12-31 kind=holiday "name=New Year's Eve"
expect_status 201 "the admin adds a holiday"
expect_xp "/page/calendar/day[@date='2026-12-31']/@kind" holiday "… and answers with the calendar"
check "… stored" test "$(sql "SELECT kind FROM calendar_day WHERE day = '2026-12-31'")" = holiday
check "the billing clock before" test "$(sql "SELECT datetime(due_at, 'unixepoch') FROM request WHERE id = $billing")" = "2026-12-28 04:00:00"
post $opadmin /calendar day=2026-12-28 kind=holiday "name=Test closure"
expect_status 201 "a holiday on the due day"
check "… moves the due time a business day on" \
    test "$(sql "SELECT datetime(due_at, 'unixepoch') FROM request WHERE id = $billing")" = "2026-12-29 04:00:00"
post $opadmin /calendar/remove day=2026-12-28
expect_status 303 "the holiday is removed"
check "… and the due time is back" \
    test "$(sql "SELECT datetime(due_at, 'unixepoch') FROM request WHERE id = $billing")" = "2026-12-28 04:00:00"
post $opadmin /calendar day=2026-02-30 kind=holiday
expect_status 422 "a date that does not exist"
expect_xp "/page/errors/error[@field='day']/@rule" format "… is refused"
post $opadmin /calendar day=2026-12-30 kind=vacation
expect_xp "/page/errors/error[@field='kind']/@rule" choice "a kind that does not exist"
post $opadmin /calendar/remove day=2030-01-01
expect_status 404 "removing a day that is not there"
check "calendar changes are audited" test "$(sql "SELECT count(*) FROM audit WHERE action LIKE 'calendar.%'")" -ge 3
fetch -u $opadmin GET /calendar
expect_body 'action="/calendar"' "the admin's calendar page has the form"

# --- the audit log

login agent@fabrikam.example
login admin@contoso.example
# Enough entries for more than one page.
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
     INSERT INTO audit (at, actor_id, action, detail) SELECT unixepoch() - 7200, 6, 'test.filler', i FROM n"
post $opadmin /calendar day=2026-12-24 kind=holiday "name=Audit test"
xget -u $opadmin /reports/audit
expect_status 200 "the operator admin reads the audit log"
expect_valid "the audit log"
expect_xp "/page/audit/entry[1]/@id > /page/audit/entry[2]/@id" true "… newest first"
expect_xp "/page/audit/entry[1]/@action" calendar.set "… the calendar change just made is first"
expect_xp "count(/page/audit/entry)" 50 "… a page of 50"
older=$(xp /page/audit/@older-than)
check "… with the way to older entries" test -n "$older"
xget -u $opadmin "/reports/audit?before=$older"
expect_xp "count(/page/audit/entry[@id >= $older])" 0 "the older page starts before it"
xget -u $opadmin "/reports/audit?action=sign_in&user=agent@fabrikam.example"
expect_xp "count(/page/audit/entry) > 0" true "filtered by action prefix and user"
expect_xp "count(/page/audit/entry[actor/@email != 'agent@fabrikam.example' or not(starts-with(@action, 'sign_in'))])" 0 \
    "… only that user's sign-ins"
xget -u admin@contoso.example /reports/audit
expect_status 200 "a partner's global admin reads its audit log"
expect_xp "count(/page/audit/entry[not(actor/@partner = 'Contoso Reseller')])" 0 "… only its own users' entries"
expect_xp "count(/page/audit/entry) > 0" true "… which has some"
for u in $support agent@contoso.example agent@fabrikam.example; do
	xget -u $u /reports/audit
	expect_status 403 "$u cannot read the audit log"
done
fetch -u $opadmin GET "/reports/audit?action=sign_in"
expect_status 200 "the audit log as HTML"
page_checks "the audit log"
xget -u $opadmin "/reports/audit?action=%0a"
expect_status 400 "a control character in the filter"
