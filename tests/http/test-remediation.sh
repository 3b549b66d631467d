# Remediation cases through every step, and every refused step: the
# wrong role, the wrong state (no step can be skipped or repeated),
# another partner's case, bad input.  A refusal stores nothing; each
# step is in the case's timeline and the audit log.
. "$PD_TOP/tests/http/lib.sh"
plan 336

opadmin=admin@operator.example
support=support@operator.example
admin=admin@contoso.example
agent=agent@contoso.example
fabadmin=admin@fabrikam.example

# Fabrikam has no global admin in the demo data: one for this test.
sql "INSERT OR IGNORE INTO user (partner_id, email, name, role, password_hash)
     SELECT 2, '$fabadmin', 'Fabrikam Admin', 'global_admin', password_hash
     FROM user WHERE id = 1"
for u in $opadmin $support $admin $agent $fabadmin; do login "$u"; done

cases() { sql "SELECT count(*) FROM remediation_case"; }
steps() { sql "SELECT count(*) FROM remediation_event WHERE case_id = $1"; }
audits() { sql "SELECT count(*) FROM audit WHERE action LIKE 'remediation.%' AND detail = 'case $1'"; }
state() { sql "SELECT state FROM remediation_case WHERE id = $1"; }

# The steps of a case and a probe of each that cannot succeed (an empty
# form, an item that does not exist), so that it never changes the case.
probe() {
	case $2 in
	slots) post "$1" "/remediation/$case/slots" at= ;;
	accept) post "$1" "/remediation/$case/accept" slot= ;;
	items) post "$1" "/remediation/$case/items" action= owner= due= ;;
	plan) post "$1" "/remediation/$case/plan" text= ;;
	done) post "$1" "/remediation/$case/items/999999/done" evidence= ;;
	close) post "$1" "/remediation/$case/close" text= ;;
	esac
}

# may_agrees USER STEPS…: in the case's state, USER's <may> list is
# exactly STEPS (the steps of docs/product.md), and probing every step is
# refused by role (403), state (409 "state") or the step's condition (409
# "no_items": a plan needs items; "items_open": a case closes once every
# item is done) exactly when the list leaves it out.
may_agrees() {
	local user=$1 got="" i n action refused listed; shift
	local want="$*" st; st=$(state "$case")
	xget -u "$user" "/remediation/$case"
	n=$(count /page/case/may)
	for ((i = 1; i <= n; i++)); do got="$got${got:+ }$(xp "/page/case/may[$i]/@action")"; done
	check "$st: $user may '$want' (has '$got')" test "$got" = "$want"
	for action in slots accept items plan done close; do
		probe "$user" $action
		refused=no
		if [ "$status" = 403 ] || { [ "$status" = 409 ] &&
		    [[ " state no_items items_open " == *" $(xp /page/error/@rule) "* ]]; }; then
			refused=yes
		fi
		listed=no
		case " $got " in *" $action "*) listed=yes ;; esac
		check "$st: $user '$action' listed $listed, refused $refused (HTTP $status)" \
		    test $listed != $refused
	done
	check "$st: no probe changed the case" test "$(state "$case")" = "$st"
}

# pages STEP: the case page as HTML for both sides in every language.
pages() {
	local lang
	for lang in en zh it; do
		html $opadmin $lang "/remediation/$case"
		html $admin $lang "/remediation/$case"
	done
}

# Two Contoso requests, the first flagged; a flagged Fabrikam request.
post $agent /requests customer=1 service=1 topic=11 "title=test-remediation: how do I add a mailbox" \
    "description=d" severity=C "contact_name=Li Na" contact_email=agent@contoso.example
flagged=$(xp /page/request/@id)
post $agent /requests customer=1 service=1 topic=11 "title=test-remediation: a real outage" \
    "description=d" severity=C "contact_name=Li Na" contact_email=agent@contoso.example
unflagged=$(xp /page/request/@id)
post $support "/requests/$flagged/flag" reason=self_help "comment=Documented in the admin guide."
fabreq=$(sql "SELECT id FROM request WHERE partner_id = 2 ORDER BY id LIMIT 1")
post $support "/requests/$fabreq/flag" reason=partner_scope "comment=Tier 1 work."

# --- opening a case

xget -u $opadmin /remediation
expect_status 200 "the operator admin's list of cases"
expect_valid "the list"
expect_xp "/page/partners/partner[@id=1]/@flagged >= 1" true "… with Contoso's standing flags"
xget -u $opadmin "/remediation/new?partner=1"
expect_status 200 "the form to open a case for Contoso"
expect_valid "the new-case form"
expect_xp "count(/page/new-case/flagged/request[@id=$flagged])" 1 "… lists the flagged request"
expect_xp "count(/page/new-case/flagged/request[@id=$unflagged])" 0 "… and not the unflagged one"
expect_body "$flagged" "… prefilled in the cited requests"
xget -u $opadmin "/remediation/new?partner=999"
expect_status 404 "no form for a partner that does not exist"

