# The request page and its actions: who may see a request, internal
# notes never reaching a partner, notes, the attention_needed loop,
# close, reopen within 14 days, operator-only status changes, and the
# form errors.
. "$PD_TOP/tests/http/lib.sh"
plan 326

contoso_admin=admin@contoso.example
contoso_agent=agent@contoso.example
contoso_helpdesk=helpdesk@contoso.example
contoso_sales=sales@contoso.example
fabrikam=agent@fabrikam.example
operator=support@operator.example
partners="$contoso_admin $contoso_agent $contoso_helpdesk"
for u in $partners $contoso_sales $fabrikam $operator; do
	login "$u"
done
internal="INTERNAL: partner has a history of duplicate tickets"

# A Contoso customer request made for this file (the demo requests keep
# their state for other files), and one closed 20 days ago.  Timelines
# are append-only, so these stay behind; their titles say where from.
new_request() {
	sql "INSERT INTO request (partner_id, customer_id, service_id, topic_id,
	    title, description, severity, status, contact_name, contact_email,
	    contact_phone, created_by, created_at, updated_at, closed_at)
	    VALUES (1, 1, 1, 11, 'test-request: $1', 'Made by test-request.sh',
	    'C', '$2', 'Li Na', 'agent@contoso.example', '+86 10 5555 0102', 2,
	    unixepoch() - 3600, unixepoch() - 3600, $3);
	    SELECT last_insert_rowid();"
}
loop=$(new_request "the support loop" open NULL)
old=$(new_request "closed 20 days ago" closed "unixepoch() - 20 * 86400")
events() { sql "SELECT count(*) FROM event WHERE request_id = $1"; }

# --- the page

xget -u $contoso_agent /requests/1
expect_status 200 "the request page"
expect_valid "the request page"
expect_xp "/page/request/@id" 1 "the page is request 1"
expect_xp "/page/request/@status" "$(sql "SELECT status FROM request WHERE id = 1")" \
    "the request's status"
expect_xp "/page/request/customer/name" "Northwind Traders" "its customer"
expect_xp "/page/request/service/name" "Exchange Online" "its service"
expect_xp "/page/request/topic/name" "Mail flow and delivery" "its topic"
expect_xp "/page/request/contact/email" "agent@contoso.example" "its contact"
expect_xp "count(/page/request/partner)" 0 "no partner element for a partner"
expect_xp "/page/request/event[@kind='created']/author/name" "Li Na" \
    "the timeline starts with its creation"
expect_xp "count(/page/request/submitted|/page/request/@submitted)" 0 \
    "no confirmation without ?submitted"

xget -u $contoso_agent /requests/10
expect_xp "/page/request/answer[@field='43']/value" "INV-2026-000457" \
    "the answer to the topic's own field"
expect_xp "/page/request/answer[@field='43']/label[@lang='it']" "Numero di fattura" \
    "… with its labels"

xget -u $contoso_agent "/requests/1?submitted=1"
expect_valid "the page after submitting"
expect_xp "/page/request/@submitted" "yes" "submitted=1 confirms the request"
fetch -u $contoso_agent GET "/requests/1?submitted=1"
expect_status 200 "the page after submitting (HTML)"
expect_body "contact you directly" "the HTML says a representative will call"

xget -u $contoso_agent "/requests/1?bogus=1"
expect_status 400 "an unknown parameter"

# --- internal notes never reach a partner

for u in $partners; do
	xget -u "$u" /requests/1
	expect_status 200 "request 1 for $u"
	expect_valid "request 1 for $u"
	expect_xp "count(//note[@visibility='internal'])" 0 \
	    "no internal note in the XML for $u"
	expect_no_body "$internal" "the internal text is not in the XML for $u"
	fetch -u "$u" GET /requests/1
	expect_status 200 "request 1 in HTML for $u"
	expect_no_body "$internal" "the internal text is not in the HTML for $u"
