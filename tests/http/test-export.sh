# CSV exports stream (lib/app.c, req_stream): the request list, the
# customers, the desk and the audit log as filtered, every row and no
# cap, under the page's own filters and visibility, with cells that a
# spreadsheet would run as formulas neutralised.  Then, on a copy of
# the database grown past the old cap of 10,000 rows, a worker of the
# optimised build (on a socket of its own, as test-upload-memory.sh
# measures one) exports 1,111 rows (a search by the index), 11,111 (a
# phrase too frequent for the index: by a walk) and then 60,000 rows:
# every one arrives, and its peak RSS does not grow with the export.
. "$PD_TOP/tests/http/lib.sh"
plan 38

agent=agent@contoso.example
gadmin=admin@contoso.example
helpdesk=helpdesk@contoso.example
support=support@operator.example
oadmin=admin@operator.example
fabrikam=agent@fabrikam.example
for u in $agent $gadmin $helpdesk $support $oadmin $fabrikam; do login "$u"; done

# lines: the data rows of the last CSV (its lines but the header).
lines() { echo $(( $(wc -l < "$body") - 1 )); }
expect_lines() {
	local want=$1; shift
	if [ "$(lines)" = "$want" ]; then ok "$* ($want rows)"
	else notok "$* ($(lines) rows, wanted $want)"; fi
}

# --- through nginx: streamed, filtered as the page is
fetch -u $agent GET "/requests?format=csv&severity=B"
expect_status 200 "the request list's CSV"
check "… is streamed: no Content-Length, chunked" \
    sh -c "! grep -qi '^content-length:' '$headers' && grep -qi '^transfer-encoding: chunked' '$headers'"
expect_lines "$(sql "SELECT count(*) FROM request WHERE partner_id = 1 AND customer_id IS NOT NULL AND severity = 'B'")" \
    "… every request the filter leaves"

sql "INSERT INTO customer (partner_id, name, domain, tenant_id) VALUES
    (1, '=HYPERLINK(\"http://x.example\",\"export\")', 'exportformula.example', 'export-tenant-1'),
    (1, '+export plus', 'exportplus.example', 'export-tenant-2')"
fetch -u $agent GET "/customers?format=csv"
expect_status 200 "the customers' CSV"
check "… has a header row" test "$(head -n1 "$body" | tr -d '\r')" = "id,name,domain,premium"
expect_lines "$(sql "SELECT count(*) FROM customer WHERE partner_id = 1")" "… every customer of the partner"
expect_body "'=HYPERLINK" "… a cell starting with = is text"
expect_body ",'+export plus," "… and one starting with +"
fetch -u $agent GET "/customers?format=csv&q=export"
expect_lines 2 "… filtered by the page's search"
fetch -u $fabrikam GET "/customers?format=csv"
expect_no_body "exportformula" "another partner's customers are not in it"
fetch -u $support GET "/customers?format=csv&q=export"
check "operator staff's names the partner" grep -Eq ',(yes|no),1,Contoso Reseller' "$body"
# Other files count Contoso's customers.
check "the two customers go again" sql "DELETE FROM customer WHERE tenant_id LIKE 'export-tenant-_'"

fetch -u $support GET "/desk?format=csv&severity=A"
expect_status 200 "the desk's CSV"
expect_lines "$(sql "SELECT count(*) FROM request WHERE status <> 'closed' AND severity = 'A'")" \
    "… every open request the filter leaves"
fetch -u $support GET "/desk?format=csv"
expect_lines "$(sql "SELECT count(*) FROM request WHERE status <> 'closed'")" "… and unfiltered, the whole queue"
fetch -u $helpdesk GET "/desk?format=csv"
expect_status 403 "partners get no desk CSV"

fetch -u $oadmin GET "/reports/audit?format=csv&action=sign_in"
expect_status 200 "the audit log's CSV"
expect_lines "$(sql "SELECT count(*) FROM audit WHERE substr(action, 1, 7) = 'sign_in'")" \
    "… every entry the filter leaves, not a page"
fetch -u $gadmin GET "/reports/audit?format=csv"
expect_lines "$(sql "SELECT count(*) FROM audit WHERE actor_id IN (SELECT id FROM user WHERE partner_id = 1)")" \
    "a global admin's: its partner's entries"
