# Another partner's ids in form fields and filters, not only in paths:
# Fabrikam's admin agent names Contoso's customer when filing a request,
# in the new-request form, the self-help hand-off's 'solved', the health
# page and the request list; the operator admin cites a Fabrikam request
# in a case for Contoso, and assigns a request to a partner's user.  Each is refused or answers
# nothing of Contoso's, and nothing is stored.
. "$PD_TOP/tests/http/lib.sh"
plan 17

fabrikam=agent@fabrikam.example
opadmin=admin@operator.example
login $fabrikam
login $opadmin
customer=$(sql "SELECT id FROM customer WHERE partner_id = 1 ORDER BY id LIMIT 1")
name=$(sql "SELECT name FROM customer WHERE id = $customer")
requests() { sql "SELECT count(*) FROM request"; }

n=$(requests)
post $fabrikam /requests customer=$customer service=1 topic=11 "title=fields test" \
    "description=d" severity=C "contact_name=Li Na" contact_email=agent@fabrikam.example \
    contact_lang=en
expect_status 404 "filing a request for another partner's customer is refused"
expect_no_body "$name" "… naming nothing of that customer"
check "… and stores nothing" test "$(requests)" = "$n"
n=$(sql "SELECT count(*) FROM deflection")
post $fabrikam /deflections customer=$customer service=1
expect_status 404 "'solved without a request' for another partner's customer is refused"
check "… and stores nothing" test "$(sql "SELECT count(*) FROM deflection")" = "$n"
xget -u $fabrikam "/requests/new?customer=$customer"
expect_status 404 "the new-request form for it is refused"
expect_no_body "$name" "… naming nothing of it"
xget -u $fabrikam "/health?customer=$customer"
expect_status 404 "the health page for it is refused"
expect_no_body "$name" "… naming nothing of it"
xget -u $fabrikam "/requests?customer=$customer"
expect_xp "count(//request)" 0 "the request list filtered by it lists nothing"
expect_no_body "$name" "… naming nothing of it"

fabrikam_request=$(sql "SELECT id FROM request WHERE partner_id = 2 ORDER BY id LIMIT 1")
cases=$(sql "SELECT count(*) FROM remediation_case")
post $opadmin /remediation partner=1 "requests=$fabrikam_request" "summary=fields test"
expect_status 422 "a case for Contoso citing a Fabrikam request is refused"
check "… and not opened" test "$(sql "SELECT count(*) FROM remediation_case")" = "$cases"

partner_user=$(sql "SELECT id FROM user WHERE partner_id = 1 ORDER BY id LIMIT 1")
before=$(sql "SELECT coalesce(assignee_id, 0) FROM request WHERE id = 1")
post $opadmin /desk/assign/1 "to=$partner_user"
expect_status 422 "assigning a request to a partner's user is refused"
check "… and the assignee is unchanged" \
    test "$(sql "SELECT coalesce(assignee_id, 0) FROM request WHERE id = 1")" = "$before"