done
for q in "" "?scope=customer&q=Inbound" "?format=csv"; do
	fetch -u $contoso_agent GET "/requests$q"
	expect_no_body "$internal" "the internal text is not in /requests$q"
done

xget -u $operator /requests/1
expect_valid "request 1 for operator staff"
expect_xp "//note[@visibility='internal']/text" "$internal" \
    "operator staff see the internal note"
expect_xp "/page/request/partner/@id" 1 "operator staff see the partner"
fetch -u $operator GET /requests/1
expect_body "$internal" "the internal note is in the operator's HTML"

# --- isolation and roles

xget -u $fabrikam /requests/1
expect_status 404 "Fabrikam asking for a Contoso request"
expect_valid "the 404"
expect_no_body "Inbound mail" "the 404 tells nothing of the request"
fetch -u $fabrikam GET /requests/1
expect_status 404 "Fabrikam asking for a Contoso request (HTML)"
n=$(events 1)
post $fabrikam /requests/1/notes "text=hello from Fabrikam"
expect_status 404 "Fabrikam adding a note to a Contoso request"
post $fabrikam /requests/1/close
expect_status 404 "Fabrikam closing a Contoso request"
check "nothing was written to request 1" test "$(events 1)" = "$n"

xget -u $contoso_helpdesk /requests/13
expect_status 404 "a helpdesk agent asking for a partner request"
post $contoso_helpdesk /requests/13/notes "text=hello"
expect_status 404 "a helpdesk agent adding a note to a partner request"
xget -u $contoso_admin /requests/13
expect_status 200 "a global admin sees a partner request"
expect_xp "count(/page/request/customer)" 0 "a partner request has no customer"
expect_valid "a partner request"

xget -u $contoso_sales /requests/1
expect_status 403 "a sales agent asking for a request"
expect_valid "the 403"
xget -u $contoso_agent /requests/999999
expect_status 404 "a request that does not exist"
xget -u $operator /requests/15
expect_status 200 "operator staff see a Fabrikam request"
expect_xp "/page/request/partner/@id" 2 "with its partner"
fetch GET /requests/1
expect_status 303 "nobody signed in goes to sign in"
fetch -x GET /requests/1
expect_status 401 "a script without credentials"

# --- notes

post $contoso_agent /requests/$loop/notes "text=The customer sees this again at 10:00."
expect_status 201 "a partner's note"
expect_valid "the created note"
expect_xp "/page/note/text" "The customer sees this again at 10:00." "the note's text"
expect_xp "/page/note/@visibility" "public" "notes are public by default"
expect_xp "/page/note/author/@id" 2 "the note's author"
check "Location names the request" \
    test "$(header Location)" = "/requests/$loop"
note_id=$(xp /page/note/@id)
xget -u $contoso_agent /requests/$loop
expect_xp "/page/request/note[@id=$note_id]/text" \
    "The customer sees this again at 10:00." "the note is on the timeline"
expect_valid "the timeline with the note"

fetch -u $contoso_admin POST /requests/$loop/notes \
    --data-urlencode "csrf=$(csrf $contoso_admin)" \
    --data-urlencode "text=From the browser"
expect_status 303 "a browser's note goes back to the page"
check "back to the request page" test "$(header Location)" = "/requests/$loop"

n=$(events "$loop")
post $contoso_agent /requests/$loop/notes "text="
expect_status 422 "an empty note"
expect_valid "the page with the empty note's error"
expect_xp "/page/errors/error[@field='text']/@rule" "required" "text is required"
expect_xp "/page/request/@id" "$loop" "the request page is shown again"
post $contoso_agent /requests/$loop/notes "text=  
  "
expect_status 422 "a note of blanks only"
expect_xp "/page/errors/error[@field='text']/@rule" "required" "blanks are no text"
long=$(head -c 20001 /dev/zero | tr '\0' x)
post $contoso_agent /requests/$loop/notes "text=$long"
expect_status 422 "a note over 20000 characters"
expect_xp "/page/errors/error[@field='text']/@rule" "too_long" "too long"
expect_xp "string-length(/page/draft[@action='notes']/text)" 20001 \
    "the typed text is kept"
