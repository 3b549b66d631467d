# Service health: every service, a customer's services, one service's
# history; who may see it.
. "$PD_TOP/tests/http/lib.sh"
plan 57

contoso_agent=agent@contoso.example
contoso_helpdesk=helpdesk@contoso.example
contoso_sales=sales@contoso.example
fabrikam=agent@fabrikam.example
operator=support@operator.example
for u in $contoso_agent $contoso_helpdesk $contoso_sales $fabrikam $operator; do
	login "$u"
done

# Incidents of this file's own, on Azure SQL Database (7): one active,
# one resolved 10 days ago, one resolved 40 days ago.
now=$(date +%s)
sql "INSERT INTO incident (id, status, title, started_at, resolved_at,
    updated_at) VALUES
    (9201, 'critical', 'Test: SQL outage', $now - 600, NULL, $now),
    (9202, 'warning', 'Test: resolved lately', $now - 900000, $now - 864000,
	$now),
    (9203, 'warning', 'Test: resolved long ago', $now - 3500000,
	$now - 3456000, $now);
    INSERT INTO incident_service VALUES (9201, 7), (9202, 7), (9203, 7)"

# --- every service

xget -u $contoso_helpdesk /health
expect_status 200 "the health page"
expect_valid "the health page"
expect_xp "count(/page/health/service)" \
    "$(sql "SELECT count(*) FROM service WHERE for_partner = 0")" \
    "every customer service"
expect_xp "count(/page/health/service[@id=11])" 0 "not Partner Center"
expect_xp "/page/health/service[@id=1]/@status" warning "a service's health"
expect_xp "/page/health/service[@id=1]/incident[@id=1]/title" \
    "Mail delivery delays in China East" "an active incident"
expect_xp "count(/page/health/service[@id=1]/incident[@id=1]/started)" 1 \
    "the incident's start"
expect_xp "count(/page/health/service[@id=6]/incident[@id=2])" 0 \
    "no resolved incident in the overview"
expect_xp "count(/page/health/service[@id=7]/incident[@id=9201])" 1 \
    "a new incident is listed"
expect_xp "count(/page/health/service/incident/resolved)" 0 "the services list their active incidents only"
expect_xp "/page/health/history/incident[1]/@resolved" no "the history lists the active ones first"
expect_xp "count(/page/health/history/incident[@id=9203])" 1 "… and the resolved ones, however old"
xget -u $contoso_helpdesk "/health?resolved=yes"
expect_xp "count(/page/health/history/incident[@resolved='no'])" 0 "the resolved filter leaves out the active ones"
expect_xp "count(/page/health/history/incident[@id=9202])" 1 "… and keeps the resolved ones"
expect_xp "count(/page/health/history/incident[@id=9201])" 0 "… not the active one"
xget -u $contoso_helpdesk "/health?resolved=yes&page=999"
expect_xp "count(/page/health/history/incident)" 0 "a page past the end is empty"
xget -u $contoso_helpdesk "/health?resolved=maybe"
expect_status 400 "resolved is yes or no"

xget -u $contoso_agent /health
expect_status 200 "the admin agent sees health"
xget -u $operator /health
expect_status 200 "operator staff see health"
expect_valid "the health page for operator staff"

xget -u $contoso_sales /health
expect_status 403 "sales agents may not see health"
expect_valid "the 403"
xget -u $contoso_sales /health/1
expect_status 403 "nor one service's health"
xget /health
expect_status 401 "a script without credentials"

# --- one customer's services

xget -u $contoso_helpdesk "/health?customer=1"
expect_status 200 "health of a customer"
expect_valid "health of a customer"
expect_xp "/page/health/customer/name" "Northwind Traders" \
    "the customer is named"
expect_xp "count(/page/health/service)" \
    "$(sql "SELECT count(*) FROM customer_service WHERE customer_id = 1")" \
    "only the customer's services"
expect_xp "count(/page/health/service[@id=7])" 0 \
    "not a service the customer does not use"
expect_xp "/page/health/service[@id=1]/incident/@id" 1 \
    "the incident on the customer's service"

xget -u $contoso_helpdesk "/health?customer=101"
expect_status 404 "Contoso asks for a Fabrikam customer's health"
xget -u $fabrikam "/health?customer=1"
expect_status 404 "Fabrikam asks for a Contoso customer's health"
expect_no_body "Northwind" "the 404 names nobody"
xget -u $fabrikam "/health?customer=101"
expect_status 200 "Fabrikam's own customer"
xget -u $operator "/health?customer=101"
expect_status 200 "operator staff ask for any customer"
xget -u $contoso_helpdesk "/health?customer=x"
expect_status 400 "customer that is not a number"

# --- one service

xget -u $contoso_helpdesk /health/7
expect_status 200 "one service"
expect_valid "one service"
expect_xp "/page/health/service/name" "Azure SQL Database" "the service"
expect_xp "count(/page/health/service/incident[@id=9201][not(resolved)])" 1 \
    "its active incident"
expect_xp "count(/page/health/service/incident[@id=9202]/resolved)" 1 \
    "an incident resolved in the last 30 days"
expect_xp "count(/page/health/service/incident[@id=9203])" 0 \
    "not one resolved earlier"
expect_xp "/page/health/service/incident[1]/@id" 9201 "active ones first"
xget -u $contoso_helpdesk /health/6
expect_xp "count(/page/health/service/incident[@id=2]/resolved)" 1 \
    "the demo's resolved storage incident"
xget -u $contoso_helpdesk /health/11
expect_status 404 "Partner Center has no health page"
xget -u $contoso_helpdesk /health/99999
expect_status 404 "a service that does not exist"

# --- the pages

fetch -u $contoso_helpdesk GET "/health?customer=1"
expect_status 200 "the health page as HTML"
expect_body "Mail delivery delays in China East" "the incident is shown"
expect_body "/health/1\"" "a link to the service"
expect_body "Northwind Traders" "the customer is shown"
fetch -u $contoso_helpdesk GET /health/7
expect_status 200 "one service as HTML"
expect_body "Test: resolved lately" "the recent history is shown"

# They stay (incidents are history): resolve the active one.
sql "UPDATE incident SET resolved_at = $now WHERE id = 9201"
