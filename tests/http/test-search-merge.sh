# The search indexes are merged off the request path (migration 030,
# docs/search.md "Merging"): no write merges FTS5's segments, so each
# note a worker stores adds a segment of its own to note_text however
# many came before (FTS5's default merges in the write that crosses
# each 64 pages written), and pdctl checkpoint, the one background
# writer, merges them; the search finds text written before and after.
# Every word searched for is made up, so nothing else holds it.
. "$PD_TOP/tests/http/lib.sh"
plan 11

agent=agent@contoso.example
support=support@operator.example
login $agent
login $support

setting() { sql "SELECT v FROM ${1}_config WHERE k = '$2'"; }
segments() { sql "SELECT count(DISTINCT segid) FROM note_text_idx"; }

for t in request_text note_text; do
	check "$t: no write merges (automerge $(setting $t automerge))" \
	    test "$(setting $t automerge)" = 0
	# The backstop when pdctl does not run: not before the 70 below,
	# and 7 full levels (256^6 writes) still under FTS5's 2,000
	# segments, past which every write fails.
	crisis=$(setting $t crisismerge)
	check "$t: a level is merged in a write only at $crisis segments" \
	    test "$crisis" -ge 100 -a "$crisis" -le 285
done

post $agent /requests customer=1 service=1 topic=11 \
    "title=Merge check" "description=Notes follow." severity=C \
    "contact_name=Li Na" contact_email=agent@contoso.example
id=$(xp /page/request/@id)

# pdctl itself, not its supervisor (whose arguments name it too).
checkpointer=$(for p in $(pgrep -x pdctl); do
	tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -qF "pdctl checkpoint $PD_TEST_DB " && echo "$p"
done)
[ -n "$checkpointer" ] || problem "no pdctl checkpoint process for $PD_TEST_DB"
# Stopped while it holds the write lock (in a merge step or a checkpoint
# after seeing another commit), it would hold it for good and every note
# below would wait 5 s for a 503: stopped only where the lock is free.
lock_free() { sqlite3 -cmd '.timeout 50' "$PD_TEST_DB" 'BEGIN IMMEDIATE; ROLLBACK' 2>/dev/null; }
on_exit "kill -CONT $checkpointer 2>/dev/null"
stopped=
for try in $(seq 20); do
	kill -STOP "$checkpointer"
	lock_free && stopped=$try && break
	kill -CONT "$checkpointer"
	sleep 0.05
done
[ -n "$stopped" ] || problem "pdctl checkpoint held the write lock at each of 20 stops"
before=$(segments) stored=0
for i in $(seq 70); do
	word=quillfeatherine
	[ "$i" = 1 ] || word=note
	post $agent "/requests/$id/notes" "text=The $word $i"
	[ "$status" = 201 ] && stored=$((stored + 1))
done
grown=$(segments)
check "70 notes stored ($stored) with pdctl stopped: 70 segments more ($before → $grown), none merged" \
    test "$stored" = 70 -a "$grown" = $((before + 70))

kill -CONT "$checkpointer"
# merged: how long until pdctl has merged them (within 10 s), in ms.
merged() {
	local i
	for i in $(seq 100); do
		[ "$(segments)" -le $((before + 1)) ] && echo $((i * 100)) && return
		sleep 0.1
	done
}
waited=$(merged)
check "… and pdctl merged them${waited:+ within $waited ms} ($(segments) segments)" \
    test -n "$waited"

post $agent "/requests/$id/notes" "text=The gallowbrightly note, after the merge"
# The notes mail the operator's support agents: not this test's business.
sql "UPDATE outbox SET sent_at = unixepoch(), error = 'test-search-merge: not sent'
    WHERE request_id = $id AND sent_at IS NULL"
xget -u $support "/requests?q=quillfeatherine"
check "the search finds the note written before the merge" \
    test "$(xp /page/requests/@total)" = 1 -a "$(xp /page/requests/request/@id)" = "$id"
xget -u $support "/requests?q=gallowbrightly"
check "… and the one written after it" \
    test "$(xp /page/requests/@total)" = 1 -a "$(xp /page/requests/request/@id)" = "$id"
check "note_text holds every note and contact after the merges" \
    sql "INSERT INTO note_text (note_text, rank) VALUES ('integrity-check', 1)"
