# Sign-in and sessions: the double-submit CSRF cookie of the sign-in
# form, wrong and right passwords, the session cookie's flags and its
# rotation, "next", stale sessions, sign-out, the audit log, every demo
# user's role and dashboard, the security headers, and which role may
# open which page across the programs.
. "$PD_TOP/tests/http/lib.sh"
plan 177

contoso_admin=admin@contoso.example
contoso_agent=agent@contoso.example
contoso_helpdesk=helpdesk@contoso.example
contoso_sales=sales@contoso.example
fabrikam=agent@fabrikam.example
operator=support@operator.example
operator_admin=admin@operator.example
started=$(sql "SELECT unixepoch()")

# A cookie's value in one of lib.sh's jars (curl marks HttpOnly ones).
jar_cookie() { awk -v n="$2" '$6 == n { v = $7 } END { print v }' "$(jar "$1")"; }
# The value the last response set for a cookie, and that header whole.
set_cookie() { grep -i "^set-cookie: $1=" "$headers" | tr -d '\r' | head -n1; }
set_value() { set_cookie "$1" | sed -e "s/^[^=]*=//" -e 's/;.*//'; }
# The database keeps only the BLAKE2b-256 hash of a session id.
session_rows() {
	sql "SELECT count(*) FROM session WHERE id_hash =
	    X'$(printf %s "$1" | b2sum -l 256 | cut -d' ' -f1)'"
}
# with_session SID [-x] METHOD PATH: fetch with nothing but this cookie.
with_session() {
	local sid=$1; shift
	fetch "$@" -H "Cookie: pd_session=$sid"
}
# lacks PATTERN TEXT: the text does not match.
lacks() { ! grep -qi -- "$1" <<<"$2"; }
audit_count() {
	sql "SELECT count(*) FROM audit WHERE action = '$1' AND at >= $started
	    AND $2"
}

# --- the sign-in form and its CSRF cookie

fetch -u form GET /login
expect_status 200 "the sign-in page"
login_token=$(set_value pd_login)
check "GET /login sets a pd_login cookie" test -n "$login_token"
login_cookie=$(set_cookie pd_login)
check "the pd_login cookie is only for /login" grep -qi "; Path=/login;" <<<"$login_cookie"
check "the pd_login cookie is HttpOnly" grep -qi "; HttpOnly" <<<"$login_cookie"
check "the pd_login cookie is SameSite=Lax" grep -qi "; SameSite=Lax" <<<"$login_cookie"
xget -u form /login
expect_valid "the sign-in page"
expect_xp /page/csrf "$login_token" "the form's csrf is the pd_login cookie"
expect_xp "count(/page/user)" 0 "nobody is signed in on the sign-in page"

fetch -u form POST /login --data-urlencode "email=$contoso_agent" \
    --data-urlencode "password=$password"
expect_status 403 "sign-in without csrf"
fetch -u form POST /login --data-urlencode "email=$contoso_agent" \
    --data-urlencode "password=$password" \
    --data-urlencode "csrf=${login_token%?}x"
expect_status 403 "sign-in with a csrf that is not the cookie's"
check "a refused sign-in sets no session" test -z "$(set_cookie pd_session)"
fetch POST /login --data-urlencode "email=$contoso_agent" \
    --data-urlencode "password=$password" --data-urlencode "csrf=$login_token"
expect_status 403 "sign-in with the token but without the cookie"

# --- wrong password, unknown email

fetch -u form -x POST /login --data-urlencode "email=$contoso_agent" \
    --data-urlencode "password=not-the-password" \
    --data-urlencode "csrf=$login_token"
expect_status 401 "a wrong password"
expect_valid "the sign-in page after a wrong password"
expect_xp /page/login/@failed yes "the page says the sign-in failed"
expect_xp /page/login/email "$contoso_agent" "the typed email is kept"
check "a wrong password sets no session" test -z "$(set_cookie pd_session)"
fetch -u form POST /login --data-urlencode "email=$contoso_agent" \
    --data-urlencode "password=not-the-password" \
    --data-urlencode "csrf=$login_token"
expect_status 401 "a wrong password (HTML)"
expect_body "value=\"$contoso_agent\"" "the HTML form keeps the typed email"
expect_no_body "not-the-password" "the HTML form does not echo the password"

fetch -u form -x POST /login --data-urlencode "email=nobody@contoso.example" \
    --data-urlencode "password=$password" --data-urlencode "csrf=$login_token"
