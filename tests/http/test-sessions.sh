# Sessions end when unused for a while, besides 12 h after sign-in:
# operator staff after 30 minutes, a partner's users after their
# partner's limit (partner.session_idle_minutes, 120 by default).  A
# session's use is recorded at most once a minute, after the answer.
. "$PD_TOP/tests/http/lib.sh"
plan 9

operator=support@operator.example
agent=agent@contoso.example
login $operator
login $agent
# idle USER MINUTES: USER's sessions were last used MINUTES ago.
idle() {
	sql "UPDATE session SET seen_at = unixepoch() - $2 * 60
	    WHERE user_id = (SELECT id FROM user WHERE email = '$1')"
}
seen() { sql "SELECT max(seen_at) > unixepoch() - 60 FROM session
    WHERE user_id = (SELECT id FROM user WHERE email = '$1')"; }

idle $operator 29
fetch -u $operator GET /desk
expect_status 200 "operator staff idle 29 minutes are still signed in"
recorded() { for _ in $(seq 20); do [ "$(seen $operator)" = 1 ] && return; sleep 0.1; done; return 1; }
check "… and the use is recorded" recorded
idle $operator 31
fetch -u $operator GET /desk
expect_status 303 "idle 31 minutes, they are not"
check "… sent to sign in, told the session expired" \
    bash -c "case '$(header Location)' in /login\?next=*expired=1) exit 0;; esac; exit 1"

idle $agent 119
xget -u $agent /dashboard
expect_status 200 "a partner's user idle 119 of the partner's 120 minutes is signed in"
sql "UPDATE partner SET session_idle_minutes = 60 WHERE id = 1"
idle $agent 61
xget -u $agent /dashboard
expect_status 401 "past the partner's own limit of 60 minutes, not"
sql "UPDATE partner SET session_idle_minutes = 120 WHERE id = 1"
check "a partner's limit stays between 5 and 720 minutes" \
    sql_refused "CHECK constraint failed" "UPDATE partner SET session_idle_minutes = 1 WHERE id = 1"
