# Administration of tenants (cgi-bin/tenants.c): the operator admin
# onboards, edits, deactivates and activates partners; customers are
# added by form and by CSV import (a dry run first, then all or nothing),
# by the operator admin and by a partner's global admin for its own; the
# support profile reaches operator staff on each request.  Each change is
# audited with before → after; a deactivated partner's users cannot sign
# in and its sessions and tokens stop at once, while its data stays.
. "$PD_TOP/tests/http/lib.sh"
plan 159

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

# How long its users stay signed in unused (lib/auth.c reads it each request).
fields=("name=Tailspin Toys Resellers" domain=tailspin.example support_email=support@tailspin.example sets_premium=yes)
xget -u $oa "/admin/partners/$new"
expect_xp /page/partner/@idle-minutes 120 "a new partner's users are signed out after 120 idle minutes"
before=$(audits partner.update)
for bad in 4 721 abc 30.5; do
	post $oa "/admin/partners/$new" "${fields[@]}" "session_idle_minutes=$bad"
	expect_xp "/page/errors/error[@field='session_idle_minutes']/@rule" idle_minutes "an idle limit of $bad minutes is refused"
done
expect_xp /page/partner/@idle-minutes 30.5 "… with what was typed kept"
expect_valid "the refused idle limit"
check "… nothing stored or audited" test "$(sql "SELECT session_idle_minutes FROM partner WHERE id = $new") $(audits partner.update)" = "120 $before"
post $oa "/admin/partners/$new" "${fields[@]}" session_idle_minutes=45
expect_status 303 "the operator admin sets the idle limit to 45 minutes"
check "… stored" test "$(sql "SELECT session_idle_minutes FROM partner WHERE id = $new")" = 45
check "… audited, before → after" test "$(audit_last partner.update)" = \
    "partner $new: session_idle_minutes: \"120\" → \"45\""
post $oa "/admin/partners/$new" "${fields[@]}"
check "… and left as it is when the field is not sent" test "$(sql "SELECT session_idle_minutes FROM partner WHERE id = $new")" = 45
fetch -u $oa GET "/admin/partners/$new"
expect_body 'name="session_idle_minutes" value="45"' "the partner's page has the field, with its value"

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

# --- customers: by form, the operator admin for any partner, a global
# admin for its own; another partner's customer is 404

xget -u $oa "/admin/customers?partner=$new"
expect_status 200 "the operator admin opens the new partner's customers"
expect_valid "the customers page"
expect_xp "count(/page/customers/may[@action='premium'])" 1 "… and may set premium"
xget -u $oa /admin/customers
expect_status 400 "the operator admin names the partner"
xget -u $ga "/admin/customers?partner=$new"
expect_status 404 "Contoso's global admin cannot see another partner's customers"

customers=$(sql "SELECT count(*) FROM customer")
post $oa /admin/customers partner=$new "name=Tailspin Air" domain=NORTHWIND.partner.onmschina.cn tenant_id=nope
expect_status 422 "a customer with another's domain and a bad tenant id is refused"
expect_valid "the refused customer form"
expect_xp "/page/errors/error[@field='domain']/@rule" taken "… the domain is taken (any case)"
expect_xp "/page/errors/error[@field='tenant_id']/@rule" format "… the tenant id is a GUID"
expect_xp /page/new-customer/tenant-id nope "… what was typed is kept"
check "… nothing is stored" test "$(sql "SELECT count(*) FROM customer")" = "$customers"

post $oa /admin/customers partner=$new "name=Tailspin Air" domain=tailspinair.example \
    tenant_id=0AA1B2C3-D4E5-4F60-8A7B-9C0D1E2F3A4B premium=yes
expect_status 201 "the operator admin adds a customer by form"
expect_valid "the new customer"
cust=$(xp /page/customer/@id)
check "… its tenant id in lower case, premium" test "$(sql "SELECT tenant_id, premium FROM customer WHERE id = $cust")" = \
    "0aa1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b|1"
check "… audited" grep -qF "customer $cust of partner $new: name: \"\" → \"Tailspin Air\"" <<<"$(audit_last customer.create)"
post $oa "/admin/customers/$cust" "name=Tailspin Airways" domain=tailspinair.example \
    tenant_id=0aa1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b premium=yes
expect_status 303 "the operator admin edits it"
check "… audited before → after" test "$(audit_last customer.update)" = \
    "customer $cust of partner $new: name: \"Tailspin Air\" → \"Tailspin Airways\""
xget -u $ga "/admin/customers/$cust"
expect_status 404 "Contoso's global admin cannot open it"
post $ga "/admin/customers/$cust" "name=Taken Over" domain=tailspinair.example \
    tenant_id=0aa1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b