expect_status 401 "an unknown email"
expect_xp /page/login/@failed yes "an unknown email fails like a wrong password"

# --- the right password

fetch -u form POST /login --data-urlencode "email=$contoso_agent" \
    --data-urlencode "password=$password" --data-urlencode "csrf=$login_token"
expect_status 303 "the right password"
check "the right password leads to /dashboard" test "$(header Location)" = /dashboard
cookie=$(set_cookie pd_session)
first=$(set_value pd_session)
check "a pd_session cookie is set" test -n "$first"
check "the session id is long and random-looking (32 bytes)" \
    test "${#first}" -ge 43
check "pd_session is HttpOnly" grep -qi "; HttpOnly" <<<"$cookie"
check "pd_session is SameSite=Lax" grep -qi "; SameSite=Lax" <<<"$cookie"
check "pd_session is for the whole site (Path=/)" grep -qi "; Path=/;" <<<"$cookie"
check "pd_session is not Secure over plain http" lacks "; Secure" "$cookie"
check "the database keeps a hash, not the session id" \
    test "$(sql "SELECT count(*) FROM session WHERE id_hash = '$first'
	OR CAST(id_hash AS TEXT) = '$first'")" = 0
check "the session's hash is stored" test "$(session_rows "$first")" = 1
xget -u form /dashboard
expect_status 200 "the session opens the dashboard"
expect_xp /page/user/email "$contoso_agent" "the dashboard knows who is signed in"
session_csrf=$(xp /page/csrf)
check "the session has its own CSRF token, not the sign-in one" \
    test -n "$session_csrf" -a "$session_csrf" != "$login_token"

# Signing in again with the same browser: a new id, the old one is dead.
fetch -u form GET /login
expect_status 303 "the sign-in page sends a signed-in user on"
fetch -u form POST /login --data-urlencode "email=$contoso_agent" \
    --data-urlencode "password=$password" \
    --data-urlencode "csrf=$(jar_cookie form pd_login)"
expect_status 303 "signing in again with the same browser"
second=$(set_value pd_session)
check "the session id rotates on sign-in" test -n "$second" -a "$second" != "$first"
check "the jar now holds the new session" test "$(jar_cookie form pd_session)" = "$second"
check "the old session is gone from the database" test "$(session_rows "$first")" = 0
with_session "$first" GET /dashboard
expect_status 303 "the old session cookie no longer works"
with_session "$second" -x GET /dashboard
expect_status 200 "the new session cookie works"

# A session id planted by someone else (fixation) is never adopted.
planted=attacker-chosen-session-id-0123456789abcdefghijkl
rm -f "$(jar fixed)"
fetch -u fixed GET /login -H "Cookie: pd_session=$planted"
token=$(set_value pd_login)
fetch POST /login -H "Cookie: pd_session=$planted; pd_login=$token" \
    --data-urlencode "email=$contoso_agent" \
    --data-urlencode "password=$password" --data-urlencode "csrf=$token"
expect_status 303 "sign-in from a browser with a planted session cookie"
fixed=$(set_value pd_session)
check "the planted session id is replaced" test -n "$fixed" -a "$fixed" != "$planted"
with_session "$planted" GET /dashboard
expect_status 303 "the planted id signs nobody in"

# --- next: local paths only

signin_next() {
	local name=$1 next=$2
	rm -f "$(jar "$name")"
	fetch -u "$name" GET /login
	local t; t=$(set_value pd_login)
	fetch -u "$name" POST /login --data-urlencode "email=$contoso_agent" \
	    --data-urlencode "password=$password" --data-urlencode "csrf=$t" \
	    --data-urlencode "next=$next"
}
signin_next n1 /requests/1
expect_status 303 "sign-in with next=/requests/1"
check "next=/requests/1 is honoured" test "$(header Location)" = /requests/1
signin_next n2 "/customers?q=north"
check "next keeps its query" test "$(header Location)" = "/customers?q=north"
for evil in //evil.example https://evil.example /\\evil.example \
    "javascript:alert(1)" "evil.example/x"; do
	signin_next n3 "$evil"
	if [ "$status" = 303 ] && [ "$(header Location)" = /dashboard ]; then
		ok "next=$evil is refused (to /dashboard)"
	elif [ "$status" = 400 ]; then
		ok "next=$evil is refused (HTTP 400)"
	else
		notok "next=$evil is refused (HTTP $status, Location $(header Location))"
	fi
