# A database another process keeps locked until the test lets it go: a
# read never needs the lock, not even a script's, whose token's use is
# recorded after the answer (when the lock is free); a write waits its
# turn and succeeds.  (A write that never gets the lock is refused with 503 and
# Retry-After after its retries, some 25 s: test-storage.sh checks that
# answer, from a disk that takes no writes.)
. "$PD_TOP/tests/http/lib.sh"
plan 7

# An API token for agent@fabrikam.example (user 5), last used long ago.
secret=pdt_busy-test-token
hash=$(printf %s "$secret" | b2sum -l 256 | cut -d' ' -f1)
sql "DELETE FROM api_token WHERE name = 'busy test'"
sql "INSERT INTO api_token (user_id, name, token_hash, prefix, created_at, last_used_at)
    VALUES (5, 'busy test', X'$hash', 'pdt_busy-tes', 0, 0)"
id=$(sql "SELECT id FROM request WHERE partner_id = 2 AND status <> 'closed' LIMIT 1")

# hold_lock: another writer holds the database (it waits its turn if a
# worker or the mail sender is writing just then) until release_lock
# (or 30 s): what answers before that did not wait for the lock.
hold_lock() {
	rm -f "$tmp/release"
	{ echo "BEGIN IMMEDIATE;"; i=0
	  while [ ! -e "$tmp/release" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	  echo "COMMIT;"; } |
	    sqlite3 -cmd '.timeout 5000' "$PD_TEST_DB" &
	holder=$!
	for _ in $(seq 1 50); do
		locked && { ok "another writer holds the database"; return; }
		sleep 0.1
	done
	notok "another writer holds the database"
}
release_lock() { touch "$tmp/release"; }
locked() { ! sqlite3 "$PD_TEST_DB" "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null; }

hold_lock
fetch -x GET /dashboard -H "Authorization: Bearer $secret"
expect_status 200 "a script's read succeeds while another writer holds the lock"
check "… at once: the lock is still held after the answer" locked
check "the token's use is not recorded while the lock is held" \
    test "$(sql "SELECT last_used_at FROM api_token WHERE name = 'busy test'")" = 0
# Released while the write waits for it (no timing is checked).
(sleep 1; release_lock) &
fetch -x POST /requests/$id/notes -H "Authorization: Bearer $secret" \
    --data "text=written once the lock is gone"
expect_status 201 "a write waits for the lock and succeeds"
wait "$holder"
used() {
	for _ in $(seq 20); do
		[ "$(sql "SELECT last_used_at > unixepoch() - 60 FROM api_token WHERE name = 'busy test'")" = 1 ] && return
		sleep 0.1
	done
	return 1
}
check "… and the token's use is recorded after the answer" used
before=$(sql "SELECT last_used_at FROM api_token WHERE name = 'busy test'")
sleep 1
fetch -x GET /dashboard -H "Authorization: Bearer $secret"
check "a use within the minute writes nothing" \
    test "$(sql "SELECT last_used_at FROM api_token WHERE name = 'busy test'")" = "$before"
sql "DELETE FROM api_token WHERE name = 'busy test'"
