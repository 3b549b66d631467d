# Customers: the prefix search, paging, tenant isolation and the customer
# page (admin-center links, requests, by role).
. "$PD_TOP/tests/http/lib.sh"
plan 87

contoso_admin=admin@contoso.example
contoso_agent=agent@contoso.example
contoso_helpdesk=helpdesk@contoso.example
contoso_sales=sales@contoso.example
fabrikam=agent@fabrikam.example
operator=support@operator.example
for u in $contoso_admin $contoso_agent $contoso_helpdesk $contoso_sales \
    $fabrikam $operator; do
	login "$u"
done

# A customer of Fabrikam whose name holds the LIKE wildcards, removed at
# the end (other files' counts stay as they were).
wild_id=9101
sql "DELETE FROM customer WHERE id = $wild_id"
sql "INSERT INTO customer (id, partner_id, name, domain, tenant_id)
    VALUES ($wild_id, 2, 'Pct_100% Cloud', 'pct-test.partner.onmschina.cn',
    'test-$wild_id-tenant')"

# --- the search

xget -u $contoso_helpdesk /customers
expect_status 200 "the customer list"
expect_valid "the customer list"

xget -u $contoso_helpdesk "/customers?q=north"
expect_valid "a search"
expect_xp "/page/customers/@q" "north" "the search echoes q"
expect_xp "count(/page/customers/customer)" 2 "north finds two customers"
expect_xp "/page/customers/customer[@id=1]/name" "Northwind Traders" \
    "north finds Northwind Traders"
expect_xp "/page/customers/customer[@id=2]/name" "Northern Lights Energy" \
    "north finds Northern Lights Energy"
expect_xp "/page/customers/customer[1]/name" "Northern Lights Energy" \
    "results are ordered by name"
expect_xp "/page/customers/customer[@id=1]/@premium" "yes" "premium flag"

xget -u $contoso_helpdesk "/customers?q=NoRtHwInD"
expect_xp "/page/customers/customer/@id" 1 "the search ignores case"

xget -u $contoso_helpdesk "/customers?q=lujiazui"
expect_xp "/page/customers/customer/name" "Shanghai Lujiazui Logistics" \
    "the search matches the start of the domain"
expect_xp "/page/customers/@total" 1 "a domain match is counted once"

xget -u $contoso_helpdesk "/customers?q=traders"
expect_xp "count(/page/customers/customer)" 0 \
    "a word from the middle of a name does not match"
xget -u $contoso_helpdesk "/customers?q=wind"
expect_xp "count(/page/customers/customer)" 0 \
    "a substring from the middle does not match"

xget -u $contoso_helpdesk "/customers?q=n%25"
expect_xp "count(/page/customers/customer)" 0 "% in q is not a wildcard"
xget -u $contoso_helpdesk "/customers?q=n_rth"
expect_xp "count(/page/customers/customer)" 0 "_ in q is not a wildcard"
xget -u $fabrikam "/customers?q=pct_100%25"
expect_xp "/page/customers/customer/@id" $wild_id "% and _ match themselves"
xget -u $fabrikam "/customers?q=pct_1000"
expect_xp "count(/page/customers/customer)" 0 \
    "_ matches only an underscore"

xget -u $contoso_helpdesk "/customers?q=%FF"
expect_status 400 "q that is not UTF-8"

# --- paging (Contoso has more than one page of customers)

