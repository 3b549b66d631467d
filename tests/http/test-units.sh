# The production units (contrib/systemd): systemd accepts them, the
# target starts every program the build makes, and pdsupervise works
# under socket activation as partnerdesk@.socket runs it: the socket
# systemd passes reaches the workers, a killed worker comes back, and the
# socket is left to systemd when the supervisor stops.
. "$PD_TOP/tests/http/lib.sh"
plan 19

units="$PD_TOP/contrib/systemd"
bin=$(cd "${PD_BIN:-build}" && pwd)

# --- systemd-analyze verify, with the installed paths pointing at this
# build (it checks that every ExecStart names a program that exists)
# through a link: the clone may sit in a path with a space, which the
# units, written for /usr, do not quote.
mkdir "$tmp/units"
ln -s "$bin" "$tmp/bin"
for f in "$units"/*; do
	sed -e "s|/usr/sbin/|$tmp/bin/|g" -e "s|/usr/lib/partnerdesk/|$tmp/bin/cgi-bin/|g" \
	    "$f" > "$tmp/units/${f##*/}"
done
for p in "$bin"/cgi-bin/*; do
	p=${p##*/}
	cp "$tmp/units/partnerdesk@.service" "$tmp/units/partnerdesk@$p.service"
	cp "$tmp/units/partnerdesk@.socket" "$tmp/units/partnerdesk@$p.socket"
done
if (cd "$tmp/units" && systemd-analyze verify --no-pager partnerdesk@login.service \
    partnerdesk@login.socket partnerdesk-mail.service partnerdesk-checkpoint.service \
    partnerdesk.target) \
    >"$tmp/verify" 2>&1 && ! grep -q . "$tmp/verify"; then
	ok "systemd-analyze verify accepts the units"
else
	notok "systemd-analyze verify accepts the units: $(head -n 3 "$tmp/verify" | tr '\n' ' ')"
fi

# --- the target wants every program's workers, and only those
wanted=$(sed -n 's/^Wants=//p' "$units/partnerdesk.target" | tr ' ' '\n' |
    sed -n 's/^partnerdesk@\(.*\)\.service$/\1/p' | sort | tr '\n' ' ')
built=$(ls "$bin/cgi-bin" | sort | tr '\n' ' ')
check "partnerdesk.target wants every program's workers ($wanted)" test "$wanted" = "$built"
check "the target wants the one WAL checkpointer" \
    grep -qx 'Wants=partnerdesk-checkpoint.service' "$units/partnerdesk.target"
check "the mail sender can be enabled ([Install])" \
    grep -q '^WantedBy=partnerdesk.target' "$units/partnerdesk-mail.service"
check "the workers log to a file logrotate rotates" \
    grep -q "^/var/log/partnerdesk/\*.log" "$PD_TOP/contrib/logrotate/partnerdesk"

# --- socket activation, as systemd does it
sock="$tmp/health.sock"
# (It passes on only the environment it is told to, as systemd does.)
systemd-socket-activate -l "$sock" -E PD_DB="$PD_TEST_DB" -E PD_XSLT="$PD_TOP/xslt" \
    -E PD_MIGRATIONS="$PD_TOP/db/migrations" -E ASAN_OPTIONS \
    "$bin/pdsupervise" -n 2 -- "$bin/cgi-bin/health" 2>"$tmp/activate.log" &
supervisor=$!
# fcgi: one FastCGI request for /health, as the web server would send.
fcgi() {
	env -i REQUEST_METHOD=GET REQUEST_URI=/health SCRIPT_NAME=/health \
	    QUERY_STRING= HTTP_ACCEPT=application/xml \
	    cgi-fcgi -bind -connect "$sock" 2>/dev/null | tr -d '\r' | head -n 1
}
for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
check "a request through the socket systemd passed" test "$(fcgi)" = "Status: 401 Unauthorized"
check "… with the database it was given" test ! -e "$PD_TOP/partnerdesk.db"
workers=$(pgrep -P "$supervisor" | wc -l)
check "… served by the workers ($workers)" test "$workers" = 2
check "the workers do not see LISTEN_FDS" \
    bash -c "! grep -qz '^LISTEN_FDS=' /proc/$(pgrep -P "$supervisor" | head -n 1)/environ"
