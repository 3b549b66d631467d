# A database the disk refuses to write (full, read-only, an I/O error):
# the request program's workers are given a file-size limit of one byte,
# so every write to the database fails as it would on a full disk.  A
# POST is then refused with 503 and Retry-After, never 500, stores
# nothing, and kills no worker; reads still answer; once the limit is
# lifted the same POST succeeds.
. "$PD_TOP/tests/http/lib.sh"
plan 14

agent=agent@contoso.example
login $agent
id=$(sql "SELECT id FROM request WHERE partner_id = 1 AND status <> 'closed' LIMIT 1")
supervisor=$(ps -o pid=,args= --ppid "$PD_TEST_SERVER" |
    awk '$NF ~ /\/cgi-bin\/request$/ { print $1 }')
workers() { ps -o pid= --ppid "$supervisor" | tr -s ' \n' ' '; }
before=$(workers)
check "the request program's workers are found" test -n "$(echo $before)"
# limit SIZE: the soft file-size limit of every worker ("unlimited" lifts it).
limit() {
	local pid
	for pid in $(workers); do prlimit --pid "$pid" --fsize="$1:"; done
}
notes() { sql "SELECT count(*) FROM event WHERE request_id = $id AND body = '$1'"; }

token=$(csrf $agent)
limit 1
fetch -u $agent -x POST /requests/$id/notes --data-urlencode "csrf=$token" \
    --data-urlencode "text=written to a full disk"
expect_status 503 "a note the disk cannot take is refused"
expect_xp /page/error/@status 503 "… with the error page"
check "… and Retry-After" test "$(header Retry-After)" = 5
check "… storing nothing" test "$(notes 'written to a full disk')" = 0
fetch -u $agent POST /requests/$id/notes --data-urlencode "csrf=$token" \
    --data-urlencode "text=written to a full disk"
expect_status 503 "the same from a browser"
expect_body '(503)' "… the error page in HTML"
xget -u $agent /requests/$id
expect_status 200 "reading needs no writing: the request page still answers"
check "no worker died" test "$(workers)" = "$before"

limit unlimited
post $agent /requests/$id/notes "text=written once there is room"
expect_status 201 "once the disk takes writes again the note is stored"
check "… once" test "$(notes 'written once there is room')" = 1
check "… and the refused one never was" test "$(notes 'written to a full disk')" = 0
check "the workers are the same processes" test "$(workers)" = "$before"
