# The health feed: Atom (docs/atom.rng) of the incidents on the services
# a partner has, for a session, an API token or a feed token in the URL
# (which is never written to the access log); the public feed the
# operator admin opens and closes; never another partner's data.
. "$PD_TOP/tests/http/lib.sh"
plan 57

opadmin=admin@operator.example
support=support@operator.example
gadmin=admin@contoso.example
agent=agent@contoso.example
sales=sales@contoso.example
fabrikam=agent@fabrikam.example
for u in $opadmin $support $gadmin $agent $sales $fabrikam; do login "$u"; done
stamp=$(date +%s%N)
atom_rng="$PD_TOP/docs/atom.rng"

# atom [-u USER] PATH [curl args]: GET PATH as a feed reader asks.
atom() { fetch "$@" -H 'Accept: application/atom+xml, application/xml;q=0.5'; }
# ax EXPR: an XPath expression over the last Atom body, read without
# its default namespace (xmllint --xpath takes no prefixes).
ax() {
	sed 's| xmlns="http://www.w3.org/2005/Atom"||' "$body" > "$tmp/atom.xml"
	xmllint --xpath "string($1)" "$tmp/atom.xml" 2>/dev/null
}
expect_atom() {
	if grep -qi '^content-type: application/atom+xml' "$headers" &&
	    xmllint --noout --relaxng "$atom_rng" "$body" 2>"$tmp/atom"; then
		ok "$* is Atom that docs/atom.rng accepts"
	else
		notok "$* is Atom that docs/atom.rng accepts ($(header Content-Type); $(grep -v validates "$tmp/atom" | head -n2 | tr '\n' ' '))"
	fi
}
entries() { ax "count(//entry[contains(title, '$1')])"; }

# Dynamics 365 Customer Service is Contoso's alone while this runs.
fab_rows=$(sql "SELECT cs.customer_id FROM customer_service cs JOIN customer c ON c.id = cs.customer_id WHERE c.partner_id = 2 AND cs.service_id = 10")
restore() { for c in $fab_rows; do sql "INSERT OR IGNORE INTO customer_service VALUES ($c, 10)"; done; }
on_exit restore
sql "DELETE FROM customer_service WHERE service_id = 10 AND customer_id IN (SELECT id FROM customer WHERE partner_id = 2)"

post $opadmin /health/incidents service=10 "title=FEEDC-$stamp queues stall" kind=incident \
    status=critical "area=China East 2, Queues" "text=FEEDC-$stamp first"
only_contoso=$(xp /page/health/incident/@id)
post $opadmin /health/incidents service=5 "title=FEEDB-$stamp VMs slow" kind=advisory \
    status=warning "text=FEEDB-$stamp first"
both=$(xp /page/health/incident/@id)
post $support "/health/incidents/$both/updates" "text=FEEDB-$stamp mitigated" status=information
check "two incidents and an update to begin with" test -n "$only_contoso" -a -n "$both" -a "$status" = 201

# --- the partner's feed

atom -u $agent GET /health/feed
expect_status 200 "a partner's agent reads the feed"
expect_atom "the feed"
check "… served as application/atom+xml" grep -qi '^Content-Type: application/atom+xml; charset=utf-8' "$headers"
expect_body "<title>Service health — Contoso Reseller</title>" "… titled for the partner"
check "… with its incidents' updates as entries, newest first" test \
    "$(ax "//entry[1]/content")" = "FEEDB-$stamp mitigated"
check "… each linking back to its incident's page" test \
    "$(ax "//entry[contains(content, 'FEEDC-$stamp')]/link/@href")" = "$base/health/incidents/$only_contoso"
check "… with ids that never change" test \
    "$(ax "//entry[contains(content, 'FEEDC-$stamp')]/id")" = "$base/health/incidents/$only_contoso#update-$(sql "SELECT min(id) FROM incident_update WHERE incident_id = $only_contoso")"
check "… the first of an incident titled so" test "$(entries "New: FEEDC-$stamp")" = 1
check "… its services as categories" test \
    "$(ax "//entry[contains(content, 'FEEDC-$stamp')]/category[@term='service-10']/@label")" = "Dynamics 365 Customer Service"
