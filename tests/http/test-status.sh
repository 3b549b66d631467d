# The operator admin's status page: each check's state, as the test
# server is set up (a stand-in clamdscan that answers, plain HTTP), then
# workers of the status program of their own, spoken to over FastCGI as
# nginx would: one without PD_CLAMDSCAN (the scan is "off", said so, not
# silently skipped) and behind TLS, one whose clamdscan hangs (a
# warning, within the page's timeout).
. "$PD_TOP/tests/http/lib.sh"
plan 38

opadmin=admin@operator.example
support=support@operator.example
gadmin=admin@contoso.example
for u in $opadmin $support $gadmin; do login "$u"; done
# valid_body: the last body (from a worker of our own) matches docs/api.rng.
valid_body() { xmllint --noout --relaxng "$rng" "$body" 2>/dev/null; }

xget -u $opadmin /admin/status
expect_status 200 "the operator admin opens the status page"
expect_valid "the status page"
expect_xp "count(/page/status/check)" 7 "… seven checks"
expect_xp "/page/status/check[@name='virus_scan']/@status" ok "the virus scan is on: clamdscan answers"
expect_xp "/page/status/check[@name='virus_scan']/version" "ClamAV 1.0.0/27000/stand-in" "… with its version"
expect_xp "/page/status/check[@name='sqlite']/version" "$(sql "SELECT sqlite_version()")" "the SQLite library's version"
db_dir=$(cd "$(dirname "$PD_TEST_DB")" && pwd -P)
expect_xp "/page/status/check[@name='data_dir']/path" "$db_dir" "the data directory"
expect_xp "/page/status/check[@name='data_dir']/@writable" yes "… is writable"
check "… with its disk's free space" test "$(xp "/page/status/check[@name='data_dir']/@free")" -gt 0
expect_xp "/page/status/check[@name='files_dir']/path" "$db_dir/files" "the attachments' directory"
expect_xp "/page/status/check[@name='file_limits']/@file" 20971520 "the file limit: 20 MB by default"
expect_xp "/page/status/check[@name='file_limits']/@upload" 52428800 "… 50 MB a request"
expect_xp "/page/status/check[@name='tls']/@status" warning "plain HTTP without PD_BEHIND_TLS is a warning"
expect_xp "/page/status/check[@name='tls']/@via" http "… saying how the page came"
expect_xp "/page/status/check[@name='outbox']/@waiting" \
    "$(sql "SELECT count(*) FROM outbox WHERE sent_at IS NULL")" "the mail waiting to be sent"

# A mail that failed and waits: a warning (and then it is gone again).
sql "INSERT INTO outbox (to_addr, kind, created_at, next_at, attempts, error) VALUES ('status-test@contoso.example', 'new_request', strftime('%s') - 7200, strftime('%s') + 86400, 3, 'sendmail said no')"
on_exit "sql \"DELETE FROM outbox WHERE to_addr = 'status-test@contoso.example'\""
xget -u $opadmin /admin/status
expect_xp "/page/status/check[@name='outbox']/@status" warning "failed mail is a warning"
check "… counted" test "$(xp "/page/status/check[@name='outbox']/@failed")" -ge 1
html $opadmin zh /admin/status
expect_body "fake-clamdscan" "… naming the scanner it asked"
xget -u $support /admin/status
expect_status 403 "a support agent has no status page"
xget -u $gadmin /admin/status
expect_status 403 "nor has a partner's global admin"

# --- workers of their own
case "${PD_BIN:-build}" in /*) bin=$PD_BIN ;; *) bin="$PD_TOP/${PD_BIN:-build}" ;; esac
sid=$(awk '$6 == "pd_session" { print $7 }' "$(jar $opadmin)")
# worker NAME ENV…: a status worker on $tmp/NAME.sock with ENV.
worker() {
	local name=$1; shift
	env -u PD_CLAMDSCAN "$@" PD_DB="$PD_TEST_DB" PD_XSLT="$PD_TOP/xslt" \
	    PD_MIGRATIONS="$PD_TOP/db/migrations" \
	    "$bin/pdsupervise" -n 1 -s "$tmp/$name.sock" -- "$bin/cgi-bin/status" \
	    2>"$tmp/$name.err" &
	on_exit "kill $! 2>/dev/null; wait $! 2>/dev/null"
	for _ in $(seq 50); do [ -S "$tmp/$name.sock" ] && break; sleep 0.1; done
}
# ask NAME COOKIE: GET /admin/status as XML from that worker, into $body.
ask() {
	env -i REQUEST_METHOD=GET REQUEST_URI=/admin/status SCRIPT_NAME=/admin/status \
	    QUERY_STRING= REMOTE_ADDR=127.0.0.1 HTTP_COOKIE="$2" \
	    HTTP_ACCEPT=application/xml cgi-fcgi -bind -connect "$tmp/$1.sock" |
	    tr -d '\r' > "$tmp/answer"
	sed '1,/^$/d' "$tmp/answer" > "$body"
}

worker plain PD_BEHIND_TLS=1 PD_FILE_MAX=1048576
ask plain "__Host-pd_session=$sid"
check "a worker without PD_CLAMDSCAN answers" grep -q '^Status: 200' "$tmp/answer"
check "… a page that matches docs/api.rng" valid_body
expect_xp "/page/status/check[@name='virus_scan']/@status" off "no PD_CLAMDSCAN: the scan is off, and the page says so"
expect_xp "count(/page/status/check[@name='virus_scan']/path)" 0 "… naming no scanner"
expect_xp "/page/status/check[@name='tls']/@status" ok "PD_BEHIND_TLS=1: TLS is ok"
expect_xp "/page/status/check[@name='tls']/@via" behind_tls "… ending in front of the web server"
expect_xp "/page/status/check[@name='file_limits']/@file" 1048576 "PD_FILE_MAX is the file limit shown"

# A clamdscan that answers only once the test lets it (or after 30 s),
# and leaves a mark when it starts and when it ends: the page answering
# while it still runs proves it did not wait for it, whatever the
# machine's load -- once the start mark says it ran at all.
cat > "$tmp/slow-clamdscan" <<EOF
#!/bin/sh
touch "$tmp/scan-started"
i=0
while [ ! -e "$tmp/scan-release" ] && [ \$i -lt 300 ]; do sleep 0.1; i=\$((i + 1)); done
touch "$tmp/scan-ended"
EOF
chmod +x "$tmp/slow-clamdscan"
worker slow PD_CLAMDSCAN="$tmp/slow-clamdscan"
ask slow "pd_session=$sid"
expect_xp "/page/status/check[@name='virus_scan']/@status" warning "a clamdscan that does not answer is a warning"
check "… it did ask clamdscan (the stand-in started)" test -e "$tmp/scan-started"
check "… and the page does not wait for it: it answered while clamdscan still ran" test ! -e "$tmp/scan-ended"
touch "$tmp/scan-release"
check "the workers said nothing on stderr" test ! -s "$tmp/plain.err" -a ! -s "$tmp/slow.err"