expect_status 404 "… nor change it"

xget -u $ga /admin/customers
expect_status 200 "Contoso's global admin manages its own customers"
expect_xp /page/customers/partner/@id 1 "… of its own partner"
expect_xp "count(/page/customers/may[@action='premium'])" 0 "… without premium: the operator's by default"
post $ga /admin/customers "name=Contoso Bikes" domain=bikes.contoso.example \
    tenant_id=11111111-2222-4333-8444-555555555555 premium=yes
expect_status 422 "so it cannot add a premium customer"
expect_xp "/page/errors/error[@field='premium']/@rule" operator_only "… premium is the operator's"
post $ga /admin/customers "name=Contoso Bikes" domain=bikes.contoso.example \
    tenant_id=11111111-2222-4333-8444-555555555555
expect_status 201 "… but adds one without"
post $ga /admin/customers partner=$new "name=Elsewhere" domain=elsewhere.example \
    tenant_id=11111111-2222-4333-8444-666666666666
expect_status 404 "… and none for another partner"

post $oa "/admin/customers/$cust/services/1" has=yes
expect_status 303 "the operator admin gives the customer a service"
xget -u $oa "/admin/customers/$cust"
expect_xp "/page/customer/services/service[@id=1]/@has" yes "… which it has now"
check "… audited" test "$(audit_last customer.update)" = \
    "customer $cust of partner $new: service Exchange Online: \"no\" → \"yes\""
post $oa "/admin/customers/$cust/services/11" has=yes
expect_status 404 "the partner's own service is not a customer's"
post $ga "/admin/customers/$cust/services/1" has=no
expect_status 404 "Contoso's global admin cannot change another partner's customer's services"
post $ga /admin/customers/1/services/2 has=no
expect_status 303 "… but its own customer's"
check "… which no longer has it" test "$(sql "SELECT count(*) FROM customer_service WHERE customer_id = 1 AND service_id = 2")" = 0
post $ga /admin/customers/1/services/2 has=yes

# The operator lets Contoso set premium: then its global admin may.
post $oa /admin/partners/1 "name=Contoso Reseller" domain=contoso.example \
    support_email=support@contoso.example sets_premium=yes
xget -u $ga /admin/customers
expect_xp "count(/page/customers/may[@action='premium'])" 1 "once the operator lets it, Contoso may set premium"
post $ga /admin/customers "name=Contoso Premium Bikes" domain=premium.bikes.contoso.example \
    tenant_id=11111111-2222-4333-8444-777777777777 premium=yes
expect_status 201 "… and adds a premium customer"
post $oa /admin/partners/1 "name=Contoso Reseller" domain=contoso.example support_email=support@contoso.example

# --- CSV import: a dry run reports a bad line and stores nothing; the
# real import stores all 50 lines or, with the bad line, none

guid() { printf '%08x-0000-4000-8000-%012x' "$1" "$1"; }
good="name,domain,tenant_id,premium,services"
for i in $(seq 1 50); do
	name="Import Customer $i"
	[ "$i" = 7 ] && name='"Import, ""Quoted"" Customer 7"'
	good="$good"$'\r\n'"$name,import$i.example,$(guid $((i + 1000))),no,Exchange Online; microsoft teams"
done
bad=$(sed '31s/,[^,]*,no,/,not-a-guid,no,/' <<<"$good")
before=$(sql "SELECT count(*) FROM customer WHERE partner_id = $new")
post $oa /admin/customers/import partner=$new "csv=$bad" dry_run=yes
expect_status 200 "a dry run of a CSV with a bad line"
expect_valid "the import report"
expect_xp "count(/page/import/row)" 50 "… reports each of the 50 lines"
expect_xp "count(/page/import/row[@status='ok'])" 49 "… 49 of them ok"
expect_xp "/page/import/row[@line=31]/@field" tenant_id "… and line 31's field"
expect_xp "/page/import/row[@line=31]/@rule" format "… and its rule"
check "… and stores nothing" test "$(sql "SELECT count(*) FROM customer WHERE partner_id = $new")" = "$before"
post $oa /admin/customers/import partner=$new "csv=$bad" dry_run=no
expect_status 422 "the real import of that CSV is refused"
check "… and stores none of its lines" test "$(sql "SELECT count(*) FROM customer WHERE partner_id = $new")" = "$before"
post $oa /admin/customers/import partner=$new "csv=$good" dry_run=yes
expect_xp /page/import/@errors 0 "a dry run of the fixed CSV finds no error"
check "… and stores nothing" test "$(sql "SELECT count(*) FROM customer WHERE partner_id = $new")" = "$before"
imports=$(audits customer.import)
post $oa /admin/customers/import partner=$new "csv=$good" dry_run=no
expect_status 201 "the operator admin imports 50 customers"
check "… then lists them" test "$(header Location)" = "/admin/customers?partner=$new&saved=50"
check "… all 50 stored" test "$(sql "SELECT count(*) FROM customer WHERE partner_id = $new")" = $((before + 50))
check "… quoted fields read whole" test "$(sql "SELECT name FROM customer WHERE domain = 'import7.example'")" = \
    'Import, "Quoted" Customer 7'
