# Attachments (lib/multipart.c, lib/upload.c, lib/attach.c): files sent
# with a new request and with notes, stored by content, listed in the
# timeline, downloaded only by those who may see them and never rendered;
# the limits (413), the type rule (the form again), a worker killed in
# the middle of an upload, and the worker's memory while a large file
# streams through it.
. "$PD_TOP/tests/http/lib.sh"
plan 61

agent=agent@contoso.example
fabrikam=agent@fabrikam.example
operator=support@operator.example
for u in $agent $fabrikam $operator; do login $u; done
files="$(dirname "$PD_TEST_DB")/files"
case "${PD_BIN:-build}" in /*) pdctl="$PD_BIN/pdctl" ;; *) pdctl="$PD_TOP/${PD_BIN:-build}/pdctl" ;; esac
maildir="$PD_TEST_WORK/var/mail"

# upload USER PATH [curl -F args]: a multipart POST with USER's session
# and CSRF token, asking for XML.
upload() {
	local user=$1 path=$2; shift 2
	fetch -u "$user" -x POST "$path" -F "csrf=$(csrf "$user")" "$@"
}
rows() { sql "SELECT count(*) FROM attachment"; }
# stored_files: the files under $files/ab/, tmp/ left out.
stored_files() { find "$files" -path "$files/tmp" -prune -o -type f -print | wc -l; }

printf 'line 1 of the log\nline 2\n' > "$tmp/mail.log"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' > "$tmp/shot.png"
printf '<html><script>alert(document.cookie)</script></html>\n' > "$tmp/page.html"
printf 'MZ\220\0 not a text' > "$tmp/tool.exe"
printf 'plain text, not an image\n' > "$tmp/fake.png"
printf 'Rechnung\n' > "$tmp/invoice.txt"

# --- on filing: two files with the new request
upload $agent /requests -F customer=1 -F service=1 -F topic=11 \
    -F "title=Mail delayed, logs attached" -F "description=See the log." \
    -F severity=C -F "contact_name=Li Na" -F contact_email=agent@contoso.example \
    -F "file=@$tmp/mail.log" -F "file=@$tmp/shot.png;type=image/png"
expect_status 201 "a new request with two files"
id=$(xp /page/request/@id)
xget -u $agent "/requests/$id"
expect_valid "the request with its files"
check "both files are listed with the filing" test \
    "$(values "//event[@kind='created']/attachment/@name" | tr '\n' ' ')" = "mail.log shot.png "
expect_xp "//attachment[@name='shot.png']/@type" image/png "… with the type their content shows"
expect_xp "//attachment[@name='mail.log']/@size" 25 "… and their size"
log_id=$(xp "//attachment[@name='mail.log']/@id")
hash=$(sha256sum < "$tmp/mail.log" | cut -c1-64)
check "a file is stored under its SHA-256" cmp "$files/${hash:0:2}/$hash" "$tmp/mail.log"
check "… readable by the web server's group, not by others" test \
    "$(stat -c %a "$files/${hash:0:2}/$hash")" = 640
check "… named so in its row, by the uploader" test \
    "$(sql "SELECT sha256, uploader_id, visibility FROM attachment WHERE id = $log_id")" = "$hash|2|public"

# --- on notes: the partner's, the operator's public and internal
upload $agent "/requests/$id/notes" -F "text=Here is the invoice" -F "file=@$tmp/invoice.txt;filename=Rechnung März.txt"
expect_status 201 "a partner's note with a file"
expect_xp "//note/attachment/@name" "Rechnung März.txt" "… the note lists it, non-ASCII name and all"
march_id=$(xp "//note/attachment/@id")
upload $operator "/requests/$id/notes" -F "text=The saved page" -F "file=@$tmp/page.html"
expect_status 201 "an operator's public note with an .html file"
page_id=$(xp "//note/attachment/@id")
# The partner's contact is told of it by mail: the file's name and link.
PD_MAILDIR="$maildir" PD_SENDMAIL="$PD_TOP/scripts/maildir-sendmail" PD_XSLT="$PD_TOP/xslt" \
    PD_BASE_URL="$PD_TEST_BASE" "$pdctl" mail "$PD_TEST_DB" >/dev/null
mailed() { grep -rqF -- "- page.html: $PD_TEST_BASE/requests/$id/attachments/$page_id" "$maildir"; }
for _ in $(seq 1 50); do mailed && break; sleep 0.1; done
check "the mail names the file and links to it" mailed
upload $operator "/requests/$id/notes" -F "text=Internal trace" -F visibility=internal \
    -F "file=@$tmp/mail.log;filename=trace.log"
expect_status 201 "an internal note with a file"
internal_id=$(xp "//note/attachment/@id")
check "an internal note's file is internal" test \
    "$(sql "SELECT visibility FROM attachment WHERE id = $internal_id")" = internal
xget -u $agent "/requests/$id"
expect_xp "count(//attachment[@name='trace.log'])" 0 "the partner's timeline has no internal file"

# --- downloads
fetch -u $agent GET "/requests/$id/attachments/$log_id"
expect_status 200 "the partner downloads the log"
check "… the very bytes" cmp "$body" "$tmp/mail.log"
check "… as an attachment" grep -qi '^Content-Disposition: attachment; filename="mail.log"' "$headers"
check "… with an ETag" test -n "$(header ETag)"
fetch -u $operator GET "/requests/$id/attachments/$internal_id"
expect_status 200 "the operator downloads the internal file"
fetch -u $agent GET "/requests/$id/attachments/$march_id"
check "a non-ASCII name: an ASCII filename and RFC 5987's filename*" grep -qiF \
    "Content-Disposition: attachment; filename=\"Rechnung M__rz.txt\"; filename*=UTF-8''Rechnung%20M%C3%A4rz.txt" "$headers"
fetch -u $fabrikam GET "/requests/$id/attachments/$log_id"
expect_status 404 "another partner: 404"
expect_no_body "line 1 of the log" "… and not the file"
fetch -u $agent GET "/requests/$id/attachments/$internal_id"
expect_status 404 "the partner, an internal note's file: 404"
fetch -u $agent GET "/requests/1/attachments/$log_id"
expect_status 404 "a file under another request's id: 404"
fetch GET "/requests/$id/attachments/$log_id"
expect_status 303 "nobody signed in: to the sign-in page"
fetch GET "/_files/${hash:0:2}/$hash"
expect_status 404 "the files' own location is not reachable"

# An .html file with a script is downloaded, never rendered.
fetch -u $agent GET "/requests/$id/attachments/$page_id"
expect_status 200 "the .html file downloads"
check "… as an attachment" grep -qi '^Content-Disposition: attachment;' "$headers"
check "… with nosniff" grep -qi '^X-Content-Type-Options: nosniff' "$headers"
check "… as text, not HTML" grep -qi '^Content-Type: text/plain' "$headers"
cp "$headers" "$tmp/html.headers"

# --- limits and types: nothing stored
n=$(rows) e=$(sql "SELECT count(*) FROM event")
head -c $((20 * 1024 * 1024 + 1)) /dev/zero > "$tmp/big.log"
upload $agent "/requests/$id/notes" -F "text=too big" -F "file=@$tmp/big.log"
expect_status 413 "a file over 20 MB"
expect_xp /page/error/@rule file_max "… names the per-file limit"
expect_xp /page/error/@limit 20971520 "… and its size"
fetch -u $agent POST "/requests/$id/notes" -F "csrf=$(csrf $agent)" -F "text=too big" -F "file=@$tmp/big.log"
expect_body "20 MB" "the 413 page says 20 MB"
check "nothing is stored of it" test "$(rows)/$(sql "SELECT count(*) FROM event")" = "$n/$e"

upload $agent "/requests/$id/notes" -F "text=Please run this" -F "file=@$tmp/tool.exe"
expect_status 422 "an .exe: the form again"
expect_xp "/page/errors/error[@field='file']/@rule" type "… the error is the file's type"
expect_xp "/page/draft/text" "Please run this" "… the text is kept"
upload $agent "/requests/$id/notes" -F "text=A screenshot" -F "file=@$tmp/fake.png"
expect_xp "/page/errors/error[@field='file']/@rule" type "a .png that is text: refused by its content"
fetch -u $agent POST "/requests/$id/notes" -F "csrf=$(csrf $agent)" -F "text=Please run this" -F "file=@$tmp/tool.exe"
error_and_text() { grep -q 'id="error-file"' "$body" && grep -q 'Please run this' "$body"; }
check "the page shows the error beside the file input and keeps the text" error_and_text
check "nothing is stored of them" test "$(rows)/$(sql "SELECT count(*) FROM event")" = "$n/$e"

# The virus scan (tests/server.sh sets PD_CLAMDSCAN to a stand-in that
# finds the EICAR test string).
printf 'X5O!P%%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*\n' > "$tmp/eicar.txt"
upload $agent "/requests/$id/notes" -F "text=Keep this text" -F "file=@$tmp/eicar.txt"
expect_xp "/page/errors/error[@field='file']/@rule" infected "a file the virus scan refuses: the form again"
check "… nothing is stored of it" test "$(rows)/$(sql "SELECT count(*) FROM event")" = "$n/$e"
check "pdctl files says whether files are scanned" test \
    "$(PD_CLAMDSCAN= "$pdctl" files "$PD_TEST_DB" | tail -n 1)" = \
    "virus scan: none (PD_CLAMDSCAN is not set)"

upload $agent "/requests/$id/notes" -F "text=x" -F "attachment=@$tmp/mail.log"
expect_status 400 "a file under another name: 400"
expect_xp /page/error/@rule unknown "… unknown, as in urlencoded forms"
upload $agent "/requests/$id/notes" -F "text=x" -F "text=y"
expect_xp /page/error/@rule duplicate "a field sent twice: duplicate"
fetch -u $agent -x POST "/requests/$id/close" -F "csrf=$(csrf $agent)" -F "file=@$tmp/mail.log"
expect_status 415 "a route that takes no files refuses multipart"
upload $agent "/requests/$id/notes?text=x" -F "file=@$tmp/big.log"
expect_xp /page/error/@rule query_on_post "a query on an upload: 400, after its 20 MB body"


# --- a worker killed in the middle of an upload: no row, and cleanup
# leaves no file that no row names
head -c $((12 * 1024 * 1024)) /dev/urandom > "$tmp/slow.log.gz"
printf '\037\213' | dd of="$tmp/slow.log.gz" conv=notrunc status=none
n=$(rows)
curl -s -o /dev/null -b "$(jar $agent)" --limit-rate 2M -H 'Accept: application/xml' \
    -F "csrf=$(csrf $agent)" -F "text=slow" -F "file=@$tmp/slow.log.gz" \
    "$base/requests/$id/notes" &
slow=$!
# upload_worker: the pid of the request program's worker (this test
# server's) that has an upload's temporary file open.
upload_worker() {
	local pid
	for pid in $(pgrep -x request); do
		ls -l "/proc/$pid/fd" 2>/dev/null | grep -q -- "$files/tmp/upload\." &&
			{ echo "$pid"; return; }
	done
}
pid=""
for _ in $(seq 1 50); do pid=$(upload_worker); [ -n "$pid" ] && break; sleep 0.1; done
[ -n "$pid" ] && sleep 1 && kill -9 "$pid"
wait "$slow"
check "a worker was killed mid-upload (pid ${pid:-none})" test -n "$pid"
check "… no row for it" test "$(rows)" = "$n"
"$pdctl" files "$PD_TEST_DB" 0 > "$tmp/gc" 2>&1
check "pdctl files removes what it left" grep -qE '^[1-9][0-9]* files removed' "$tmp/gc"
check "… tmp/ is empty" test -z "$(ls -A "$files/tmp")"
check "… every stored file is named by a row" test "$(stored_files)" = \
    "$(sql "SELECT count(DISTINCT sha256) FROM attachment")"
fetch -u $agent GET "/requests/$id/attachments/$log_id"
expect_status 200 "… and the files rows name are still there"

# --- memory: a worker's RSS while a 20 MB file streams through it
head -c $((20 * 1024 * 1024 - 100)) /dev/urandom > "$tmp/big.gz"
printf '\037\213' | dd of="$tmp/big.gz" conv=notrunc status=none
curl -s -o "$tmp/rss.body" -w '%{http_code}' -b "$(jar $agent)" --limit-rate 8M \
    -H 'Accept: application/xml' -F "csrf=$(csrf $agent)" -F "text=20 MB" \
    -F "file=@$tmp/big.gz" "$base/requests/$id/notes" > "$tmp/rss.status" &
big=$!
pid="" base_rss="" max=0
for _ in $(seq 1 50); do pid=$(upload_worker); [ -n "$pid" ] && break; sleep 0.1; done
if [ -n "$pid" ]; then
	while kill -0 "$big" 2>/dev/null; do
		rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
		[ -n "$rss" ] || break
		[ -n "$base_rss" ] || base_rss=$rss
		[ "$rss" -le "$max" ] || max=$rss
		sleep 0.2
	done
fi
wait "$big"
check "a 20 MB file is stored ($(cat "$tmp/rss.status"))" test "$(cat "$tmp/rss.status")" = 201
# The sanitizer build the tests run has a large fixed RSS of its own
# (shadow memory): what counts is how much it grows with the upload.
echo "# worker RSS during a 20 MB upload: ${base_rss:-?} kB at its start, $max kB at most"
check "the worker's RSS grows by less than 4 MB during it" \
    test -n "$base_rss" -a $((max - ${base_rss:-0})) -lt 4096
