# Helpers for the HTTP tests: each test file sources this, says how many
# checks it runs, drives the real server with curl and prints one
# "ok - …" / "not ok - …" line per check.  A new file starts with
#   . "$PD_TOP/tests/http/lib.sh"
#   plan 42	# every check below; a loop's checks count once per item
# tests/run fails a file that exits non-zero, runs other than its plan's
# number of checks, or writes to stderr, so no check goes missing unseen
# (its message tells the count it saw).  Trouble between checks — a body
# xp or count cannot read as XML, an XML answer that does not match
# docs/api.rng (fetch validates every one), an HTML page that shows
# NaN — fails the next check.
set -u
base=$PD_TEST_BASE
tmp=$(mktemp -d "$PD_TEST_WORK/http.XXXXXX")
body="$tmp/body" headers="$tmp/headers" trouble="$tmp/trouble"
status="" last="" valid=""
password="demo-password"

plan() { echo "1..$1"; }

# problem TEXT: remembered until the next check, which it fails.
problem() { echo "$*" >> "$trouble"; }
ok() {
	if [ -s "$trouble" ]; then notok "$*"; else echo "ok - $*"; fi
}
notok() {
	local why=""
	if [ -s "$trouble" ]; then
		why=" [$(paste -sd';' "$trouble")]"
		: > "$trouble"
	fi
	echo "not ok - $*$why"
}
# on_exit COMMAND: run when the file exits (lib.sh owns the EXIT trap);
# then trouble after the last check fails the file.
at_exit=""
on_exit() { at_exit="$at_exit$1;"; }
trap 'eval "$at_exit"; [ -s "$trouble" ] && notok "nothing goes wrong after the last check"' EXIT

# check NAME COMMAND...: passes when the command succeeds and says
# nothing on stderr (a grep of a missing file, a sqlite3 error).
check() {
	local name=$1; shift
	if "$@" >/dev/null 2>"$tmp/check" && [ ! -s "$tmp/check" ]; then
		ok "$name"
	else
		notok "$name$( [ -s "$tmp/check" ] && echo " ($(head -n1 "$tmp/check"))")"
	fi
}

jar() { echo "$tmp/jar.$1"; }

# fetch [-u USER] [-x] METHOD PATH [curl args]: the response lands in
# $status, $body and $headers.  -x asks for XML; -u uses USER's cookies.
# An XML answer is validated against docs/api.rng: $valid is yes or no.
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
	last="$method $path"
	local try
	# nginx limits public POSTs to 5 a second per address (limit_req):
	# the tests sign in faster than a person.  Its 429 (ours carries
	# Retry-After) is waited out, as a client backing off would.
	for try in 1 2 3 4 5 6 7 8 9 10; do
		: > "$body"; : > "$headers"	# no earlier answer stays when curl fails
		status=$(curl -s -o "$body" -D "$headers" -w '%{http_code}' \
		    -X "$method" -H "Accept: $accept" "${cookies[@]}" "$@" "$base$path")
		[ "$status" = 429 ] && ! grep -qi '^retry-after:' "$headers" || break
		echo "# $method $path: nginx's rate limit, again in 1 s"
		sleep 1
	done
	validate
}
# validate: sets $valid for the last answer (empty when it is not XML);
# XML that does not match the schema is a problem.
validate() {
	valid=""
	# A stylesheet's number() of an attribute that is not there.
	grep -qi '^content-type: text/html' "$headers" &&
	    grep -qE '>NaN<|="NaN|NaN %' "$body" &&
	    problem "$last: the page shows NaN: $(grep -oE '.{40}(>NaN<|="NaN|NaN %)' "$body" | head -n 1)"
	grep -qi '^content-type: application/xml' "$headers" || return 0
	if xmllint --noout --relaxng "$rng" "$body" 2>"$tmp/rng"; then
		valid=yes
	else
		valid=no
		problem "$last: the XML does not match docs/api.rng:" \
		    "$(grep -v 'fails to validate' "$tmp/rng" | sed "s|^$body:|line |" | head -n 3 | tr '\n' ' ')"
	fi
}
rng=${PD_RNG:-$PD_TOP/docs/api.rng}

# xget [-u USER] PATH [curl args]: GET asking for XML.
xget() {
	local user=()
	[ "$1" = "-u" ] && { user=(-u "$2"); shift 2; }
	fetch "${user[@]}" -x GET "$@"
}

