# The partner's dashboard lists the operator's latest replies: on each
# of its requests replied to in the last 14 days, the newest public note
# of operator staff (request.reply_id, kept by a trigger: migration
# 029), newest first.  Internal notes, partners' own notes and other
# partners' requests are not replies; the list agrees with the notes
# themselves.
. "$PD_TOP/tests/http/lib.sh"
plan 14

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
expected=$(sql "SELECT group_concat(request_id, ' ') FROM (SELECT x.request_id,
    max(x.at) AS at FROM staff_reply x JOIN request r ON r.id = x.request_id
    WHERE r.partner_id = 1 AND x.at > unixepoch() - 14 * 86400
    GROUP BY x.request_id ORDER BY at DESC, x.request_id DESC LIMIT 10)")
got=$(xpath '/page/dashboard/replies/reply/@request-id' | sed 's/.*="\(.*\)"/\1/' | tr '\n' ' ' | sed 's/ $//')
check "the dashboard's replies are the newest replied requests, computed from the notes ($got)" \
    test "$got" = "$expected"
latest_wrong="SELECT count(*) FROM request r WHERE r.reply_id IS NOT (SELECT x.id
    FROM staff_reply x WHERE x.request_id = r.id ORDER BY x.at DESC, x.id DESC LIMIT 1)"
check "every request's reply_id is its newest public staff note" test "$(sql "$latest_wrong")" = 0

# Two replies in one second: the trigger keeps the last written, and so
# does the migration's backfill when it is run again over the same notes.
# (Written straight into the timeline: two notes through the page may
# fall in two seconds.)
at=$(sql "SELECT unixepoch() + 60")
staff=$(sql "SELECT id FROM user WHERE email = '$support'")
sql "INSERT INTO event (request_id, at, actor_id, kind, body, visibility) VALUES
    ($second, $at, $staff, 'note', 'TIE-1-$stamp', 'public'),
    ($second, $at, $staff, 'note', 'TIE-2-$stamp', 'public')"
xget -u $agent /dashboard
expect_xp "/page/dashboard/replies/reply[@request-id=$second]/body" "TIE-2-$stamp" \
    "of two replies in one second the dashboard shows the last written"
backfill=$(sed -n '/^UPDATE request SET reply_id/,/;$/p' "$PD_TOP/db/migrations/029_request_reply.sql")
sql "UPDATE request SET reply_id = NULL, replied_at = NULL; $backfill"
check "… and the migration's backfill, run again, agrees with the trigger on every request" \
    test "$(sql "$latest_wrong")" = 0

xget -u $other /dashboard
expect_xp "count(/page/dashboard/replies/reply[@request-id=$theirs])" 1 \
    "… and is on its own partner's dashboard"