check "… with their services (names in any case)" test "$(sql "SELECT count(*) FROM customer_service cs
    JOIN customer c ON c.id = cs.customer_id WHERE c.domain LIKE 'import%'")" = 100
check "… each audited" test "$(audits customer.import)" = $((imports + 50))
post $oa /admin/customers/import partner=$new "csv=$good" dry_run=no
expect_status 422 "importing the same lines again is refused"
expect_xp "count(/page/import/row[@rule='taken'])" 50 "… each line's domain is taken"
check "… nothing is doubled" test "$(sql "SELECT count(*) FROM customer WHERE partner_id = $new")" = $((before + 50))
post $oa /admin/customers/import partner=$new dry_run=yes \
    csv=$'name,domain,tenant_id\nA,dup.example,'"$(guid 9001)"$'\nB,DUP.example,'"$(guid 9002)"$'\nC,c.example,'"$(guid 9003)"',extra'
expect_xp "/page/import/row[@line=3]/@rule" repeated "a domain twice in the file is reported"
expect_xp "/page/import/row[@line=4]/@rule" columns "… and a line with too many fields"
post $oa /admin/customers/import partner=$new dry_run=yes csv=$'name,domain\nA,a.example'
expect_xp "/page/import/row[@line=1]/@field" tenant_id "a header without tenant_id is refused"
post $ga /admin/customers/import partner=$new "csv=$good" dry_run=yes
expect_status 404 "Contoso's global admin cannot import for another partner"
# An audit row that cannot be written: the import stores nothing.
sql "CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit
    WHEN NEW.action = 'customer.import' BEGIN SELECT RAISE(ABORT, 'test'); END"
post $oa /admin/customers/import partner=2 dry_run=no csv=$'name,domain,tenant_id\nAudited,audited.example,'"$(guid 9100)"
expect_status 500 "an import whose audit rows fail is refused"
check "… and stores nothing" test "$(sql "SELECT count(*) FROM customer WHERE domain = 'audited.example'")" = 0
sql "DROP TRIGGER test_audit_fails"
xget -u $ga "/customers?q=import"
expect_xp /page/customers/@total 0 "Contoso's customer search finds none of the imported customers"
xget -u $sup "/customers?q=import"
expect_xp /page/customers/@total 50 "the operator's search finds all 50"

