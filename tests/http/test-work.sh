# Operator staff working a request: the contact log (the first contact
# stops the SLA clock), attention_needed pausing it, re-rating with the
# rules of docs/product.md, flags and their withdrawal; every refusal (wrong role,
# wrong state, bad input) stores nothing; partners see the flag and
# never an internal note.
. "$PD_TOP/tests/http/lib.sh"
plan 94

support=support@operator.example
agent=agent@contoso.example
admin=admin@contoso.example
fabrikam=agent@fabrikam.example
for u in $support $agent $admin $fabrikam; do login "$u"; done
events() { sql "SELECT count(*) FROM event WHERE request_id = $1"; }

# A fresh request of Contoso's for Northwind (premium), severity B.
post $agent /requests customer=1 service=1 topic=11 "title=test-work: the loop" \
    "description=d" severity=B "contact_name=Li Na" contact_email=agent@contoso.example
id=$(xp /page/request/@id)
xget -u $agent "/requests/$id"
expect_valid "a new request with its clock"
expect_xp "/page/request/sla/@state" running "the clock runs"
expect_xp "/page/request/sla/@target-minutes" 240 "severity B: 4 business hours"
expect_xp "string-length(/page/request/@due) > 0" true "it has a due time"
check "the queue knows the due time" test "$(sql "SELECT due_at IS NOT NULL FROM request WHERE id = $id")" = 1

# --- attention_needed pauses the clock

post $support "/requests/$id/status" status=attention_needed "text=Which mailboxes?"
expect_status 201 "waiting on the partner"
xget -u $support "/requests/$id"
expect_xp "/page/request/sla/@state" paused "the clock is paused"
expect_xp "count(/page/request/@due)" 0 "no due time while paused"
check "… and the queue has none" test "$(sql "SELECT due_at IS NULL FROM request WHERE id = $id")" = 1
post $agent "/requests/$id/notes" "text=All of them."
xget -u $support "/requests/$id"
expect_xp "/page/request/@status" open "the partner's answer reopens it"
expect_xp "/page/request/sla/@state" running "the clock runs again"

# --- contacts

n=$(events $id)
post $support "/requests/$id/contacts" method=phone "summary=Called Li Na, collected message traces." visibility=public
expect_status 201 "a contact is logged"
expect_valid "the contact's event"
check "… in the contact log" test "$(sql "SELECT method FROM contact WHERE request_id = $id")" = phone
check "… and on the timeline" test "$(events $id)" = $((n + 1))
check "the first contact is recorded" test "$(sql "SELECT first_contact_at IS NOT NULL FROM request WHERE id = $id")" = 1
xget -u $agent "/requests/$id"
expect_xp "/page/request/sla/@state" met "the first contact stops the clock: met"
expect_xp "count(/page/request/event[@kind='contact'])" 1 "the partner sees the contact shared with it"
expect_xp "/page/request/@breached" no "not breached"
n=$(events $id)
post $support "/requests/$id/contacts" method=fax "summary="
expect_status 422 "a contact by fax without a summary"
expect_valid "the refused contact"
expect_xp "/page/errors/error[@field='method']/@rule" choice "… method is a choice"
expect_xp "/page/errors/error[@field='summary']/@rule" required "… summary is required"
post $support "/requests/$id/contacts" method=email "summary=s" at=2099-01-01T00:00:00Z
expect_status 422 "a contact in the future"
expect_xp "/page/errors/error[@field='at']/@rule" future "… is refused"
post $support "/requests/$id/contacts" method=email "summary=s" at=2001-01-01T00:00:00Z
expect_xp "/page/errors/error[@field='at']/@rule" before_request "a contact before the request"
post $support "/requests/$id/contacts" method=email "summary=s" at=yesterday
expect_xp "/page/errors/error[@field='at']/@rule" datetime "a contact time that is not one"
check "none of these stored anything" test "$(events $id)/$(sql "SELECT count(*) FROM contact WHERE request_id = $id")" = "$n/1"
# A time as a browser's datetime-local sends it: the operator's own zone.
local=$(sql "SELECT strftime('%Y-%m-%dT%H:%M', max(created_at) + 60 + 8 * 3600, 'unixepoch') FROM request WHERE id = $id")
post $support "/requests/$id/contacts" method=phone "summary=local time" "at=$local"
expect_status 201 "a contact time without Z is read in the operator's time zone (Beijing)"
check "… and stored as UTC" test "$(sql "SELECT strftime('%Y-%m-%dT%H:%M', at + 8 * 3600, 'unixepoch') FROM contact WHERE request_id = $id ORDER BY id DESC LIMIT 1")" = "$local"
xget -u $agent "/requests/$id"
expect_xp "count(/page/request/event[@kind='contact'])" 1 "a contact not shared stays internal"
fetch -u $support POST "/requests/$id/contacts" --data-urlencode "csrf=$(csrf $support)" \
    --data-urlencode method=phone --data-urlencode "summary=<b>x</b>" --data-urlencode at=bad
