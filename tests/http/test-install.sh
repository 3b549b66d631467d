# The Makefile's own targets, run as an administrator would: a build
# directory other than build/.
. "$PD_TOP/tests/http/lib.sh"

# make -n prints what a fresh database would be made with: the pdctl of
# the build directory asked for, not build/'s.
out=$(make -s -n -C "$PD_TOP" B="$tmp/b" VAR="$tmp/var" "$tmp/var/partnerdesk.db")
if grep -q "^$tmp/b/pdctl init $tmp/var/partnerdesk.db" <<<"$out"; then
	ok "make: the database is made by \$(B)/pdctl"
else
	notok "make: the database is made by \$(B)/pdctl ($(grep 'pdctl init' <<<"$out"))"
fi