n=$(cases)
post $support /remediation partner=1 "requests=$flagged" "summary=s"
expect_status 403 "a support agent cannot open a case"
post $admin /remediation partner=1 "requests=$flagged" "summary=s"
expect_status 403 "a partner cannot open a case"
post $opadmin /remediation partner=1 "requests=$unflagged" "summary=Too many how-to questions."
expect_status 422 "citing a request that is not flagged"
expect_valid "the refused case"
expect_xp "/page/errors/error[@field='requests']/@rule" not_flagged "… requests: not_flagged"
expect_xp "/page/draft/summary" "Too many how-to questions." "… the summary is kept"
post $opadmin /remediation partner=1 "requests=$fabreq" "summary=s"
expect_xp "/page/errors/error[@field='requests']/@rule" not_flagged "citing another partner's flagged request"
post $opadmin /remediation partner=1 "requests=12;13" "summary="
expect_status 422 "a malformed list and no summary"
expect_xp "/page/errors/error[@field='requests']/@rule" format "… requests: format"
expect_xp "/page/errors/error[@field='summary']/@rule" required "… summary: required"
post $opadmin /remediation partner=999 "requests=$flagged" "summary=s"
expect_status 404 "a partner that does not exist"
check "no refusal stored a case" test "$(cases)" = "$n"

post $opadmin /remediation partner=1 "requests=#$flagged" \
    "summary=Three how-to questions escalated this month."
expect_status 201 "the operator admin opens a case"
expect_valid "the new case"
case=$(xp /page/case/@id)
check "… Location is the case" test "$(header Location)" = "/remediation/$case"
expect_xp "/page/case/@state" proposed "… a meeting is to be agreed"
expect_xp "count(/page/case/requests/request[@id=$flagged][@flag='self_help'])" 1 "… it cites the flagged request"
expect_xp "/page/case/timeline/event[1]/@kind" opened "… the timeline starts"
check "… and the audit log has it" test "$(audits "$case")" = 1
pages
fetch -u $admin GET "/remediation/$case"
expect_body 'name="at"' "the partner's page offers to propose a time"
may_agrees $opadmin slots accept
may_agrees $admin slots accept
may_agrees $support

# --- who sees it

xget -u $admin /remediation
expect_xp "count(/page/cases/case[@id=$case])" 1 "Contoso's global admin lists the case"
expect_xp "count(/page/partners)" 0 "… and is not offered to open one"
xget -u $admin "/remediation/$case"
expect_status 200 "… and opens it"
expect_xp "count(/page/case/may[@action='slots'])" 1 "… may propose a time"
xget -u $fabadmin "/remediation/$case"
expect_status 404 "another partner's case is not found"
xget -u $fabadmin /remediation
expect_xp "count(/page/cases/case[@id=$case])" 0 "… nor listed"
xget -u $agent /remediation
expect_status 403 "an admin agent does not answer remediation cases"
xget -u $support "/remediation/$case"
expect_status 200 "support agents may read a case"
expect_xp "count(/page/case/may)" 0 "… and take no step"

# --- no step can be skipped

for step in "plan text=p" "close text=c" "items action=a owner=o due=2099-01-01"; do
	set -- $step
	path=$1; shift
	post $opadmin "/remediation/$case/$path" "$@"
	expect_status 409 "'$path' while a meeting is to be agreed"
	expect_xp "/page/error/@rule" state "… rule: state"
done
post $admin "/remediation/$case/close" text=c
expect_status 403 "a partner cannot close a case"
post $admin "/remediation/$case/items/1/done" evidence=e
expect_status 409 "nothing is done before the plan is agreed"
check "no refused step is in the timeline" test "$(steps "$case")" = 1

# --- meeting times

