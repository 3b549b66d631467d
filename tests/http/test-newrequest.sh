# A new request, step by step: the customer's services, the self-help
# hand-off (admin link, health, incidents, articles, "Solved without a
# request"), the form with its rules, the request filed; each role and
# Fabrikam's isolation.
. "$PD_TOP/tests/http/lib.sh"
plan 131

admin=admin@contoso.example
agent=agent@contoso.example
helpdesk=helpdesk@contoso.example
sales=sales@contoso.example
fabrikam=agent@fabrikam.example
operator=support@operator.example
for u in $admin $agent $helpdesk $sales $fabrikam $operator; do login "$u"; done
requests() { sql "SELECT count(*) FROM request"; }
events() { sql "SELECT count(*) FROM event"; }

# --- step 1: the service

xget -u $agent "/requests/new?customer=1"
expect_status 200 "the service step"
expect_valid "the service step"
expect_xp "/page/new-request/@step" service "it asks for the service"
expect_xp "/page/new-request/customer/name" "Northwind Traders" "for Northwind Traders"
expect_xp "count(/page/new-request/services/service[name='Exchange Online'])" 1 \
    "Exchange Online is offered"
expect_xp "count(/page/new-request/services/service[name='Partner Center'])" 0 \
    "Partner Center is not a customer service"
fetch -u $agent GET "/requests/new"
expect_status 303 "no customer: pick one first"
check "… on the customer search" test "$(header Location)" = /customers

# --- step 2: the hand-off

xget -u $agent "/requests/new?customer=1&service=1"
expect_status 200 "the hand-off"
expect_valid "the hand-off"
expect_xp "/page/new-request/@step" handoff "the self-help hand-off"
expect_xp "starts-with(/page/new-request/service/admin-url, 'https://portal.partner.microsoftonline.cn/')" true \
    "an admin-center link"
expect_xp "contains(/page/new-request/service/admin-url, 'tenantId=2fc0f351-a301-5cc6-8e34-276f77263cf3')" true \
    "built with Northwind's tenant id"
