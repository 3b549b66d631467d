# The SLA policy editor (policies.c, migration 020): only the operator
# admin changes it; a change makes a new version that new requests take
# while requests filed before keep theirs (their due time does not
# move); bad input is refused beside its field, storing nothing; every
# change is audited and versions are never edited in the database.
. "$PD_TOP/tests/http/lib.sh"
plan 64

oa=admin@operator.example
sup=support@operator.example
agent=agent@contoso.example
for u in $oa $sup $agent; do login "$u"; done
versions() { sql "SELECT count(*) FROM sla_policy"; }
audits() { sql "SELECT count(*) FROM audit WHERE action = 'sla.policy.update'"; }
current() { sql "SELECT id FROM sla_policy WHERE retired_at IS NULL"; }

for u in $sup $agent; do
	xget -u $u /admin/sla
	expect_status 403 "$u may not open the SLA policy"
done
post $sup /admin/sla target=first_response severity=C kind=other minutes=60 \
    calendar=24x7 pause=attention_needed warn=80
expect_status 403 "a support agent may not change it"

xget -u $oa /admin/sla
expect_status 200 "the operator admin's SLA policy"
expect_valid "the SLA policy"
expect_xp "count(/page/policy/targets/target)" 18 "3 targets x 3 severities x 2 topic kinds"
# Version 1 is the hours lib/sla.c had in C.
expect_xp "/page/policy/targets/target[@kind='first_response'][@severity='B'][@topics='other']/@minutes" \
    240 "B's first response: 4 h"
expect_xp "/page/policy/targets/target[@kind='first_response'][@severity='C'][@topics='billing']/@calendar" \
    business "billing C counts business hours"
xget -u $oa "/admin/sla?target=first_response&severity=C&kind=other"
expect_xp "/page/policy/editing/@minutes" 480 "?target=&severity=&kind= picks the target the form edits"
html $oa en "/admin/sla?target=first_response&severity=C&kind=other"
html $oa zh /admin/sla
html $oa it /admin/sla/1

# A request filed now keeps version 1.
good=(customer=1 service=1 topic=11 "title=test-policies: before the change"
    "description=Filed under version 1." severity=C "contact_name=Li Na"
    contact_email=agent@contoso.example "contact_phone=+86 10 5555 0102"
    contact_method=email contact_lang=zh)
post $agent /requests "${good[@]}"
before=$(sql "SELECT max(id) FROM request WHERE title = 'test-policies: before the change'")
check "the request is filed under the current version" \
    test "$(sql "SELECT policy_id FROM request WHERE id = $before")" = "$(current)"
due_before=$(sql "SELECT due_at - created_at FROM request WHERE id = $before")

# --- bad input: the field and the rule, the form kept, nothing stored

v=$(versions) a=$(audits)
refused() {
	local what=$1 field=$2 rule=$3; shift 3
	post $oa /admin/sla "$@"
	expect_status 422 "$what"
	expect_xp "/page/errors/error[@field='$field']/@rule" "$rule" "$what: $field breaks $rule"
	expect_xp "/page/policy/draft[@form='target']/minutes" "$(printf '%s\n' "$@" | sed -n 's/^minutes=//p')" \
	    "$what: what was typed is kept"
}
refused "no minutes" minutes required target=first_response severity=C kind=other \
    minutes= calendar=24x7 pause=attention_needed warn=80
refused "minutes that are no number" minutes minutes target=first_response severity=C \
    kind=other minutes=soon calendar=24x7 pause=attention_needed warn=80
refused "more than a year" minutes minutes target=first_response severity=C kind=other \
    minutes=525601 calendar=24x7 pause=attention_needed warn=80
refused "an unknown calendar" calendar choice target=first_response severity=C kind=other \
    minutes=60 calendar=weekdays pause=attention_needed warn=80
refused "a warning at 100 %" warn warn_percent target=first_response severity=C kind=other \
    minutes=60 calendar=24x7 pause=attention_needed warn=100
refused "an unknown target" target choice target=first_reply severity=C kind=other \
    minutes=60 calendar=24x7 pause=attention_needed warn=80
refused "a change that changes nothing" minutes same_target target=first_response \
    severity=C kind=other minutes=480 calendar=extended pause=attention_needed warn=80
check "none of these stored a version or an audit row" \
    test "$(versions)/$(audits)" = "$v/$a"

# --- a change: a new version for new requests only

# The version replaced and the one made (other tests may have stored
# retired versions of their own: versions are numbered, not counted).
old=$(current) new=$(sql "SELECT max(id) + 1 FROM sla_policy")
post $oa /admin/sla target=first_response severity=C kind=other minutes=60 \
    calendar=24x7 pause=attention_needed warn=75
expect_status 200 "the change is saved (XML: the new current version)"
expect_valid "the new version"
expect_xp "/page/policy/@version" "$new" "it is a new version"
expect_xp "/page/policy/targets/target[@kind='first_response'][@severity='C'][@topics='other']/@minutes" \
    60 "with the new time"
expect_xp "/page/policy/targets/target[@kind='first_response'][@severity='B'][@topics='other']/@minutes" \
    240 "and every other target as it was"
check "the old version is retired" \
    test "$(sql "SELECT retired_at IS NOT NULL FROM sla_policy WHERE id = $old")" = 1
check "one current version" test "$(sql "SELECT count(*) FROM sla_policy WHERE retired_at IS NULL")" = 1
check "audited with before and after" test "$(sql "SELECT detail FROM audit
    WHERE action = 'sla.policy.update' ORDER BY id DESC LIMIT 1")" = \
    "version $new replaces $old: first_response C other: 480 min, extended, pause attention_needed, warn 80 % -> 60 min, 24x7, pause attention_needed, warn 75 %"
xget -u $oa /admin/sla/$old
expect_status 200 "the old version stays readable"
expect_xp "/page/policy/targets/target[@kind='first_response'][@severity='C'][@topics='other']/@minutes" \
    480 "with its own targets"
xget -u $oa /admin/sla/999
expect_status 404 "a version that does not exist"

post $agent /requests "${good[@]/before the change/after the change}"
after=$(sql "SELECT max(id) FROM request WHERE title = 'test-policies: after the change'")
check "a request filed now takes the new version" \
    test "$(sql "SELECT policy_id FROM request WHERE id = $after")" = "$new"
check "and its first response is due in 1 h around the clock" \
    test "$(sql "SELECT due_at - created_at FROM request WHERE id = $after")" = 3600
# A change to the old request recomputes its clock under version 1.
post $sup /requests/$before/notes "text=Looking into it." visibility=internal
check "the request filed before keeps its due time" \
    test "$(sql "SELECT due_at - created_at FROM request WHERE id = $before")" = "$due_before"

# Back to 8 h for the other files' requests.
post $oa /admin/sla target=first_response severity=C kind=other minutes=480 \
    calendar=extended pause=attention_needed warn=80
expect_status 200 "the change back"

check "the database refuses to edit a version" sql_refused "never edited" \
    "UPDATE sla_target SET minutes = 1 WHERE policy_id = 1"
check "… or to delete one" sql_refused "never deleted" "DELETE FROM sla_policy WHERE id = 1"
