# The SLA report's and the scorecard's figures against a hand-counted
# fixture: a partner of its own with seven requests filed minutes ago
# whose first responses are met, breached, overdue (breached, though no
# write recorded it) and pending, and rollup rows of the next-response and
# resolution targets written by hand into sla_rollup_day (whose triggers
# sum them into the other rollups; the report reads only rollups for
# those).  Everything is removed at the end: other tests see the demo data.
. "$PD_TOP/tests/http/lib.sh"
plan 35

support=support@operator.example
admin=admin@contoso.example
for u in $support $admin; do login "$u"; done

fixture=$(sql "INSERT INTO partner (name, domain, created_at)
    VALUES ('Fixture Reports', 'fixture-reports.example', unixepoch());
    SELECT last_insert_rowid();")
on_exit "sql \"DELETE FROM flag WHERE partner_id = $fixture;
    DELETE FROM request WHERE partner_id = $fixture;
    DELETE FROM sla_rollup_day WHERE partner_id = $fixture;
    DELETE FROM sla_rollup WHERE partner_id = $fixture;
    DELETE FROM sla_rollup_partner WHERE partner_id = $fixture;
    DELETE FROM sla_rollup_partner_day WHERE partner_id = $fixture;
    DELETE FROM partner WHERE id = $fixture\""
# request SEVERITY FIRST_CONTACT BREACHED DUE: a partner request filed ten
# minutes ago (times relative to now; NULL for none).
# Filed ten minutes ago, but in this month (the rollup rows below are
# this month's), also in a month's first ten minutes.
filed="max(unixepoch() - 600, unixepoch('now', 'start of month'))"
request() {
	sql "INSERT INTO request (partner_id, service_id, topic_id, title, description,
	    severity, status, contact_name, contact_email, contact_phone, created_by,
	    created_at, updated_at, first_contact_at, breached, due_at)
	    VALUES ($fixture, 11, 111, 'test-report-figures', 'd', '$1', 'open', 'F', 'f@fixture-reports.example',
	    '', 1, $filed, $filed,
	    unixepoch() + $2, $3, unixepoch() + $4); SELECT last_insert_rowid();"
}
# First responses, by hand: A met 2, breached 1; B met 1, overdue 1
# (breached), pending 1; C pending 1 without a due time.
request A -300 0 3600 >/dev/null
request A -200 0 3600 >/dev/null
flagged=$(request A -100 1 -60)
request B -300 0 3600 >/dev/null
request B NULL 0 -60 >/dev/null
request B NULL 0 3600 >/dev/null
request C NULL 0 NULL >/dev/null
sql "INSERT INTO flag (request_id, partner_id, reason, comment, flagged_by, flagged_at)
    VALUES ($flagged, $fixture, 'self_help', 'test-report-figures', 6, unixepoch() - 60)"
# Next response: A met 1, breached 1; B pending 1.  Resolution: A
# breached 1, pending 2; C met 1.
sql "DELETE FROM sla_rollup_day WHERE partner_id = $fixture AND target <> 'first_response';
    INSERT INTO sla_rollup_day VALUES
    ('next_response', date('now'), $fixture, 'A', 11, 2, 1, 1, 0),
    ('next_response', date('now'), $fixture, 'B', 11, 1, 0, 0, 1),
    ('resolution', date('now'), $fixture, 'A', 11, 3, 0, 1, 2),
    ('resolution', date('now'), $fixture, 'C', 11, 1, 1, 0, 0)"

