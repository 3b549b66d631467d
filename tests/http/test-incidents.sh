# Incidents: the operator admin posts one, staff update and resolve it,
# a service's health follows its active incidents; requests linked to it
# hear of its end and can be closed in one action; who may do what, and
# no link data across tenants.
. "$PD_TOP/tests/http/lib.sh"
plan 98

opadmin=admin@operator.example
support=support@operator.example
agent=agent@contoso.example
helpdesk=helpdesk@contoso.example
sales=sales@contoso.example
fabrikam=agent@fabrikam.example
for u in $opadmin $support $agent $helpdesk $sales $fabrikam; do login "$u"; done
stamp=$(date +%s%N)
incidents() { sql "SELECT count(*) FROM incident"; }
health_of() { xget -u $helpdesk /health; xp "/page/health/service[@id=$1]/@status"; }

# --- posting one (Azure VMs and Azure SQL Database)

check "Azure VMs are healthy to begin with" test "$(health_of 5)" = normal
post $opadmin /health/incidents service=5 service=7 "title=INC-$stamp VMs" \
    kind=incident status=warning "area=China North 3, Networking" \
    "text=FIRST-$stamp: connections drop"
expect_status 201 "the operator admin posts an incident"
expect_valid "the new incident"
inc=$(xp /page/health/incident/@id)
expect_xp "/page/health/incident/@resolved" no "it is active"
expect_xp "count(/page/health/incident/services/service)" 2 "… on both services"
expect_xp "/page/health/incident/area" "China North 3, Networking" "… with its impacted area"
expect_xp "/page/health/incident/updates/update[1]/text" "FIRST-$stamp: connections drop" \
    "the first message is its first update"
check "… in the audit log" test "$(sql "SELECT count(*) FROM audit WHERE action = 'incident.create' AND detail = 'incident $inc'")" = 1
check "Azure VMs' health follows the incident" test "$(health_of 5)" = warning
expect_xp "count(/page/health/service[@id=5]/incident[@id=$inc])" 1 "… which is listed under it"
expect_xp "/page/health/history/incident[1]/@id" "$inc" "the history lists active ones first"

n=$(incidents)
post $opadmin /health/incidents service=5 "title=" kind=storm status=warning "text=x"
expect_status 422 "an incident without a title, of no known kind"
expect_valid "the refused incident"
expect_xp "/page/errors/error[@field='title']/@rule" required "the title is required"
expect_xp "/page/errors/error[@field='kind']/@rule" choice "the kind is one of the three"
expect_xp "/page/draft/service" 5 "the form keeps the services chosen"
post $opadmin /health/incidents service=11 "title=t" kind=advisory status=information "text=x"
expect_xp "/page/errors/error[@field='service']/@rule" exists "Partner Center has no incidents"
post $opadmin /health/incidents service=5 "title=t" kind=advisory status=information "text=x" \
    starts=2030-01-02T10:00 ends=2030-01-01T10:00
expect_xp "/page/errors/error[@field='ends']/@rule" after_start "the expected end is after the start"
# West of UTC, 9999-12-31T23:59 is in the year 10000 UTC, which no ISO
# time writes: refused by name for the start, the end and an update's end.
sql "UPDATE user SET tz = 'America/New_York' WHERE email IN ('$opadmin', '$support')"
post $opadmin /health/incidents service=5 "title=t" kind=advisory status=information "text=x" \
    starts=9999-12-31T23:59 ends=9999-12-31T23:59
expect_xp "/page/errors/error[@field='starts']/@rule" year "a start past the year 9999 in UTC: year"
expect_xp "/page/errors/error[@field='ends']/@rule" year "… and an end: year"
sql "UPDATE user SET tz = 'Asia/Shanghai' WHERE email IN ('$opadmin', '$support')"
post $opadmin /health/incidents "title=t" kind=advisory status=information "text=x"
expect_xp "/page/errors/error[@field='service']/@rule" required "an incident is on some service"
check "none of these stored anything" test "$(incidents)" = "$n"
post $support /health/incidents service=5 "title=t" kind=advisory status=information "text=x"
expect_status 403 "a support agent does not post incidents"
post $agent /health/incidents service=5 "title=t" kind=advisory status=information "text=x"
expect_status 403 "nor does a partner"
xget -u $sales "/health/incidents/$inc"
expect_status 403 "a sales agent cannot see an incident"