n=$(sql "SELECT count(*) FROM customer WHERE partner_id = 1")
xget -u $contoso_agent /customers
expect_xp "/page/customers/@total" "$n" "the total counts every customer"
expect_xp "count(/page/customers/customer)" 25 "25 customers on a page"
expect_xp "/page/customers/pager/@pages" $(( (n + 24) / 25 )) "page count"
expect_xp "/page/customers/pager/@base-url" "/customers?" "base-url without q"
first=$(sql "SELECT name FROM customer WHERE partner_id = 1
    ORDER BY name COLLATE NOCASE, id LIMIT 1")
expect_xp "/page/customers/customer[1]/name" "$first" \
    "page 1 starts with the first name"
xget -u $contoso_agent "/customers?page=2"
expect_valid "page 2"
expect_xp "/page/customers/pager/@page" 2 "page 2 is page 2"
expect_xp "count(/page/customers/customer)" $(( n - 25 )) \
    "page 2 holds the rest"
xget -u $contoso_agent "/customers?page=0"
expect_status 400 "page 0"
xget -u $contoso_agent "/customers?q=n&page=1"
expect_xp "/page/customers/pager/@base-url" "/customers?q=n&" \
    "base-url keeps q"

# --- isolation

xget -u $fabrikam "/customers?q=north"
expect_xp "count(/page/customers/customer)" 0 \
    "Fabrikam's search never finds Contoso's customers"
xget -u $fabrikam "/customers?page=1"
expect_xp "count(/page/customers/customer[@id < 100])" 0 \
    "Fabrikam's list has none of Contoso's customers"
expect_xp "count(/page/customers/customer/partner)" 0 \
    "a partner's list names no partner"
xget -u $fabrikam /customers/1
expect_status 404 "Fabrikam asks for a Contoso customer"
expect_valid "the 404"
xget -u $contoso_agent /customers/101
expect_status 404 "Contoso asks for a Fabrikam customer"
xget -u $contoso_agent /customers/99999
expect_status 404 "a customer that does not exist"
xget -u $contoso_agent /customers/101
expect_no_body "Tailspin" "a 404 tells nothing of the customer"

xget -u $operator "/customers?q=t"
expect_valid "the operator's search"
expect_xp "count(/page/customers/customer[partner/@id=1])>0 and count(/page/customers/customer[partner/@id=2])>0" \
    true "operator staff see both partners' customers"
expect_xp "/page/customers/customer[@id=101]/partner" "Fabrikam Partners" \
    "each customer names its partner for operator staff"
xget -u $operator /customers/101
expect_status 200 "operator staff open any customer"
expect_valid "the customer page for operator staff"
expect_xp "count(//admin-url)" 0 "operator staff get no admin links"

fetch GET /customers
expect_status 303 "a browser that is not signed in goes to sign in"
xget /customers
expect_status 401 "a script without credentials"

# --- the customer page

tenant=$(sql "SELECT tenant_id FROM customer WHERE id = 1")
xget -u $contoso_agent /customers/1
expect_status 200 "the customer page"
expect_valid "the customer page"
expect_xp "/page/customer/tenant-id" "$tenant" "the page has the tenant id"
expect_xp "count(/page/customer/services/service)" \
    "$(sql "SELECT count(*) FROM customer_service WHERE customer_id = 1")" \
    "every service of the customer"
expect_xp "/page/customer/services/service[@id=1]/@status" warning \
    "a service's health"
expect_xp "count(/page/customer/services/service[admin-url])" \
    "$(count /page/customer/services/service)" \
    "admin links for the admin agent"
url=$(xp "/page/customer/services/service[@id=1]/admin-url")
case "$url" in
https://*"tenantId=$tenant"*) ok "the admin link holds the tenant id" ;;
*) notok "the admin link holds the tenant id ($url)" ;;
esac
url=$(xp "/page/customer/services/service[@id=5]/admin-url")
case "$url" in
https://portal.azure.cn/northwind.partner.onmschina.cn\#*)
	ok "the admin link holds the domain" ;;
*) notok "the admin link holds the domain ($url)" ;;
esac
expect_xp "count(/page/customer/requests/request[@id=1])" 1 \
    "the customer's requests are listed"
expect_xp "count(/page/customer/requests/request[@id=3])" 0 \
    "another customer's requests are not"
expect_xp "/page/customer/requests/request[1]/@id" \
    "$(sql "SELECT id FROM request WHERE customer_id = 1
        ORDER BY created_at DESC, id DESC LIMIT 1")" "newest request first"
expect_no_body "INTERNAL" "no internal note reaches the customer page"

xget -u $contoso_admin /customers/1
expect_xp "count(//admin-url) > 0" true "admin links for the global admin"

xget -u $contoso_helpdesk /customers/1
expect_valid "the customer page for the helpdesk"
expect_xp "count(//admin-url)" 0 "no admin links for the helpdesk"
expect_xp "count(/page/customer/requests/request)>0" true \
    "the helpdesk sees the requests"

xget -u $contoso_sales /customers/1
expect_status 200 "the sales agent opens the customer"
expect_valid "the customer page for sales"
expect_xp "count(//admin-url)" 0 "no admin links for sales"
expect_xp "count(/page/customer/requests)" 0 "sales sees no requests"

fetch -u $contoso_sales GET /customers/1
expect_no_body "/requests/new" "sales gets no New request button"
expect_no_body "Inbound mail delayed" "sales sees no request titles"
fetch -u $contoso_agent GET /customers/1
expect_status 200 "the customer page as HTML"
expect_body "/requests/new?customer=1" "the New request button"
expect_body "/requests/1\"" "a link to the request"
expect_body "$tenant" "the admin link in the page"
expect_body "/health/1\"" "the View service health link"
fetch -u $contoso_helpdesk GET /customers/1
expect_no_body "portal.partner.microsoftonline.cn" \
    "no admin link in the helpdesk's page"

xget -u $contoso_agent "/customers/1?deflected=1"
expect_xp "/page/customer/@deflected" yes "the deflection notice"
expect_valid "the customer page after a deflection"
fetch -u $contoso_agent GET "/customers/1?deflected=1"
expect_body "class=\"notice" "the deflection notice is shown"
xget -u $contoso_agent "/customers/1?q=x"
expect_status 400 "the customer page takes no q"

fetch -u $contoso_helpdesk GET "/customers?q=north"
expect_status 200 "the search as HTML"
expect_body "/customers/1\"" "a link to the customer"
expect_body "name=\"q\"" "the search box"
fetch -u $contoso_helpdesk GET "/customers?q=%3Cscript%3E"
expect_no_body "<script>" "q is escaped in the page"

sql "DELETE FROM customer WHERE id = $wild_id"
