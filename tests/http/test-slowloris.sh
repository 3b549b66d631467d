# Slow clients (slowloris) against nginx: 300 connections that send a
# request's headers a line at a time and never finish them.  Meanwhile a
# normal request still answers; and nginx cuts the slow ones when
# client_header_timeout (nginx.conf.example: 10 s for the whole header)
# has passed, so that they hold nothing for long.
. "$PD_TOP/tests/http/lib.sh"
plan 4
port=${base##*:}
trap '' PIPE	# a write to a connection nginx has cut fails, quietly
slow=300

# established: our connections to nginx now.
established() { ss -Htn state established "( dport = :$port )" | wc -l; }

fds=()
for _ in $(seq 1 $slow); do
	exec {fd}<>"/dev/tcp/127.0.0.1/$port" || break
	printf 'GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n' >&"$fd"
	fds+=("$fd")
done
check "$slow slow connections are open (${#fds[@]})" test "${#fds[@]}" -eq $slow
# trickle: one more header line on each still open connection.
trickle() {
	local fd
	for fd in "${fds[@]}"; do printf 'X-Slow: 1\r\n' >&"$fd" 2>/dev/null; done
}
trickle
# Answered while every slow one is still held (nginx has not cut them
# yet): no timing is checked, so a loaded machine cannot fail it.
before=$(established)
took=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -m 30 "$base/login")
held=$(established)
check "… while they are held ($before, then $held established), a normal request answers (HTTP, seconds: $took)" \
    test "${took%% *}" = 200 -a "$before" -gt $((slow / 2)) -a "$held" -ge "$before"
for _ in 1 2 3 4 5 6; do sleep 2; trickle; done
held=$(established)
check "after client_header_timeout nginx has cut them ($held of $slow left)" test "$held" -lt 10
for fd in "${fds[@]}"; do exec {fd}>&-; done
fetch GET /login
expect_status 200 "… and answers as before"