done
fetch -x GET "/login?next=//evil.example"
expect_xp /page/login/@next /dashboard "the form never carries a foreign next"
fetch -x GET "/login?next=/requests/1"
expect_xp /page/login/@next /requests/1 "the form carries a local next"

# --- no session, stale session

fetch GET /dashboard
expect_status 303 "the dashboard without a session"
check "redirects to /login?next=%2Fdashboard" \
    test "$(header Location)" = "/login?next=%2Fdashboard"
fetch GET "/customers?q=north"
check "the redirect keeps the query in next" \
    test "$(header Location)" = "/login?next=%2Fcustomers%3Fq%3Dnorth"
fetch -x GET /dashboard
expect_status 401 "an XML client without a session"
check "401 says WWW-Authenticate: Bearer" test "$(header WWW-Authenticate)" = Bearer
expect_xp /page/error/@status 401 "the 401 is an error model"
fetch GET /dashboard -H "Authorization: Bearer pdt_not-a-real-token"
expect_status 401 "a bad Bearer token"
fetch GET /dashboard -H "Cookie: pd_session=no-such-session"
expect_status 303 "an unknown session cookie sends to sign-in"

signin_next stale /dashboard
stale=$(jar_cookie stale pd_session)
sql "UPDATE session SET expires_at = unixepoch() - 60 WHERE id_hash =
    X'$(printf %s "$stale" | b2sum -l 256 | cut -d' ' -f1)'"
fetch -u stale GET /requests/1
expect_status 303 "an expired session"
check "an expired session redirects with next and expired=1" \
    test "$(header Location)" = "/login?next=%2Frequests%2F1&expired=1"
fetch -u stale -x GET "/login?next=%2Frequests%2F1&expired=1"
expect_status 200 "the sign-in page after expiry"
expect_xp /page/login/@expired yes "the sign-in page says the session expired"
expect_xp /page/login/@next /requests/1 "the sign-in page keeps next"
fetch -u stale POST /login --data-urlencode "email=$contoso_agent" \
    --data-urlencode "password=$password" \
    --data-urlencode "csrf=$(jar_cookie stale pd_login)" \
    --data-urlencode "next=/requests/1" --data-urlencode "expired=1"
expect_status 303 "signing in again after expiry"
check "back to the page after signing in again" \
    test "$(header Location)" = /requests/1
fetch -u stale -x GET /requests/1
expect_status 200 "the page opens with the new session"
expect_xp /page/request/@id 1 "it is the page asked for"

# --- sign-out

signin_next out /dashboard
out_sid=$(jar_cookie out pd_session)
fetch -u out POST /logout
expect_status 403 "sign-out without csrf"
with_session "$out_sid" -x GET /dashboard
expect_status 200 "a refused sign-out leaves the session"
fetch -u out POST /logout --data-urlencode "csrf=$(csrf out)"
expect_status 303 "sign-out"
check "sign-out leads to /login" test "$(header Location)" = /login
check "sign-out clears the cookie" grep -qi "^set-cookie: pd_session=;.*Max-Age=0" "$headers"
check "sign-out deletes the session" test "$(session_rows "$out_sid")" = 0
with_session "$out_sid" GET /dashboard
expect_status 303 "the signed-out cookie no longer works"
check "it redirects to sign-in" grep -q "^/login?next=" <<<"$(header Location)"
fetch -u out GET /logout
expect_status 405 "GET /logout"

# --- the audit log

uid=$(sql "SELECT id FROM user WHERE email = '$contoso_agent'")
check "sign-ins are audited" test "$(audit_count sign_in "actor_id = $uid")" -ge 3
check "failed sign-ins are audited with the email" \
    test "$(audit_count sign_in_failed "detail = '$contoso_agent'")" -ge 2
check "failed sign-ins for unknown emails are audited" \
    test "$(audit_count sign_in_failed "detail = 'nobody@contoso.example'")" -ge 1
check "a failed sign-in names no actor" \
    test "$(audit_count sign_in_failed "actor_id IS NOT NULL")" = 0
check "sign-outs are audited" test "$(audit_count sign_out "actor_id = $uid")" -ge 1
check "audit rows carry the client address" \
    test "$(audit_count sign_in "remote_addr = '127.0.0.1'")" -ge 1
