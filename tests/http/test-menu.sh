# What a reader may do is decided once, in C: the menu in every model
# (lib/menu.c) is the one docs/product.md gives each role, each of its
# pages is one the page's route (`program --routes`) admits, and the links
# and forms pages offer follow the routes, not the stylesheets.
. "$PD_TOP/tests/http/lib.sh"
plan 137

bin="$PD_TOP/${PD_BIN:-build}"
case "${PD_BIN:-}" in /*) bin=$PD_BIN ;; esac
for p in "$bin"/cgi-bin/*; do "$p" --routes; done > "$tmp/routes"

ga=admin@contoso.example aa=agent@contoso.example ha=helpdesk@contoso.example
sa=sales@contoso.example sup=support@operator.example oa=admin@operator.example
for u in $ga $aa $ha $sa $sup $oa; do login "$u"; done

# roles_of METHOD PATH: the roles column of the route for it.
roles_of() {
	awk -F'\t' -v m="$1" -v p="$2" '$3 == p && index($2, m) { print $4; exit }' "$tmp/routes"
}

# menu_is USER HREF…: USER's menu is exactly these pages, in order; the
# route of each admits USER's role, and each opens for USER.
menu_is() {
	local u=$1 got="" i n href role; shift
	xget -u "$u" /dashboard
	expect_valid "$u's dashboard with its menu"
	role=$(xp /page/user/@role)
	n=$(count "/page/user/menu//item")
	for ((i = 1; i <= n; i++)); do got="$got${got:+ }$(xp "(/page/user/menu//item)[$i]/@href")"; done
	check "$role's menu is '$*' (has '$got')" test "$got" = "$*"
	for href in $got; do
		case ",$(roles_of GET "${href%%\?*}")," in
		*",$role,"*) ok "$role: the route of $href admits $role" ;;
		*) notok "$role: the route of $href admits $role (it admits '$(roles_of GET "${href%%\?*}")')" ;;
		esac
		xget -u "$u" "$href"
		expect_status 200 "$role opens $href from the menu"
	done
}
menu_is $ga /dashboard /customers /requests "/requests?scope=partner" /health /admin/customers /account/support /account/users /account
menu_is $aa /dashboard /customers /requests "/requests?scope=partner" /health /account
menu_is $ha /dashboard /customers /requests /health /account
menu_is $sa /dashboard /customers /account
menu_is $sup /dashboard /desk /reports/sla /reports/scorecard /remediation /calendar /health /account
menu_is $oa /dashboard /desk /reports/sla /reports/scorecard /remediation /calendar /reports/audit /health \
    /admin/partners /admin/users /admin/services /admin/topics /admin/articles /admin/sla /admin/status /account

fetch -u $sa GET /dashboard
expect_no_body 'href="/requests"' "a sales agent's menu has no support requests"
expect_no_body 'href="/health"' "… and no service health"
fetch -u $ha GET /dashboard
expect_body '<li class="group">' "the support requests are a submenu"
expect_no_body 'scope=partner' "… without the partner's own requests for a helpdesk agent"

# probe USER PATH WANT LABEL: what the page of another program answers.
probe() {
	xget -u "$1" "$2"
	expect_status "$3" "$4"
}

# The customer page links health and a new request only for those
# whose routes admit them.
for u in $ga $ha $sa $sup; do
	xget -u $u /customers/1
	role=$(xp /page/user/@role)
	health=$(count "/page/customer/may[@action='health']")
	new=$(count "/page/customer/may[@action='new-request']")
	xget -u $u /health/1
	check "$role: the customer page links health ($health) exactly when /health/1 opens (HTTP $status)" \
	    test "$health" = "$([ "$status" = 200 ] && echo 1 || echo 0)"
	xget -u $u "/requests/new?customer=1"
	check "$role: … a new request ($new) exactly when /requests/new opens (HTTP $status)" \
	    test "$new" = "$([ "$status" = 200 ] && echo 1 || echo 0)"
done
fetch -u $sa GET /customers/1
expect_no_body 'href="/health/' "a sales agent's customer page has no health links"

# The dashboard's links, the partner-requests tab, the calendar's form
# and the tokens: offered exactly to those the routes admit.
for u in $ga $aa; do
	xget -u $u /dashboard
	role=$(xp /page/user/@role)
	sc=$(count "/page/dashboard/may[@action='scorecard']")
	rem=$(count "/page/dashboard/may[@action='remediation']")
	xget -u $u /reports/scorecard
	check "$role: the dashboard links the scorecard ($sc) exactly when it opens (HTTP $status)" \
	    test "$sc" = "$([ "$status" = 200 ] && echo 1 || echo 0)"
	xget -u $u /remediation/999999
	check "$role: … the cases ($rem) exactly when their route admits $role (HTTP $status)" \
	    test "$rem" = "$([ "$status" = 403 ] && echo 0 || echo 1)"
done
for u in $ga $ha $sup; do
	xget -u $u /requests
	role=$(xp /page/user/@role)
	tab=$(count "/page/requests/may[@action='partner-scope']")
	xget -u $u "/requests?scope=partner"
	check "$role: the partner-requests tab ($tab) exactly when they open (HTTP $status)" \
	    test "$tab" = "$([ "$status" = 200 ] && echo 1 || echo 0)"
done
for u in $sup $oa; do
	xget -u $u /calendar
	role=$(xp /page/user/@role)
	edit=$(count "/page/calendar[@editable='yes']")
	post $u /calendar day=not-a-day kind=holiday
	check "$role: the calendar is editable ($edit) exactly when a POST is not refused (HTTP $status)" \
	    test "$edit" = "$([ "$status" = 403 ] && echo 0 || echo 1)"
done
for u in $ga $aa; do
	xget -u $u /account
	role=$(xp /page/user/@role)
	tokens=$(count /page/account/tokens)
	post $u /account/tokens name=
	check "$role: the tokens are shown ($tokens) exactly when one may be made (HTTP $status)" \
	    test "$tokens" = "$([ "$status" = 403 ] && echo 0 || echo 1)"
done
post $sup /calendar/remove day=2099-01-01
expect_status 403 "a support agent cannot remove a calendar day"
