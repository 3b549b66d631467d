# Account settings: the profile for every role, its validation, and the
# API tokens a partner's global admin creates, uses and revokes.
. "$PD_TOP/tests/http/lib.sh"
plan 56

admin=admin@contoso.example
agent=agent@contoso.example
sales=sales@contoso.example
fabrikam=agent@fabrikam.example
operator=support@operator.example
for u in $admin $agent $sales $fabrikam $operator; do login "$u"; done
fabrikam_admin_token=""

for u in $admin $agent $sales $operator; do
	xget -u $u /account
	expect_status 200 "$u opens the account settings"
	expect_xp /page/account/profile/email "$u" "$u sees their own profile"
done
expect_valid "an operator's account page"
xget -u $agent /account
expect_xp "count(/page/account/tokens)" 0 "an admin agent does not manage tokens"
xget -u $admin /account
expect_valid "the global admin's account page"
expect_xp "count(/page/account/tokens)" 1 "the global admin manages tokens"

# --- the profile

post $sales /account "name=Wang Fang (sales)" "phone=+86 10 5555 0999" lang=zh tz=Asia/Hong_Kong
expect_status 303 "a sales agent saves the profile"
check "… back to the settings" test "$(header Location)" = "/account?saved=1"
check "… stored" test "$(sql "SELECT name, phone, lang, tz FROM user WHERE email = '$sales'")" = \
    "Wang Fang (sales)|+86 10 5555 0999|zh|Asia/Hong_Kong"
fetch -u $sales GET /dashboard
expect_body '<html lang="zh"' "the chosen language is used"
before=$(sql "SELECT name || phone || lang || tz FROM user WHERE email = '$sales'")
post $sales /account "name=" "phone=call me" lang=fr tz=Mars/Olympus
expect_status 422 "an invalid profile"
expect_valid "the refused profile"
expect_xp "/page/errors/error[@field='name']/@rule" required "the name is required"
expect_xp "/page/errors/error[@field='phone']/@rule" format "the phone must be a number"
expect_xp "/page/errors/error[@field='lang']/@rule" choice "the language is one of three"
expect_xp "/page/errors/error[@field='tz']/@rule" choice "the time zone is one offered"
expect_xp /page/account/profile/phone "call me" "the typed phone is kept"
check "nothing is stored" test "$(sql "SELECT name || phone || lang || tz FROM user WHERE email = '$sales'")" = "$before"
post $sales /account "name=Wang Fang" phone= lang= tz=Asia/Shanghai
expect_status 303 "the phone and language may be left empty"

# --- API tokens

audits() { sql "SELECT count(*) FROM audit WHERE action = '$1'"; }
created=$(audits api_token_created)
post $admin /account/tokens "name=nightly report"
expect_status 201 "the global admin creates a token"
expect_valid "the new token"
token=$(xp /page/account/new-token/secret)
token_id=$(xp /page/account/new-token/@id)
check "the secret is shown once, pdt_…" grep -q '^pdt_' <<<"$token"
check "only its hash is stored" test "$(sql "SELECT count(*) FROM api_token WHERE token_hash = '$token' OR prefix = '$token'")" = 0
check "the creation is audited" test "$(audits api_token_created)" = $((created + 1))
xget -u $admin /account
expect_xp "count(/page/account/new-token)" 0 "the secret is not shown again"
expect_xp "/page/account/tokens/token[@id=$token_id]/name" "nightly report" "the token is listed"

bearer() { fetch -x "$1" "$2" -H "Authorization: Bearer $token" "${@:3}"; }
bearer GET /dashboard
expect_status 200 "the token opens the dashboard"
expect_xp /page/user/email "$admin" "… as the admin who created it"
expect_xp "count(/page/csrf)" 0 "… without a CSRF token"
bearer GET "/customers?q=north"
expect_status 200 "the token searches customers"
expect_xp "count(/page/customers/customer[name='Northwind Traders'])" 1 "… and finds Northwind"
bearer POST /account/tokens --data-urlencode "name=from a script"
expect_status 403 "a token cannot create tokens"
bearer POST "/account/tokens/$token_id/revoke"
expect_status 403 "a token cannot revoke tokens"
check "last use is recorded" test "$(sql "SELECT last_used_at IS NOT NULL FROM api_token WHERE id = $token_id")" = 1

post $agent /account/tokens "name=mine"
expect_status 403 "an admin agent cannot create tokens"
post $admin /account/tokens "name="
expect_status 422 "a token needs a name"
expect_xp "/page/errors/error[@field='token_name']/@rule" required "… says the name is required"
post $fabrikam "/account/tokens/$token_id/revoke"
expect_status 403 "Fabrikam's admin agent cannot revoke tokens"
sql "UPDATE user SET role = 'global_admin' WHERE email = '$fabrikam'"
login $fabrikam
post $fabrikam "/account/tokens/$token_id/revoke"
expect_status 404 "Fabrikam's global admin cannot revoke Contoso's token"
sql "UPDATE user SET role = 'admin_agent' WHERE email = '$fabrikam'"

post $admin "/account/tokens/$token_id/revoke"
expect_status 303 "the admin revokes the token"
bearer GET /dashboard
expect_status 401 "a revoked token no longer works"
check "… and says how to authenticate" grep -qi '^WWW-Authenticate: Bearer' "$headers"
fetch -x GET /dashboard -H "Authorization: Bearer pdt_not-a-real-token"
expect_status 401 "a made-up token"
post $admin "/account/tokens/999999/revoke"
expect_status 404 "a token that does not exist"