post $opadmin "/remediation/$case/slots" at=2001-01-01T10:00
expect_status 422 "a meeting time in the past"
expect_xp "/page/errors/error[@field='at']/@rule" past "… rule: past"
expect_xp "/page/draft/at" 2001-01-01T10:00 "… the time typed is kept"
# 9999-12-31T23:59 in New York is in the year 10000 UTC, which no ISO
# time can write: refused by name, not stored (was an unterminated string).
sql "UPDATE user SET tz = 'America/New_York' WHERE email = '$opadmin'"
before=$(sql "SELECT count(*) FROM remediation_slot")
post $opadmin "/remediation/$case/slots" at=9999-12-31T23:59
expect_status 422 "a meeting time past the year 9999 in UTC"
expect_xp "/page/errors/error[@field='at']/@rule" year "… rule: year"
expect_xp "/page/draft/at" 9999-12-31T23:59 "… the time typed is kept"
check "… no slot is stored" test "$(sql "SELECT count(*) FROM remediation_slot")" = "$before"
sql "UPDATE user SET tz = 'Asia/Shanghai' WHERE email = '$opadmin'"
post $opadmin "/remediation/$case/slots" at=tomorrow
expect_xp "/page/errors/error[@field='at']/@rule" datetime "a meeting time in words: datetime"
post $opadmin "/remediation/$case/slots" at=2099-03-02T02:00:00Z
expect_status 201 "the operator admin proposes a time (UTC)"
expect_valid "the case with a slot"
opslot=$(xp "/page/case/slots/slot[@by='operator']/@id")
post $admin "/remediation/$case/slots" at=2099-03-03T10:00
expect_status 201 "the partner proposes another (its local time)"
parslot=$(xp "/page/case/slots/slot[@by='partner']/@id")
expect_xp "/page/case/slots/slot[@id=$parslot]/at" 2099-03-03T02:00:00Z "… 10:00 in Beijing is 02:00 UTC"
post $opadmin "/remediation/$case/accept" "slot=$opslot"
expect_status 409 "a side cannot accept its own proposal"
expect_xp "/page/error/@rule" own_proposal "… rule: own_proposal"
post $fabadmin "/remediation/$case/accept" "slot=$parslot"
expect_status 404 "another partner cannot accept"
post $admin "/remediation/$case/accept" "slot=999999"
expect_status 404 "a slot that is not the case's"
sql "INSERT INTO remediation_slot (case_id, at, proposed_by, by_operator, proposed_at)
     VALUES ($case, 1000, 7, 1, 1000)"
oldslot=$(sql "SELECT max(id) FROM remediation_slot")
post $admin "/remediation/$case/accept" "slot=$oldslot"
expect_status 409 "a time that has passed cannot be accepted"
check "the case is still at the first step" test "$(state "$case")" = proposed
post $admin "/remediation/$case/accept" "slot=$opslot"
expect_status 201 "the partner's global admin accepts the operator's time"
expect_xp "/page/case/@state" meeting_agreed "… the meeting is agreed"
expect_xp "/page/case/meeting" 2099-03-02T02:00:00Z "… at that time"
expect_xp "/page/case/timeline/event[@kind='meeting_agreed']/meeting" 2099-03-02T02:00:00Z "… and the timeline says when"
expect_valid "the case with its meeting"
pages
may_agrees $opadmin items	# no plan before the first item
may_agrees $admin
may_agrees $support
fetch -u $opadmin GET "/remediation/$case"
expect_body 'class="rem-items"' "the operator admin's page offers to add items"
fetch -u $admin GET /dashboard
expect_body "/remediation/$case" "the partner's dashboard links the open case"
xget -u $agent /dashboard
expect_valid "an admin agent's dashboard with a case"
expect_xp "/page/dashboard/remediation/case[@id=$case]/@state" meeting_agreed "… shows it to the admin agent too"
post $opadmin "/remediation/$case/accept" "slot=$parslot"
expect_status 409 "a second time cannot be accepted"
post $admin "/remediation/$case/slots" at=2099-03-04T10:00
expect_status 409 "no more times once one is agreed"

# --- the plan

post $admin "/remediation/$case/items" action=a owner=o due=2099-01-01
expect_status 403 "the partner does not write the plan's items"
post $opadmin "/remediation/$case/plan" "text=We agreed."
expect_status 409 "a plan without items cannot be agreed"
expect_xp "/page/error/@rule" no_items "… rule: no_items"
post $opadmin "/remediation/$case/items" action= "owner=Chen Wei" due=2099-02-30
expect_status 422 "an item without an action and with a date that does not exist"
expect_xp "/page/errors/error[@field='action']/@rule" required "… action: required"
expect_xp "/page/errors/error[@field='due']/@rule" format "… due: format"
expect_xp "/page/draft/owner" "Chen Wei" "… the owner typed is kept"
expect_valid "the refused item"
post $opadmin "/remediation/$case/items" action=a owner=o due=2001-01-01
expect_xp "/page/errors/error[@field='due']/@rule" past "an item due in the past: past"
post $opadmin "/remediation/$case/items" "action=Train the helpdesk on the admin guide" \
    "owner=Chen Wei" due=2099-04-01
