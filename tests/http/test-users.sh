# Users managed in the product: the operator admin invites a partner's
# global admin, who sets a password from the mailed link and signs in;
# that admin invites a helpdesk agent, changes its role and deactivates
# it (its session and token stop on the next request); nobody removes a
# side's last admin; another partner's user is 404.  Password change
# ends the other sessions; a reset for an unknown address answers as
# for a known one; pdctl init makes only the first operator admin.
. "$PD_TOP/tests/http/lib.sh"
. "$PD_TOP/tests/http/mail.sh"
plan 152

opadmin=admin@operator.example
contoso=admin@contoso.example
for u in $opadmin $contoso; do login "$u"; done
stamp=$(date +%s%N)
ga="ga-$stamp@users.example"
agent="agent-$stamp@users.example"
strong="Tea kettle on the roof $stamp"
audits() { sql "SELECT count(*) FROM audit WHERE action = '$1'"; }
user_id() { sql "SELECT id FROM user WHERE email = '$1'"; }
# signin JAR EMAIL PASSWORD: a session of its own in JAR (several per user).
signin() {
	local jar=$1 email=$2 pw=$3 token
	rm -f "$(jar "$jar")"
	fetch -u "$jar" -x GET /login
	token=$(xp /page/csrf)
	fetch -u "$jar" POST /login --data-urlencode "email=$email" \
	    --data-urlencode "password=$pw" --data-urlencode "csrf=$token"
	second_step "$jar" "$email" "$token"
}
# link TO TEXT: the /password/set link of the latest mail to TO with TEXT.
link() {
	local m; m=$(mail_with "$1" "$2" | tail -n1)
	[ -n "$m" ] && grep -o "$PD_TEST_BASE/password/set?token=[A-Za-z0-9_-]*" "$m" | head -n1 | sed "s|^$PD_TEST_BASE||"
}
# public METHOD-less POST PATH name=value…: a public form, with the
# CSRF token of its own page (GET PATH first), as a browser sends it.
public() {
	local path=$1; shift
	local args=() kv
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	fetch -u anon -x GET "$path"
	local token; token=$(xp '/page/*[@csrf]/@csrf')
	fetch -u anon -x POST "${path%%\?*}" --data-urlencode "csrf=$token" "${args[@]}"
}
b2() { printf %s "$1" | b2sum -l 256 | cut -d' ' -f1 | tr a-f A-F; }

partner=$("$pdctl" partner "$PD_TEST_DB" "Users Test Reseller $stamp")

# --- the operator admin's list and invitation

xget -u $opadmin /admin/users
expect_status 200 "the operator admin lists the users"
expect_valid "the user list"
check "… operator staff and every partner's users" test "$(count "/page/users/member[not(partner)]")" -ge 2 -a \
    "$(count "/page/users/member[partner/@id = 2]")" -ge 1
expect_xp "count(/page/users/invite/roles/role)" 6 "… may give any of the six roles"
expect_xp "count(/page/user/menu//item[@href = '/admin/users'])" 1 "Users is in the operator admin's menu"
xget -u $opadmin "/admin/users?partner=2"
check "the list by partner has only that partner's users" test "$(count "/page/users/member[not(partner/@id = 2)]")" = 0

post $opadmin /admin/users "email=$ga" "name=Gao Ming" role=global_admin "partner=$partner"
expect_status 201 "the operator admin invites a partner's global admin"
expect_valid "the invited user"
ga_id=$(user_id "$ga")
check "… Location is the user's page" test "$(header Location)" = "/admin/users/$ga_id"
expect_xp "/page/member[@role = 'global_admin' and @password = 'none']/partner/@id" "$partner" "… of that partner, without a password yet"
check "… audited with the role" test "$(sql "SELECT count(*) FROM audit WHERE action = 'user.invited' AND detail LIKE 'user $ga_id %global_admin of partner $partner'")" = 1
signin nobody "$ga" ""
expect_status 401 "an invited user cannot sign in before setting a password"

