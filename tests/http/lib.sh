# Helpers for the HTTP tests: each test file sources this, drives the
# real server with curl and prints "ok - …" / "not ok - …" lines.
base=$PD_TEST_BASE
tmp=$(mktemp -d "$PD_TEST_WORK/http.XXXXXX")
body="$tmp/body" headers="$tmp/headers"
status=""
password="demo-password"

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; }

# check NAME COMMAND...: passes when the command succeeds.
check() {
	local name=$1; shift
	if "$@" >/dev/null 2>&1; then ok "$name"; else notok "$name"; fi
}

jar() { echo "$tmp/jar.$1"; }

# fetch [-u USER] [-x] METHOD PATH [curl args]: the response lands in
# $status, $body and $headers.  -x asks for XML; -u uses USER's cookies.
fetch() {
	local user="" accept="text/html"
	while :; do
		case "$1" in
		-u) user=$2; shift 2 ;;
		-x) accept="application/xml"; shift ;;
		*) break ;;
		esac
	done
	local method=$1 path=$2; shift 2
	local cookies=()
	[ -n "$user" ] && cookies=(-b "$(jar "$user")" -c "$(jar "$user")")
	status=$(curl -s -o "$body" -D "$headers" -w '%{http_code}' \
	    -X "$method" -H "Accept: $accept" "${cookies[@]}" "$@" "$base$path")
}

# xget [-u USER] PATH [curl args]: GET asking for XML.
xget() {
	local user=()
	[ "$1" = "-u" ] && { user=(-u "$2"); shift 2; }
	fetch "${user[@]}" -x GET "$@"
}

# xp EXPR: the string value of an XPath expression over the last body.
xp() { xmllint --xpath "string($1)" "$body" 2>/dev/null; }
# count EXPR: how many nodes match.
count() { xmllint --xpath "count($1)" "$body" 2>/dev/null; }
header() { grep -i "^$1:" "$headers" | head -n1 | cut -d' ' -f2- | tr -d '\r'; }

expect_status() {
	local want=$1; shift
	if [ "$status" = "$want" ]; then ok "$* (HTTP $want)"
	else notok "$* (HTTP $status, wanted $want)"; fi
}
expect_xp() {
	local expr=$1 want=$2; shift 2
	local got; got=$(xp "$expr")
	if [ "$got" = "$want" ]; then ok "$*"
	else notok "$* ($expr is '$got', wanted '$want')"; fi
}
expect_body() {
	local pattern=$1; shift
	if grep -q -- "$pattern" "$body"; then ok "$*"
	else notok "$* (no '$pattern' in the body)"; fi
}
expect_no_body() {
	local pattern=$1; shift
	if grep -q -- "$pattern" "$body"; then notok "$* ('$pattern' is in the body)"
	else ok "$*"; fi
}
# The last body conforms to the published RELAX NG schema.
expect_valid() {
	if xmllint --noout --relaxng "${PD_RNG:-$PD_TOP/docs/api.rng}" "$body" 2>"$tmp/rng"; then
		ok "$* matches docs/api.rng"
	else
		notok "$* matches docs/api.rng: $(tail -n 3 "$tmp/rng" | tr '\n' ' ')"
	fi
}

# login USER: signs USER (an email) in; later fetch -u USER uses it.
login() {
	local user=$1
	rm -f "$(jar "$user")"
	fetch -u "$user" -x GET /login
	local token; token=$(xp /page/csrf)
	fetch -u "$user" POST /login --data-urlencode "email=$user" \
	    --data-urlencode "password=$password" --data-urlencode "csrf=$token"
	[ "$status" = 303 ] || notok "sign-in of $user (HTTP $status)"
}

# csrf USER: the CSRF token of USER's session.
csrf() {
	curl -s -H 'Accept: application/xml' -b "$(jar "$1")" "$base/dashboard" |
	    xmllint --xpath 'string(/page/csrf)' - 2>/dev/null
}

# post USER PATH [name=value …]: a form POST with USER's session and CSRF
# token, asking for XML.
post() {
	local user=$1 path=$2; shift 2
	local args=() kv
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	fetch -u "$user" -x POST "$path" --data-urlencode "csrf=$(csrf "$user")" "${args[@]}"
}

# sql STATEMENT: runs against the test database (to set up or inspect).
sql() { sqlite3 -cmd '.timeout 5000' "$PD_TEST_DB" "$1"; }

# page_checks NAME: the checks on the last HTML body.
page_checks() {
	local name=$1
	if grep -qoE '\[[a-z_]+(\.[A-Za-z0-9_]+)+\]' "$body"; then
		notok "$name: every text is translated ($(grep -oE '\[[a-z_]+(\.[A-Za-z0-9_]+)+\]' "$body" | sort -u | head -3 | tr '\n' ' '))"
	else
		ok "$name: every text is translated"
	fi
	local posts csrfs
	posts=$(grep -o '<form[^>]*method="post"' "$body" | wc -l)
	csrfs=$(grep -o 'name="csrf"' "$body" | wc -l)
	if [ "$posts" -le "$csrfs" ]; then ok "$name: every POST form has a csrf field ($posts)"
	else notok "$name: every POST form has a csrf field ($posts forms, $csrfs tokens)"; fi
	local missing="" f
	for f in $(grep -o '<label for="[^"]*"' "$body" | sed 's/.*for="//; s/"$//'); do
		grep -q "id=\"$f\"" "$body" || missing="$missing $f"
	done
	if [ -z "$missing" ]; then ok "$name: every label points at a field"
	else notok "$name: every label points at a field (no id$missing)"; fi
}

# html USER LANG PATH: GET PATH as HTML in LANG and check it.
html() {
	local user=$1 lang=$2 path=$3
	fetch -u "$user" GET "$path" -H "Accept-Language: $lang"
	if [ "$status" = 200 ]; then ok "$user $path in $lang (HTTP 200)"
	else notok "$user $path in $lang (HTTP $status, wanted 200)"; return; fi
	page_checks "$user $path ($lang)"
}
