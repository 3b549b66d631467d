# A database another process keeps locked: the request is retried as a
# unit, then refused with 503, in the reader's language.
. "$PD_TOP/tests/http/lib.sh"
plan 5

# An API token for agent@fabrikam.example (user 5, who reads Italian).
# Every request with a token notes its use, a write, so it meets the lock
# after the user is loaded: each retry starts again from there.
secret=pdt_busy-test-token
hash=$(printf %s "$secret" | b2sum -l 256 | cut -d' ' -f1)
sql "DELETE FROM api_token WHERE name = 'busy test'"
sql "INSERT INTO api_token (user_id, name, token_hash, prefix, created_at)
    VALUES (5, 'busy test', X'$hash', 'pdt_busy-tes', 0)"

# hold_lock SECONDS: another writer holds the database meanwhile (it
# waits its turn if a worker or the mail sender is writing just then).
hold_lock() {
	{ echo "BEGIN IMMEDIATE;"; sleep "$1"; echo "COMMIT;"; } |
	    sqlite3 -cmd '.timeout 5000' "$PD_TEST_DB" &
	holder=$!
	for _ in $(seq 1 50); do
		sqlite3 "$PD_TEST_DB" "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null ||
			{ ok "another writer holds the database"; return; }
		sleep 0.1
	done
	notok "another writer holds the database"
}

hold_lock 3
fetch -x GET /dashboard -H "Authorization: Bearer $secret"
expect_status 503 "a request that never gets the database is refused"
expect_xp /page/error/@status 503 "… with the error page"
expect_xp /page/@lang it "… in the language of the user it had loaded"
wait "$holder"

fetch -x GET /dashboard -H "Authorization: Bearer $secret"
expect_status 200 "once the lock is gone the same request succeeds"
sql "DELETE FROM api_token WHERE name = 'busy test'"
