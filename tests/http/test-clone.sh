# A newcomer's first run: the project cloned into a fresh 0700 directory
# whose path has a space in it (Debian makes every home directory 0700;
# as root, nginx's workers would otherwise be nobody and could not enter
# it), started the README's way, `make run PORT=…`.  The sign-in page and
# a static file must answer 200, and Ctrl-C must stop every process it
# started.  It clones this tree's HEAD: uncommitted changes are not in it.
. "$PD_TOP/tests/http/lib.sh"
plan 15

home="$tmp/home dir"
mkdir -m 700 "$home"
clone="$home/partnerdesk"
if ! git clone -q "$PD_TOP" "$clone" 2>"$tmp/clone.err"; then
	notok "git clone of the project ($(head -n 1 "$tmp/clone.err"))"
	exit 0
fi
check "the clone is in a 0700 directory" test "$(stat -c %a "$home")" = 700

# A port nothing listens on, from the test port + 10 up.
port=$((${PD_TEST_PORT:-18080} + 10))
while (: < "/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

# In a session of its own (setsid), so that its process group can get
# the terminal's Ctrl-C and its stray processes can be found.
# alive PID: PID runs (a zombie does not).
alive() { ps -o stat= -p "$1" | grep -q '^[^Z]'; }
cd "$clone" || exit 1
env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u PD_BIN \
    setsid make run PORT="$port" > "$tmp/run.log" 2>&1 &
session=$!
cd "$PD_TOP" || exit 1
up=""
for _ in $(seq 1200); do
	curl -sf -m 5 -o /dev/null "http://127.0.0.1:$port/login" && up=1 && break
	alive "$session" || break
	sleep 0.1
done
check "make run serves from the clone" test -n "$up"
check "… in a session of its own" test "$(ps -o sid= -p "$session" | tr -d ' ')" = "$session"

base="http://127.0.0.1:$port"
fetch GET /login
expect_status 200 "the sign-in page from the 0700 clone"
fetch GET /static/style.css
expect_status 200 "a static file from the 0700 clone"
check "… the file itself" cmp -s "$body" "$clone/www/style.css"
login agent@contoso.example
fetch -u agent@contoso.example GET /dashboard
expect_status 200 "a signed-in page from the clone's demo database"
page_checks "the clone's dashboard"

kill -INT -- "-$session"
for _ in $(seq 150); do
	alive "$session" || break
	sleep 0.1
done
check "Ctrl-C stops make run" bash -c "! ps -o stat= -p $session | grep -q '^[^Z]'"
alive "$session" || wait "$session"
stray=$(pgrep -s "$session" | tr '\n' ' ')
check "… and every process it started (left: ${stray:-none})" test -z "$stray"
check "… and nothing listens on its port" \
    bash -c "! (: < /dev/tcp/127.0.0.1/$port) 2>/dev/null"
check "… and the sockets are removed" \
    bash -c "! ls '$clone'/var/run/*.sock 2>/dev/null"
if [ -z "$up" ] || [ -n "$stray" ]; then
	echo "# make run's output (tail):"
	tail -n 15 "$tmp/run.log" | sed 's/^/#   /'
	pgrep -s "$session" >/dev/null && kill -KILL -- "-$session"
fi
