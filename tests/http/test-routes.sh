# One routing source: the programs' route tables (`program --routes`).
# Both example configs are what scripts/webconf writes from them, and
# through nginx and through Apache every pattern of every program, with
# each of its methods, reaches that program's workers, while paths near
# them (a segment more, a trailing slash, a word for an id, capitals)
# reach none.
. "$PD_TOP/tests/http/lib.sh"
plan 9
. "$PD_TOP/tests/http/webservers.sh"

bin="$PD_TOP/${PD_BIN:-build}"
case "${PD_BIN:-}" in /*) bin=$PD_BIN ;; esac
if "$PD_TOP/scripts/webconf" --check "$bin" >"$tmp/webconf" 2>&1; then
	ok "nginx.conf.example, apache.conf.example and www/errors are what scripts/webconf writes"
else
	notok "the configs and error pages are stale: $(tail -n 1 "$tmp/webconf")"
fi

for p in "$bin"/cgi-bin/*; do
	"$p" --routes
done > "$tmp/routes"
check "every program prints its routes" test "$(cut -f1 "$tmp/routes" | sort -u | wc -l)" -eq \
    "$(ls "$bin"/cgi-bin | wc -l)"
# A step's route prints its step's roles (lib/step.h), not "public".
check "only /, /login (with its second step), the password links and the public health feed are public" test \
    "$(awk -F'\t' '$4 == "public" { print $3 }' "$tmp/routes" | sort -u | tr '\n' ' ')" = "/ /health/feed/public /login /login/totp /password/reset /password/set "
check "a step's route names its roles" \
    grep -qP '^request\tPOST\t/requests/#/close\tglobal_admin,admin_agent,helpdesk_agent,support_agent,operator_admin\t-\ttext,resolution$' "$tmp/routes"

# docs/api.md's table of endpoints: every route, and nothing else.
while IFS="$(printf '\t')" read -r prog methods pattern roles; do
	for m in $(echo "$methods" | tr , ' '); do echo "$m $pattern"; done
done < "$tmp/routes" | sort -u > "$tmp/routes.api"
grep '^| `[A-Z]* /' "$PD_TOP/docs/api.md" | cut -d '|' -f 2 |
    grep -oE '`(GET|POST) /[^`]*`' | tr -d '`' | sed -E 's#/[A-Z]+(/|$)#/\#\1#g' |
    sort -u > "$tmp/api.md"
if cmp -s "$tmp/routes.api" "$tmp/api.md"; then
	ok "docs/api.md lists each of the $(wc -l < "$tmp/api.md") routes"
else
	notok "docs/api.md lists the routes: $(diff "$tmp/routes.api" "$tmp/api.md" | grep '^[<>]' | tr '\n' ' ')"
fi

# Each probe: METHOD PATH PROGRAM ("-": no program, the web server's
# 404).  First each route with its methods, then the other method (the
# program's own 405), then paths near it; the first probe of a method
# and path is the one that counts.
while IFS="$(printf '\t')" read -r prog methods pattern roles; do
	path=$(echo "$pattern" | sed 's/#/1/g')
	for m in $(echo "$methods" | tr , ' '); do
		echo "1 $m $path $prog"
		[ "$m" = GET ] && echo "1 HEAD $path $prog"
	done
	case "$methods" in GET) echo "2 POST $path $prog" ;; POST) echo "2 GET $path $prog" ;; esac
	echo "3 GET ${path%/}/x -"
	[ "$path" = / ] || echo "3 GET $(echo "$path" | tr a-z A-Z) -"
	[ "$path" = / ] || echo "3 GET $path/ -"
	case "$pattern" in *'#'*) echo "3 GET $(echo "$pattern" | sed 's/#/x/g') -" ;; esac
done < "$tmp/routes" | sort -s -k1,1n | awk '!seen[$2, $3]++ { print $2, $3, $4 }' > "$tmp/probes"
nprobes=$(wc -l < "$tmp/probes")

for server in nginx apache; do
	eval "url=\$$server"
	while read -r m path prog; do
		if [ "$m" = HEAD ]; then
			curl -s -o /dev/null -I "$url$path"
		else
			curl -s -o /dev/null -X "$m" -H 'Accept: application/xml' "$url$path"
		fi
	done < "$tmp/probes"
	# The log line of a request is written once it is answered.
	for _ in $(seq 1 20); do
		[ "$(grep -vc ' /static/' "$ws/$server/route.log")" -ge "$nprobes" ] && break
		sleep 0.1
	done
	grep -v ' /static/' "$ws/$server/route.log" |
	    awk '{ s = $4; sub(/.*\//, "", s); sub(/\.sock$/, "", s); print $1, $2, s == "" ? "-" : s }' \
	    > "$tmp/$server.reached"
	# Apache's children may log two quick requests out of order: compare
	# the requests in one order, not the log's.
	wrong=$(paste -d ' ' <(sort -k1,2 "$tmp/probes") <(sort -k1,2 "$tmp/$server.reached") |
	    awk '$3 != $6 || $1 != $4 || $2 != $5 { print $1, $2, "went to", $6, "not", $3 }')
	if [ -z "$wrong" ]; then
		ok "$server: each of $nprobes methods and paths reaches the program whose route it is"
	else
		notok "$server: $(echo "$wrong" | head -n 5 | tr '\n' ';')"
	fi
done