# The new partner's agent files a request for an imported customer,
# which Contoso cannot see.
case "${PD_BIN:-build}" in /*) pdctl="$PD_BIN/pdctl" ;; *) pdctl="$PD_TOP/${PD_BIN:-build}/pdctl" ;; esac
tailspin=agent@tailspin.example
tailspin_password="Tailspin kettle on the roof $$"
echo "$tailspin_password" | "$pdctl" user "$PD_TEST_DB" $tailspin admin_agent "Tailspin Agent" $new >/dev/null
password=$tailspin_password login $tailspin
imported=$(sql "SELECT id FROM customer WHERE domain = 'import7.example'")
svc=$(sql "SELECT id FROM service WHERE name = 'Exchange Online'")
topic=$(sql "SELECT t.id FROM topic t WHERE t.service_id = $svc AND t.kind = 'technical'
    AND NOT EXISTS (SELECT 1 FROM topic_field f WHERE f.topic_id = t.id AND f.required = 1) LIMIT 1")
post $tailspin /requests customer=$imported service=$svc topic=$topic "title=Mail stuck" \
    "description=Since the import." severity=C "contact_name=Tai Lin" contact_email=$tailspin
expect_status 201 "the new partner's agent files a request for an imported customer"
rid=$(xp /page/request/@id)
xget -u $ga "/requests/$rid"
expect_status 404 "Contoso's global admin cannot open it"
xget -u $ga "/customers/$imported"
expect_status 404 "… nor the imported customer"

# A CSV file (multipart, the key "file"): past a form field's 64 KiB, up
# to 10,000 lines; read, not kept as an attachment.
upload() {
	local user=$1 path=$2; shift 2
	fetch -u "$user" -x POST "$path" -F "csrf=$(csrf "$user")" "$@"
}
# bulk FIRST LAST: CSV lines for customers FIRST to LAST of the partner $new.
bulk() {
	for i in $(seq "$1" "$2"); do
		echo "Bulk Customer $i of a CSV file,bulk$i.tailspin.example,$(guid $((i + 20000))),Exchange Online"
	done
}
{ echo "name,domain,tenant_id,services"; bulk 1 1000; } > "$tmp/bulk.csv"
check "a CSV file larger than a form field's 64 KiB" test "$(stat -c %s "$tmp/bulk.csv")" -gt 65536
before=$(sql "SELECT count(*) FROM customer WHERE partner_id = $new") imports=$(audits customer.import)
upload $oa /admin/customers/import -F partner=$new -F dry_run=yes -F "file=@$tmp/bulk.csv"
expect_status 200 "a dry run of a CSV file of 1,000 customers"
expect_valid "the file's import report"
expect_xp /page/import/@rows 1000 "… reports every line"
expect_xp /page/import/@errors 0 "… none wrong"
expect_xp /page/import/@file bulk.csv "… names the file it read"
check "… stores nothing" test "$(sql "SELECT count(*) FROM customer WHERE partner_id = $new")" = "$before"
upload $oa /admin/customers/import -F partner=$new -F dry_run=no -F "file=@$tmp/bulk.csv"
expect_status 201 "the real import of the file"
check "… stores all 1,000, each audited" test \
    "$(sql "SELECT count(*) FROM customer WHERE partner_id = $new") $(audits customer.import)" = \
    "$((before + 1000)) $((imports + 1000))"
check "… no attachment row names the file" test \
    "$(sql "SELECT count(*) FROM attachment WHERE name = 'bulk.csv'")" = 0
upload $oa /admin/customers/import -F partner=$new -F dry_run=yes -F "file=@$tmp/bulk.csv" \
    -F "csv=name,domain,tenant_id"
expect_status 422 "a file and a text at once"
expect_xp "/page/errors/error[@field='csv']/@rule" csv_twice "… are refused beside the text"
upload $oa /admin/customers/import -F partner=$new -F dry_run=yes -F "file=@$tmp/bulk.csv" -F "file=@$tmp/bulk.csv"
expect_xp "/page/errors/error[@field='file']/@rule" csv_twice "two files are refused beside the file input"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' > "$tmp/picture.csv"
upload $oa /admin/customers/import -F partner=$new -F dry_run=yes -F "file=@$tmp/picture.csv"
expect_status 422 "a file that is not text"
expect_xp "/page/errors/error[@field='file']/@rule" type "… is refused by its content"
{ echo "name,domain,tenant_id"; bulk 2001 12001 | cut -d, -f1-3; } > "$tmp/huge.csv"
upload $oa /admin/customers/import -F partner=$new -F dry_run=yes -F "file=@$tmp/huge.csv"
expect_xp /page/import/@rows 10000 "a dry run reads 10,000 lines of a larger file"
expect_xp "/page/import/row[last()]/@rule" too_many_lines "… and stops at the next, saying why"
expect_xp "/page/import/row[last()]/@line" 10002 "… on its line"
fetch -u $oa GET "/admin/customers/import?partner=$new"
expect_body 'enctype="multipart/form-data"' "the import form sends files"
expect_body '<input type="file" id="file" name="file"' "… from its file input"

# --- the support profile: its global admin keeps it, operator staff
# see it on each of its requests

agent=agent@contoso.example
login $agent
xget -u $ga /account/support
expect_status 200 "Contoso's global admin opens its support profile"
expect_valid "the support profile"
xget -u $agent /account/support
expect_status 403 "an admin agent cannot"
post $ga /account/support support_email=nobody phone=call website=http://contoso.example hours=
expect_status 422 "a profile with bad fields is refused"
expect_xp "count(/page/errors/error)" 3 "… naming the email, phone and website"
post $ga /account/support support_email=help@contoso.example "phone=+86 10 5555 0199" \
    website=https://help.contoso.example "hours=Mon-Fri 09:00-18:00"
expect_status 303 "the global admin saves the profile"
check "… audited before → after" grep -qF 'support_email: "support@contoso.example" → "help@contoso.example"' \
    <<<"$(audit_last partner.support)"
xget -u $sup /requests/1
expect_xp /page/request/partner-support/email help@contoso.example "operator staff see it on Contoso's request"
expect_xp /page/request/partner-support/hours "Mon-Fri 09:00-18:00" "… with its hours"
xget -u $ga /requests/1
expect_xp "count(/page/request/partner-support)" 0 "the partner's own request page does not carry it"