before=$(sql "SELECT count(*) FROM user")
post $opadmin /admin/users "email=x-$stamp@users.example" name=X role=admin_agent
expect_xp "/page/errors/error[@field = 'partner']/@rule" required "a partner's role needs the partner"
post $opadmin /admin/users "email=x-$stamp@users.example" name=X role=support_agent "partner=$partner"
expect_xp "/page/errors/error[@field = 'partner']/@rule" choice "an operator's role has none"
post $opadmin /admin/users "email=$contoso" name= role=root partner=99999
expect_status 422 "a refused invitation"
expect_valid "the refused invitation"
expect_xp "/page/errors/error[@field = 'email']/@rule" taken "an address that has an account is taken"
expect_xp "/page/errors/error[@field = 'name']/@rule" required "the name is required"
expect_xp "/page/errors/error[@field = 'role']/@rule" choice "the role is one of the six"
expect_xp /page/users/invite/email "$contoso" "… the form kept"
post $opadmin /admin/users "email=y-$stamp@users.example" name=Y role=admin_agent partner=99999
expect_xp "/page/errors/error[@field = 'partner']/@rule" not_found "an unknown partner"
check "… nothing stored" test "$(sql "SELECT count(*) FROM user")" = "$before"
fetch -u $opadmin GET /admin/users -H 'Accept-Language: zh'
page_checks "the user list (zh)"

# --- the invitation's mail and link