expect_valid "the page with the long note's error"
fetch -u $contoso_agent POST /requests/$loop/notes \
    --data-urlencode "csrf=$(csrf $contoso_agent)" --data-urlencode "text=$long"
expect_status 422 "a note over 20000 characters (HTML)"
expect_body "xxxxxxxxxxxxxxxxxxxx" "the HTML form keeps the typed text"
post $contoso_agent /requests/$loop/notes "text=secret" "visibility=internal"
expect_status 403 "a partner asking for an internal note"
post $contoso_agent /requests/$loop/notes "text=hello" "visibility=hidden"
expect_status 422 "a visibility that does not exist"
expect_xp "/page/errors/error[@field='visibility']/@rule" "choice" "visibility is a choice"
fetch -u $contoso_agent -x POST /requests/$loop/notes --data-urlencode "text=no token"
expect_status 403 "a note without the CSRF token"
check "none of these was stored" test "$(events "$loop")" = "$n"

post $operator /requests/$loop/notes "text=Escalated to engineering; partner not told yet." \
    "visibility=internal"
expect_status 201 "an operator's internal note"
expect_xp "/page/note/@visibility" "internal" "it is internal"
post $operator /requests/$loop/notes "text=We found the cause and are fixing it."
expect_status 201 "an operator's public note"
for u in $partners; do
	xget -u "$u" /requests/$loop
	expect_xp "/page/request/note[last()]/text" "We found the cause and are fixing it." \
	    "$u sees the operator's reply"
	expect_no_body "Escalated to engineering" "$u does not see the internal note"
	fetch -u "$u" GET /requests/$loop
	expect_body "We found the cause and are fixing it." "$u sees the reply in HTML"
	expect_no_body "Escalated to engineering" "nor the internal note in HTML"
done
xget -u $operator /requests/$loop
expect_xp "count(/page/request/note[@visibility='internal'])" 1 \
    "operator staff see their internal note"

# --- status: operator staff only; a partner's answer reopens

post $contoso_agent /requests/$loop/status "status=attention_needed"
expect_status 403 "a partner setting the status"
post $operator /requests/$loop/status "status=none"
expect_status 422 "status none cannot be set"
expect_xp "/page/errors/error[@field='status']/@rule" "choice" "status is a choice"
post $operator /requests/$loop/status
expect_status 422 "a status change without a status"
expect_xp "/page/errors/error[@field='status']/@rule" "required" "status is required"
before=$(sql "SELECT updated_at FROM request WHERE id = $loop")
sql "UPDATE request SET updated_at = updated_at - 100 WHERE id = $loop"
post $operator /requests/$loop/status "status=attention_needed" \
    "text=Please send the message trace."
expect_status 201 "operator staff wait on the partner"
expect_valid "the status event"
expect_xp "/page/event/from" "open" "from open"
expect_xp "/page/event/to" "attention_needed" "to attention_needed"
expect_xp "/page/event/text" "Please send the message trace." "with the reason"
check "the request waits on the partner" \
    test "$(sql "SELECT status FROM request WHERE id = $loop")" = attention_needed
check "updated_at moved" \
    test "$(sql "SELECT updated_at >= $before FROM request WHERE id = $loop")" = 1
post $operator /requests/$loop/status "status=attention_needed"
expect_status 409 "the same status again"

post $contoso_helpdesk /requests/$loop/notes "text=Message trace attached."
expect_status 201 "the partner answers"
check "the answer reopens the request" \
    test "$(sql "SELECT status FROM request WHERE id = $loop")" = open
