# Workers that die: the request program's workers are killed with
# SIGKILL ten times in five seconds while clients keep reading and
# writing (notes on a request of this file's own, and wrk reading the
# request page).  The supervisor must restart them, the program must
# answer again, only requests a worker was serving when it died may fail,
# and every note acknowledged to a client must be in the database.
# Prints the figures docs/performance.md quotes as "# crash: …".
. "$PD_TOP/tests/http/lib.sh"
plan 12

agent=agent@contoso.example
kills=${PD_CRASH_KILLS:-10} every=${PD_CRASH_EVERY_MS:-500}
login $agent
post $agent /requests customer=1 service=1 topic=11 "title=Crash test" \
    "description=Notes written while workers die." severity=C \
    "contact_name=Li Na" contact_email=agent@contoso.example \
    "contact_phone=+86 10 5555 0102" contact_method=email contact_lang=en
expect_status 201 "a request to write notes on"
id=$(xp /page/request/@id)
token=$(csrf $agent)
cookie="pd_session=$(awk '$6 == "pd_session" { print $7 }' "$(jar $agent)")"

# The request program's supervisor, a child of scripts/serve.
supervisor=$(ps -o pid=,args= --ppid "$PD_TEST_SERVER" |
    awk '$NF ~ /\/cgi-bin\/request$/ { print $1 }')
# Its live workers: a zombie (dead, not yet reaped) is not one to kill.
workers() { ps -o pid=,stat= --ppid "$supervisor" | awk '$2 !~ /^Z/ { print $1 }'; }
check "the request program runs under a supervisor" test -n "$supervisor"
check "… with its workers" test -n "$(workers)"

# writer N: POSTs notes "crash-N-I" until told to stop; each line of
# $tmp/writes.N is the HTTP status and the note's text.
writer() {
	local i=0
	while [ ! -e "$tmp/stop" ]; do
		i=$((i + 1))
		printf '%s crash-%s-%s\n' "$(curl -s -o /dev/null -w '%{http_code}' \
		    -H 'Accept: application/xml' -b "$cookie" \
		    --data-urlencode "csrf=$token" --data-urlencode "text=crash-$1-$i" \
		    "$base/requests/$id/notes")" "$1" "$i"
	done > "$tmp/writes.$1"
}
ms() { echo $(( $(date +%s%N) / 1000000 )); }

writer 1 & w1=$!
writer 2 & w2=$!
wrk -t1 -c2 -d "$((kills * every / 1000 + 2))s" \
    -H "Cookie: $cookie" -H 'Accept: application/xml' \
    "$base/requests/$id" > "$tmp/wrk" 2>&1 & load=$!
sleep 0.5
killed=0 rounds=0 start=$(ms)
while [ "$rounds" -lt "$kills" ]; do
	# One at a time: under load a worker SIGKILLed last round may still
	# be listed and be gone by the time of its kill, which then counts
	# for nothing.
	for pid in $(workers); do
		kill -9 "$pid" 2>/dev/null && killed=$((killed + 1)) &&
		    echo "$pid" >> "$tmp/killed"
	done
	rounds=$((rounds + 1)) last=$(ms)
	while [ "$(ms)" -lt $((start + rounds * every)) ]; do sleep 0.02; done
done
# The first request sent after the last kill that is answered.
again=""
while [ $(( $(ms) - last )) -lt 15000 ]; do
	s=$(curl -s -o /dev/null -w '%{http_code}' -b "$cookie" \
	    -H 'Accept: application/xml' "$base/requests/$id")
	[ "$s" = 200 ] && again=$(( $(ms) - last )) && break
done
touch "$tmp/stop"
wait $w1 $w2 $load

cat "$tmp"/writes.* > "$tmp/writes"
acked=$(awk '$1 == 201 { print $2 }' "$tmp/writes" | sort)
stored=$(sql "SELECT body FROM event WHERE request_id = $id AND kind = 'note'" | sort)
lost=$(comm -23 <(echo "$acked") <(echo "$stored") | grep -c .)
writes=$(wc -l < "$tmp/writes")
write_502=$(awk '$1 == 502' "$tmp/writes" | wc -l)
others=$(awk '$1 != 201 && $1 != 502' "$tmp/writes" | wc -l)
reads=$(awk '/requests in/ { print $1 }' "$tmp/wrk")
read_fail=$(awk '/Non-2xx/ { print $NF }' "$tmp/wrk")
echo "# crash: $rounds kills (${killed} workers) in $(( last - start )) ms;" \
    "$reads reads, ${read_fail:-0} failed; $writes writes, $write_502 got 502," \
    "$(echo "$acked" | grep -c .) acknowledged, $(echo "$stored" | grep -c .) stored;" \
    "answers again ${again:-never} ms after the last kill"

check "the program answers again within 15 s of the last kill" test -n "$again"
check "every acknowledged note is stored ($lost lost)" test "$lost" -eq 0
check "writes went on while workers died" test "$(echo "$acked" | grep -c .)" -gt 10
check "every write was acknowledged or got 502 ($others other)" test "$others" -eq 0
check "reads went on while workers died" test "${reads:-0}" -gt 10
check "only requests a dying worker was serving failed" \
    test $(( write_502 + ${read_fail:-0} )) -le "$killed"
check "the supervisor is the same one, with workers again" \
    test "$(ps -o pid= --ppid "$PD_TEST_SERVER" | grep -cw "$supervisor")" = 1 -a \
    "$(workers | wc -l)" -ge 1
unlogged=""
for pid in $(cat "$tmp/killed"); do
	grep -q "pdsupervise\[[0-9]*\]: error: request\[$pid\] was killed by signal 9" \
	    "$PD_TEST_WORK/serve.log" || unlogged="$unlogged $pid"
done
check "every death is logged with the program, pid and signal (not:${unlogged:- none})" \
    test -z "$unlogged"
