# Two-factor sign-in (TOTP, RFC 6238): operator staff and global admins
# must pass /login/totp after the password.  The half session the
# password gives reaches no page; a wrong code, a replayed code and a
# used recovery code are refused and audited; a user who must but has
# no TOTP yet enrols there (secret as base32 and otpauth URI, then ten
# recovery codes shown once); wrong codes are throttled like passwords.
# Failures come from addresses of their own (127.0.0.7x): the client
# address 127.0.0.1 that every other test uses is never throttled, and
# test-signin's sweep (127.0.0.31) does not throttle these.
. "$PD_TOP/tests/http/lib.sh"
table="$PD_TOP/tests/authz.tsv"
plan 55

admin=admin@operator.example
code() { oathtool --totp -b "${1:-$totp_secret}" "${@:2}"; }
# first_step USER [curl args]: the first step, in USER's jar.
first_step() {
	local user=$1; shift
	rm -f "$(jar "$user")"
	fetch -u "$user" -x GET /login
	login_csrf=$(xp /page/csrf)
	fetch -u "$user" -x POST /login --data-urlencode "email=$user" \
	    --data-urlencode "password=$password" --data-urlencode "csrf=$login_csrf" "$@"
}
# second USER CODE [curl args]: the second step.
second() {
	local user=$1 c=$2; shift 2
	fetch -u "$user" -x POST /login/totp --data-urlencode "code=$c" \
	    --data-urlencode "csrf=$login_csrf" --data-urlencode "next=/desk" "$@"
}

# --- the password alone gives a half session
sql "UPDATE user SET totp_step = 0 WHERE email = '$admin'"
first_step $admin
expect_status 303 "operator admin: the right password"
check "… leads to /login/totp ($(header Location))" \
    grep -q '^/login/totp?next=' <<<"$(header Location)"
check "… with a session cookie that is a half session" test "$(sql "SELECT half FROM session
    WHERE user_id = (SELECT id FROM user WHERE email = '$admin') ORDER BY created_at DESC LIMIT 1")" = 1
xget -u $admin /login/totp
expect_status 200 "GET /login/totp asks for the code"
expect_xp "count(/page/totp/enrol)" 0 "… and offers no enrolment to one who has TOTP"