xget -u $contoso_agent /requests/$loop
expect_xp "/page/request/@status" open "the page says open"
expect_xp "/page/request/event[last()]/to" open "the timeline records the change"
expect_xp "/page/request/event[last()]/from" attention_needed "from attention_needed"
expect_xp "/page/request/event[last()]/author/@id" 3 "made by the partner"
expect_xp "/page/request/*[self::note or self::event][last()]/@kind" status "after the note"

# --- close and reopen

post $contoso_helpdesk /requests/$loop/close "text=Solved: the customer confirms."
expect_status 201 "the partner closes the request"
expect_valid "the closing event"
expect_xp "/page/event/to" closed "the event says closed"
expect_xp "/page/event/text" "Solved: the customer confirms." "with the resolution"
check "closed with closed_at" \
    test "$(sql "SELECT status, closed_at IS NOT NULL FROM request WHERE id = $loop")" = "closed|1"
xget -u $contoso_agent /requests/$loop
expect_valid "a closed request"
check "it may be reopened for 14 days" test -n "$(xp /page/request/reopen-until)"
post $contoso_agent /requests/$loop/close
expect_status 409 "closing a closed request"
expect_xp "/page/error/@rule" closed "the rule is closed"
n=$(events "$loop")
post $contoso_agent /requests/$loop/notes "text=one more thing"
expect_status 409 "a note on a closed request"
expect_xp "/page/error/@rule" closed "the rule is closed"
check "nothing was added" test "$(events "$loop")" = "$n"

post $contoso_agent /requests/$loop/reopen
expect_status 201 "reopening within 14 days"
expect_valid "the reopening event"
expect_xp "/page/event/from" closed "from closed"
expect_xp "/page/event/to" open "to open"
check "open again, closed_at cleared" \
    test "$(sql "SELECT status, closed_at IS NULL FROM request WHERE id = $loop")" = "open|1"
post $contoso_agent /requests/$loop/reopen
expect_status 409 "reopening an open request"

post $contoso_agent /requests/$old/reopen
expect_status 409 "reopening 20 days after closing"
expect_xp "/page/error/@rule" reopen_window "the rule is reopen_window"
expect_valid "the 409"
check "it stays closed" test "$(sql "SELECT status FROM request WHERE id = $old")" = closed
xget -u $contoso_agent /requests/$old
expect_xp "count(/page/request/reopen-until)" 0 "no reopen-until after 14 days"

post $operator /requests/$loop/status "status=closed" "text=Closed by the desk."
expect_status 422 "operator staff do not close through status: that skips the resolution"
expect_xp "/page/errors/error[@field='status']/@rule" choice "… status: choice"
post $operator /requests/$loop/close "text=Closed by the desk." resolution=solved
expect_status 201 "operator staff close with a resolution"
check "closed by operator staff" \
    test "$(sql "SELECT status, closed_at IS NOT NULL FROM request WHERE id = $loop")" = "closed|1"

# Every action appended; none rewrote the timeline.
check "the timeline holds every action" \
    test "$(sql "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM event
        WHERE request_id = $loop ORDER BY id)")" = \
    "note note note note status note status status status status"

# --- <may> is lib/lifecycle.c's table: what docs/product.md lets each side do