expect_status 422 "the HTML page of a refused contact"
expect_body '&lt;b&gt;x&lt;/b&gt;' "… keeps the summary, escaped"
post $agent "/requests/$id/contacts" method=phone "summary=I called myself"
expect_status 403 "a partner cannot log contacts"

# A breach: severity A filed four hours ago, contacted now.
late=$(sql "INSERT INTO request (partner_id, customer_id, service_id, topic_id, title,
    description, severity, status, contact_name, contact_email, contact_phone,
    created_by, created_at, updated_at) VALUES (1, 1, 1, 11, 'test-work: late', 'd', 'A',
    'none', 'Li Na', 'agent@contoso.example', '', 2, unixepoch() - 4 * 3600,
    unixepoch() - 4 * 3600); SELECT last_insert_rowid();")
post $support "/requests/$late/contacts" method=phone "summary=Sorry for the wait."
expect_status 201 "a late first contact"
xget -u $support "/requests/$late"
expect_xp "/page/request/sla/@state" breached "A after 4 hours: breached"
expect_xp "/page/request/@breached" yes "… breached=yes"
expect_xp "/page/request/@status" open "the first contact opens a new request"
check "the breach is recorded" test "$(sql "SELECT breached FROM request WHERE id = $late")" = 1

# --- re-rating

post $support "/requests/$id/severity" severity=A "text=Whole company affected."
expect_status 201 "re-rate to A for a premium customer"
check "… stored" test "$(sql "SELECT severity FROM request WHERE id = $id")" = A
check "… on the timeline with from and to" \
    test "$(sql "SELECT old_value || new_value FROM event WHERE request_id = $id AND kind = 'severity'")" = BA
post $support "/requests/$id/severity" severity=A "text=again"
expect_status 422 "the same severity again"
expect_xp "/page/errors/error[@field='severity']/@rule" unchanged "… unchanged"
post $support "/requests/$id/severity" severity=C "text="
expect_xp "/page/errors/error[@field='text']/@rule" required "a re-rating needs a reason"
nonpremium=$(sql "INSERT INTO request (partner_id, customer_id, service_id, topic_id, title,
    description, severity, status, contact_name, contact_email, contact_phone,
    created_by, created_at, updated_at) VALUES (1, 2, 1, 11, 'test-work: not premium', 'd',
    'B', 'open', 'Li Na', 'agent@contoso.example', '', 2, unixepoch(), unixepoch());
    SELECT last_insert_rowid();")
post $support "/requests/$nonpremium/severity" severity=A "text=urgent"
expect_xp "/page/errors/error[@field='severity']/@rule" premium_only "A only for premium customers"
billing=$(sql "INSERT INTO request (partner_id, customer_id, service_id, topic_id, title,
    description, severity, status, contact_name, contact_email, contact_phone,
    created_by, created_at, updated_at) VALUES (1, 1, 1, 13, 'test-work: billing', 'd', 'B',
    'open', 'Li Na', 'agent@contoso.example', '', 2, unixepoch(), unixepoch());
    SELECT last_insert_rowid();")
post $support "/requests/$billing/severity" severity=A "text=urgent"
expect_xp "/page/errors/error[@field='severity']/@rule" billing_max_b "billing at most B"
post $agent "/requests/$id/severity" severity=C "text=not that bad"
expect_status 403 "a partner cannot re-rate"

# --- flags