# Every page a signed-in user may reach answers the half session 401.
reached="" walked=0
while IFS=$'\t' read -r method pattern ids anon _; do
	[ "$method" = GET ] && [ "$anon" = 401 ] || continue
	p=$pattern
	p=${p//\#/1}
	xget -u $admin "$p"
	walked=$((walked + 1))
	[ "$status" = 401 ] || reached="$reached $p($status)"
done < <(grep -v '^#' "$table")
check "the half session reaches none of the $walked pages of tests/authz.tsv (reached:${reached:- none})" \
    test -z "$reached" -a "$walked" -gt 20
fetch -u $admin -x POST /account --data-urlencode "name=Half" --data-urlencode "csrf=$login_csrf"
expect_status 401 "… and can POST nothing"

# --- wrong, right, replayed
second $admin 000000 --interface 127.0.0.71
expect_status 401 "a wrong code is refused"
expect_xp /page/totp/@failed yes "… the form says so"
check "… and audited" test "$(sql "SELECT count(*) FROM audit WHERE action = 'totp_failed'
    AND detail = '$admin' AND remote_addr = '127.0.0.71'")" = 1
now=$(code)
second $admin "$now"
expect_status 303 "the right code signs in"
check "… on to next ($(header Location))" test "$(header Location)" = /desk
xget -u $admin /desk
expect_status 200 "… and the desk opens"
check "… audited as a sign-in with TOTP" test "$(sql "SELECT detail FROM audit WHERE
    action = 'sign_in' AND actor_id = (SELECT id FROM user WHERE email = '$admin')
    ORDER BY id DESC LIMIT 1")" = totp
first_step $admin
second $admin "$now" --interface 127.0.0.72
expect_status 401 "the same code a second time is refused (no replay)"

# --- the half session lives five minutes
sql "UPDATE user SET totp_step = 0 WHERE email = '$admin'"
first_step $admin
half="user_id = (SELECT id FROM user WHERE email = '$admin') AND half = 1"
check "a half session lives five minutes" \
    test "$(sql "SELECT max(expires_at - created_at) FROM session WHERE $half")" = 300
sql "UPDATE session SET expires_at = unixepoch() - 1 WHERE $half"
full="SELECT count(*) FROM session WHERE user_id = (SELECT id FROM user WHERE email = '$admin') AND half = 0"
before=$(sql "$full")
second $admin "$(code)" --interface 127.0.0.73
check "… after which the right code signs nobody in: back to the password ($status $(header Location))" \
    test "$status-$(header Location | cut -d'?' -f1)" = 303-/login -a "$(sql "$full")" = "$before"

# --- a user who must, enrolling; then the recovery codes
support=support@operator.example
sql "UPDATE user SET totp_secret = NULL, totp_pending = NULL WHERE email = '$support'"
first_step $support
xget -u $support /login/totp
secret=$(xp /page/totp/enrol/secret)
check "a required user without TOTP is given a secret to enrol with ($secret)" \
    grep -qE '^[A-Z2-7]{32}$' <<<"$secret"
check "… and its otpauth:// URI" test "$(xp /page/totp/enrol/uri)" = \
    "otpauth://totp/partnerdesk:support%40operator.example?secret=$secret&issuer=partnerdesk&digits=6&period=30"
second $support "$(code "$secret")"
expect_status 200 "the first code confirms it and signs in"
codes=$(xmllint --xpath '/page/totp/recovery-codes/code/text()' "$body" 2>/dev/null | head -c 200)
check "… showing ten recovery codes once" test "$(count /page/totp/recovery-codes/code)" = 10
# Hashed: ten 32-byte blobs, and the code in neither its shown form nor
# without its dash anywhere in the database.
plain=${codes:0:11}
check "… stored hashed (no code in the database)" test "$(sql "SELECT count(*) FROM recovery_code
    WHERE user_id = (SELECT id FROM user WHERE email = '$support') AND typeof(code_hash) = 'blob'
    AND length(code_hash) = 32")-$(cat "$PD_TEST_DB" "$PD_TEST_DB-wal" | grep -aci -e "$plain" -e "${plain/-/}")" = 10-0
recovery=${codes:0:11}
first_step $support
second $support "$(tr a-z A-Z <<<"${recovery/-/ }")"
expect_status 303 "a recovery code signs in (any case, a space for the dash)"
first_step $support
second $support "$recovery" --interface 127.0.0.73
expect_status 401 "… once only"
sql "UPDATE user SET totp_secret = '$totp_secret', totp_step = 0 WHERE email = '$support'"

# --- throttled like passwords: five wrong codes, then 429
sql "INSERT INTO user (partner_id, email, name, role, password_hash, totp_secret)
    SELECT partner_id, 'totp-throttle@contoso.example', 'TOTP throttle', role,
    password_hash, totp_secret FROM user WHERE email = 'admin@contoso.example'"
t=totp-throttle@contoso.example
first_step $t --interface 127.0.0.74
for i in 1 2 3 4 5; do second $t 111111 --interface 127.0.0.74; echo "$status"; done > "$tmp/five"
check "five wrong codes are five 401s" test "$(grep -c '^401$' "$tmp/five")" = 5
second $t "$(code)" --interface 127.0.0.74
expect_status 429 "the sixth, even right, is throttled"
check "… with Retry-After ($(header Retry-After))" test -n "$(header Retry-After)"

# --- optional for the other roles: set up on Account settings
opt=totp-agent@contoso.example
sql "INSERT INTO user (partner_id, email, name, role, password_hash)
    SELECT partner_id, '$opt', 'TOTP agent', role, password_hash FROM user
    WHERE email = 'agent@contoso.example'"
login $opt
xget -u $opt /account
check "an admin agent has two-step sign-in off, not required" \
    test "$(xp /page/account/two-step/@state)-$(xp /page/account/two-step/@required)" = off-no
post $opt /account/totp
expect_status 303 "… sets it up on Account settings"
xget -u $opt /account
secret=$(xp /page/account/two-step/enrol/secret)
check "… which shows the secret to add to the app ($secret)" grep -qE '^[A-Z2-7]{32}$' <<<"$secret"
post $opt /account/totp/confirm code=000000
expect_xp "/page/errors/error[@field = 'code']/@rule" totp "a wrong code does not turn it on"
login "$opt" && cp "$(jar "$opt")" "$(jar "$opt.other")"
login $opt
post $opt /account/totp/confirm "code=$(code "$secret")"
check "the right one does, showing ten recovery codes ($status)" \
    test "$status-$(count /page/account/recovery-codes/code)-$(xp /page/account/two-step/@state)" = 200-10-on
rc=$(xp '/page/account/recovery-codes/code[1]')
rc2=$(xp '/page/account/recovery-codes/code[2]')
xget -u "$opt.other" /account
expect_status 401 "… and ends the user's other sessions, begun without it"
first_step $opt
check "… and the next sign-in asks for a code ($(header Location))" \
    grep -q '^/login/totp' <<<"$(header Location)"
second $opt "$rc"
expect_status 303 "… which one of its recovery codes answers"

# --- a change to it takes a current code (a session left open is not
# enough): new recovery codes, and off
xget -u $opt /account
expect_xp /page/account/two-step/@recovery-left 9 "Account settings count the unused recovery codes"
post $opt /account/totp/recovery
expect_xp "/page/errors/error[@field = 'code']/@rule" required "new recovery codes need a code"
for c in 000000 "$rc"; do
	post $opt /account/totp/recovery "code=$c"
	check "… not a wrong one or a used recovery code ($c: HTTP $status)" \
	    test "$status-$(xp "/page/errors/error[@field = 'code']/@rule")-$(count /page/account/recovery-codes)" = 422-totp-0
done
sql "UPDATE user SET totp_step = 0 WHERE email = '$opt'"
post $opt /account/totp/recovery "code=$(code "$secret")"
check "… a current one gives ten new ($status)" \
    test "$status-$(count /page/account/recovery-codes/code)" = 200-10
new_rc=$(xp '/page/account/recovery-codes/code[1]')
check "… audited" test "$(sql "SELECT action FROM audit WHERE actor_id =
    (SELECT id FROM user WHERE email = '$opt') ORDER BY id DESC LIMIT 1")" = totp_recovery_codes
post $opt /account/totp/off "code=$rc2"
expect_xp "/page/errors/error[@field = 'code']/@rule" totp "… and the old ones are gone (off with one is refused)"
post $opt /account/totp/off
expect_xp "/page/errors/error[@field = 'code']/@rule" required "turning it off needs a code"
sql "UPDATE user SET totp_step = 0 WHERE email = '$opt'"
first_step $opt && second $opt "$(code "$secret")" && cp "$(jar "$opt")" "$(jar "$opt.other")"
sql "UPDATE user SET totp_step = 0 WHERE email = '$opt'"
first_step $opt && second $opt "$(code "$secret")"
post $opt /account/totp/off "code=$new_rc"
expect_status 303 "… a recovery code turns it off"
xget -u "$opt.other" /account
expect_status 401 "… and ends the user's other sessions"
xget -u $opt /account
check "… but not this one, where it is off ($status)" test "$status-$(xp /page/account/two-step/@state)" = 200-off

# a secret set up but not confirmed is cancelled without a code
post $opt /account/totp
post $opt /account/totp/off
xget -u $opt /account
check "a pending set-up is cancelled without a code ($(xp /page/account/two-step/@state))" \
    test "$(xp /page/account/two-step/@state)" = off

# wrong codes on Account settings count towards the sign-in throttle
th=totp-recheck@contoso.example
sql "INSERT INTO user (partner_id, email, name, role, password_hash, totp_secret)
    SELECT partner_id, '$th', 'TOTP recheck', role, password_hash, '$totp_secret'
    FROM user WHERE email = 'agent@contoso.example'"
login $th
recheck() {
	fetch -u $th -x POST /account/totp/recovery --interface 127.0.0.75 \
	    --data-urlencode "csrf=$(csrf $th)" --data-urlencode "code=$1"
}
for i in 1 2 3 4 5; do recheck 111111; echo "$status"; done > "$tmp/five"
check "five wrong codes on Account settings are five 422s" test "$(grep -c '^422$' "$tmp/five")" = 5
sql "UPDATE user SET totp_step = 0 WHERE email = '$th'"
recheck "$(code)"
check "… and the sixth, even right, is throttled (HTTP $status, Retry-After $(header Retry-After))" \
    test "$status-$(xp "/page/errors/error[@field = 'code']/@rule")-$(count /page/account/recovery-codes)" = 429-throttled-0 -a -n "$(header Retry-After)"
login $admin
post $admin /account/totp/off
check "operator staff cannot turn it off (HTTP $status, $(xp /page/error/@rule))" \
    test "$status-$(xp /page/error/@rule)" = 403-totp_required
