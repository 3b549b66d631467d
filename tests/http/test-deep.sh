# A tree deep enough that a socket under var/run would pass the 107
# bytes a Unix socket's path may have: scripts/serve (what `make run`
# runs) puts the sockets in a directory of its own under /tmp instead,
# serves, and removes that directory when it stops.
. "$PD_TOP/tests/http/lib.sh"
plan 4

deep="$tmp/$(printf 'd%.0s' $(seq 60))/$(printf 'e%.0s' $(seq 40))"
mkdir -p "$deep"
case "${PD_BIN:-build}" in /*) bin=$PD_BIN ;; *) bin="$PD_TOP/${PD_BIN:-build}" ;; esac
"$bin/pdctl" demo "$deep/deep.db" >/dev/null
check "var/run there is too deep for a socket" \
    test "$(printf '%s' "$deep/var/run/remediation.sock" | wc -c)" -gt 107

# A port nothing listens on, from the test port + 30 up.
port=$((${PD_TEST_PORT:-18080} + 30))
while (: < "/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
"$PD_TOP/scripts/serve" --port "$port" --db "$deep/deep.db" --var "$deep/var" \
    >"$tmp/serve.log" 2>&1 &
serving=$!
up=""
for _ in $(seq 100); do
	curl -sf -m 5 -o /dev/null "http://127.0.0.1:$port/login" && up=1 && break
	sleep 0.1
done
check "it serves /login" test -n "$up"
# Its own, as it says: other trees' runs may have made theirs meanwhile.
mine=$(sed -n 's|^partnerdesk: sockets in \(/tmp/partnerdesk-run\.[^ ]*\) .*|\1|p' "$tmp/serve.log")
check "… with its sockets in a directory of its own ($mine)" \
    test -n "$mine" -a -S "$mine/login.sock"
kill -TERM "$serving"
wait "$serving"
check "… which is gone once it stops" test -n "$mine" -a ! -d "$mine"
