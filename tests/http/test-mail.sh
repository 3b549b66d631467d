# Email notifications through the outbox: a new request reaches the
# support agents; what operator staff do publicly reaches the partner's
# contact in the contact's language, and what the partner does reaches
# the assignee or the support queue; remediation steps and incident news
# reach the other side.  An internal note never reaches any email, a
# refused action queues nothing, a user's opt-outs are honoured, and mail
# that sendmail refuses is kept and retried.
. "$PD_TOP/tests/http/lib.sh"
plan 61

support=support@operator.example
opadmin=admin@operator.example
agent=agent@contoso.example
admin=admin@contoso.example
for u in $support $opadmin $agent $admin; do login "$u"; done

. "$PD_TOP/tests/http/mail.sh"
stamp=$(date +%s%N)

# --- a new request

post $agent /requests customer=1 service=1 topic=11 "title=test-mail $stamp: mail delayed" \
    "description=d" severity=B "contact_name=Li Na" contact_email=agent@contoso.example contact_lang=en
id=$(xp /page/request/@id)
flush
m=$(mail_with $support "test-mail $stamp")
check "a new request is mailed to the support agents" test -n "$m"
check "… its subject names the request" grep -q "^Subject: \[partnerdesk\] #$id test-mail $stamp: mail delayed: new escalation" $m
check "… plain text in UTF-8" grep -q '^Content-Type: text/plain; charset=UTF-8' $m
check "… marked as sent automatically" grep -q '^Auto-Submitted: auto-generated' $m
check "… with a link to the request" grep -q "^$PD_TEST_BASE/requests/$id\$" $m
check "the outbox row is sent" test "$(sql "SELECT count(*) FROM outbox WHERE request_id = $id AND kind = 'new_request' AND sent_at IS NULL")" = 0

# --- the first contact: the request opens, and the partner is told so

post $support "/requests/$id/contacts" method=phone "summary=CONTACT-$stamp: called Li Na"
check "the status change of the first contact is queued for the partner" test \
    "$(sql "SELECT count(*) FROM outbox o JOIN event e ON e.id = o.event_id WHERE e.request_id = $id AND e.kind = 'status' AND e.new_value = 'open'")" = 1
check "… the contact itself is not (it was with the partner)" test \
    "$(sql "SELECT count(*) FROM outbox o JOIN event e ON e.id = o.event_id WHERE e.request_id = $id AND e.kind = 'contact'")" = 0

# --- recipients: one address, strictly checked, passed as an argument

check "… the recipient went to sendmail as an argument" \
    test "$(head -n1 "$(mail_with $support "test-mail $stamp")")" = "Envelope-To: $support"
post $agent /requests customer=1 service=1 topic=11 "title=test-mail $stamp: two" \
    "description=d" severity=B "contact_name=Li Na" \
    "contact_email=victim,evil@attacker.example" contact_lang=en
expect_status 422 "a contact email with a comma (a second recipient) is refused"
expect_xp "/page/errors/error[@field='contact_email']/@rule" email "… by the email rule"
event=$(sql "SELECT max(id) FROM event WHERE request_id = $id AND visibility = 'public'")
sql "INSERT INTO outbox (to_addr, lang, kind, request_id, event_id, created_at, next_at)
    VALUES ('victim,evil@attacker.example', 'en', 'request_event', $id, $event, 0, 0)"
bad=$(sql "SELECT max(id) FROM outbox")
flush
check "a row queued with such an address is never sent" test \
    "$(sql "SELECT sent_at IS NULL AND error = 'bad address' FROM outbox WHERE id = $bad")" = 1
check "… and no mail names the extra recipient" in_no_mail "evil@attacker.example"

# --- operator replies: public reaches the partner, internal never

post $support "/requests/$id/notes" "text=INTERNAL-$stamp: partner keeps escalating how-tos" visibility=internal
post $support "/requests/$id/notes" "text=PUBLIC-$stamp: we are looking into it" visibility=public
flush
m=$(mail_with $agent "PUBLIC-$stamp")
check "the operator's public note is mailed to the partner's contact" test -n "$m"
check "… saying 21Vianet replied" grep -q "21Vianet replied" $m
check "no internal note is in any email" in_no_mail "INTERNAL-$stamp"
check "an internal note is never even queued" test \
    "$(sql "SELECT count(*) FROM outbox o JOIN event e ON e.id = o.event_id WHERE o.kind = 'request_event' AND e.visibility = 'internal'")" = 0
