# Cookies when TLS ends in front of the web server (PD_BEHIND_TLS=1):
# a worker of the sign-in program of its own, spoken to over FastCGI
# with cgi-fcgi as nginx would, over plain HTTP.  Its cookies are Secure
# and __Host- named (for the whole host); a cookie without the prefix,
# which a plain-HTTP page or a sibling subdomain could have planted, is
# not read.
. "$PD_TOP/tests/http/lib.sh"
plan 8

case "${PD_BIN:-build}" in /*) bin=$PD_BIN ;; *) bin="$PD_TOP/${PD_BIN:-build}" ;; esac
sock="$tmp/login.sock"
PD_BEHIND_TLS=1 PD_DB="$PD_TEST_DB" PD_XSLT="$PD_TOP/xslt" \
    PD_MIGRATIONS="$PD_TOP/db/migrations" \
    "$bin/pdsupervise" -n 1 -s "$sock" -- "$bin/cgi-bin/login" 2>"$tmp/worker" &
worker=$!
on_exit "kill $worker 2>/dev/null; wait $worker 2>/dev/null"
for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done

# fcgi METHOD PATH [COOKIE [BODY]]: one request; the answer's headers and
# body land in $tmp/answer.
fcgi() {
	local body=${4:-}
	printf '%s' "$body" | env -i REQUEST_METHOD="$1" REQUEST_URI="$2" \
	    SCRIPT_NAME="$2" QUERY_STRING="" REMOTE_ADDR=127.0.0.1 \
	    HTTP_COOKIE="${3:-}" HTTP_ACCEPT=text/html CONTENT_LENGTH="${#body}" \
	    CONTENT_TYPE=application/x-www-form-urlencoded \
	    cgi-fcgi -bind -connect "$sock" > "$tmp/answer"
}
cookie() { sed -n "s/^Set-Cookie: $1=\([^;]*\);.*/\1/p" "$tmp/answer" | tr -d '\r'; }

fcgi GET /login
check "the sign-in form's cookie is __Host- named" grep -q '^Set-Cookie: __Host-pd_login=' "$tmp/answer"
check "… Secure, for the whole host" grep -q '^Set-Cookie: __Host-pd_login=.*; Path=/; .*; Secure' "$tmp/answer"
token=$(cookie __Host-pd_login)
fcgi POST /login "__Host-pd_login=$token" \
    "csrf=$token&email=agent%40contoso.example&password=$password"
check "signing in answers 303" grep -q '^Status: 303' "$tmp/answer"
sid=$(cookie __Host-pd_session)
check "… with a __Host- session cookie" test -n "$sid"
check "… Secure, HttpOnly, for the whole host" \
    grep -q '^Set-Cookie: __Host-pd_session=.*; Path=/; .*HttpOnly; SameSite=Lax; Secure' "$tmp/answer"
fcgi GET /login "__Host-pd_session=$sid"
check "the __Host- cookie is the session (the form sends it on)" grep -q '^Status: 303' "$tmp/answer"
fcgi GET /login "pd_session=$sid"
check "the same id without the prefix is no session" grep -q '^Status: 200' "$tmp/answer"
check "the worker said nothing on stderr" test ! -s "$tmp/worker"
