# A worker's memory while a 20 MB file is uploaded, measured where the
# figure means something: a worker of the request program as built for
# production (the sanitizer build the HTTP tests serve has a large RSS
# of its own), on a socket of its own, sent the upload over FastCGI the
# way nginx streams it.  Its peak RSS (VmHWM) stays under 16 MB: the file
# goes to disk in 64 KiB chunks, never whole into memory.
. "$PD_TOP/tests/http/lib.sh"
plan 6

agent=agent@contoso.example
login $agent
bin=${PD_BIN:-build}
bin=${bin%/san}
case "$bin" in /*) ;; *) bin="$PD_TOP/$bin" ;; esac
sock="$tmp/request.sock"
PD_DB="$PD_TEST_DB" PD_FILES="$(dirname "$PD_TEST_DB")/files" PD_XSLT="$PD_TOP/xslt" \
    PD_MIGRATIONS="$PD_TOP/db/migrations" \
    "$bin/pdsupervise" -n 1 -s "$sock" -- "$bin/cgi-bin/request" 2>"$tmp/worker" &
supervisor=$!
on_exit "kill $supervisor 2>/dev/null; wait $supervisor 2>/dev/null"
for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
worker=""
for _ in $(seq 50); do worker=$(pgrep -P "$supervisor"); [ -n "$worker" ] && break; sleep 0.1; done
check "a worker of the optimised build runs ($bin/cgi-bin/request)" test -n "$worker"

# The body nginx would stream: the CSRF token, a note, a 20 MB gzip file.
id=$(sql "SELECT min(id) FROM request WHERE partner_id = 1 AND customer_id IS NOT NULL AND status <> 'closed'")
sid=$(awk '$6 == "pd_session" { print $7 }' "$(jar $agent)")
{
	printf -- '--pd-b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n' "$(csrf $agent)"
	printf -- '--pd-b\r\nContent-Disposition: form-data; name="text"\r\n\r\nMEM-20MB\r\n'
	printf -- '--pd-b\r\nContent-Disposition: form-data; name="file"; filename="memory.log.gz"\r\n'
	printf 'Content-Type: application/gzip\r\n\r\n\037\213'
	head -c $((20 * 1024 * 1024 - 200)) /dev/urandom
	printf -- '\r\n--pd-b--\r\n'
} > "$tmp/upload"
env -i REQUEST_METHOD=POST REQUEST_URI="/requests/$id/notes" SCRIPT_NAME="/requests/$id/notes" \
    QUERY_STRING= REMOTE_ADDR=127.0.0.1 HTTP_COOKIE="pd_session=$sid" HTTP_ACCEPT=application/xml \
    CONTENT_TYPE="multipart/form-data; boundary=pd-b" CONTENT_LENGTH="$(stat -c %s "$tmp/upload")" \
    cgi-fcgi -bind -connect "$sock" < "$tmp/upload" | tr -d '\r' > "$tmp/answer"
check "it stores the 20 MB file with the note (Status 201)" grep -q '^Status: 201' "$tmp/answer"
check "… recorded once" test \
    "$(sql "SELECT count(*) FROM attachment WHERE request_id = $id AND name = 'memory.log.gz'")" = 1
hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$worker/status" 2>/dev/null)
echo "# the worker's peak RSS over a 20 MB upload: ${hwm:-?} kB"
check "its peak RSS stays under 16 MB (${hwm:-?} kB)" test -n "$hwm" -a "${hwm:-99999}" -lt 16384
check "the worker said nothing on stderr" test ! -s "$tmp/worker"
