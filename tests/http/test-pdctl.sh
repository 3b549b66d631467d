# The administrator's command: a new installation's partners and users
# are made with pdctl, no SQL; they sign in at once.
. "$PD_TOP/tests/http/lib.sh"
plan 17

case "${PD_BIN:-build}" in /*) pdctl="$PD_BIN/pdctl" ;; *) pdctl="$PD_TOP/${PD_BIN:-build}/pdctl" ;; esac
db=$PD_TEST_DB

# exits WANT COMMAND…: passes when the command exits with status WANT.
exits() { local want=$1; shift; "$@" >/dev/null 2>&1 </dev/null; [ $? = "$want" ]; }

"$pdctl" --help >"$tmp/help"
check "pdctl --help lists the user command" grep -q "^  user DB EMAIL ROLE NAME" "$tmp/help"
check "pdctl without a command is a usage error" exits 2 "$pdctl"

partner=$("$pdctl" partner "$db" "Test Reseller (pdctl)")
check "pdctl partner prints the new partner's id" test "$(sql "SELECT name FROM partner WHERE id = '$partner'")" = "Test Reseller (pdctl)"

new_admin=first-admin@operator.example
echo "a long enough password" | "$pdctl" user "$db" $new_admin operator_admin "First Admin" >"$tmp/id"
check "pdctl user adds an operator admin" test "$(sql "SELECT role FROM user WHERE id = '$(cat "$tmp/id")'")" = operator_admin
echo "another long password" | "$pdctl" user "$db" ga@reseller.example global_admin "Reseller Admin" "$partner" >/dev/null
check "… and a partner's global admin" test "$(sql "SELECT partner_id FROM user WHERE email = 'ga@reseller.example'")" = "$partner"

check "an unknown role is refused" exits 2 sh -c "echo 'a long enough password' | '$pdctl' user '$db' x@o.example root X"
check "a partner role needs a partner" exits 2 sh -c "echo 'a long enough password' | '$pdctl' user '$db' x@o.example admin_agent X"
check "an operator role has none" exits 2 sh -c "echo 'a long enough password' | '$pdctl' user '$db' x@o.example support_agent X $partner"
check "an address that is not one is refused" exits 2 sh -c "echo 'a long enough password' | '$pdctl' user '$db' not-an-address support_agent X"
check "a short password is refused" exits 1 sh -c "echo short | '$pdctl' user '$db' x@o.example support_agent X"
check "an email already taken is refused" exits 1 sh -c "echo 'a long enough password' | '$pdctl' user '$db' $new_admin support_agent X"
check "… nothing half-made" test "$(sql "SELECT count(*) FROM user WHERE email = 'x@o.example'")" = 0

password="a long enough password"
login $new_admin
xget -u $new_admin /dashboard
expect_status 200 "the new operator admin signs in"
expect_xp /page/user/@role operator_admin "… as operator admin"
password="another long password"
login ga@reseller.example
xget -u ga@reseller.example /dashboard
expect_xp /page/user/partner "Test Reseller (pdctl)" "the partner's admin signs in to its partner"

# Out of the way of the tests after this one (the audit log keeps them).
sql "UPDATE user SET active = 0 WHERE email IN ('$new_admin', 'ga@reseller.example')"
