# Attacks on every parameter of every page: each GET route's parameters
# (the last column of `program --routes`) get, one at a time, markup
# that breaks out of an attribute into a script (reflected XSS), SQL
# metacharacters, a CR LF followed by a header, and 5000 characters, as
# an actor the route admits.  No answer may be a 500 or a cut connection,
# show the markup unescaped, speak of SQL, or carry the injected header;
# and no GET may change the database.  (Stored XSS: test-xss.sh;
# CSRF, redirects, bodies: test-csrf.sh, test-redirects.sh, test-bodies.sh.)
. "$PD_TOP/tests/http/lib.sh"
routes |
    awk -F '\t' '$2 ~ /GET/ && $6 != "-" { print $3, $4, $6 }' > "$tmp/routes"
# xml: the markup again, asked as a script asks (Accept: application/xml).
probes=(xss xml sql crlf long)
plan $(( 6 + 1 + ${#probes[@]} * $(awk '{ n += split($3, k, ",") } END { print n }' "$tmp/routes") + 1 + 2 ))

for u in "${demo_user[@]}"; do login "$u"; done
# value PROBE: what the parameter gets (percent-encoded for the URL).
value() {
	case $1 in
	xss|xml) echo '%22%27%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E%3Csvg%20onload%3Dalert(1)%3E' ;;
	sql) echo "1%27%20OR%20%271%27%3D%271%27%20--%20%3B%20DROP%20TABLE%20request" ;;
	crlf) echo 'x%0D%0AX-Injected:%20yes' ;;
	long) printf 'A%.0s' $(seq 1 5000) ;;
	esac
}
before=$(db_fingerprint) || problem "the database cannot be read"
check "the database is read before the probes ($(head -n1 <<<"$before"))" \
    test "$(head -n1 <<<"$before" | cut -d' ' -f1)" -gt 20

while read -r pattern roles keys; do
	user=$(route_actor "$roles")
	path=${pattern//\#/1}
	for key in ${keys//,/ }; do
		for probe in "${probes[@]}"; do
			url="$path?$key=$(value $probe)"
			args=()
			[ -n "$user" ] && args=(-u "$user")
			[ "$probe" = xml ] && args+=(-x)
			fetch "${args[@]}" GET "$url"
			why=""
			case $status in 500|502|000) why="HTTP $status" ;; esac
			grep -qiE '<script>alert|<svg onload' "$body" && why="$why, the markup unescaped"
			grep -qiE 'sqlite|syntax error|SQL logic' "$body" && why="$why, SQL in the answer"
			grep -qi '^X-Injected' "$headers" && why="$why, the injected header"
			if [ -z "$why" ]; then ok "GET $path ?$key=<$probe>: HTTP $status"
			else notok "GET $path ?$key=<$probe>: ${why#, }"; fi
		done
	done
done < "$tmp/routes"
after=$(db_fingerprint) || problem "the database cannot be read"
check "no GET changed the database" test "$after" = "$before"

# Bytes that are not UTF-8 in the request line: nginx routes
# /requests/x\xff\xfe/../1 by its normalised path, and the worker gets
# the raw one (REQUEST_URI), which its error page's model shows.  The
# XML answer must stay well-formed (lib/xml.c: U+FFFD for each byte).
exec 3<>"/dev/tcp/127.0.0.1/${base##*:}"
printf 'GET /requests/x\xff\xfe/../1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/xml\r\nConnection: close\r\n\r\n' >&3
cat <&3 > "$tmp/raw"
exec 3<&-
sed '1,/^\r$/d' "$tmp/raw" > "$body"
check "a path with bytes that are not UTF-8: $(head -n1 "$tmp/raw" | tr -d '\r'), the XML well-formed" \
    xmllint --noout "$body"
check "a path with bytes that are not UTF-8: each one U+FFFD in the model" \
    grep -q "path=\"$(printf '/requests/x\xef\xbf\xbd\xef\xbf\xbd/')" "$body"