# --- the hand-off: the service's active incidents first

xget -u $agent "/requests/new?customer=1&service=5"
expect_xp "/page/new-request/incidents/incident[@id=$inc]/title" "INC-$stamp VMs" "the hand-off lists the incident"
fetch -u $agent GET "/requests/new?customer=1&service=5"
expect_body "step=form&amp;incident=$inc\"" "… with \"This is our problem\", which files a request linked to it"
xget -u $agent "/requests/new?customer=1&service=5&step=form&incident=$inc"
expect_xp "/page/new-request/draft/title" "INC-$stamp VMs" "the form starts with the incident's title"
expect_xp "/page/new-request/draft/description" "FIRST-$stamp: connections drop" "… and its text"
post $agent /deflections customer=1 service=5 incident="$inc"
expect_status 201 "the partner just follows the incident: a deflection"
check "… that names the incident" test "$(sql "SELECT count(*) FROM deflection WHERE incident_id = $inc")" = 1

# --- requests linked to it

cust_fab=$(sql "SELECT cs.customer_id FROM customer_service cs JOIN customer c ON c.id = cs.customer_id WHERE c.partner_id = 2 AND cs.service_id = 5 LIMIT 1")
file() {	# USER CUSTOMER TITLE [more fields]: files a request on Azure VMs
	local user=$1 customer=$2 title=$3; shift 3
	post "$user" /requests customer="$customer" service=5 topic=51 "title=$title" \
	    "description=d" severity=B "contact_name=Li Na" contact_email="$user" "$@"
}
file $agent 1 "LINK-$stamp a" incident="$inc"
expect_status 201 "a partner files a request linked to the incident"
expect_valid "the linked request"
a=$(xp /page/request/@id)
expect_xp "/page/request/incident/@id" "$inc" "the request XML holds its incident"
file $agent 1 "LINK-$stamp b"
b=$(xp /page/request/@id)
post $support "/requests/$b/incident" incident="$inc"
expect_status 201 "an operator links another request"
expect_valid "the link's answer"
check "… with a timeline entry" test "$(sql "SELECT count(*) FROM event WHERE request_id = $b AND kind = 'incident' AND new_value = '$inc'")" = 1
file $agent 1 "LINK-$stamp c" incident="$inc"
c=$(xp /page/request/@id)
post $support "/requests/$c/incident" incident=
expect_status 201 "… and unlinks one"
check "… which is no longer linked" test "$(sql "SELECT incident_id IS NULL FROM request WHERE id = $c")" = 1
file $fabrikam "$cust_fab" "LINK-$stamp fabrikam" incident="$inc"
f=$(xp /page/request/@id)
file $agent 1 "LINK-$stamp d" incident=99999999
expect_status 422 "a request cannot be linked to an incident that does not exist"
expect_xp "/page/errors/error[@field='incident']/@rule" exists "… the form says so"
post $agent "/requests/$b/incident" incident=
expect_status 403 "a partner does not unlink"
post $support "/requests/$b/incident" incident=1
expect_xp "/page/errors/error[@field='incident']/@rule" service "an incident on another service cannot be linked"

xget -u $support "/desk?incident=$inc"
expect_status 200 "the desk filters by incident"
expect_xp "count(/page/desk/request)" 3 "… to its linked requests"
expect_xp "/page/desk/incidents/incident[@id=$inc]/@requests" 3 "the desk counts each active incident's requests"

xget -u $agent "/health/incidents/$inc"
expect_status 200 "a partner reads the incident"
expect_valid "the incident page"
expect_xp "/page/health/incident/linked/@total" 2 "… counting only its own linked requests"
expect_xp "count(/page/health/incident/linked/request[@id=$f])" 0 "… never another tenant's"
expect_xp "count(/page/health/incident/may)" 0 "… and may not update it"
xget -u $fabrikam "/health/incidents/$inc"
expect_xp "/page/health/incident/linked/@total" 1 "Fabrikam sees its one request"
expect_no_body "LINK-$stamp a" "… and nothing of Contoso's"
xget -u $support "/health/incidents/$inc"
expect_xp "/page/health/incident/linked/@total" 3 "operator staff see every linked request"
expect_xp "count(/page/health/incident/may[@action='update'])" 1 "… and may post updates"