check "the audit log refuses deletes" sql_refused append-only \
    "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)"

# --- every demo user: role and dashboard

for pair in "$contoso_admin global_admin" "$contoso_agent admin_agent" \
    "$contoso_helpdesk helpdesk_agent" "$contoso_sales sales_agent" \
    "$fabrikam admin_agent" "$operator support_agent" \
    "$operator_admin operator_admin"; do
	set -- $pair
	login "$1"
	xget -u "$1" /dashboard
	expect_status 200 "$1 signs in and opens the dashboard"
	expect_xp /page/user/@role "$2" "$1 is $2"
	expect_xp /page/user/email "$1" "$1's page names them"
done
xget -u $contoso_agent /dashboard
expect_valid "a partner's dashboard"
expect_xp /page/user/partner "Contoso Reseller" "a partner user's partner"
for s in attention replies incidents counts; do
	expect_xp "count(/page/dashboard/$s)" 1 "a partner's dashboard has $s"
done
expect_xp "count(/page/desk-summary)" 0 "a partner sees no desk summary"
xget -u $fabrikam /dashboard
expect_xp /page/user/partner "Fabrikam Partners" "Fabrikam's user is Fabrikam's"
expect_xp /page/@lang it "a user's language is their own (Italian)"
xget -u $contoso_sales /dashboard
expect_xp "count(/page/dashboard/attention)" 0 "sales sees no support sections"
xget -u $operator /dashboard
expect_valid "the operator's dashboard"
expect_xp "count(/page/desk-summary)" 1 "operator staff see the desk summary"
expect_xp "count(/page/dashboard)" 0 "operator staff see no partner dashboard"
expect_xp "count(/page/user/partner)" 0 "operator staff belong to no partner"
check "the desk summary counts open requests" \
    test "$(xp /page/desk-summary/@open)" = \
    "$(sql "SELECT count(*) FROM request WHERE status <> 'closed'")"
fetch -u $contoso_agent GET /
expect_status 303 "/ with a session"
check "/ leads a signed-in user to /dashboard" test "$(header Location)" = /dashboard
fetch GET /
check "/ leads everyone else to /login" test "$(header Location)" = /login

# --- security headers

security_headers() {
	local what=$1
	check "$what: Content-Security-Policy" \
	    grep -qi "^content-security-policy: default-src 'self'" "$headers"
	check "$what: X-Content-Type-Options nosniff" \
	    grep -qi "^x-content-type-options: nosniff" "$headers"
	check "$what: X-Frame-Options DENY" grep -qi "^x-frame-options: DENY" "$headers"
	check "$what: Cache-Control no-store" grep -qi "^cache-control: no-store" "$headers"
}
fetch GET /login
security_headers "the sign-in page"
fetch -u $contoso_agent GET /dashboard
expect_status 200 "the dashboard as HTML"
check "pages are HTML in UTF-8" \
    grep -qi "^content-type: text/html; charset=utf-8" "$headers"
security_headers "the dashboard"
fetch -u $contoso_agent GET /customers/1
security_headers "a customer page"
fetch -u $contoso_agent GET /customers/999999
security_headers "a 404 page"
fetch GET /dashboard
security_headers "a redirect"

# --- roles, route by route, across the programs

role_status() {
	local user=$1 path=$2 want=$3
	xget -u "$user" "$path"
	expect_status "$want" "$user GET $path"
}
role_status $contoso_sales /customers 200
role_status $contoso_sales /customers/1 200
role_status $contoso_sales /requests 403
expect_xp /page/error/@rule role "a role refusal names the rule"
role_status $contoso_sales "/requests?scope=partner" 403
role_status $contoso_sales /requests/1 403
role_status $contoso_sales /health 403
role_status $contoso_sales "/requests/new?customer=1" 403
role_status $contoso_helpdesk /customers 200
role_status $contoso_helpdesk /requests 200
role_status $contoso_helpdesk /health 200
role_status $contoso_helpdesk "/requests?scope=partner" 403
role_status $contoso_helpdesk /desk 403
role_status $contoso_agent "/requests?scope=partner" 200
role_status $contoso_agent "/requests/new?customer=1" 200
role_status $contoso_agent /desk 403
role_status $contoso_admin /desk 403
role_status $fabrikam /desk 403
role_status $operator /desk 200
role_status $operator_admin /desk 200
role_status $operator /requests/1 200
