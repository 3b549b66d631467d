# Attacks on every parameter of every page: each GET route's parameters
# (the last column of `program --routes`) get, one at a time, markup
# that breaks out of an attribute into a script (reflected XSS), SQL
# metacharacters, a CR LF followed by a header, and 5000 characters, as
# an actor the route admits.  No answer may be a 500 or a cut connection,
# show the markup unescaped, speak of SQL, or carry the injected header;
# and no GET may change the database.  (Stored XSS: test-badinput.sh.)
. "$PD_TOP/tests/http/lib.sh"
case "${PD_BIN:-build}" in /*) bin=$PD_BIN ;; *) bin="$PD_TOP/${PD_BIN:-build}" ;; esac

for p in "$bin"/cgi-bin/*; do "$p" --routes; done |
    awk -F '\t' '$2 ~ /GET/ && $6 != "-" { print $3, $4, $6 }' > "$tmp/routes"
# xml: the markup again, asked as a script asks (Accept: application/xml).
probes=(xss xml sql crlf long)
plan $(( 3 + ${#probes[@]} * $(awk '{ n += split($3, k, ",") } END { print n }' "$tmp/routes") + 1 ))

ga=admin@contoso.example oa=admin@operator.example sa=support@operator.example
for u in $ga $oa $sa; do login "$u"; done
# actor ROLES: a demo user the route admits ("" for a public route).
actor() {
	case ",$1," in
	*,global_admin,*) echo $ga ;;
	*,operator_admin,*) echo $oa ;;
	*,support_agent,*) echo $sa ;;
	esac
}
# value PROBE: what the parameter gets (percent-encoded for the URL).
value() {
	case $1 in
	xss|xml) echo '%22%27%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E%3Csvg%20onload%3Dalert(1)%3E' ;;
	sql) echo "1%27%20OR%20%271%27%3D%271%27%20--%20%3B%20DROP%20TABLE%20request" ;;
	crlf) echo 'x%0D%0AX-Injected:%20yes' ;;
	long) printf 'A%.0s' $(seq 1 5000) ;;
	esac
}
# The database but what reading records on its own (a session's or a
# token's last use, the mail sender's progress), before and after.
fingerprint() {
	sqlite3 -cmd '.timeout 5000' "$PD_TEST_DB" \
	    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN
	    ('session', 'api_token', 'outbox', 'sqlite_sequence') ORDER BY name" |
	while read -r t; do sqlite3 -cmd '.timeout 5000' "$PD_TEST_DB" ".mode quote" "SELECT * FROM \"$t\""; done |
	    sha256sum
}
before=$(fingerprint)

while read -r pattern roles keys; do
	user=$(actor "$roles")
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
check "no GET changed the database" test "$(fingerprint)" = "$before"
