# The audit log records every action it is told of, or the action fails:
# nothing is committed without its record.
. "$PD_TOP/tests/http/lib.sh"
plan 13

sales=sales@contoso.example
agent=agent@contoso.example
login $sales
login $agent

audits() { sql "SELECT count(*) FROM audit WHERE action = '$1'"; }

before=$(audits profile.update)
post $sales /account "name=Wang Fang" phone= lang= tz=Asia/Shanghai
expect_status 303 "a profile is saved"
check "… and audited" test "$(audits profile.update)" = $((before + 1))

before=$(audits deflection.create)
post $agent /deflections customer=1 service=1
expect_status 201 "a deflection is recorded"
deflection=$(xp /page/deflection/@id)
check "… and audited with its id" test "$(sql "SELECT detail FROM audit
    WHERE action = 'deflection.create' ORDER BY id DESC LIMIT 1")" = "$deflection"
check "… once" test "$(audits deflection.create)" = $((before + 1))

# An audit row that cannot be written: the action is refused and undone.
sql "CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit
    WHEN NEW.action = 'profile.update' BEGIN SELECT RAISE(ABORT, 'test'); END"
post $sales /account "name=Not Saved" phone= lang= tz=Asia/Shanghai
expect_status 500 "a profile change whose audit row fails is refused"
check "… and not stored" test "$(sql "SELECT name FROM user WHERE email = '$sales'")" = "Wang Fang"
sql "DROP TRIGGER test_audit_fails"
post $sales /account "name=Wang Fang" phone= lang= tz=Asia/Shanghai
expect_status 303 "with the audit log writable again, it is saved"

# Signing in is audited too: when its row cannot be written the answer
# is 500, not a refused password, and no session is made.
sql "CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit
    WHEN NEW.action = 'sign_in_failed' BEGIN SELECT RAISE(ABORT, 'test'); END"
fetch -u nobody -x GET /login
fetch -u nobody -x POST /login --data-urlencode "email=$sales" \
    --data-urlencode "password=wrong password" --data-urlencode "csrf=$(xp /page/csrf)"
expect_status 500 "a failed sign-in whose audit row fails is a server error"
sql "DROP TRIGGER test_audit_fails"
sql "CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit
    WHEN NEW.action = 'sign_in' BEGIN SELECT RAISE(ABORT, 'test'); END"
sessions=$(sql "SELECT count(*) FROM session")
fetch -u nobody -x GET /login
fetch -u nobody -x POST /login --data-urlencode "email=$sales" \
    --data-urlencode "password=$password" --data-urlencode "csrf=$(xp /page/csrf)"
expect_status 500 "a sign-in whose audit row fails is a server error"
check "… makes no session" test "$(sql "SELECT count(*) FROM session")" = "$sessions"
sql "DROP TRIGGER test_audit_fails"
