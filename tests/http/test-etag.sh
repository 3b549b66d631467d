# Conditional GET (lib/etag.c): the request page and the request list
# carry an ETag made from change counters; If-None-Match with it answers
# 304 without a body until something the page shows changes.  The tag
# differs for XML and HTML, for two users, and for two languages.  (A
# customer and a note of their own: other files count customer 1's
# requests and the operator replies on Contoso's dashboard.)
. "$PD_TOP/tests/http/lib.sh"
plan 49

agent=agent@contoso.example
admin=admin@contoso.example
support=support@operator.example
fabrikam=agent@fabrikam.example
for u in $agent $admin $support $fabrikam; do login "$u"; done

post $agent /requests customer=8 service=1 topic=11 "title=test-etag: a page to keep" \
    "description=d" severity=B "contact_name=Li Na" contact_email=agent@contoso.example
id=$(xp /page/request/@id)
# While a clock runs its time left moves by the minute, and so does the
# tag: a run that crossed a minute would fail the 304s below.  The first
# contact stops the first response, and waiting on the partner
# (attention_needed) pauses the others: the page then only changes when
# something is written.  quiet: that, and no clock left running.
quiet() {
	post $support "/requests/$id/status" status=attention_needed "text=Waiting for the logs."
	expect_status 201 "$1"
	check "… no clock runs: its tag keeps still across minutes" \
	    test "$(sql "SELECT clock_due_at IS NULL FROM request WHERE id = $id")" = 1
}
post $support "/requests/$id/contacts" method=phone "summary=Called Li Na."
expect_status 201 "a request whose first response is over"
quiet "… waits on the partner"

fetch -u $agent GET "/requests/$id"
expect_status 200 "the request page"
html_tag=$(header ETag)
check "… has a weak ETag ($html_tag)" test -n "$(echo "$html_tag" | grep -E '^W/"[0-9a-f]{32}"$')"
fetch -u $agent GET "/requests/$id" -H "If-None-Match: $html_tag"
expect_status 304 "unchanged: If-None-Match answers 304"
check "… without a body" test ! -s "$body"
check "… or a Content-Type" test -z "$(header Content-Type)"
check "… and with the same ETag" test "$(header ETag)" = "$html_tag"
# nginx drops a 304's body, so ask the worker itself: its answer ends
# with its headers (it used to render the page and send it after them).
run="$PD_TEST_WORK/var/run"
[ -S "$run/request.sock" ] ||
    run=$(sed -n 's/^partnerdesk: sockets in \([^ ]*\) .*/\1/p' "$PD_TEST_WORK/serve.log")
env -i REQUEST_METHOD=GET REQUEST_URI="/requests/$id" SCRIPT_NAME=/requests QUERY_STRING= \
    REMOTE_ADDR=127.0.0.1 HTTP_IF_NONE_MATCH="$html_tag" \
    HTTP_COOKIE="pd_session=$(awk '$6 == "pd_session" { print $7 }' "$(jar $agent)")" \
    cgi-fcgi -bind -connect "$run/request.sock" | tr -d '\r' > "$tmp/raw"
check "… straight from the worker: $(head -n1 "$tmp/raw"), nothing after its headers" \
    test "$(head -n1 "$tmp/raw")" = "Status: 304 Not Modified" -a "$(sed '1,/^$/d' "$tmp/raw" | wc -c)" = 0
check "… and Vary names every header the page depends on ($(header Vary))" \
    test "$(header Vary)" = "Accept, Accept-Language, Cookie, Authorization"
fetch -u $agent GET "/requests/$id" -H "If-None-Match: W/\"0123\", $html_tag"
expect_status 304 "… also when it is one of a list"
fetch -u $agent GET "/requests/$id" -H "If-None-Match: W/\"0123\""
expect_status 200 "another tag: the page"

