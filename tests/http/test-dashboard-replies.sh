# The partner's dashboard lists the operator's latest replies: on each
# of its requests replied to in the last 14 days, the newest public note
# of operator staff (request.reply_id, kept by a trigger: migration
# 029), newest first.  Internal notes, partners' own notes and other
# partners' requests are not replies; the list agrees with the notes
# themselves.
. "$PD_TOP/tests/http/lib.sh"
plan 12

agent=agent@contoso.example
support=support@operator.example
other=agent@fabrikam.example
for u in $agent $support $other; do login $u; done
stamp=$$

first=$(sql "SELECT min(id) FROM request WHERE partner_id = 1 AND customer_id IS NOT NULL AND status <> 'closed'")
second=$(sql "SELECT min(id) FROM request WHERE partner_id = 1 AND customer_id IS NOT NULL AND status <> 'closed' AND id > $first")
theirs=$(sql "SELECT min(id) FROM request WHERE partner_id = 2 AND status <> 'closed'")

post $support "/requests/$first/notes" "text=OLDER-$stamp" visibility=public
post $support "/requests/$second/notes" "text=SECOND-$stamp" visibility=public
sleep 1
post $support "/requests/$first/notes" "text=NEWER-$stamp" visibility=public
post $support "/requests/$first/notes" "text=INTERNAL-$stamp" visibility=internal
post $agent "/requests/$first/notes" "text=PARTNER-$stamp"
post $support "/requests/$theirs/notes" "text=THEIRS-$stamp" visibility=public
expect_status 201 "the operator replies on another partner's request"

xget -u $agent /dashboard
expect_xp "count(/page/dashboard/replies/reply[@request-id=$first])" 1 \
    "a request replied to twice is listed once"
expect_xp "/page/dashboard/replies/reply[1]/@request-id" "$first" "… first, as the latest reply"
expect_xp "/page/dashboard/replies/reply[@request-id=$first]/body" "NEWER-$stamp" \
    "… with its newest public staff note, not the internal note after it nor the partner's own"
expect_xp "/page/dashboard/replies/reply[2]/body" "SECOND-$stamp" "the other request's reply comes next"
expect_xp "count(/page/dashboard/replies/reply[contains(body, 'THEIRS-$stamp')])" 0 \
    "another partner's request is not among the replies"

# The list against the notes themselves: per request, its newest public
# note by operator staff in the window, the ten newest requests.
expected=$(sql "SELECT group_concat(request_id, ' ') FROM (SELECT e.request_id,
    max(e.at) AS at FROM event e JOIN request r ON r.id = e.request_id
    JOIN user u ON u.id = e.actor_id WHERE r.partner_id = 1
    AND e.kind = 'note' AND e.visibility = 'public' AND u.partner_id IS NULL
    AND e.at > unixepoch() - 14 * 86400 GROUP BY e.request_id
    ORDER BY at DESC, e.request_id DESC LIMIT 10)")
got=$(xpath '/page/dashboard/replies/reply/@request-id' | sed 's/.*="\(.*\)"/\1/' | tr '\n' ' ' | sed 's/ $//')
check "the dashboard's replies are the newest replied requests, computed from the notes ($got)" \
    test "$got" = "$expected"
check "every request's reply_id is its newest public staff note" test "$(sql "
    SELECT count(*) FROM request r WHERE r.reply_id IS NOT (SELECT e.id FROM event e
    JOIN user u ON u.id = e.actor_id WHERE e.request_id = r.id AND e.kind = 'note'
    AND e.visibility = 'public' AND u.partner_id IS NULL ORDER BY e.at DESC, e.id DESC LIMIT 1)")" = 0

xget -u $other /dashboard
expect_xp "count(/page/dashboard/replies/reply[@request-id=$theirs])" 1 \
    "… and is on its own partner's dashboard"