expect_status 201 "the operator admin adds an item"
item1=$(xp "/page/case/items/item[1]/@id")
post $opadmin "/remediation/$case/items" "action=Check the self-help page before escalating" \
    "owner=Li Na" due=2099-04-15
item2=$(xp "/page/case/items/item[action='Check the self-help page before escalating']/@id")
may_agrees $opadmin items plan
post $opadmin "/remediation/$case/close" text=c
expect_status 409 "the case cannot be closed before the plan is agreed"
post $opadmin "/remediation/$case/plan" "text="
expect_status 422 "the plan needs the meeting's outcome"
post $opadmin "/remediation/$case/plan" "text=Contoso trains its helpdesk and checks self-help first."
expect_status 201 "the plan is agreed"
expect_xp "/page/case/@state" plan_agreed "… state plan_agreed"
expect_valid "the agreed plan"
pages
may_agrees $opadmin	# no close while an item is open
may_agrees $admin done
may_agrees $support
fetch -u $admin GET "/remediation/$case"
expect_body "/remediation/$case/items/$item1/done" "the partner's page offers to mark an item done"
post $opadmin "/remediation/$case/items" action=a owner=o due=2099-01-01
expect_status 409 "no items are added to an agreed plan"

# --- the partner completes it

post $opadmin "/remediation/$case/items/$item1/done" evidence=e
expect_status 403 "the operator does not mark the partner's items done"
post $admin "/remediation/$case/items/$item1/done" evidence=
expect_status 422 "done without evidence"
expect_xp "/page/errors/error[@field='evidence']/@rule" required "… evidence: required"
expect_xp "/page/draft/@item" "$item1" "… the form of that item"
fetch -u $admin POST "/remediation/$case/items/$item1/done" --data-urlencode "csrf=$(csrf $admin)" \
    --data-urlencode "evidence= "
expect_status 422 "the HTML form comes back"
expect_body 'class="field-error"' "… with the error beside the evidence"
post $fabadmin "/remediation/$case/items/$item1/done" evidence=e
expect_status 404 "another partner cannot mark it done"
post $admin "/remediation/$case/items/$item1/done" "evidence=Training held on 2026-12-01, 12 attendees."
expect_status 201 "the partner's global admin marks an item done"
expect_xp "/page/case/items/item[@id=$item1]/@done" yes "… it is done"
expect_xp "/page/case/items/item[@id=$item1]/evidence" "Training held on 2026-12-01, 12 attendees." "… with its evidence"
post $admin "/remediation/$case/items/$item1/done" evidence=again
expect_status 409 "an item is done once"
post $opadmin "/remediation/$case/close" "text=All done."
expect_status 409 "the case cannot be closed with an item open"
expect_xp "/page/error/@rule" items_open "… rule: items_open"
post $admin "/remediation/$case/items/$item2/done" "evidence=Checklist in the helpdesk wiki."
expect_status 201 "the second item is done"
may_agrees $opadmin close
post $admin "/remediation/$case/close" "text=All done."
expect_status 403 "the partner still cannot close it"

# --- closing

post $opadmin "/remediation/$case/close" "text=Plan completed; no further action."
expect_status 201 "the operator admin closes the case"
expect_xp "/page/case/@state" closed "… closed"
expect_xp "string-length(/page/case/closed) > 0" true "… with the time"
expect_valid "the closed case"
pages
may_agrees $opadmin
may_agrees $admin
may_agrees $support
xget -u $admin /dashboard
expect_xp "count(/page/dashboard/remediation/case[@id=$case])" 0 "the dashboard no longer shows a closed case"
post $admin "/remediation/$case/slots" at=2099-05-01T10:00
expect_status 409 "a closed case takes no step"
post $opadmin "/remediation/$case/close" "text=again"
expect_status 409 "… not even closing again"

xget -u $admin "/remediation/$case"
expect_xp "count(/page/case/timeline/event)" 10 "the timeline has every step"
expect_xp "/page/case/timeline/event[last()]/@kind" closed "… in order"
check "the audit log has every step" test "$(audits "$case")" = 10
xget -u $admin /remediation
expect_xp "count(/page/cases/case[@id=$case])" 0 "the open list no longer shows it"
xget -u $admin "/remediation?state=closed"
expect_xp "count(/page/cases/case[@id=$case])" 1 "… the closed list does"
xget -u $admin "/remediation?state=gone"
expect_status 400 "an unknown state filter"

# --- the database refuses what the programs must not do

check "the database refuses going back a state" sql_refused "states cannot be skipped" \
    "UPDATE remediation_case SET state = 'proposed' WHERE id = $case"
check "the case timeline is append-only" sql_refused "append-only" \
    "DELETE FROM remediation_event WHERE case_id = $case"