# --- updates

post $support "/health/incidents/$inc/updates" "text=UPD-$stamp: mitigating" status=critical
expect_status 201 "a support agent posts an update"
expect_valid "the updated incident"
expect_xp "/page/health/incident/@status" critical "the update raises the status"
expect_xp "count(/page/health/incident/updates/update)" 2 "the updates are kept in order"
check "… and append-only" sql_refused "append-only" "UPDATE incident_update SET body = 'x' WHERE incident_id = $inc"
check "Azure VMs' health is now critical" test "$(health_of 5)" = critical
check "the update is queued for the contacts of the open linked requests" test \
    "$(sql "SELECT count(*) FROM outbox WHERE kind = 'incident_update' AND incident_id = $inc")" = 2
post $support "/health/incidents/$inc/updates" "text=" ends=2001-01-01T00:00
expect_status 422 "an update without text"
expect_xp "/page/errors/error[@field='ends']/@rule" future "… or with an expected end in the past"
sql "UPDATE user SET tz = 'America/New_York' WHERE email = '$support'"
post $support "/health/incidents/$inc/updates" "text=later" ends=9999-12-31T23:59
expect_xp "/page/errors/error[@field='ends']/@rule" year "an update's end past the year 9999 in UTC: year"
check "… nothing stored" test "$(sql "SELECT count(*) FROM incident_update WHERE incident_id = $inc")" = 2
sql "UPDATE user SET tz = 'Asia/Shanghai' WHERE email = '$support'"
post $agent "/health/incidents/$inc/updates" "text=me too"
expect_status 403 "a partner cannot post updates"

# --- resolving it

post $support "/requests/$b/close" "text=done" resolution=solved
post $support "/health/incidents/$inc/updates" "text=FINAL-$stamp: fixed" resolved=yes
expect_status 201 "the incident is resolved with a final message"
expect_xp "/page/health/incident/@resolved" yes "it is resolved"
expect_xp "/page/health/incident/updates/update[last()]/@resolves" yes "… by its last update"
check "Azure VMs are healthy again" test "$(health_of 5)" = normal
check "each open linked request has the end in its timeline" test \
    "$(sql "SELECT count(*) FROM event WHERE kind = 'incident_resolved' AND new_value = '$inc' AND body = 'FINAL-$stamp: fixed'")" = 2
check "… not the closed one" test "$(sql "SELECT count(*) FROM event WHERE kind = 'incident_resolved' AND request_id = $b")" = 0
check "… and one mail per linked request's contact is queued" test \
    "$(sql "SELECT count(*) FROM outbox o JOIN event e ON e.id = o.event_id WHERE o.kind = 'request_event' AND e.kind = 'incident_resolved' AND e.new_value = '$inc'")" = 2
fetch -u $agent GET "/requests/$a"
expect_body "FINAL-$stamp: fixed" "the partner's request shows the end of the incident"
post $support "/health/incidents/$inc/updates" "text=again"
expect_status 409 "a resolved incident takes no more updates"
post $agent /deflections customer=1 service=5 incident="$inc"
expect_status 409 "a resolved incident cannot be followed"
check "… and stays resolved in the database" sql_refused "cannot change" "UPDATE incident SET resolved_at = NULL WHERE id = $inc"

# --- closing the linked requests in one action

post $support "/health/incidents/$inc/close" "text=Closed with the incident."
expect_status 422 "closing linked requests needs a resolution code"
post $support "/health/incidents/$inc/close" resolution=solved "text=Closed with the incident."
expect_status 201 "the operator closes the linked requests in one action"
check "every linked request is closed, with the code" test \
    "$(sql "SELECT count(*) FROM request WHERE incident_id = $inc AND status = 'closed' AND resolution = 'solved'")" = 3
post $support "/health/incidents/$inc/close" resolution=solved
expect_status 409 "… and there is nothing left to close"

# --- the pages

fetch -u $helpdesk GET "/health?resolved=yes"
expect_status 200 "the history of resolved incidents as HTML"
expect_body "INC-$stamp VMs" "… lists the resolved incident"
html $support en "/health/incidents/$inc"
html $opadmin zh /health/incidents/new
