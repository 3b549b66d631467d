# What a role may not see stays out of the pages it may open: a sales
# agent opens a customer but not its services' health (SPEC: sales
# cannot view service health); a helpdesk agent's dashboard lists no
# partner request (their titles, the operator's replies on them, nor
# them in its counts), which only those acting on the partner's behalf
# may see.  Each check has its
# counterpart for a role that does see it, so none passes for nothing.
. "$PD_TOP/tests/http/lib.sh"
plan 19

admin_agent=agent@contoso.example
helpdesk=helpdesk@contoso.example
sales=sales@contoso.example
for u in $admin_agent $helpdesk $sales; do login $u; done

# --- service health on the customer page

xget -u $helpdesk /customers/1
expect_xp "count(//service[@status])>0" true "the helpdesk sees the services' health"
xget -u $sales /customers/1
expect_status 200 "a sales agent opens the customer"
expect_xp "count(//service)>0" true "… with its services"
expect_xp "count(//service[@status])" 0 "… but not their health"
fetch -u $sales GET /customers/1
expect_no_body 'health-' "… nor in the page"

# --- partner requests on the dashboard (demo: 14 needs attention, 13
# has a public reply from the operator; both are the partner's own)

title=$(sql "SELECT title FROM request WHERE id = 14")
reply=$(sql "SELECT body FROM event WHERE request_id = 13 AND kind = 'note'
    AND visibility = 'public' ORDER BY id DESC LIMIT 1")
sql "UPDATE request SET status = 'attention_needed' WHERE id = 14 AND customer_id IS NULL"
xget -u $admin_agent /dashboard
expect_xp "count(/page/dashboard/attention/request[@id=14])" 1 \
    "the admin agent's dashboard lists the partner request needing attention"
expect_xp "count(/page/dashboard/replies/reply[@request-id=13])>0" true \
    "… and the operator's reply on a partner request"
xget -u $helpdesk /dashboard
expect_status 200 "the helpdesk's dashboard"
expect_xp "count(/page/dashboard/attention/request[@id=14])" 0 \
    "… lists no partner request needing attention"
expect_xp "count(/page/dashboard/replies/reply[@request-id=13])" 0 \
    "… nor the operator's replies on one"
absent() { ! grep -qF -e "$title" -e "$reply" "$body"; }
check "… nor their titles or text anywhere" absent
fetch -u $helpdesk GET /dashboard
expect_no_body "$title" "… nor in the page"
xget -u $helpdesk /requests/14
expect_status 404 "the helpdesk cannot open the partner request itself"

# Nor are partner requests in its dashboard's counts and chart: they add
# up to the requests its own list shows (the admin agent's to all).
seen() { sql "SELECT count(*) FROM request WHERE partner_id = 1 AND $1"; }
for who in helpdesk admin_agent; do
	xget -u "${!who}" /dashboard
	open=$(xp "sum(/page/dashboard/open-requests/severity/@requests)")
	counted=$(( $(xp /page/dashboard/counts/@open) + $(xp /page/dashboard/counts/@attention) ))
	scope="status <> 'closed'"
	[ $who = helpdesk ] && scope="$scope AND customer_id IS NOT NULL"
	check "$who: the dashboard's chart and counts are the requests it may see ($open, $counted, $(seen "$scope"))" \
	    test "$open" = "$(seen "$scope")" -a "$counted" = "$(seen "$scope")"
done
check "… which for the helpdesk are fewer (Contoso has partner requests open)" \
    test "$(seen "status <> 'closed' AND customer_id IS NULL")" -gt 0
