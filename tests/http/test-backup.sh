# Backups and the one checkpointer (on a request of its own, for Adventure
# Works: no other test counts its requests).  A restore drill: `pdctl backup`
# while clients keep POSTing notes, `pdctl restore` into a fresh
# directory, a server on the restored copy, and there the request, its
# notes acknowledged before the backup began and its attachment are
# all present.  Then the WAL: the workers never checkpoint, the one
# checkpointer (scripts/serve starts it) keeps the WAL bounded while
# notes pour in and empties it within seconds once they stop.
. "$PD_TOP/tests/http/lib.sh"
plan 23

agent=agent@contoso.example
case "${PD_BIN:-build}" in /*) bin=$PD_BIN ;; *) bin="$PD_TOP/${PD_BIN:-build}" ;; esac
login $agent
printf 'backup drill %s\n' "$(date +%s%N)" > "$tmp/drill.log"
fetch -u $agent -x POST /requests -F "csrf=$(csrf $agent)" -F customer=3 \
    -F service=1 -F topic=11 -F "title=Backup drill" -F "description=Restored?" \
    -F severity=C -F "contact_name=Li Na" -F contact_email=agent@contoso.example \
    -F "file=@$tmp/drill.log"
expect_status 201 "a request with an attachment to back up"
id=$(xp /page/request/@id)
file_id=$(sql "SELECT id FROM attachment WHERE request_id = $id")
token=$(csrf $agent)
cookie="pd_session=$(awk '$6 == "pd_session" { print $7 }' "$(jar $agent)")"

# writer N [COUNT]: POSTs notes "N-I" (until $tmp/stop, or COUNT of
# them); each line of $tmp/writes.N is the status and the note.
writer() {
	local i=0
	while [ ! -e "$tmp/stop" ] && [ "$i" -lt "${2:-1000000}" ]; do
		i=$((i + 1))
		printf '%s %s-%s\n' "$(curl -s -o /dev/null -w '%{http_code}' \
		    -H 'Accept: application/xml' -b "$cookie" \
		    --data-urlencode "csrf=$token" --data-urlencode "text=$1-$i" \
		    "$base/requests/$id/notes")" "$1" "$i"
	done > "$tmp/writes.$1"
}

# unmail: the notes' mail to the support agents (over a thousand of
# them here) is not this test's business, and would hold up the sender
# for the tests after it: marked as sent.
unmail() {
	sql "UPDATE outbox SET sent_at = unixepoch(), error = 'test-backup: not sent'
	    WHERE request_id = $id AND sent_at IS NULL"
}

# --- the backup, taken while two clients write
writer a & wa=$!
writer b & wb=$!
sleep 1
acked_before=$(cat "$tmp"/writes.* | awk '$1 == 201 { print $2 }' | sort)
"$bin/pdctl" backup "$PD_TEST_DB" "$tmp/backup" > "$tmp/backup.out" 2>&1
made=$?
sleep 0.5
touch "$tmp/stop"
wait $wa $wb
unmail
check "pdctl backup while notes are written ($(head -n1 "$tmp/backup.out"))" test "$made" = 0
writes=$(cat "$tmp"/writes.* | wc -l)
check "… and the writes went on meanwhile ($writes, all 201)" \
    test "$writes" -gt 0 -a "$(cat "$tmp"/writes.* | awk '$1 != 201' | wc -l)" = 0
check "… no half-made backup is left beside it" \
    test -z "$(find "$tmp" -maxdepth 1 -name 'backup.partial-*')"
bsql() { sqlite3 "$tmp/backup/partnerdesk.db" "$1"; }
check "the backup passes PRAGMA integrity_check" test "$(bsql 'PRAGMA integrity_check')" = ok
check "… is one file (no WAL to carry along)" test "$(bsql 'PRAGMA journal_mode')" = delete
in_backup=$(bsql "SELECT body FROM event WHERE request_id = $id AND kind = 'note'" | sort)
missing=$(comm -23 <(echo "$acked_before") <(echo "$in_backup") | grep -c .)
check "… has every note acknowledged before it began ($(echo "$acked_before" | grep -c .) of them; missing $missing)" \
    test "$missing" = 0
sha=$(sha256sum "$tmp/drill.log" | cut -c1-64)
check "… and the attachment's file" cmp -s "$tmp/drill.log" "$tmp/backup/files/${sha:0:2}/$sha"
"$bin/pdctl" backup "$PD_TEST_DB" "$tmp/backup" > "$tmp/again.out" 2>&1
check "a second backup to the same place is refused" test $? = 1

# --- restore into a fresh directory and serve it
mkdir "$tmp/restored"
"$bin/pdctl" restore "$tmp/restored/pd.db" "$tmp/backup" > "$tmp/restore.out" 2>&1
check "pdctl restore into a fresh directory ($(tail -n1 "$tmp/restore.out"))" test $? = 0
check "… which passes PRAGMA integrity_check" \
    test "$(sqlite3 "$tmp/restored/pd.db" 'PRAGMA integrity_check')" = ok
"$bin/pdctl" restore "$tmp/restored/pd.db" "$tmp/backup" > "$tmp/over.out" 2>&1
check "… and will not overwrite a database" test $? = 1

port=$((${PD_TEST_PORT:-18080} + 10))
while (: < "/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
env -u PD_FILES "$PD_TOP/scripts/serve" --port "$port" --db "$tmp/restored/pd.db" \
    --var "$tmp/restored/var" >"$tmp/serve.log" 2>&1 &
serving=$!
on_exit "kill $serving 2>/dev/null; wait $serving 2>/dev/null"
for _ in $(seq 100); do
	curl -sf -m 5 -o /dev/null "http://127.0.0.1:$port/login" && break
	sleep 0.1
done
live=$base base="http://127.0.0.1:$port"
rm -f "$(jar $agent)"
login $agent
xget -u $agent "/requests/$id"
expect_xp "/page/request/title" "Backup drill" "the restored server shows the request"
fetch -u $agent GET "/requests/$id/attachments/$file_id"
check "… and serves its attachment (HTTP $status)" cmp -s "$body" "$tmp/drill.log"
kill $serving
wait $serving 2>/dev/null
base=$live
rm -f "$(jar $agent)"
login $agent
cookie="pd_session=$(awk '$6 == "pd_session" { print $7 }' "$(jar $agent)")"
token=$(csrf $agent)

# --- the WAL: bounded under writes, emptied once they stop
check "the checkpointer logged SQLite's version at start" \
    grep -q "pdctl checkpoint\[[0-9]*\]: info: SQLite $(sqlite3 -version | cut -d' ' -f1)" \
    "$PD_TEST_WORK/serve.log"
# The WAL header's checkpoint sequence number changes each time a
# writer starts the log over after a complete checkpoint: with the
# checkpointer stopped, 600 notes (well over SQLite's default automatic
# checkpoint of 1000 pages) must leave it as it is.
seqno() { od -An -tu4 --endian=big -j12 -N4 "$PD_TEST_DB-wal" | tr -d ' '; }
# pdctl itself, not its supervisor (whose arguments name it too); the
# tree's path may hold spaces.  Another test run's pdctl may end between
# pgrep and the read: 2>/dev/null before the <, so the shell's own "No
# such file" goes there too.
checkpointer=$(for p in $(pgrep -x pdctl); do
	tr '\0' ' ' 2>/dev/null < "/proc/$p/cmdline" | grep -qF "pdctl checkpoint $PD_TEST_DB " && echo "$p"
done)
[ -n "$checkpointer" ] || problem "no pdctl checkpoint process for $PD_TEST_DB"
kill -STOP "$checkpointer"
rm -f "$tmp/stop" "$tmp"/writes.*
# (The first write may start over after the checkpointer's last round.)
writer first 1
before=$(seqno) grown=$(stat -c %s "$PD_TEST_DB-wal")
for n in 1 2 3; do writer "stopped$n" 200 & done
wait
check "with the checkpointer stopped no worker checkpoints (WAL $grown → $(stat -c %s "$PD_TEST_DB-wal") bytes)" \
    test "$(seqno)" = "$before" -a "$(cat "$tmp"/writes.stopped* | awk '$1 == 201' | wc -l)" = 600
kill -CONT "$checkpointer"
unmail
# emptied: how long until the WAL file is empty (within 10 s), in ms.
emptied() {
	local i
	for i in $(seq 100); do
		[ "$(stat -c %s "$PD_TEST_DB-wal")" = 0 ] && echo $((i * 100)) && return
		sleep 0.1
	done
}
waited=$(emptied)
check "… and once it runs again, it empties the WAL${waited:+ in $waited ms}" test -n "$waited"

rm -f "$tmp"/writes.*
largest=0
for n in 1 2 3 4; do writer "wal$n" 100 & done
while [ -n "$(jobs -pr)" ]; do
	size=$(stat -c %s "$PD_TEST_DB-wal")
	[ "$size" -le "$largest" ] || largest=$size
	sleep 0.2
done
wait
unmail
check "400 notes, all 201" test "$(cat "$tmp"/writes.wal* | awk '$1 == 201' | wc -l)" = 400
# The checkpointer empties it once it passes 16 MiB, looking ten times
# a second; before it did, steady writes kept it growing (to 33 MiB).
check "… while the WAL stayed under 24 MiB (at most $largest bytes)" test "$largest" -lt 25165824
waited=$(emptied)
check "… and the checkpointer emptied it${waited:+ in $waited ms} after they stopped" test -n "$waited"