# target SEVERITY KIND: met/breached/pending/met-permille of that row's target.
target() {
	local t="/page/sla-report/row[@key='$1']/target[@kind='$2']"
	echo "$(xp "$t/@met")/$(xp "$t/@breached")/$(xp "$t/@pending")/$(xp "$t/@met-permille")"
}
xget -u $support "/reports/sla?by=severity&days=30&partner=$fixture"
expect_status 200 "the fixture partner's SLA report"
expect_valid "… valid"
expect_xp "/page/sla-report/@partner" "$fixture" "… names its partner"
expect_xp "count(/page/sla-report/row)" 3 "… a row per severity"
expect_xp "/page/sla-report/row[@key='A']/@filed" 3 "A: 3 filed"
check "A: first response met 2, breached 1 (666 ‰)" test "$(target A first_response)" = "2/1/0/666"
check "A: next response met 1, breached 1 (500 ‰)" test "$(target A next_response)" = "1/1/0/500"
check "A: resolution breached 1, pending 2 (0 ‰)" test "$(target A resolution)" = "0/1/2/0"
expect_xp "/page/sla-report/row[@key='B']/@filed" 3 "B: 3 filed"
check "B: first response met 1, breached 1 (overdue), pending 1" test "$(target B first_response)" = "1/1/1/500"
check "B: next response pending 1, no share yet" test "$(target B next_response)" = "0/0/1/"
expect_xp "count(/page/sla-report/row[@key='B']/target[@kind='resolution'])" 0 "B: no resolution row, no target"
check "C: first response pending 1 (no due time)" test "$(target C first_response)" = "0/0/1/"
check "C: resolution met 1 (1000 ‰)" test "$(target C resolution)" = "1/0/0/1000"
expect_xp "concat(/page/sla-report/row[@key='B']/@met, '/', /page/sla-report/row[@key='B']/@breached, '/', /page/sla-report/row[@key='B']/@waiting)" \
    "1/1/1" "B's own figures are its first response's"
expect_xp "count(/page/sla-report/trend/month)" 1 "the trend: one month"
expect_xp "/page/sla-report/trend/month/severity[@key='A']/target[@kind='next_response']/@met-permille" 500 \
    "… with A's next response"
expect_xp "count(/page/sla-report/trend/month/severity/target)" 7 "… and the seven targets"

xget -u $support "/reports/sla?by=partner&days=90&partner=$fixture"
expect_xp "count(/page/sla-report/row)" 1 "by partner: one row"
expect_xp "concat(/page/sla-report/row/@filed, '/', /page/sla-report/row/@met, '/', /page/sla-report/row/@breached, '/', /page/sla-report/row/@waiting)" \
    "7/3/2/2" "… 7 filed: 3 met, 2 breached, 2 waiting"
expect_xp "concat(/page/sla-report/row/target[@kind='resolution']/@met, '/', /page/sla-report/row/target[@kind='resolution']/@breached, '/', /page/sla-report/row/target[@kind='resolution']/@pending)" \
    "1/1/2" "… resolution summed over severities"

fetch -u $support GET "/reports/sla?by=severity&days=30&partner=$fixture&format=csv"
expect_status 200 "the CSV"
check "… a line per severity and target" test "$(tail -n +2 "$body" | wc -l)" -eq 7
check "… B's first response" grep -qx $'B,first_response,3,1,1,1\r' "$body"
check "… C's resolution" grep -qx $'C,resolution,1,1,0,0\r' "$body"

xget -u $admin "/reports/sla?partner=$fixture"
expect_status 404 "Contoso's global admin cannot read the fixture partner's report"

xget -u $support "/reports/scorecard?partner=$fixture"
expect_status 200 "the fixture partner's scorecard"
expect_valid "… valid"
expect_xp "concat(/page/scorecard/window[@days=30]/partner/@requests, '/', /page/scorecard/window[@days=30]/partner/@sla-met, '/', /page/scorecard/window[@days=30]/partner/@sla-breached)" \
    "7/3/2" "… 30 days: 7 requests, 3 met, 2 breached"
expect_xp "/page/scorecard/window[@days=30]/partner/@flag-rate-permille" 142 "… 1 flag of 7: 142 ‰"
expect_xp "count(/page/scorecard/history/month)" 1 "… its history: one month"
expect_xp "concat(/page/scorecard/history/month/@requests, '/', /page/scorecard/history/month/@flagged, '/', /page/scorecard/history/month/@flag-rate-permille, '/', /page/scorecard/history/month/@sla-met-permille)" \
    "7/1/142/600" "… 7 requests, 1 flag (142 ‰), 3 of 5 met (600 ‰)"
fetch -u $support GET "/reports/scorecard?partner=$fixture"
expect_body 'aria-labelledby="history-title history-desc"' "… its chart is a named image"