xget -u $agent "/requests/$id"
xml_tag=$(header ETag)
check "XML and HTML have different ETags" test -n "$xml_tag" -a "$xml_tag" != "$html_tag"
xget -u $agent "/requests/$id" -H "If-None-Match: $html_tag"
expect_status 200 "… the HTML's tag does not stand for the XML"
fetch -u $admin GET "/requests/$id"
check "another user of the same partner has another ETag" test -n "$(header ETag)" -a "$(header ETag)" != "$html_tag"
fetch -u $admin GET "/requests/$id" -H "If-None-Match: $html_tag"
expect_status 200 "… and does not get 304 for the first user's tag"
sql "UPDATE user SET lang = 'zh' WHERE email = '$agent'"
fetch -u $agent GET "/requests/$id" -H "If-None-Match: $html_tag"
expect_status 200 "in another language: the page, not 304"
check "… with another ETag" test -n "$(header ETag)" -a "$(header ETag)" != "$html_tag"
sql "UPDATE user SET lang = 'en' WHERE email = '$agent'"
fetch -u $agent GET "/requests/$id" -H "If-None-Match: $html_tag"
expect_status 304 "back in English: the first tag again"

fetch -u $agent GET /requests
list_tag=$(header ETag)
fetch -u $agent GET /requests -H "If-None-Match: $list_tag"
expect_status 304 "the request list, unchanged: 304"

post $agent "/requests/$id/notes" "text=We found the cause."
expect_status 201 "the partner adds a note"
fetch -u $agent GET "/requests/$id" -H "If-None-Match: $html_tag"
expect_status 200 "after a note the request page is sent again"
check "… with a new ETag" test -n "$(header ETag)" -a "$(header ETag)" != "$html_tag"
expect_body "We found the cause." "… and the note"
fetch -u $agent GET /requests -H "If-None-Match: $list_tag"
expect_status 200 "… and so is the list"

fetch -u $fabrikam GET "/requests/$id"
expect_status 404 "another partner's request"
check "… has no ETag" test -z "$(header ETag)"
fetch -u $agent GET "/requests?before=x"
expect_status 400 "a refused list (a bad cursor)"
check "… has no ETag: the error page is not the list" test -z "$(header ETag)"

# What the partner may not see moves none of its tags: the operator's
# internal note, another partner's staff.  (The operator's tag moves.)
# The partner's note reopened the request: it waits on the partner again.
quiet "the operator waits on the partner again"
fetch -u $agent GET "/requests/$id"
html_tag=$(header ETag)
fetch -u $agent GET /requests
list_tag=$(header ETag)
fetch -u $support GET "/requests/$id"
staff_tag=$(header ETag)
post $support "/requests/$id/notes" "text=Internal: check the connector." visibility=internal
expect_status 201 "the operator adds an internal note"
fetch -u $agent GET "/requests/$id" -H "If-None-Match: $html_tag"
expect_status 304 "… the partner's request page still answers 304"
fetch -u $agent GET /requests -H "If-None-Match: $list_tag"
expect_status 304 "… and so does its list"
fetch -u $support GET "/requests/$id" -H "If-None-Match: $staff_tag"
expect_status 200 "… but the operator's request page is sent again"
sql "UPDATE user SET name = name || ' (etag)' WHERE email = '$fabrikam'"
fetch -u $agent GET /requests -H "If-None-Match: $list_tag"
expect_status 304 "another partner's user renamed: Contoso's list still answers 304"
fetch -u $agent GET "/requests/$id" -H "If-None-Match: $html_tag"
expect_status 304 "… and its request page"
sql "UPDATE user SET name = replace(name, ' (etag)', '') WHERE email = '$fabrikam'"

# A 304 stands for the page, so it never comes where the page is
# refused: not for a stolen tag (another tenant's request, with the tag
# its own reader got), not for "*" (which names any tag), not on a list
# the reader's role may not see or asks for wrongly.
helpdesk=helpdesk@contoso.example
login $helpdesk
fetch -u $fabrikam GET "/requests/$id" -H "If-None-Match: $html_tag"
expect_status 404 "another partner's request with its reader's stolen ETag: 404, not 304"
fetch -u $fabrikam GET "/requests/$id" -H "If-None-Match: *"
expect_status 404 "… and with If-None-Match: * (any tag)"
fetch -u $helpdesk GET "/requests?scope=partner"
expect_status 403 "partner requests, for a helpdesk agent: 403"
fetch -u $helpdesk GET "/requests?scope=partner" -H "If-None-Match: *"
expect_status 403 "… and with If-None-Match: *, still 403, not 304"
fetch -u $helpdesk GET /requests
fetch -u $helpdesk GET "/requests?scope=partner" -H "If-None-Match: $(header ETag)"
expect_status 403 "… and with the tag of the list it may see"
fetch -u $agent GET "/requests?before=x" -H "If-None-Match: *"
expect_status 400 "a refused list with If-None-Match: *: 400, not 304"