n=$(events $id)
post $support "/requests/$id/flag" reason=self_help "comment=Documented in the mail flow article."
expect_status 201 "flag an inappropriate escalation"
xget -u $agent "/requests/$id"
expect_valid "the partner's flagged request"
expect_xp "/page/request/flag/@reason" self_help "the partner sees the flag and its reason"
expect_xp "/page/request/flag/comment" "Documented in the mail flow article." "… and the comment"
xget -u $agent /dashboard
expect_valid "the partner's dashboard with a flag"
expect_xp "/page/dashboard/flags/request[@id=$id]/@flag" self_help "the partner's dashboard shows the flag"
xget -u $fabrikam /dashboard
expect_xp "count(/page/dashboard/flags/request[@id=$id])" 0 "Fabrikam's dashboard does not"
sql "UPDATE flag SET flagged_at = flagged_at - 31 * 86400 WHERE request_id = $id"
xget -u $agent /dashboard
expect_xp "count(/page/dashboard/flags/request[@id=$id])" 0 "a flag of 31 days ago is off the dashboard"
sql "UPDATE flag SET flagged_at = flagged_at + 31 * 86400 WHERE request_id = $id"
post $support "/requests/$id/flag" reason=other "comment=again"
expect_status 409 "a second flag"
post $support "/requests/$id/flag" reason=rude "comment="
expect_status 409 "a flagged request refuses before the form is read"
post $support "/requests/$billing/flag" reason=rude "comment="
expect_status 422 "a flag with a made-up reason and no comment"
expect_xp "/page/errors/error[@field='reason']/@rule" choice "… the reason is a choice"
expect_xp "/page/errors/error[@field='comment']/@rule" required "… the comment is required"
post $agent "/requests/$billing/flag" reason=other "comment=self-flag"
expect_status 403 "a partner cannot flag"
post $support "/requests/$id/unflag" "text="
expect_status 422 "a withdrawal needs a reason"
post $support "/requests/$id/unflag" "text=The article does not cover 21Vianet."
expect_status 201 "the flag is withdrawn"
xget -u $agent "/requests/$id"
expect_xp "count(/page/request/flag)" 0 "no standing flag"
expect_xp "count(/page/request/event[@kind='unflag'])" 1 "the withdrawal is on the timeline"
check "the withdrawal keeps the flag and why" \
    test "$(sql "SELECT withdraw_reason FROM flag WHERE request_id = $id")" = "The article does not cover 21Vianet."
post $support "/requests/$id/unflag" "text=again"
expect_status 409 "nothing to withdraw"
check "each action is audited" \
    test "$(sql "SELECT count(DISTINCT action) FROM audit WHERE action IN ('request.contact', 'request.severity', 'request.flag', 'request.unflag')")" = 4

# --- internal notes never reach a partner

post $support "/requests/$id/notes" "text=INTERNAL-$id: do not tell the partner" visibility=internal
expect_status 201 "an internal note"
for path in "/requests/$id" /dashboard "/requests?q=test-work" "/requests?format=csv&q=test-work"; do
	fetch -u $agent -x GET "$path"
	expect_no_body "INTERNAL-$id" "the partner's $path has no internal note"
	fetch -u $agent GET "$path"
	expect_no_body "INTERNAL-$id" "the partner's $path (HTML) has no internal note"
done
fetch -u $support -x GET "/requests/$id"
expect_body "INTERNAL-$id" "operator staff see it"

# --- closing with a resolution code

post $support "/requests/$billing/close" "text=Refund issued."
expect_status 422 "operator staff close with a resolution code"
expect_xp "/page/errors/error[@field='resolution']/@rule" required "… the code is required"
post $support "/requests/$billing/close" "text=Refund issued." resolution=guessed
expect_xp "/page/errors/error[@field='resolution']/@rule" choice "… one of the codes"
post $agent "/requests/$nonpremium/close" resolution=solved
expect_status 403 "a partner gives no resolution code"
post $support "/requests/$billing/close" "text=Refund issued." resolution=solved
expect_status 201 "closed with a code"
check "… stored" test "$(sql "SELECT status || resolution FROM request WHERE id = $billing")" = closedsolved

# --- other partners and missing requests

post $support "/requests/999999/contacts" method=phone "summary=x"
expect_status 404 "a request that does not exist"
closed=$(sql "SELECT id FROM request WHERE status = 'closed' LIMIT 1")
post $support "/requests/$closed/contacts" method=phone "summary=x"
expect_status 409 "a closed request takes no contacts"
xget -u $fabrikam "/requests/$id"
expect_status 404 "Fabrikam does not see Contoso's flagged request"
fetch -u $support GET "/requests/$id"
expect_body 'action="/requests/'"$id"'/contacts"' "the operator's page has the contact form"
fetch -u $agent GET "/requests/$id"
expect_no_body '/contacts"' "the partner's page has no operator forms"