# xp EXPR: the string value of an XPath expression over the last body;
# count EXPR: how many nodes match; values EXPR: the value of each
# attribute EXPR selects, one a line.  A body that is not XML, or a bad
# expression, is a problem (see above): it fails the next check.
xp() { xpath "string($1)"; }
count() { xpath "count($1)"; }
values() { xpath "$1" | sed -n 's/^ *[^=]*="\(.*\)"$/\1/p'; }
xpath() {
	xmllint --xpath "$1" "$body" 2>"$tmp/xpath" && return
	grep -qx 'XPath set is empty' "$tmp/xpath" ||
		problem "$1 over the answer to $last: $(sed "s|^$body:|line |; 1q" "$tmp/xpath")"
}
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
# The last answer is XML that conforms to the published RELAX NG schema.
expect_valid() {
	case "$valid" in
	yes) ok "$* matches docs/api.rng" ;;
	no) notok "$* matches docs/api.rng" ;;
	*) notok "$* matches docs/api.rng (it is $(header Content-Type), not XML)" ;;
	esac
}

# second_step JAR EMAIL CSRF: when the last answer (to a sign-in's
# password) sends on to /login/totp, its second step, in JAR's session
# with the sign-in form's CSRF token.  Operator staff and global admins
# have TOTP with the demo secret, and the code is oathtool's.  A code is
# accepted once per 30 s step and tests sign the same user in more often
# than that, so the user's last accepted step is set back first; one who
# has not enrolled (a new global admin) gets the demo secret.  The
# guard and the enrolment themselves are test-totp.sh's.
totp_secret=JBSWY3DPEHPK3PXP
second_step() {
	local jar=$1 email=$2 token=$3
	[ "$status" = 303 ] && [ "$(header Location | cut -d'?' -f1)" = /login/totp ] || return 0
	sql "UPDATE user SET totp_step = 0, totp_pending = NULL,
	    totp_secret = coalesce(totp_secret, '$totp_secret') WHERE email = '${email//\'/\'\'}'"
	fetch -u "$jar" POST /login/totp --data-urlencode "csrf=$token" \
	    --data-urlencode "code=$(oathtool --totp -b "$totp_secret")"
}

# login USER: signs USER (an email) in; later fetch -u USER uses it.
login() {
	local user=$1
	rm -f "$(jar "$user")"
	fetch -u "$user" -x GET /login
	local token; token=$(xp /page/csrf)
	fetch -u "$user" POST /login --data-urlencode "email=$user" \
	    --data-urlencode "password=$password" --data-urlencode "csrf=$token"
	second_step "$user" "$user" "$token"
	if [ "$status" = 303 ]; then ok "$user signs in"
	else notok "$user signs in (HTTP $status)"; fi
}

# csrf USER: the CSRF token of USER's session.
csrf() {
	local token
	token=$(curl -s -H 'Accept: application/xml' -b "$(jar "$1")" "$base/dashboard" |
	    xmllint --xpath 'string(/page/csrf)' - 2>"$tmp/csrf")
	[ -n "$token" ] || problem "no CSRF token for $1: $(head -n1 "$tmp/csrf")"
	echo "$token"
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
# sql_refused MESSAGE STATEMENT: the database refuses STATEMENT, saying
# MESSAGE (a trigger's or a constraint's).
sql_refused() {
	! sql "$2" >/dev/null 2>"$tmp/sql" && grep -qF -- "$1" "$tmp/sql"
}

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
	expect_status 200 "$user $path in $lang"
	page_checks "$user $path ($lang)"
}

# The demo users by role (README.md), and route_actor ROLES: one the
# route admits (the last-but-one column of `program --routes`), the
# widest first; "" for a public route.
declare -A demo_user=([global_admin]=admin@contoso.example [admin_agent]=agent@contoso.example
    [helpdesk_agent]=helpdesk@contoso.example [sales_agent]=sales@contoso.example
    [support_agent]=support@operator.example [operator_admin]=admin@operator.example)
route_actor() {
	local role
	for role in global_admin operator_admin support_agent admin_agent helpdesk_agent sales_agent; do
		case ",$1," in *",$role,"*) echo "${demo_user[$role]}"; return ;; esac
	done
	[ "$1" = public ] || problem "no demo user has a role of $1"
}

# routes: every route of every program, as `program --routes` prints
# them (program, methods, pattern, roles, kind, keys; tab-separated).
routes() {
	local bin p
	case "${PD_BIN:-build}" in /*) bin=$PD_BIN ;; *) bin="$PD_TOP/${PD_BIN:-build}" ;; esac
	for p in "$bin"/cgi-bin/*; do "$p" --routes; done
}

# db_fingerprint: the number of tables and a hash of every row, but of
# what reading records on its own (a session's or a token's last use,
# the mail sender's progress): equal before and after, nothing stored.
db_fingerprint() {
	local tables t
	tables=$(sqlite3 -cmd '.timeout 5000' "$PD_TEST_DB" \
	    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN
	    ('session', 'api_token', 'outbox', 'sqlite_sequence') ORDER BY name") || return 1
	echo "$(echo "$tables" | wc -w) tables"
	: > "$tmp/dump"
	for t in $tables; do
		sqlite3 -cmd '.timeout 5000' "$PD_TEST_DB" ".mode quote" "SELECT * FROM \"$t\"" \
		    >> "$tmp/dump" || return 1
	done
	sha256sum < "$tmp/dump"
}
