# Full-text search (migration 021, lib/search.c): the q of the request
# list and the desk finds the text as typed in titles, descriptions
# and notes, within what the reader may see: partner A never finds B's text, a
# helpdesk agent never finds a partner request's, internal notes are
# for operator staff.  Text is found from a word's start or inside (the
# trigram index); Chinese from three characters by the index and
# shorter by a walk with LIKE; the FTS5 grammar in what a reader types
# is text.  (test-export.sh searches a phrase too frequent for the
# index, which walks the list instead.)
# Every word below is made up, so nothing else in the database has it.
. "$PD_TOP/tests/http/lib.sh"
plan 48

agent=agent@contoso.example
admin=admin@contoso.example
helpdesk=helpdesk@contoso.example
fabrikam=agent@fabrikam.example
support=support@operator.example
for u in $agent $admin $helpdesk $fabrikam $support; do login "$u"; done

# total USER PATH: the list's total for USER, or the desk's row count.
total() {
	xget -u "$1" "$2"
	case "$2" in
	/desk*) count /page/desk/request ;;
	*) xp /page/requests/@total ;;
	esac
}

post $agent /requests customer=1 service=1 topic=11 \
    "title=Zebrafinch mailbox quarantined" \
    "description=The quokkalith connector stops at midnight." \
    severity=B "contact_name=Li Na" contact_email=agent@contoso.example
id=$(xp /page/request/@id)
post $support "/requests/$id/notes" "text=Public reply: the platypoid relay is back."
post $support "/requests/$id/notes" "text=Internal: wombatic escalation to tier 3." \
    visibility=internal
post $agent /requests customer=1 service=1 topic=11 "title=邮件无法发送到外部" \
    "description=自昨天起所有用户都受影响。" severity=B "contact_name=Li Na" \
    contact_email=agent@contoso.example
zh=$(xp /page/request/@id)
post $fabrikam /requests customer=101 service=1 topic=11 "title=Narwhalesque sync fails" \
    "description=Only Fabrikam sees this." severity=C "contact_name=Ana" \
    contact_email=agent@fabrikam.example
# A partner request of Contoso's (no customer), which its helpdesk
# agents do not see in any list.
sql "INSERT INTO request (partner_id, service_id, topic_id, title, description,
    severity, contact_name, contact_email, contact_phone, created_by, created_at,
    updated_at) SELECT 1, service_id, topic_id, 'Ocelotine billing account',
    'Partner-only text', 'C', contact_name, contact_email, contact_phone,
    created_by, unixepoch(), unixepoch() FROM request WHERE id = $id"

check "the requests were filed" test -n "$id" -a -n "$zh"
check "demo data filed before the migration was indexed (the backfill)" \
    test "$(sql "SELECT count(*) FROM request_text WHERE request_text MATCH '\"inbound mail\"'")" -ge 1

# --- what is found
expect_one() {
	local got; got=$(total "$1" "$2")
	if [ "$got" = 1 ]; then ok "$3"; else notok "$3 ($2 for $1: $got found)"; fi
}
expect_none() {
	local got; got=$(total "$1" "$2")
	if [ "$got" = 0 ]; then ok "$3"; else notok "$3 ($2 for $1: $got found)"; fi
}
expect_one $agent "/requests?q=zebrafinch" "a word of the title"
expect_xp /page/requests/request/@id "$id" "… the request filed"
expect_one $agent "/requests?q=ZEBRAF" "a prefix, in any case"
expect_one $agent "/requests?q=zebraf*" "a prefix with a trailing *"
expect_one $agent "/requests?q=ebrafin" "inside a word"
expect_one $agent "/requests?q=quokkalith" "a word of the description"
expect_one $agent "/requests?q=platypoid%20relay" "two words of a public note"
expect_none $agent "/requests?q=relay%20platypoid" "… as typed: in another order they are another text"
expect_none $agent "/requests?q=zebrafinch%20platypoid" "… and words of two texts are not one text"
expect_one $agent "/requests?q=zebrafinch&severity=B" "with the list's other filters"
expect_none $agent "/requests?q=zebrafinch&severity=A" "… which still apply"

# --- scoping
expect_none $agent "/requests?q=wombatic" "a partner does not find an internal note"
expect_one $support "/requests?q=wombatic" "operator staff do"
expect_one $support "/desk?q=wombatic" "… on the desk too"
expect_one $support "/desk?q=platypoid" "the desk searches notes"
expect_none $agent "/requests?q=narwhalesque" "partner A never finds B's text"
expect_one $fabrikam "/requests?q=narwhalesque" "… which B finds"
expect_none $fabrikam "/requests?q=zebrafinch" "… and B never finds A's"
expect_none $fabrikam "/requests?q=quokkalith" "… nor A's descriptions"
expect_none $fabrikam "/requests?q=%E9%82%AE%E4%BB%B6" "… nor, by a walk, A's Chinese"
expect_none $helpdesk "/requests?q=ocelotine" "a helpdesk agent never finds a partner request"
fetch -u $helpdesk -x GET "/requests?scope=partner&q=ocelotine"
expect_status 403 "… not even asking for them"
expect_one $admin "/requests?scope=partner&q=ocelotine" "an administrator finds it among partner requests"
expect_none $admin "/requests?q=ocelotine" "… and not among customer requests"

# --- Chinese
expect_one $agent "/requests?q=%E9%82%AE%E4%BB%B6%E6%97%A0%E6%B3%95" "邮件无法: four characters, by the index"
expect_one $agent "/requests?q=%E9%82%AE%E4%BB%B6" "邮件: two characters, by a walk"
expect_one $agent "/requests?q=%E5%8F%97%E5%BD%B1%E5%93%8D" "受影响, inside the description"
expect_one $agent "/requests?q=%E5%A4%96%E9%83%A8" "外部: two characters at the title's end"
check "the search's time is logged, by the index and by a walk" \
    sh -c "grep -q 'search requests (index): [0-9.]* ms, cpu [0-9.]* ms' '$PD_TEST_WORK/serve.log' &&
        grep -q 'search requests (walk): [0-9.]* ms, cpu [0-9.]* ms' '$PD_TEST_WORK/serve.log'"

# --- the FTS5 grammar is text to find, never a 500
for q in '%22' '*' 'NEAR(' 'zebra%22finch' 'AND' 'title:zebrafinch' '(((%20OR' '-zebrafinch' '^zeb'; do
	xget -u $agent "/requests?q=$q"
	if [ "$status" = 200 ]; then ok "q=$q is text (HTTP 200)"
	else notok "q=$q is text (HTTP $status, wanted 200)"; fi
done
expect_none $agent "/requests?q=zebrafinch%20OR%20narwhalesque" "OR is a word to find, not an operator"

# --- the indexes match their text: FTS5's own check against the rows
check "request_text holds every request's title and description" \
    sql "INSERT INTO request_text (request_text, rank) VALUES ('integrity-check', 1)"
check "note_text holds every note and contact" \
    sql "INSERT INTO note_text (note_text, rank) VALUES ('integrity-check', 1)"