post $agent "/requests/$id/notes" "text=PARTNER-$stamp"
flush
m=$(mail_with $support "PARTNER-$stamp")
check "a partner's note on an unassigned request reaches the support agents" test -n "$m"
check "… saying the partner replied" grep -q "the partner replied" $m
n=$(queued)
post $support "/requests/$id/notes" "text="
expect_status 422 "a refused note"
check "… queues nothing" test "$(queued)" = "$n"

post $support "/requests/$id/status" status=attention_needed "text=Which mailboxes, $stamp?"
post $support "/requests/$id/flag" reason=self_help "comment=FLAG-$stamp: documented"
flush
m=$(mail_with $agent "Which mailboxes, $stamp?")
check "waiting on the partner is mailed" grep -q "Attention needed" $m
m=$(mail_with $agent "FLAG-$stamp")
check "a flag is mailed with its reason" grep -q "documented in self-help" $m

# --- the contact's language

post $agent /requests customer=1 service=1 topic=11 "title=test-mail $stamp zh" \
    "description=d" severity=B "contact_name=Li Na" contact_email=helpdesk@contoso.example contact_lang=zh
zh=$(xp /page/request/@id)
post $support "/requests/$zh/notes" "text=ZH-$stamp"
flush
m=$(mail_with helpdesk@contoso.example "ZH-$stamp")
check "a contact who prefers Chinese gets Chinese" grep -q "世纪互联已回复" $m
check "… with the subject encoded for mail headers" grep -q '^Subject: =?UTF-8?B?' $m
subject=$(sed -n '/^Subject:/,/^[^ S]/p' $m | sed '$d' | sed 's/^Subject: //; s/^ //' |
    tr '\n' ' ' | grep -o '=?UTF-8?B?[^?]*?=' | sed 's/=?UTF-8?B?//; s/?=//' |
    while read -r w; do printf '%s' "$w" | base64 -d; done)
check "… which decodes to the subject, in words of at most 75 characters" bash -c \
    "[[ '$subject' == *'世纪互联已回复'* ]] && ! grep -E '^(Subject: | ).{76,}' '$m'"

# --- sendmail refuses: the mail is kept and retried

mkdir -p "$maildir" && touch "$maildir/FAIL"
post $support "/requests/$id/notes" "text=RETRY-$stamp"
flush refused
check "the sender says sendmail failed" grep -q "sendmail failed" "$tmp/flush"
row=$(sql "SELECT max(id) FROM outbox WHERE request_id = $id")
refused() { test "$(sql "SELECT sent_at IS NULL AND attempts >= 1 AND error = 'sendmail failed' FROM outbox WHERE id = $row")" = 1; }
check "a refused mail is kept unsent" within refused
check "… and tried again later, not at once" test "$(sql "SELECT next_at > unixepoch() FROM outbox WHERE id = $row")" = 1
rm -f "$maildir/FAIL"
sql "UPDATE outbox SET next_at = 0 WHERE id = $row"
flush
check "… and sent once sendmail takes it" test -n "$(mail_with $agent "RETRY-$stamp")"
check "… exactly once" test "$(mail_with $agent "RETRY-$stamp" | wc -l)" = 1

# --- remediation steps reach the other side