killed=$(pgrep -P "$supervisor")
kill -9 $killed
# Until they are gone: one may still take a connection as it dies.
for _ in $(seq 50); do ps -p "$(echo $killed | tr ' ' ,)" >/dev/null || break; sleep 0.1; done
check "after both workers are killed, it answers again" test "$(fcgi)" = "Status: 401 Unauthorized"
# Its workers now: once it is gone they would be init's children, so
# they are checked by pid, not as its children.
workers=$(pgrep -P "$supervisor" | tr '\n' ' ')
kill -TERM "$supervisor"
wait "$supervisor"
rc=$?
left=""
for pid in $workers; do ps -o stat= -p "$pid" | grep -q '^[^Z]' && left="$left $pid"; done
check "SIGTERM stops the supervisor (status $rc) and its workers (${workers:-none}; left:${left:- none})" \
    test "$rc" = 0 -a -n "$workers" -a -z "$left"
check "… and leaves systemd's socket in place" test -S "$sock"
check "… and logged both deaths" \
    test "$(grep -c "health\[[0-9]*\] was killed by signal 9" "$tmp/activate.log")" = 2

# --- systemd's variables for another process (or two sockets): the
# workers would have no socket, so the supervisor refuses to start
LISTEN_PID=1 LISTEN_FDS=1 timeout 5 "$bin/pdsupervise" -n 1 -- /bin/true \
    2>"$tmp/wrongfds.log"
rc=$?
check "a socket passed to another process: it refuses to start (status $rc)" \
    test "$rc" = 1
check "… and says why" grep -q "wanted one socket for this process" "$tmp/wrongfds.log"

# --- a program that cannot start: restarted for ever, but not in a spin
"$bin/pdsupervise" -n 1 -- /bin/false 2>"$tmp/false.log" &
looping=$!
sleep 4
kill -TERM "$looping"
wait "$looping"
deaths=$(grep -c "false\[[0-9]*\] exited with status 1" "$tmp/false.log")
check "a program that cannot start is restarted with a growing delay ($deaths in 4 s)" \
    test "$deaths" -ge 5 -a "$deaths" -le 8
check "… which stops growing at 1 s: it never gives up" \
    grep -q "restarting in 1.0 s" "$tmp/false.log"

# --- started with no standard input (<&-), its socket is descriptor 0,
# the very one the workers take it as: they must still get it.
sock="$tmp/nostdin.sock"
PD_DB="$PD_TEST_DB" PD_XSLT="$PD_TOP/xslt" PD_MIGRATIONS="$PD_TOP/db/migrations" \
    "$bin/pdsupervise" -n 1 -s "$sock" -- "$bin/cgi-bin/health" \
    <&- 2>>"$tmp/activate.log" &
supervisor=$!
for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
check "with standard input closed, a request through its socket" \
    test "$(timeout 5 bash -c "$(declare -f fcgi); sock='$sock' fcgi")" = "Status: 401 Unauthorized"
kill -TERM "$supervisor"
wait "$supervisor"

# --- a supervisor that is killed takes its workers with it: left behind,
# they would hold the socket, and a new supervisor would find it in use.
PD_DB="$PD_TEST_DB" PD_XSLT="$PD_TOP/xslt" PD_MIGRATIONS="$PD_TOP/db/migrations" \
    "$bin/pdsupervise" -n 2 -s "$tmp/orphans.sock" -- "$bin/cgi-bin/health" \
    2>>"$tmp/activate.log" &
supervisor=$!
disown "$supervisor"	# bash would report its SIGKILL on stderr
for _ in $(seq 50); do [ "$(pgrep -P "$supervisor" | wc -l)" = 2 ] && break; sleep 0.1; done
workers=$(pgrep -P "$supervisor" | tr '\n' ' ')
kill -9 "$supervisor"
left=$workers
for _ in $(seq 20); do
	left=""
	for pid in $workers; do ps -o stat= -p "$pid" | grep -q '^[^Z]' && left="$left $pid"; done
	[ -z "$left" ] && break
	sleep 0.1
done
check "a killed supervisor's workers stop too (${workers:-none}; left:${left:- none})" \
    test -n "$workers" -a -z "$left"
[ -z "$left" ] || kill $left