check "… and its area" grep -q "China East 2, Queues" "$body"
atom -u $fabrikam GET /health/feed
expect_atom "Fabrikam's feed"
check "Fabrikam's feed lists the incident on a service it has" test "$(entries "FEEDB-$stamp")" = 2
check "… never one on a service only Contoso has" test "$(entries "FEEDC-$stamp")" = 0
expect_no_body "Contoso" "… nor anything of Contoso's"
atom -u $sales GET /health/feed
expect_status 403 "a sales agent has no feed, as no health page"
atom -u $support GET /health/feed
check "operator staff's feed has every service's incidents" test "$(entries "FEEDC-$stamp")" = 1
xget -u $agent /health/feed
expect_status 200 "asked for XML, the feed is its model"
expect_valid "the feed's model"

# --- tokens

atom GET /health/feed
expect_status 401 "no session or token: 401, not the sign-in page"
check "… asking for a token" grep -qi '^WWW-Authenticate: Bearer' "$headers"
post $gadmin /account/tokens "name=Feed reader $stamp" access=feed
expect_status 201 "the global admin creates a feed token"
feed_token=$(xp /page/account/new-token/secret)
post $gadmin /account/tokens "name=Script $stamp" access=read
api_token=$(xp /page/account/new-token/secret)
check "a feed token says what it is" test "${feed_token:0:4}" = pdf_
atom GET "/health/feed?token=$feed_token"
expect_status 200 "a feed reader with only a URL: the feed token in it"
expect_atom "the token's feed"
check "… Contoso's feed" test "$(entries "FEEDC-$stamp")" = 1
atom GET /health/feed -H "Authorization: Bearer $feed_token"
expect_status 200 "… or as a Bearer token"
fetch -x GET "/health/feed?token=$feed_token"
expect_status 200 "the feed as XML, with the feed token"
expect_no_body "admin@contoso.example" "… telling nothing of the token's owner (no <user>, no menu)"
fetch -x GET /dashboard -H "Authorization: Bearer $feed_token"
expect_status 401 "a feed token reads nothing but the feed"
atom GET "/health/feed?token=$api_token"
expect_status 401 "an API token is never taken from a URL"
atom GET /health/feed -H "Authorization: Bearer $api_token"
expect_status 200 "… but reads the feed as a Bearer token"
atom GET "//health/feed?token=$feed_token"
log="$PD_TEST_WORK/var/nginx/access.log"
for _ in $(seq 1 20); do grep -q "GET /health/feed " "$log" 2>/dev/null && break; sleep 0.1; done
check "the access log has the feed's requests" grep -q "GET /health/feed " "$log"
check "… but never a token" test "$(grep -c -e "$feed_token" -e "$api_token" "$log")" = 0
post $gadmin "/account/tokens/$(sql "SELECT id FROM api_token WHERE name = 'Feed reader $stamp'")/revoke"
atom GET "/health/feed?token=$feed_token"
expect_status 401 "a revoked feed token reads nothing"

# --- the public feed

atom GET /health/feed/public
expect_status 404 "the public feed is closed to begin with"
post $support /health/feed/public public=yes
expect_status 403 "a support agent cannot open it"
post $opadmin /health/feed/public public=yes
expect_status 303 "the operator admin opens it"
check "… in the audit log" test "$(sql "SELECT count(*) FROM audit WHERE action = 'health.public_feed' AND detail LIKE '%\"no\" → \"yes\"%'")" -ge 1
xget -u $agent /health
expect_xp "/page/health/feed/@public" yes "the health page says the public feed is open"
expect_xp "count(/page/health/feed/may)" 0 "… and only the operator admin may change that"
atom GET /health/feed/public
expect_status 200 "anyone reads the public feed"
expect_atom "the public feed"
check "… of every customer service" test "$(entries "FEEDC-$stamp")" = 1
expect_no_body "Contoso" "… naming no partner"
post $opadmin /health/feed/public public=no
atom GET /health/feed/public
expect_status 404 "closed again, it is gone"

# --- the end of an incident, and the pages

post $opadmin "/health/incidents/$only_contoso/updates" "text=FEEDC-$stamp fixed" resolved=yes
post $opadmin "/health/incidents/$both/updates" "text=FEEDB-$stamp fixed" resolved=yes
atom -u $agent GET /health/feed
check "a resolving update is an entry titled so" test "$(entries "Resolved: FEEDC-$stamp")" = 1
html $opadmin it /health