bad=$(printf 'control\001char')	# a text no step accepts: its form comes back
# probe USER ID STEP: a try at the step that cannot succeed.
probe() {
	local u=$1 id=$2
	case $3 in
	notes) post "$u" "/requests/$id/notes" "text=$bad" ;;
	internal) post "$u" "/requests/$id/notes" "text=$bad" visibility=internal ;;
	close) post "$u" "/requests/$id/close" "text=$bad" ;;
	resolution) post "$u" "/requests/$id/close" "text=$bad" resolution=solved ;;
	reopen) post "$u" "/requests/$id/reopen" "text=$bad" ;;
	status) post "$u" "/requests/$id/status" status= ;;
	contacts) post "$u" "/requests/$id/contacts" method= summary= ;;
	severity) post "$u" "/requests/$id/severity" severity= text= ;;
	flag) post "$u" "/requests/$id/flag" reason= comment= ;;
	unflag) post "$u" "/requests/$id/unflag" text= ;;
	assign) post "$u" "/desk/assign/$id" to=999999 ;;
	esac
}
# may_agrees USER ID STEPS…: USER's <may> list on request ID is STEPS,
# and each probe is refused by role or status exactly when it is not
# listed ("take" is listed only: it has no form that could fail).
may_agrees() {
	local u=$1 id=$2 got="" i n s listed refused; shift 2
	local want="$*" what; what="$(sql "SELECT status FROM request WHERE id = $id") #$id"
	local before; before=$(events "$id")
	xget -u "$u" "/requests/$id"
	n=$(count /page/request/may)
	for ((i = 1; i <= n; i++)); do got="$got${got:+ }$(xp "/page/request/may[$i]/@action")"; done
	check "$what: $u may '$want' (has '$got')" test "$got" = "$want"
	for s in notes internal close resolution reopen status contacts severity flag unflag assign; do
		probe "$u" "$id" $s
		refused=no
		case "$status $(xp /page/error/@rule)" in
		"403 role"|"409 closed"|"409 not_closed"|"409 reopen_window"|"409 flagged"|"409 not_flagged") refused=yes ;;
		esac
		listed=no
		case " $got " in *" $s "*) listed=yes ;; esac
		check "$what: $u '$s' listed $listed, refused $refused (HTTP $status)" test $listed != $refused
	done
	check "$what: no probe changed it" test "$(events "$id")" = "$before"
}
work="notes internal close resolution status contacts severity"
for st in none open attention_needed; do
	id=$(new_request "may, $st" $st NULL)
	may_agrees $contoso_helpdesk "$id" notes close
	may_agrees $operator "$id" $work flag take assign incident
done
xget -u $contoso_agent "/requests/$id"
expect_valid "a request page with its <may> list"
sql "INSERT INTO flag (request_id, partner_id, reason, comment, flagged_by, flagged_at)
     VALUES ($id, 1, 'self_help', 'c', 7, unixepoch())"
may_agrees $operator "$id" $work unflag take assign incident
may_agrees $contoso_admin "$id" notes close
id=$(new_request "may, closed yesterday" closed "unixepoch() - 86400")
may_agrees $contoso_agent "$id" reopen
may_agrees $operator "$id" reopen status flag incident
may_agrees $contoso_helpdesk "$old" ""
may_agrees $operator "$old" status flag incident
fetch -u $operator GET "/requests/$old"
expect_no_body 'action="/requests/'"$old"'/reopen"' "no reopen form past 14 days"
expect_body 'action="/requests/'"$old"'/status"' "… the status form for operator staff"
id=$(new_request "may, the forms" open NULL)
fetch -u $operator GET "/requests/$id"
expect_body 'name="visibility"' "operator staff choose a note's visibility"
expect_body 'name="resolution"' "… and give a resolution code"
fetch -u $contoso_helpdesk GET "/requests/$id"
expect_no_body 'name="visibility"' "a partner's page has no internal-note choice"
expect_no_body 'name="resolution"' "… nor a resolution code"
expect_body 'action="/requests/'"$id"'/close"' "… but the close form"

# Who wrote what: the model says the side, the page marks operator staff.
id=$(new_request "sides" open NULL)
post $operator /requests/$id/notes "text=From the operator."
post $contoso_agent /requests/$id/notes "text=From the partner."
xget -u $contoso_agent /requests/$id
expect_xp "/page/request/note[text='From the operator.']/author/@side" operator "an operator's note is the operator's side"
expect_xp "/page/request/note[text='From the partner.']/author/@side" partner "… a partner's, the partner's"
fetch -u $contoso_agent GET /requests/$id
check "the page marks the operator's note only" test "$(grep -o 'class="badge operator"' "$body" | wc -l)" = 1
