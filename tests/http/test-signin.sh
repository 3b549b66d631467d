# Sign-in under attack: the password hash is checked outside the write
# lock, so wrong sign-ins in parallel do not stall a partner's writes;
# failed sign-ins are throttled per account and per client address (429,
# Retry-After, a message in the reader's language) the same way whether
# the email is anybody's or not; nginx limits anonymous POSTs per client
# address.  Each part sends from its own loopback address (curl
# --interface 127.0.0.N), so its counts are its own.
. "$PD_TOP/tests/http/lib.sh"
plan 25

agent=agent@contoso.example
login $agent
id=$(sql "SELECT id FROM request WHERE partner_id = 1 AND status <> 'closed' LIMIT 1")
# A sign-in form's token; its cookie goes with every anonymous POST.
token=$(curl -s -D - -o /dev/null "$base/login" |
    sed -n 's/^[Ss]et-[Cc]ookie: pd_login=\([^;]*\);.*/\1/p')
check "the sign-in form sets its token" test -n "$token"
# from ADDR EMAIL PASSWORD [curl args]: a sign-in sent from ADDR, asking
# for XML ($accept, when set, instead); the answer lands in $status,
# $body, $headers like fetch's.
from() {
	local addr=$1 email=$2 pw=$3; shift 3
	last="POST /login from $addr"
	: > "$body"; : > "$headers"
	status=$(curl -s -o "$body" -D "$headers" -w '%{http_code}' --interface "$addr" \
	    -H "Accept: ${accept:-application/xml}" -b "pd_login=$token" "$@" \
	    --data-urlencode "csrf=$token" --data-urlencode "email=$email" \
	    --data-urlencode "password=$pw" "$base/login")
	validate
}

# --- 50 wrong sign-ins in parallel while the partner writes notes

# Each wrong sign-in costs a full Argon2id check (an unknown email too);
# under the write lock they would make every note wait for its turn.
# Each answer's line is appended as it completes: $tmp/done holds the
# order, and the notes must all be done while sign-ins still are not.
ctoken=$(csrf $agent)
for i in $(seq 1 50); do
	curl -s -o /dev/null -w 'guess %{http_code}\n' --interface "127.0.0.$((11 + i % 5))" \
	    -b "pd_login=$token" --data-urlencode "csrf=$token" \
	    --data-urlencode "email=guess-$i@contoso.example" \
	    --data-urlencode "password=guess-$i" "$base/login" >> "$tmp/done" &
done
for i in $(seq 1 10); do
	curl -s -o /dev/null -w 'note %{http_code}\n' -H 'Accept: application/xml' \
	    -b "$(jar $agent)" --data-urlencode "csrf=$ctoken" \
	    --data-urlencode "text=written during a guessing run $i" \
	    "$base/requests/$id/notes" >> "$tmp/done"
done
wait
check "all 50 wrong sign-ins were refused with 401" \
    test "$(grep -c '^guess 401$' "$tmp/done")" = 50
check "every note written meanwhile succeeded ($(grep '^note' "$tmp/done" | sort | uniq -c | tr -s ' \n' ' '))" \
    test "$(grep -c '^note 201$' "$tmp/done")" = 10
# Order, not time (make test keeps no timing assertions, issue 10).
pending=$(awk '/^note/ { n = NR } END { print n }' "$tmp/done")
guessed=$(head -n "$pending" "$tmp/done" | grep -c '^guess')
check "the last note was done with wrong sign-ins still pending ($guessed of 50 answered)" \
    test "$guessed" -lt 50
check "… and all are stored" test "$(sql "SELECT count(*) FROM event
    WHERE request_id = $id AND body LIKE 'written during a guessing run %'")" = 10

# --- per account: five failures in 15 minutes, for anyone's email or nobody's

sql "INSERT INTO user (partner_id, email, name, role, password_hash)
    SELECT partner_id, 'throttle@contoso.example', 'Throttle Test', role,
    password_hash FROM user WHERE email = '$agent'"
for email in throttle@contoso.example nobody-here@contoso.example; do
	for i in 1 2 3 4 5; do from 127.0.0.21 "$email" wrong; echo "$status"; done > "$tmp/five"
	check "$email: five wrong passwords are five 401s" \
	    test "$(grep -c '^401$' "$tmp/five")" = 5
	from 127.0.0.21 "$email" wrong
	expect_status 429 "$email: the sixth is throttled"
	expect_xp /page/login/@failed throttled "… the form says why"
	wait_s=$(header Retry-After)
	check "… Retry-After within the 15 minutes ($wait_s)" test "${wait_s:-0}" -ge 1 -a "${wait_s:-0}" -le 900
	echo "$status $(xp /page/login/@failed) $(xp /page/login/@retry-minutes)" >> "$tmp/answers"
done
check "a known and an unknown email get the same answers" \
    test "$(sort -u "$tmp/answers" | wc -l)" = 1
from 127.0.0.22 throttle@contoso.example "$password"
expect_status 429 "the right password is throttled too, from another address"
check "… and signs nobody in" test -z "$(grep -i '^set-cookie: pd_session=' "$headers")"
check "throttled attempts are audited, not counted as failures" test "$(sql "
    SELECT count(*) FROM audit WHERE detail = 'throttle@contoso.example' AND
    action = 'sign_in_throttled'")-$(sql "SELECT count(*) FROM audit WHERE
    detail = 'throttle@contoso.example' AND action = 'sign_in_failed'")" = 2-5
for lang in en:minutes zh:分钟后重试 it:minuti; do
	accept=text/html from 127.0.0.23 throttle@contoso.example wrong \
	    -H "Accept-Language: ${lang%%:*}"
	expect_body "${lang#*:}" "the page says when to try again (${lang%%:*})"
done

# --- per client address: 50 failures in 15 minutes, whatever the emails

sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
    INSERT INTO audit (at, action, detail, remote_addr)
    SELECT strftime('%s', 'now'), 'sign_in_failed', 'sweep-' || i || '@example.com',
    '127.0.0.31' FROM n"
from 127.0.0.31 "$agent" "$password"
expect_status 429 "an address with 50 recent failures is throttled"
from 127.0.0.32 "$agent" "$password"
expect_status 303 "the same account from another address signs in"

# --- nginx: anonymous POSTs per client address

# 60 at once, past the burst of 20 (the workers would answer each 403:
# no form token), so nginx refuses some however the machine spreads them.
for i in $(seq 1 60); do
	curl -s -o /dev/null -w '%{http_code}\n' --interface 127.0.0.41 \
	    -X POST "$base/login" >> "$tmp/flood" &
done
wait
check "nginx refuses a flood of sign-ins from one address with 429 ($(sort "$tmp/flood" | uniq -c | tr -s ' \n' ' '))" \
    test "$(grep -c '^429$' "$tmp/flood")" -ge 1
for i in $(seq 1 40); do
	curl -s -o /dev/null -w '%{http_code}\n' --interface 127.0.0.42 \
	    "$base/login" >> "$tmp/reads" &
done
wait
check "… but not the sign-in page itself" test "$(grep -c '^200$' "$tmp/reads")" = 40