check "… and no one else's" sh -c "tail -n +2 '$body' | cut -d, -f6 | grep -qv '^Contoso Reseller\$' && exit 1 || exit 0"
fetch -u $agent GET "/reports/audit?format=csv"
expect_status 403 "an agent gets no audit CSV"
xget -u $oadmin "/reports/audit?action=sign_in"
expect_xp /page/audit/@csv-url "/reports/audit?format=csv&action=sign_in" "the audit page links its CSV with its filters"

# --- past the old cap, on a copy, in a worker of the optimised build
big="$tmp/big.db"
sql ".backup '$big'"
sqlite3 "$big" "PRAGMA synchronous = OFF;
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 60000)
INSERT INTO request (partner_id, customer_id, service_id, topic_id, title, description,
    severity, status, contact_name, contact_email, contact_phone, created_by, created_at,
    updated_at, closed_at)
SELECT partner_id, customer_id, service_id, topic_id, 'Export row ' || k, 'Grown by test-export',
    'C', 'closed', contact_name, contact_email, contact_phone, created_by, 1700000000 + k,
    1700000000 + k, 1700000000 + k
FROM n, (SELECT * FROM request WHERE partner_id = 2 AND customer_id IS NOT NULL LIMIT 1)"
bin=${PD_BIN:-build}
bin=${bin%/san}
case "$bin" in /*) ;; *) bin="$PD_TOP/$bin" ;; esac
sock="$tmp/requests.sock"
PD_DB="$big" PD_XSLT="$PD_TOP/xslt" PD_MIGRATIONS="$PD_TOP/db/migrations" \
    "$bin/pdsupervise" -n 1 -s "$sock" -- "$bin/cgi-bin/requests" 2>"$tmp/worker" &
supervisor=$!
on_exit "kill $supervisor 2>/dev/null; wait $supervisor 2>/dev/null"
for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
worker=""
for _ in $(seq 50); do worker=$(pgrep -P "$supervisor"); [ -n "$worker" ] && break; sleep 0.1; done
check "a worker of the optimised build runs ($bin/cgi-bin/requests)" test -n "$worker"
sid=$(awk '$6 == "pd_session" { print $7 }' "$(jar $fabrikam)")
# export QUERY [METHOD]: the worker's answer to GET (or METHOD)
# /requests?QUERY, its headers in $tmp/head and its body in $body.
export_csv() {
	env -i REQUEST_METHOD="${2:-GET}" REQUEST_URI="/requests?$1" SCRIPT_NAME=/requests \
	    QUERY_STRING="$1" REMOTE_ADDR=127.0.0.1 HTTP_COOKIE="pd_session=$sid" \
	    cgi-fcgi -bind -connect "$sock" | tr -d '\r' > "$tmp/answer"
	sed '/^$/q' "$tmp/answer" > "$tmp/head"
	sed '1,/^$/d' "$tmp/answer" > "$body"
}
hwm() { awk '/^VmHWM:/ { print $2 }' "/proc/$worker/status" 2>/dev/null; }
export_csv "format=csv&q=Export%20row%2050"
expect_lines 1111 "a search by the index: every row (50, 500–509, 5000–5099, 50000–50999)"
small=$(hwm)
export_csv "format=csv&q=Export%20row%205"
expect_lines 11111 "a search too frequent for the index, by a walk: every row (5, 50–59, 500–599, …)"
mid=$(hwm)
export_csv "format=csv"
want=$(sqlite3 "$big" "SELECT count(*) FROM request WHERE partner_id = 2 AND customer_id IS NOT NULL")
expect_lines "$want" "past the old cap of 10,000: all of them"
check "… the last one the oldest" grep -q '^[0-9]*,closed,C,Export row 1,' "$(echo "$body")"
large=$(hwm)
export_csv "format=csv" HEAD
check "HEAD of the whole export: the GET's status and type …" \
    test "$(head -1 "$tmp/head")" = "Status: 200 OK" -a \
    "$(grep -cx 'Content-Type: text/csv; charset=utf-8' "$tmp/head")" = 1
check "… and no body: the rows are not even read ($(wc -c < "$body") bytes)" test ! -s "$body"
echo "# peak RSS: ${small:-?} kB after 1,111 rows, ${mid:-?} kB after 11,111, ${large:-?} kB after $want"
check "the worker's peak RSS does not grow with the export (${mid:-?} → ${large:-?} kB)" \
    test -n "$mid" -a -n "$large" -a "$(( ${large:-99999} - ${mid:-0} ))" -lt 1024
check "… and stays under 16 MB" test "${large:-99999}" -lt 16384
check "the worker said nothing on stderr" test ! -s "$tmp/worker"
