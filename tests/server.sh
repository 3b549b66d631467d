# Sourced by tests/run and tests/run-one: starts nginx and the workers on
# loopback with a throw-away demo database in $work and waits until they
# answer, the way `make run` does.  Sets PD_TEST_BASE, PD_TEST_DB and
# $server (scripts/serve's pid, exported as PD_TEST_SERVER).
port=${PD_TEST_PORT:-18080}
export PD_TEST_BASE="http://127.0.0.1:$port" PD_TEST_WORK="$work" PD_TOP="$top"
export PD_TEST_DB="$work/test.db"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
# Every page htmlout.c writes is also written by libxml2 and compared
# (lib/render.c); a difference is logged, and tests/run fails on it.
export PD_RENDER_CHECK=1
# The virus-scan hook, with a stand-in for clamdscan (test-attachments).
export PD_CLAMDSCAN=${PD_CLAMDSCAN-$top/tests/http/fake-clamdscan}
PD_DEMO="$top/db/demo.sql" "${PD_BIN:-build}/pdctl" demo "$PD_TEST_DB" >/dev/null
scripts/serve --port "$port" --db "$PD_TEST_DB" --var "$work/var" \
    >"$work/serve.log" 2>&1 &
server=$!
export PD_TEST_SERVER=$server
for _ in $(seq 1 100); do
	curl -sf -m 5 -o /dev/null "$PD_TEST_BASE/login" && break
	sleep 0.1
done