post $opadmin /remediation partner=1 "requests=$id" "summary=CASE-$stamp"
case=$(xp /page/case/@id)
post $admin "/remediation/$case/slots" at=2099-06-01T10:00
flush
m=$(mail_with $admin "CASE-$stamp")
check "opening a case is mailed to the partner's global admin" test -n "$m"
check "… with a link to the case" grep -q "^$PD_TEST_BASE/remediation/$case\$" $m
check "… and not to its admin agent" test -z "$(mail_with $agent "CASE-$stamp")"
check "the partner's proposed time is mailed to the operator admins" \
    grep -l "/remediation/$case\$" $(grep -l "^To: $opadmin\$" "$maildir"/*.eml)

# --- partners' replies reach whoever works the request

post $agent /requests customer=1 service=1 topic=11 "title=test-mail $stamp assigned" \
    "description=d" severity=B "contact_name=Li Na" contact_email=agent@contoso.example contact_lang=en
as=$(xp /page/request/@id)
post $opadmin "/desk/assign/$as" to=7
post $agent "/requests/$as/notes" "text=ASSIGNED-$stamp"
flush
check "a partner's note on an assigned request mails its assignee" test -n "$(mail_with $opadmin "ASSIGNED-$stamp")"
check "… and no other agent" test -z "$(mails_now $support "ASSIGNED-$stamp")"
post $agent "/requests/$as/close" "text=CLOSED-$stamp"
flush
check "the partner closing it mails the assignee too" grep -q "the partner closed the request" $(mail_with $opadmin "CLOSED-$stamp")

post $opadmin /desk/address address=queue@operator.example
expect_status 201 "the operator admin sets the support queue's address"
post $support /desk/address address=me@operator.example
expect_status 403 "a support agent does not"
post $agent "/requests/$id/notes" "text=QUEUE-$stamp"
flush
check "unassigned, a partner's note goes to the queue's address" test -n "$(mail_with queue@operator.example "QUEUE-$stamp")"
check "… instead of every support agent" test -z "$(mails_now $support "QUEUE-$stamp")"
post $opadmin /desk/address address=
check "… until the operator admin unsets it" test "$status/$(sql "SELECT count(*) FROM setting")" = 201/0

# --- a logged contact's summary, when shared

post $support "/requests/$id/contacts" method=phone "summary=SHARED-$stamp: we called" visibility=public
post $support "/requests/$id/contacts" method=phone "summary=UNSHARED-$stamp: rude"
flush
check "a contact summary marked public reaches the partner's contact" test -n "$(mail_with $agent "SHARED-$stamp")"
check "… one not marked never does" in_no_mail "UNSHARED-$stamp"

# --- preferences

post $agent /account/mail on=status on=incidents
expect_status 303 "the partner turns reply mail off"
xget -u $agent /account
expect_xp "/page/account/mail/topic[@name='replies']/@on" no "… and Account settings says so"
post $support "/requests/$id/notes" "text=OPTOUT-$stamp"
post $support "/requests/$id/status" status=attention_needed "text=STATUS-$stamp"
flush
check "an opted-out reply is not mailed" in_no_mail "OPTOUT-$stamp"
check "… while status changes still are" test -n "$(mail_with $agent "STATUS-$stamp")"
post $agent /account/mail on=security
expect_status 422 "security mail is no topic one can turn off"
expect_xp "/page/errors/error[@field='on']/@rule" choice "… the form says so"
# Every kind turned off (the opted-out reply above): a password reset
# still comes.  (No new reply here: test-roles reads request 13's among
# the dashboard's ten newest.)
post $agent /account/mail
fetch -u anon -x GET /password/reset
fetch -u anon -x POST /password/reset --data-urlencode "csrf=$(xp '/page/*[@csrf]/@csrf')" \
    --data-urlencode "email=$agent"
expect_status 303 "the partner, with every kind of mail off, asks for a password reset"
flush
check "… but the reset link (security mail cannot be turned off)" \
    grep -q "/password/set?token=" $(mail_with $agent "reset the password" | tail -n1) /dev/null
post $agent /account/mail on=replies on=status on=incidents

# --- incidents: updates and the end reach the contacts of linked requests

post $opadmin /health/incidents service=1 "title=MAILINC-$stamp" kind=incident status=warning "text=first"
mi=$(xp /page/health/incident/@id)
post $support "/requests/$id/incident" incident="$mi"
post $support "/health/incidents/$mi/updates" "text=MAILUPD-$stamp" status=critical
flush
m=$(mail_with $agent "MAILUPD-$stamp")
check "an incident's update reaches the contact of a linked request" test -n "$m"
check "… with a link to the incident" grep -q "^$PD_TEST_BASE/health/incidents/$mi\$" $m
check "… and its status in words" grep -q "Service interruption" $m
post $support "/health/incidents/$mi/updates" "text=MAILEND-$stamp" resolved=yes
flush
check "its end reaches the contact too" grep -q "the incident it is linked to was resolved" $(mail_with $agent "MAILEND-$stamp")