expect_xp "count(/page/new-request/incidents/incident) > 0" true "the active incidents"
expect_xp "count(/page/new-request/articles/article) > 0" true "recommended articles"
xget -u $helpdesk "/requests/new?customer=1&service=1"
expect_status 200 "a helpdesk agent's hand-off"
expect_xp "count(/page/new-request/service/admin-url)" 0 "no admin link for a helpdesk agent"
unsubscribed=$(sql "SELECT min(id) FROM service WHERE id NOT IN
    (SELECT service_id FROM customer_service WHERE customer_id = 1)")
check "Northwind lacks a service (the next check's premise)" test -n "$unsubscribed"
xget -u $agent "/requests/new?customer=1&service=$unsubscribed"
expect_status 404 "a service the customer does not have"

before=$(sql "SELECT count(*) FROM deflection")
post $agent /deflections customer=1 service=1
expect_status 201 "Solved without a request"
expect_valid "the deflection"
check "… goes back to the customer" test "$(header Location)" = "/customers/1?deflected=1"
check "… is recorded" test "$(sql "SELECT count(*) FROM deflection")" = $((before + 1))
check "… and nothing is filed" test "$(sql "SELECT count(*) FROM deflection WHERE customer_id = 1 AND service_id = 1 AND user_id = 2")" -ge 1
fetch -u $agent POST /deflections --data-urlencode "csrf=$(csrf $agent)" \
    --data-urlencode customer=1 --data-urlencode service=1
expect_status 303 "a browser's deflection is a redirect"
post $fabrikam /deflections customer=1 service=1
expect_status 404 "Fabrikam cannot deflect for Contoso's customer"
fetch -u $agent -x POST /deflections --data-urlencode customer=1 --data-urlencode service=1
expect_status 403 "a deflection without csrf"

# --- step 3: the form

xget -u $agent "/requests/new?customer=1&service=1&step=form"
expect_status 200 "the form"
expect_valid "the form"
expect_xp "/page/new-request/draft/contact_name" "Li Na" "the partner's contact name is prefilled"
expect_xp "/page/new-request/draft/contact_email" "$agent" "… its email"
expect_xp "/page/new-request/draft/contact_phone" "+86 10 5555 0102" "… its phone"
expect_xp "count(/page/new-request/topics/topic[@kind='billing'])" 1 "a billing dispute topic"
expect_xp "count(/page/new-request/topics/topic[@kind='fraud'])" 1 "a fraud topic"
expect_xp "count(/page/new-request/severities/severity[@refused])" 0 \
    "a premium customer may have every severity"
fetch -u $agent GET "/requests/new?customer=1&service=1&step=form"
expect_body 'name="csrf"' "the HTML form carries the csrf token"
expect_body 'value="Li Na"' "the HTML form shows the contact"
xget -u $agent "/requests/new?customer=2&service=1&step=form"
expect_xp "/page/new-request/severities/severity[@level='A']/@refused" premium_only \
    "without premium the model says A is refused, and why"
expect_xp "count(/page/new-request/severities/severity[@refused])" 1 "… B and C are not"
fetch -u $agent GET "/requests/new?customer=2&service=1&step=form"
check "… and the form offers no A" grep -qE 'value="A"[^>]* disabled' "$body"

good=(customer=1 service=1 topic=11 "title=Mail is delayed" "description=Since 9:00 mail waits in the queue."
    severity=B "contact_name=Li Na" contact_email=agent@contoso.example
    "contact_phone=+86 10 5555 0102" contact_method=email contact_lang=zh)

# refused FIELD=VALUE FIELD RULE WHAT: a POST with one field changed
# answers 422 naming FIELD and RULE, keeps what was typed, stores nothing.
refused() {
	local change=$1 field=$2 rule=$3 what=$4 n e kv args=()
	for kv in "${good[@]}"; do
		[ "${kv%%=*}" = "${change%%=*}" ] || args+=("$kv")
	done
	[ "${change#*=}" = "<absent>" ] || args+=("$change")
	n=$(requests) e=$(events)
	post $agent /requests "${args[@]}"
	expect_status 422 "$what"
	expect_xp "/page/errors/error[@field='$field']/@rule" "$rule" "$what: $field breaks $rule"
	expect_xp "/page/new-request/draft/description" "Since 9:00 mail waits in the queue." \
	    "$what: the description is kept"
	check "$what: nothing is stored" test "$(requests)/$(events)" = "$n/$e"
}
refused "title=" title required "an empty title"
refused "title=<absent>" title required "no title at all"
refused "title=$(printf 'x%.0s' $(seq 1 201))" title too_long "a title of 201 characters"
refused "contact_email=li.na" contact_email email "a bad email"
refused "contact_phone=call me" contact_phone format "a bad phone"
refused "severity=D" severity choice "severity D"
refused "topic=21" topic not_found "another service's topic"
args=("${good[@]/customer=1/customer=2}"); args=("${args[@]/severity=B/severity=A}")
n=$(requests)
post $agent /requests "${args[@]}"
expect_status 422 "severity A for a customer without premium"
expect_xp "/page/errors/error[@field='severity']/@rule" premium_only "A needs a premium agreement"
check "… nothing stored" test "$(requests)" = "$n"
refused "contact_method=fax" contact_method choice "contact by fax"
refused "started=yesterday" started datetime "a start time that is not a time"
refused "started=2099-01-01T10:00" started future "a start time in the future"
post $agent /requests "${good[@]/topic=11/topic=13}" severity=A field_13=INV-1
expect_status 400 "severity sent twice is a bad request"
args=("${good[@]/topic=11/topic=13}"); args=("${args[@]/severity=B/severity=A}")
n=$(requests)
post $agent /requests "${args[@]}" field_13=INV-2026-0042
expect_status 422 "a billing dispute at severity A"
expect_xp "/page/errors/error[@field='severity']/@rule" billing_max_b "billing is at most B"
args=("${good[@]/topic=11/topic=13}")
post $agent /requests "${args[@]}"
expect_status 422 "a billing dispute without its invoice number"
expect_xp "/page/errors/error[@field='field_13']/@rule" required "the invoice number is required"
args=("${good[@]/topic=11/topic=14}")
post $agent /requests "${args[@]}" field_14=not-a-guid
expect_status 422 "a fraud report with a malformed subscription id"
expect_xp "/page/errors/error[@field='field_14']/@rule" pattern "the subscription id must be a GUID (its pattern)"
check "none of these stored a request" test "$(requests)" = "$n"

fetch -u $agent POST /requests --data-urlencode "csrf=$(csrf $agent)" \
    --data-urlencode customer=1 --data-urlencode service=1 --data-urlencode title= \
    --data-urlencode "description=<b>kept</b>"
expect_status 422 "the HTML form comes back"
expect_body '&lt;b&gt;kept&lt;/b&gt;' "… with the typed text kept, escaped"
expect_body 'class="field-error"' "… and the errors beside the fields"

# --- filed

n=$(requests)
post $agent /requests "${good[@]}" "started=2026-11-24T08:30"
expect_status 201 "the request is filed"
expect_valid "the filed request"
id=$(xp /page/request/@id)
check "Location is the request with the confirmation" \
    test "$(header Location)" = "/requests/$id?submitted=1"
check "one request more" test "$(requests)" = $((n + 1))
expect_xp "/page/request/@status" none "it starts with status none"
check "it is Contoso's, by Li Na, for Northwind" \
    test "$(sql "SELECT partner_id, customer_id, created_by, contact_lang FROM request WHERE id = $id")" = "1|1|2|zh"
check "the started time is the reader's local time (UTC+8)" \
    test "$(sql "SELECT datetime(problem_started_at, 'unixepoch') FROM request WHERE id = $id")" = "2026-11-24 00:30:00"
check "its timeline starts with 'created'" \
    test "$(sql "SELECT kind FROM event WHERE request_id = $id")" = created
check "the filing is audited" \
    test "$(sql "SELECT count(*) FROM audit WHERE action = 'request.create'")" -ge 1
args=("${good[@]/topic=11/topic=14}")
post $agent /requests "${args[@]}" field_14=0b1f7a52-3c4d-4e5f-8a9b-0c1d2e3f4a5b field_13=ignored
expect_status 201 "a fraud report with its subscription id"
check "… keeps the subscription id, not the other topic's field" \
    test "$(sql "SELECT field_id, value FROM request_answer WHERE request_id = $(xp /page/request/@id)")" = "14|0b1f7a52-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
fetch -u $agent POST /requests --data-urlencode "csrf=$(csrf $agent)" \
    --data-urlencode customer=1 --data-urlencode service=1 --data-urlencode topic=11 \
    --data-urlencode "title=From the browser" --data-urlencode "description=d" \
    --data-urlencode severity=C --data-urlencode "contact_name=Li Na" \
    --data-urlencode contact_email=agent@contoso.example
expect_status 303 "a browser is sent to the request"
check "… with the confirmation" grep -q '^/requests/[0-9]*?submitted=1$' <<<"$(header Location)"

# --- partner requests

xget -u $admin "/requests/new?scope=partner"
expect_status 200 "a partner request form for the global admin"
expect_valid "the partner request form"
expect_xp "/page/new-request/service/name" "Partner Center" "about Partner Center"
expect_xp "count(/page/new-request/customer)" 0 "no customer"
expect_xp "/page/new-request/severities/severity[@level='A']/@refused" partner_max_b \
    "a partner request is at most B"
xget -u $helpdesk "/requests/new?scope=partner"
expect_status 403 "no partner requests for a helpdesk agent"
psvc=$(sql "SELECT id FROM service WHERE for_partner = 1 LIMIT 1")
ptopic=$(sql "SELECT id FROM topic WHERE service_id = $psvc LIMIT 1")
post $admin /requests scope=partner service=$psvc topic=$ptopic "title=Cannot add a reseller user" \
    "description=d" severity=A "contact_name=Chen Wei" contact_email=admin@contoso.example
expect_status 422 "a partner request at severity A"
expect_xp "/page/errors/error[@field='severity']/@rule" partner_max_b "partner requests are at most B"
post $admin /requests scope=partner service=$psvc topic=$ptopic "title=Cannot add a reseller user" \
    "description=d" severity=B "contact_name=Chen Wei" contact_email=admin@contoso.example
expect_status 201 "a partner request is filed"
check "… without a customer" test "$(sql "SELECT customer_id IS NULL FROM request WHERE id = $(xp /page/request/@id)")" = 1

# --- who may

xget -u $sales "/requests/new?customer=1"
expect_status 403 "a sales agent cannot file requests"
post $sales /requests "${good[@]}"
expect_status 403 "… nor post one"
xget -u $operator "/requests/new?customer=1"
expect_status 403 "operator staff do not file requests"
xget -u $fabrikam "/requests/new?customer=1"
expect_status 404 "Fabrikam does not see Contoso's customer"
n=$(requests)
post $fabrikam /requests "${good[@]}"
expect_status 404 "Fabrikam cannot file for Contoso's customer"
check "… and nothing is stored" test "$(requests)" = "$n"
xget -u $fabrikam "/requests/new?customer=101"
expect_status 200 "Fabrikam files for Tailspin Toys"
xget "/requests/new?customer=1"
expect_status 401 "without a session, XML gets 401"
