# The list filters by name (lib/lookup.c): the request list's customer
# and the desk's partner, chosen by id or by a typed name with the
# customers page's rule; one match filters, several offer the first
# ten, none is an error beside the field; scoped to the reader.
. "$PD_TOP/tests/http/lib.sh"
plan 67

agent=agent@contoso.example
fabrikam=agent@fabrikam.example
operator=support@operator.example
for u in $agent $fabrikam $operator; do
	login "$u"
done

# Eleven more Contoso customers that start alike: more than are offered.
cleanup() { sql "DELETE FROM customer WHERE tenant_id LIKE 'lookup-probe-%'"; }
cleanup
on_exit cleanup
for i in $(seq 1 11); do
	sql "INSERT INTO customer (partner_id, name, domain, tenant_id)
	    VALUES (1, 'Lookup probe $i', 'lookupprobe$i.example', 'lookup-probe-$i')"
done
requests_of() { sql "SELECT count(*) FROM request WHERE customer_id IS NOT NULL AND ($1)"; }

# --- the request list's customer

xget -u $agent "/requests?customer_name=northwind"
expect_status 200 "one customer's name"
expect_valid "the list filtered by a name"
expect_xp "/page/requests/filter/@customer" 1 "… chooses that customer"
expect_xp "/page/requests/filter/@customer_name" "Northwind Traders" "… and the field shows its name"
expect_xp "/page/requests/@total" "$(requests_of "customer_id = 1")" "… the list is its requests"
expect_xp "/page/pager/@base-url" "/requests?customer=1&" "… the pager keeps it by id"
expect_xp "count(/page/requests/filter/matches)" 0 "… with no choices to offer"

xget -u $agent "/requests?customer_name=NORTHERN%20l"
expect_xp "/page/requests/filter/@customer" 2 "the start of a name, any case"
xget -u $agent "/requests?customer_name=northernlights.partner"
expect_xp "/page/requests/filter/@customer" 2 "the start of a domain"

xget -u $agent "/requests?customer_name=north"
expect_status 200 "a name several customers start with"
expect_valid "the list with choices"
expect_xp "count(/page/requests/filter/@customer)" 0 "… chooses none"
expect_xp "/page/requests/filter/@customer_name" north "… keeps the text"
expect_xp "/page/requests/@total" "$(requests_of "partner_id = 1")" "… and the list is not filtered"
expect_xp "/page/requests/filter/matches/@total" 2 "… says how many match"
expect_xp "/page/requests/filter/matches/customer[1]/name" "Northern Lights Energy" "… offers them by name"
expect_xp "count(/page/requests/filter/matches/@all-url)" 0 "… all of them: no link to more"

xget -u $agent "/requests?customer_name=lookup%20probe&status=open"
expect_xp "/page/requests/filter/matches/@total" 11 "eleven match"
expect_xp "count(/page/requests/filter/matches/customer)" 10 "… ten are offered"
expect_xp "/page/requests/filter/matches/@all-url" "/customers?q=lookup%20probe" \
    "… and the rest are on the customers page's search"
fetch -u $agent GET "/requests?customer_name=lookup%20probe&status=open"
expect_body 'href="/requests?status=open&amp;customer=' "each offer is a link that keeps the other filters"
expect_body 'href="/customers?q=lookup%20probe"' "… and the link to all of them is on the page"
id=$(sql "SELECT id FROM customer WHERE tenant_id = 'lookup-probe-1'")
expect_body "href=\"/requests?status=open&amp;customer=$id\"" "… one of them that customer's id"

xget -u $agent "/requests?customer_name=nobody%20by%20this%20name"
expect_status 422 "a name no customer has"
expect_valid "the list with the field's error"
expect_xp "/page/errors/error[@field='customer_name']/@rule" no_match "… the field breaks no_match"
expect_xp "/page/requests/filter/@customer_name" "nobody by this name" "… the text is kept"
expect_xp "/page/errors/@of" filter "… the errors are a filter's"
fetch -u $agent GET "/requests?customer_name=nobody%20by%20this%20name"
expect_body 'id="error-customer_name"' "… the error beside the field in HTML"
expect_body 'The filter below finds nothing; the list is not filtered by it.' \
    "… said as a filter's, not a form's"
expect_no_body 'nothing has been saved' "… which has nothing to save"
lang=$(sql "SELECT quote(lang) FROM user WHERE email = '$agent'")
sql "UPDATE user SET lang = 'zh' WHERE email = '$agent'"
fetch -u $agent GET "/requests?customer_name=nobody%20by%20this%20name"
expect_body '下面的筛选条件没有找到任何匹配项' "… in the reader's language"
sql "UPDATE user SET lang = $lang WHERE email = '$agent'"
expect_body 'value="nobody by this name"' "… and the field keeps the text"

