# Administration of tenants (cgi-bin/tenants.c): the operator admin
# onboards, edits, deactivates and activates partners; each change is
# audited with before → after; a deactivated partner's users cannot sign
# in and its sessions and tokens stop at once, while its data stays.
. "$PD_TOP/tests/http/lib.sh"
plan 48

oa=admin@operator.example
sup=support@operator.example
ga=admin@contoso.example
fab=agent@fabrikam.example
for u in $oa $sup $ga; do login "$u"; done
audit_last() { sql "SELECT detail FROM audit WHERE action = '$1' ORDER BY id DESC LIMIT 1"; }
audits() { sql "SELECT count(*) FROM audit WHERE action = '$1'"; }

# --- who may

xget -u $oa /admin/partners
expect_status 200 "the operator admin lists the partners"
expect_valid "the partner list"
expect_xp "/page/partners/partner[@id=1]/domain" contoso.example "… with Contoso's domain"
expect_xp "/page/partners/partner[@id=1]/@customers" 30 "… and its number of customers"
for u in $sup $ga; do
	xget -u $u /admin/partners
	expect_status 403 "$u cannot list the partners"
done
xget -u $ga /admin/partners/1
expect_status 403 "Contoso's global admin cannot open its own partner's admin page"

# --- a new partner: bad input, then the real one

partners=$(sql "SELECT count(*) FROM partner")
post $oa /admin/partners "name=" "domain=not a domain" "support_email=nobody" sets_premium=maybe
expect_status 422 "a partner with bad fields is refused"
expect_valid "the refused partner form"
expect_xp "/page/errors/error[@field='name']/@rule" required "… the name is required"
expect_xp "/page/errors/error[@field='domain']/@rule" format "… the domain must be a host name"
expect_xp "/page/errors/error[@field='support_email']/@rule" email "… the support contact is an email"
expect_xp "/page/errors/error[@field='sets_premium']/@rule" choice "… premium is yes or no"
expect_xp /page/new-partner/domain "not a domain" "… and what was typed is kept"
post $oa /admin/partners "name=contoso reseller" domain=CONTOSO.example support_email=x@tailspin.example
expect_status 422 "a partner with another's name and domain is refused"
expect_xp "/page/errors/error[@field='name']/@rule" taken "… the name is taken (any case)"
expect_xp "/page/errors/error[@field='domain']/@rule" taken "… the domain is taken (any case)"
check "nothing is stored" test "$(sql "SELECT count(*) FROM partner")" = "$partners"

post $oa /admin/partners "name=Tailspin Resellers" domain=tailspin.example \
    support_email=support@tailspin.example
expect_status 201 "the operator admin creates a partner"
expect_valid "the new partner"
new=$(xp /page/partner/@id)
check "… at its own address" test "$(header Location)" = "/admin/partners/$new"
expect_xp /page/partner/@sets-premium no "… premium is the operator's unless said otherwise"
expect_xp "count(/page/partner/may[@action='deactivate'])" 1 "… and it may be deactivated"
check "… audited with what it was made with" grep -qF "partner $new: name: \"\" → \"Tailspin Resellers\"; domain: \"\" → \"tailspin.example\"" <<<"$(audit_last partner.create)"

before=$(audits partner.update)
post $oa "/admin/partners/$new" "name=Tailspin Toys Resellers" domain=tailspin.example \
    support_email=support@tailspin.example sets_premium=yes
expect_status 303 "the operator admin edits the partner"
check "… back to its page" test "$(header Location)" = "/admin/partners/$new?saved=1"
check "… stored" test "$(sql "SELECT name, sets_premium FROM partner WHERE id = $new")" = "Tailspin Toys Resellers|1"
check "… audited, before → after, only what changed" test "$(audit_last partner.update)" = \
    "partner $new: name: \"Tailspin Resellers\" → \"Tailspin Toys Resellers\"; sets_premium: \"no\" → \"yes\""
post $oa "/admin/partners/$new" "name=Tailspin Toys Resellers" domain=tailspin.example \
    support_email=support@tailspin.example sets_premium=yes
check "saving it unchanged audits nothing" test "$(audits partner.update)" = $((before + 1))
post $oa "/admin/partners/$new" "name=Fabrikam Partners" domain=tailspin.example support_email=support@tailspin.example
expect_status 422 "renaming it to another partner's name is refused"
expect_xp /page/partner/name "Fabrikam Partners" "… showing what was typed"
xget -u $oa /admin/partners/999999
expect_status 404 "a partner that does not exist"

# --- deactivation stops sign-in, sessions and tokens at once

sql "UPDATE user SET role = 'global_admin' WHERE email = '$fab'"
login $fab
post $fab /account/tokens "name=fabrikam script"
token=$(xp /page/account/new-token/secret)
sql "UPDATE user SET role = 'admin_agent' WHERE email = '$fab'"
bearer() { fetch -x GET "$1" -H "Authorization: Bearer $token"; }
post $oa /admin/partners/2/deactivate
expect_status 303 "the operator admin deactivates Fabrikam"
check "… audited" test "$(audit_last partner.deactivate)" = "partner 2: active → inactive"
xget -u $fab /dashboard
expect_status 401 "Fabrikam's open session stops working at once"
bearer /dashboard
expect_status 401 "… so does its API token"
fetch -u nobody -x GET /login
fetch -u nobody -x POST /login --data-urlencode "email=$fab" \
    --data-urlencode "password=$password" --data-urlencode "csrf=$(xp /page/csrf)"
expect_status 401 "… and its users cannot sign in again"
check "… its data stays" test "$(sql "SELECT count(*) FROM customer WHERE partner_id = 2")" = 4
post $oa /admin/partners/2/deactivate
expect_status 409 "deactivating it twice"
expect_xp /page/error/@rule inactive "… says it is deactivated"
xget -u $oa /admin/partners/2
expect_xp "string(/page/partner/may/@action)" activate "a deactivated partner may be activated, nothing else"

post $oa /admin/partners/2/activate
expect_status 303 "the operator admin activates Fabrikam again"
login $fab
bearer /dashboard
expect_status 200 "… and its token works again"