flush
path=$(link "$ga" "/password/set?token=")
check "the invitation is mailed with its link" test -n "$path"
m=$(mail_with "$ga" "/password/set?token=" | tail -n1)
check "… its subject says so" grep -q '^Subject: \[partnerdesk\] your account is ready' "$m"
check "… it names the partner" grep -qF "(Users Test Reseller $stamp)" "$m"
token=${path#*token=}
check "only the token's hash is stored" test "$(sql "SELECT count(*) FROM password_token WHERE user_id = $ga_id AND purpose = 'invitation' AND hex(token_hash) = '$(b2 "$token")' AND expires_at - created_at = 259200")" = 1
check "… the token itself is in no table (it was made as the mail was sent)" sh -c "! sqlite3 '$PD_TEST_DB' .dump | grep -qF -- '$token'"
xget "$path"
expect_status 200 "the link opens the form"
expect_valid "the password form"
fetch GET "$path" -H 'Accept-Language: it'
page_checks "the password form (it)"
check "… which sends no Referer on (its URL holds the token)" test "$(header Referrer-Policy)" = no-referrer
public "$path" "token=$token" password=short
expect_status 422 "a short password is refused"
expect_xp "/page/errors/error[@field = 'password']/@rule" too_short "… it is too short"
expect_xp /page/password-set/token "$token" "… the form kept"
public "$path" "token=$token" password=Password1234
expect_xp "/page/errors/error[@field = 'password']/@rule" common "a common password is refused, whatever its case"
fetch -u anon -x POST /password/set --data-urlencode "token=$token" --data-urlencode "password=$strong"
expect_status 403 "a public form without its CSRF token is refused"
public "$path" "token=$token" "password=$strong"
expect_status 303 "the invited admin sets a password"
check "… then is told to sign in" test "$(header Location)" = /password/set?done=1
signin ga "$ga" "$strong"
expect_status 303 "the new global admin signs in"
xget -u ga /dashboard
expect_xp "/page/user/partner/@id" "$partner" "… to its partner"
expect_xp /page/user/@role global_admin "… as global admin"
public "$path" "token=$token" "password=$strong again"
expect_status 404 "the link works once"
xget "/password/set?token=nonsense"
expect_status 404 "a made-up link is refused"
expect_xp /page/password-set/@link invalid "… saying the link does not work"

# --- a global admin's users: its own partner's only

xget -u ga /account/users
expect_status 200 "the global admin lists its users"
expect_xp "count(/page/users/member[partner/@id != $partner])" 0 "… its own partner's only"
expect_xp "count(/page/users/invite/roles/role)" 4 "… may give the four partner roles"
expect_xp "count(/page/user/menu//item[@href = '/account/users'])" 1 "Users is in the global admin's menu"
post ga /account/users "email=$agent" "name=Hu Jun" role=operator_admin
expect_xp "/page/errors/error[@field = 'role']/@rule" role "a global admin cannot give an operator's role"
post ga /account/users "email=$agent" "name=Hu Jun" role=helpdesk_agent partner=2
expect_status 400 "… nor name another partner"
post ga /account/users "email=$agent" "name=Hu Jun" role=helpdesk_agent
expect_status 201 "the global admin invites a helpdesk agent"
agent_id=$(user_id "$agent")
check "… of its own partner" test "$(sql "SELECT partner_id FROM user WHERE id = $agent_id")" = "$partner"
flush
path=$(link "$agent" "/password/set?token=")
public "$path" "token=${path#*token=}" "password=$strong"
signin agent "$agent" "$strong"
expect_status 303 "the helpdesk agent sets a password and signs in"
xget -u agent /requests
expect_status 200 "… and works the customer requests"
tok="pdt_users$stamp"
sql "INSERT INTO api_token (user_id, name, token_hash, prefix, created_at) VALUES ($agent_id, 'test', X'$(b2 "$tok")', 'pdt_users', 0)"
fetch -x GET /dashboard -H "Authorization: Bearer $tok"
expect_status 200 "… and a script acts with its token"

xget -u $contoso "/account/users/$agent_id"
expect_status 404 "another partner's global admin does not find it"
post $contoso "/account/users/$agent_id/role" role=sales_agent
expect_status 404 "… cannot change its role"
post $contoso "/account/users/$agent_id/deactivate"
expect_status 404 "… nor deactivate it"
xget -u $contoso /account/users
expect_xp "count(/page/users/member[email = '$agent' or email = '$ga'])" 0 "… nor sees it in its list"

roles=$(audits user.role)
post ga "/account/users/$agent_id/role" role=admin_agent
expect_status 303 "the global admin makes it an admin agent"
check "… audited before → after" test "$(sql "SELECT detail FROM audit WHERE action = 'user.role' ORDER BY id DESC LIMIT 1")" = \
    "user $agent_id: helpdesk_agent → admin_agent"
xget -u agent /dashboard
expect_xp /page/user/@role admin_agent "… which its next request has"
post ga "/account/users/$agent_id/role" role=support_agent
expect_xp "/page/errors/error[@field = 'role']/@rule" role "a partner's user cannot get an operator's role"
check "… and a refused change is not audited" test "$(audits user.role)" = $((roles + 1))

post ga "/account/users/$ga_id/role" role=admin_agent
expect_status 409 "the last global admin cannot give its role away"
expect_xp /page/error/@rule last_admin "… saying why"
post $opadmin "/admin/users/$ga_id/deactivate"
expect_status 409 "… nor be deactivated by the operator admin"
post $opadmin "/admin/users/$(user_id $opadmin)/role" role=support_agent
expect_status 409 "the operator's last admin keeps the role too"

post ga "/account/users/$agent_id/deactivate"
expect_status 303 "the global admin deactivates the agent"
check "… audited" test "$(sql "SELECT count(*) FROM audit WHERE action = 'user.deactivated' AND detail LIKE 'user $agent_id %'")" = 1
check "… its sessions are gone" test "$(sql "SELECT count(*) FROM session WHERE user_id = $agent_id")" = 0
fetch -u agent GET /dashboard
expect_status 303 "its open session stops on the next request"
check "… to the sign-in page" grep -q '^/login' <<<"$(header Location)"
fetch -x GET /dashboard -H "Authorization: Bearer $tok"
expect_status 401 "… and so does its token"
signin agent "$agent" "$strong"
expect_status 401 "… and it cannot sign in again"
xget -u ga "/account/users/$agent_id"
expect_xp "/page/member/@active" no "its page says it is deactivated"
expect_xp "count(/page/member/roles)" 0 "… with no role to change"
expect_xp "/page/member/may/@action" reactivate "… and that it may be reactivated, nothing else"
post ga "/account/users/$agent_id/deactivate"
expect_status 409 "deactivating it again is refused"
expect_xp /page/error/@rule deactivated "… it is deactivated"
post $contoso "/account/users/$agent_id/reactivate"
expect_status 404 "another partner's global admin cannot reactivate it"
reactivated=$(audits user.reactivated)
post ga "/account/users/$agent_id/reactivate"
expect_status 303 "the global admin reactivates the agent"
check "… audited" test "$(audits user.reactivated)" = $((reactivated + 1))
signin agent "$agent" "$strong"
expect_status 303 "… who signs in again with its password"
xget -u agent /dashboard
expect_xp /page/user/@role admin_agent "… in the role it had"
post ga "/account/users/$agent_id/reactivate"
expect_status 409 "reactivating an active user is refused"
expect_xp /page/error/@rule password_set "… saying it is active"
post ga "/account/users/$agent_id/reinvite"
expect_status 409 "… and so is inviting it again"

# --- inviting again a user who has not set a password

invitee="invitee-$stamp@users.example"
post ga /account/users "email=$invitee" "name=Lin Yu" role=sales_agent
invitee_id=$(user_id "$invitee")
expect_xp "count(/page/member/may[@action = 'reinvite'])" 1 "an invited user may be invited again"
flush
first=$(link "$invitee" "/password/set?token=")
reinvited=$(audits user.reinvited)
post ga "/account/users/$invitee_id/reinvite"
expect_status 303 "the global admin sends the invitation again"
check "… audited" test "$(audits user.reinvited)" = $((reinvited + 1))
flush
second_mail() { [ "$(mail_with "$invitee" "/password/set?token=" | wc -l)" = 2 ]; }
check "… a second mail" within second_mail
second=$(link "$invitee" "/password/set?token=")
check "… with a new link" test -n "$second" -a "$second" != "$first"
public "$second" "token=${second#*token=}" "password=$strong"
expect_status 303 "the new link sets the password"
public "$first" "token=${first#*token=}" "password=$strong"
expect_status 404 "… and the first link no longer works"
post $opadmin "/admin/users/$invitee_id/reinvite"
expect_status 409 "a user with a password is not invited again"

# --- the lists: a page at a time, by partner and by email

for i in $(seq 1 55); do echo "INSERT INTO user (partner_id, email, name, role, password_hash)
    VALUES ($partner, 'many$i-$stamp@users.example', 'Many $i', 'sales_agent', '');"; done > "$tmp/many.sql"
sqlite3 -cmd '.timeout 5000' "$PD_TEST_DB" < "$tmp/many.sql"
xget -u $opadmin "/admin/users?partner=$partner"
expect_valid "a page of the user list"
expect_xp /page/users/@total 58 "the operator admin's list counts the partner's 58 users"
expect_xp "count(/page/users/member)" 50 "… and shows 50 of them"
expect_xp /page/users/pager/@pages 2 "… on two pages"
expect_xp /page/users/pager/@base-url "/admin/users?partner=$partner&" "… the pager keeping the filter"
xget -u $opadmin "/admin/users?partner=$partner&page=2"
expect_xp "count(/page/users/member)" 8 "the second page has the other 8"
xget -u $opadmin "/admin/users?q=MANY5"
expect_xp /page/users/@total 7 "the email filter finds part of an address, any case (many5, many50-55)"
xget -u $opadmin "/admin/users?q=%25"
expect_xp /page/users/@total 0 "… and takes % as itself"
xget -u ga "/account/users?q=invitee-$stamp"
expect_xp "/page/users/member/email" "$invitee" "the global admin filters its own users too"
xget -u $contoso "/account/users?q=many"
expect_xp /page/users/@total 0 "… and another partner's global admin finds none of them"
fetch -u $opadmin GET "/admin/users?partner=$partner"
expect_body '<input type="search" id="filter-q" name="q"' "the list's page has the email filter"
expect_body 'rel="next" href="/admin/users?partner='"$partner"'&amp;page=2"' "… and a link to the next page"

# --- password change

signin ga2 "$ga" "$strong"
post ga /account/password current=wrong password=short
expect_status 422 "a password change with the wrong current one"
expect_valid "the refused password change"
expect_xp "/page/errors/error[@field = 'current']/@rule" wrong "… the current password is wrong"
expect_xp "/page/errors/error[@field = 'password']/@rule" too_short "… the new one too short"
post ga /account/password "current=$strong" "password=$strong 2"
expect_status 303 "the global admin changes the password"
xget -u ga /dashboard
expect_status 200 "… this session goes on"
fetch -u ga2 GET /dashboard
expect_status 303 "… its other session is signed out"
signin ga2 "$ga" "$strong"
expect_status 401 "the old password no longer signs in"
signin ga2 "$ga" "$strong 2"
expect_status 303 "the new one does"

# --- password reset: the same answer for a known and an unknown address

unknown="nobody-$stamp@users.example"
asked=$(audits password.reset_asked)
queued=$(sql "SELECT coalesce(max(id), 0) FROM outbox")
public /password/reset "email=$ga"
known_status=$status known_location=$(header Location)
cp "$body" "$tmp/known"
public /password/reset "email=$unknown"
check "a reset for an unknown address answers as for a known one" test "$status $(header Location)" = "$known_status $known_location"
check "… the same body" cmp -s "$body" "$tmp/known"
expect_status 303 "… a redirect"
check "… to the same page" test "$known_location" = /password/reset?done=1
check "both are audited" test "$(audits password.reset_asked)" = $((asked + 2))
check "… and the same outbox rows (one queued for each, the unknown's for no user; the time is not checked)" \
    test "$(sql "SELECT group_concat(to_addr || ':' || (user_id IS NULL), ' ') FROM (SELECT to_addr,
    user_id FROM outbox WHERE id > $queued AND kind = 'password_reset' ORDER BY id)")" = "$ga:0 $unknown:1"
flush
check "the unknown address's row is done with, unsent" test "$(sql "SELECT count(*) FROM outbox WHERE to_addr = '$unknown' AND (sent_at IS NULL OR error <> 'no account')")" = 0
check "… no mail went to it" test -z "$(mails_now "$unknown" Subject)"
path=$(link "$ga" "reset the password")
hash=$(b2 "${path#*token=}")
check "the known address gets a reset link" test -n "$path"
check "… valid for an hour" test "$(sql "SELECT count(*) FROM password_token WHERE hex(token_hash) = '$hash' AND purpose = 'password_reset' AND expires_at - created_at = 3600")" = 1
sql "UPDATE password_token SET expires_at = created_at - 1 WHERE hex(token_hash) = '$hash'"
xget "$path"
expect_status 404 "an expired link is refused"
sql "UPDATE password_token SET expires_at = created_at + 3600 WHERE hex(token_hash) = '$hash'"
public "$path" "token=${path#*token=}" "password=$strong 3"
expect_status 303 "a reset link sets a new password"
fetch -u ga GET /dashboard
expect_status 303 "… and signs every session out"
signin ga "$ga" "$strong 3"
expect_status 303 "… the new password signs in"
check "every link of the user is used up" test "$(sql "SELECT count(*) FROM password_token WHERE user_id = $ga_id AND used_at IS NULL")" = 0
public /password/reset "email=not an address"
expect_xp "/page/errors/error[@field = 'email']/@rule" email "a reset for what is not an address is refused"
expect_xp /page/password-reset/email "not an address" "… the form kept"
fetch -u ga GET /password/reset -H 'Accept-Language: zh'
page_checks "the reset page (zh)"

# --- pdctl init: the first operator admin, nothing else

db="$tmp/first.db"
PD_BASE_URL=https://desk.example "$pdctl" init "$db" boss@operator.example >"$tmp/init"
check "pdctl init makes the first operator admin" test "$(sqlite3 "$db" "SELECT role || ' ' || password_hash FROM user")" = "operator_admin "
check "… and nothing else" test "$(sqlite3 "$db" "SELECT (SELECT count(*) FROM partner) + (SELECT count(*) FROM service) + (SELECT count(*) FROM customer) + (SELECT count(*) FROM request)")" = 0
token=$(grep -o 'https://desk.example/password/set?token=[A-Za-z0-9_-]*' "$tmp/init" | sed 's/.*token=//')
check "… it prints the link, whose token is stored hashed" test "$(sqlite3 "$db" "SELECT count(*) FROM password_token WHERE hex(token_hash) = '$(b2 "$token")'")" = 1
check "… and queues the invitation mail" test "$(sqlite3 "$db" "SELECT kind || ' ' || to_addr FROM outbox")" = "invitation boss@operator.example"
check "… only on a database without users" sh -c "! '$pdctl' init '$db' other@operator.example >/dev/null 2>&1"
echo first@operator.example | "$pdctl" init "$tmp/asked.db" >/dev/null
check "… asking for the email when not given" test "$(sqlite3 "$tmp/asked.db" "SELECT email FROM user")" = first@operator.example
check "pdctl user refuses a common password" sh -c "! echo password1234 | '$pdctl' user '$db' z@operator.example support_agent Z 2>/dev/null"

# The links' tokens were in query strings: the access log has none of them.
log="$PD_TEST_WORK/var/nginx/access.log"
check "the access log keeps the password links' paths, never their tokens" \
    sh -c "grep -q 'GET /password/set?token=- ' '$log' && ! grep -q 'password/set?token=[^-]' '$log'"