# Scoped to the reader: another partner's customer does not match.
xget -u $agent "/requests?customer_name=tailspin"
expect_status 422 "Contoso does not find Fabrikam's customer by name"
xget -u $fabrikam "/requests?customer_name=northwind"
expect_status 422 "nor Fabrikam Contoso's"
xget -u $fabrikam "/requests?customer=1"
expect_xp "count(/page/requests/filter/@customer_name)" 0 "a Contoso id shows no name to Fabrikam"
expect_xp "/page/requests/@total" 0 "… and finds nothing"

# By id (links, the API, cursors); the field sent back with the same
# name keeps the id, typed over it the text decides, emptied it clears.
xget -u $agent "/requests?customer=1"
expect_xp "/page/requests/filter/@customer_name" "Northwind Traders" "by id, the field shows the name"
xget -u $agent "/requests?customer=1&customer_name=Northwind%20Traders"
expect_xp "/page/requests/filter/@customer" 1 "the form sent back unchanged keeps the customer"
xget -u $agent "/requests?customer=1&customer_name=northern"
expect_xp "/page/requests/filter/@customer" 2 "a name typed over it chooses anew"
xget -u $agent "/requests?customer=1&customer_name="
expect_xp "count(/page/requests/filter/@customer)" 0 "the field emptied clears the filter"
fetch -u $agent GET "/requests?customer=1"
expect_body 'name="customer_name" value="Northwind Traders"' "the HTML field shows the name"
expect_body 'type="hidden" name="customer" value="1"' "… with the id beside it"

# Operator staff: every partner's customers, each with its partner.
xget -u $operator "/requests?customer_name=tailspin"
expect_xp "/page/requests/filter/@customer" 101 "operator staff find any partner's customer"
expect_xp "/page/requests/@total" "$(requests_of "customer_id = 101")" "… and see its requests"
xget -u $operator "/requests?customer_name=t"
expect_valid "operator staff's choices"
expect_xp "/page/requests/filter/matches/customer[@id=101]/partner" "Fabrikam Partners" \
    "… each choice with its partner"
expect_xp "/page/requests/filter/matches/@total" \
    "$(sql "SELECT count(*) FROM customer WHERE name LIKE 't%' OR domain LIKE 't%'")" \
    "… counted over every partner"

# An export is of one list: a name must choose one.
fetch -u $agent GET "/requests?format=csv&customer_name=northwind"
check "the CSV of the customer a name chose" \
    test "$(wc -l < "$body")" = $(( $(requests_of "customer_id = 1") + 1 ))
fetch -u $agent GET "/requests?format=csv&customer_name=north"
expect_status 422 "a CSV for a name several match"

# --- the desk's partner

xget -u $operator "/desk?partner_name=fabrikam"
expect_status 200 "the desk by a partner's name"
expect_valid "the desk filtered by a name"
expect_xp "/page/desk/filter/@partner" 2 "… chooses that partner"
expect_xp "/page/desk/filter/@partner_name" "Fabrikam Partners" "… the field shows its name"
expect_xp "count(/page/desk/request[partner/@id != 2])" 0 "… and the queue is its requests"
expect_xp "/page/desk/pages/@base-url" "/desk?partner=2&" "… the pager keeps it by id"
expect_xp "/page/desk/counts/@open" \
    "$(sql "SELECT count(*) FROM request WHERE status <> 'closed' AND partner_id = 2")" \
    "… and the counts are its requests'"
xget -u $operator "/desk?partner_name=fabrikam.example"
expect_xp "/page/desk/filter/@partner" 2 "the start of a partner's domain"

sql "INSERT INTO partner (name, domain) VALUES ('Fabrikam Two', 'fabrikam2.example')"
on_exit "sql \"DELETE FROM partner WHERE domain = 'fabrikam2.example'\""
xget -u $operator "/desk?partner_name=fab"
expect_valid "the desk with partner choices"
expect_xp "/page/desk/filter/matches/@total" 2 "two partners match"
xget -u $operator "/desk?partner_name=nobody"
expect_status 422 "a name no partner has"
expect_xp "/page/errors/error[@field='partner_name']/@rule" no_match "… the field breaks no_match"
fetch -u $operator GET "/desk?partner_name=nobody"
expect_body 'The filter below finds nothing' "… said as a filter's on the desk too"
xget -u $operator "/desk?partner=1"
expect_xp "/page/desk/filter/@partner_name" "Contoso Reseller" "by id, the field shows the partner's name"
