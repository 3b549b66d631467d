# The Makefile's own targets, run as an administrator would: a build
# directory other than build/.
. "$PD_TOP/tests/http/lib.sh"
plan 21

# make -n prints what a fresh database would be made with: the pdctl of
# the build directory asked for, not build/'s.
out=$(make -s -n -C "$PD_TOP" B="$tmp/b" VAR="$tmp/var" "$tmp/var/partnerdesk.db")
if grep -q "^$tmp/b/pdctl demo $tmp/var/partnerdesk.db" <<<"$out"; then
	ok "make: the database is made by \$(B)/pdctl"
else
	notok "make: the database is made by \$(B)/pdctl ($(grep 'pdctl demo' <<<"$out"))"
fi

# --- make install DESTDIR=… PREFIX=/usr, as a package build would

dest="$tmp/dest"
if make -s -C "$PD_TOP" B="$tmp/b" install DESTDIR="$dest" PREFIX=/usr \
    >"$tmp/install.log" 2>&1; then
	ok "make install DESTDIR=… PREFIX=/usr"
else
	notok "make install DESTDIR=… PREFIX=/usr: $(tail -n 3 "$tmp/install.log" | tr '\n' ' ')"
fi
check "… writes under DESTDIR/usr and DESTDIR/etc only" \
    test "$(cd "$dest" && find . -mindepth 1 -maxdepth 1 | sort | tr '\n' ' ')" = "./etc ./usr " -o \
    "$(cd "$dest" && find . -mindepth 1 -maxdepth 1 | sort | tr '\n' ' ')" = "./usr "

# Every binary the Makefile builds: the programs beside each other, the
# tools (pdctl, …) on the administrator's path.
bins=$(make -s -C "$PD_TOP" B=BUILD --eval 'print-bins: ; @echo $(BINS)' print-bins)
missing=""
for b in $bins; do
	case "$b" in
	BUILD/cgi-bin/*) f="$dest/usr/lib/partnerdesk/${b#BUILD/cgi-bin/}" ;;
	*) f="$dest/usr/sbin/${b#BUILD/}" ;;
	esac
	[ -x "$f" ] && [ -f "$f" ] || missing="$missing ${f#$dest}"
done
if [ -n "$bins" ] && [ -z "$missing" ]; then ok "every binary is installed ($(wc -w <<<"$bins"))"
else notok "every binary is installed (missing:$missing)"; fi

share="$dest/usr/share/partnerdesk"
check "the stylesheets and their catalogues" diff -r "$PD_TOP/xslt" "$share/xslt"
check "the migrations" diff -r "$PD_TOP/db/migrations" "$share/db/migrations"
check "the static files" diff -r "$PD_TOP/www" "$share/www"
check "the man page" test -s "$dest/usr/share/man/man8/pdctl.8"
check "the documentation" test -s "$dest/usr/share/doc/partnerdesk/deploy.md"
check "the nginx example serves the installed static files" \
    grep -q "/usr/share/partnerdesk/www" "$dest/usr/share/doc/partnerdesk/nginx.conf.example"

# Whatever contrib/ holds: systemd units and the logrotate snippet.
for pair in "systemd:usr/lib/systemd/system" "logrotate:etc/logrotate.d"; do
	from="$PD_TOP/contrib/${pair%%:*}" to="$dest/${pair#*:}"
	want=$(ls "$from" 2>/dev/null | wc -l)
	got=$(ls "$to" 2>/dev/null | wc -l)
	check "contrib/${pair%%:*}: all $want installed in /${pair#*:}" test "$want" -gt 0 -a "$got" = "$want"
done

# The installed programs look in the installed tree by themselves.
pdctl="$dest/usr/sbin/pdctl"
"$pdctl" --help >"$tmp/help" 2>&1
check "pdctl --help" grep -q "^usage: pdctl" "$tmp/help"
check "… names the installed migrations as its default" \
    grep -q "(/usr/share/partnerdesk/db/migrations)" "$tmp/help"
check "… and the installed stylesheets" grep -q "(/usr/share/partnerdesk/xslt)" "$tmp/help"
check "the installed tree migrates a new database" \
    env PD_MIGRATIONS="$share/db/migrations" "$pdctl" migrate "$tmp/new.db"
check "… and compiles the mail stylesheet" \
    env PD_MIGRATIONS="$share/db/migrations" PD_XSLT="$share/xslt" "$pdctl" mail "$tmp/new.db"
check "… with every migration applied" \
    test "$(sqlite3 "$tmp/new.db" 'PRAGMA user_version')" = "$(ls "$PD_TOP"/db/migrations | tail -n1 | cut -c1-3 | sed 's/^0*//')"

# Installed elsewhere, without any PD_ variable, run from another
# directory: the compiled-in paths are the installed ones.  (Only app.o
# and pdctl are rebuilt for the new PREFIX.)
prefix="$tmp/elsewhere"
if make -s -C "$PD_TOP" B="$tmp/b" install PREFIX="$prefix" >"$tmp/install2.log" 2>&1; then
	ok "make install PREFIX=…/elsewhere"
else
	notok "make install PREFIX=…/elsewhere: $(tail -n 3 "$tmp/install2.log" | tr '\n' ' ')"
fi
(cd / && env -u PD_MIGRATIONS -u PD_XSLT "$prefix/sbin/pdctl" migrate "$tmp/elsewhere.db" &&
    env -u PD_MIGRATIONS -u PD_XSLT "$prefix/sbin/pdctl" mail "$tmp/elsewhere.db") >"$tmp/run2.log" 2>&1
check "pdctl finds the migrations and stylesheets it was installed with" \
    test "$(sqlite3 "$tmp/elsewhere.db" 'PRAGMA user_version')" = "$(ls "$PD_TOP"/db/migrations | tail -n1 | cut -c1-3 | sed 's/^0*//')"
check "… and nothing else was needed" test ! -s "$tmp/run2.log"
