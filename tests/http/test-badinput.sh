# What bad input gets (docs/product.md, "What bad input gets"), across programs:
# malformed encodings and UTF-8, unknown and duplicate parameters, too
# large bodies, wrong methods and content types, NUL and control
# characters, another tenant's ids, unknown paths, path traversal, XSS
# and header injection, and workers that are all still alive afterwards.
. "$PD_TOP/tests/http/lib.sh"
plan 157

contoso_agent=agent@contoso.example
fabrikam=agent@fabrikam.example
operator=support@operator.example
for u in $contoso_agent $fabrikam $operator; do
	login "$u"
done

# bad_query USER PATH FIELD RULE NAME: a GET answered 400 naming field
# and rule (an empty FIELD: the error names none).
bad_query() {
	local user=$1 path=$2 field=$3 rule=$4; shift 4
	xget -u "$user" "$path"
	expect_status 400 "$*"
	expect_xp /page/error/@rule "$rule" "$*: rule $rule"
	[ -n "$field" ] && expect_xp /page/error/@field "$field" "$*: names $field"
	return 0
}
# A fresh sign-in form's token (its cookie is in the "anon" jar);
# login_post sends a sign-in form body with it, asking for XML.
token=""
new_login_token() {
	rm -f "$(jar anon)"
	fetch -u anon GET /login
	token=$(grep -i '^set-cookie: pd_login=' "$headers" |
	    sed -e 's/^[^=]*=//' -e 's/;.*//')
}
new_login_token
login_post() { fetch -u anon -x POST /login --data "csrf=$token" "$@"; }
no_injected_cookie() { ! grep -qi '^set-cookie: x=1' "$headers"; }
alive() {
	local user=$1 path=$2; shift 2
	xget -u "$user" "$path"
	expect_status 200 "$* still answers"
}

# --- encodings

bad_query $contoso_agent "/customers?q=%zz" "" encoding "a malformed %-escape"
bad_query $contoso_agent "/customers?q=%4" "" encoding "a truncated %-escape"
bad_query $contoso_agent "/dashboard?%zz=1" "" encoding "a malformed %-escape in a name"
bad_query $contoso_agent "/customers?q=%C3%28" "" utf8 "invalid UTF-8 (bad continuation)"
bad_query $contoso_agent "/customers?q=%ED%A0%80" "" utf8 "invalid UTF-8 (a surrogate)"
bad_query $contoso_agent "/customers?q=%C0%AF" "" utf8 "invalid UTF-8 (overlong /)"
bad_query $contoso_agent "/customers?q=%F4%90%80%80" "" utf8 "invalid UTF-8 (past U+10FFFF)"
bad_query $contoso_agent "/customers?q=%E4%B8" "" utf8 "invalid UTF-8 (cut short)"
bad_query $contoso_agent "/customers?q=%EF%BF%BE" "" utf8 "U+FFFE, which XML 1.0 forbids"
bad_query $contoso_agent "/customers?q=%EF%BF%BF" "" utf8 "U+FFFF, which XML 1.0 forbids"
xget -u $contoso_agent "/customers?q=%E5%8C%97%E4%BA%AC"
expect_status 200 "valid UTF-8 (北京) is accepted"
login_post --data "email=%C3%28@x.example&password=x"
expect_status 400 "invalid UTF-8 in a form body"
expect_xp /page/error/@rule utf8 "invalid UTF-8 in a form body: rule utf8"
login_post --data "email=a%zz&password=x"
expect_status 400 "a malformed %-escape in a form body"

# A NUL byte decodes to the end of a C string: it must not cut the value.
bad_query $contoso_agent "/customers?q=north%00evil" "" utf8 "a NUL byte in a query value"
login_post --data "email=agent%40contoso.example%00x&password=demo-password"
expect_status 400 "a NUL byte in a form value"
login_post --data "email=agent%40contoso.example&password=demo-password%00x"
expect_status 400 "a NUL byte in a password"
check "a NUL byte never signs anybody in" test -z "$(grep -i '^set-cookie: pd_session=' "$headers")"

# --- parameters

bad_query $contoso_agent "/customers?bogus=1" bogus unknown "an unknown parameter"
bad_query $contoso_agent "/dashboard?q=1" q unknown "an unknown parameter on the dashboard"
bad_query $contoso_agent "/customers/1?q=north" q unknown \
    "a parameter another route of the program accepts"
bad_query $contoso_agent "/customers?q=a&q=b" q duplicate "a duplicate parameter"
bad_query $contoso_agent "/customers?page=1&page=1" page duplicate "a duplicate, even if equal"
login_post --data "email=a@x.example&password=x&password=y"
expect_status 400 "a duplicate parameter in a form body"
expect_xp /page/error/@rule duplicate "a duplicate form parameter: rule duplicate"
login_post --data "email=a@x.example&password=x&csrf=$token"
expect_status 400 "a duplicate csrf"
login_post --data "email=a@x.example&password=x&remember=1"
expect_status 400 "an unknown parameter in a form body"
expect_xp /page/error/@field remember "the error names the unknown form parameter"
# A POST reads the body only: a password in the address would land in
# the access log, and a link could carry a form's fields.
fetch -u anon -x POST "/login?email=agent%40contoso.example&password=$password" \
    --data "csrf=$token"
expect_status 400 "a sign-in with its fields in the query string"
expect_xp /page/error/@rule query_on_post "… rule query_on_post"
check "… signs nobody in" test -z "$(grep -i '^set-cookie: pd_session=' "$headers")"
fetch -u $contoso_agent -x POST "/logout?x=1" --data "csrf=$(csrf $contoso_agent)"
expect_status 400 "any POST with a query string, signed in (sign-out)"
bad_query $contoso_agent "/customers?page=0" page number "page=0"
bad_query $contoso_agent "/customers?page=-1" page number "a negative page"
bad_query $contoso_agent "/customers?page=1e3" page number "page=1e3"
bad_query $contoso_agent "/customers?page=99999999999999999999" page number \
    "a page number past 64 bits"
bad_query $contoso_agent "/customers?q=a%01b" q format "a control character in a one-line field"
bad_query $contoso_agent "/customers?q=a%0Ab" q format "a newline in a one-line field"
bad_query $contoso_agent "/customers?q=a%7Fb" q format "DEL in a one-line field"
bad_query $contoso_agent "/customers?q=$(printf 'x%.0s' $(seq 1 81))" q too_long \
    "a search longer than 80 characters"

# One value over 64 KiB is refused by the parser whatever its field.
long=$(head -c 70000 /dev/zero | tr '\0' a)
login_post --data "email=$long&password=x"
expect_status 400 "a 70 KB value"
expect_xp /page/error/@rule too_long "a 70 KB value: rule too_long"
expect_xp /page/error/@field email "a 70 KB value: names the field"
login_post --data "password=x&email=$long@x.example"
expect_status 400 "a 70 KB email"

# --- bodies: size, type, method

printf 'email=a%%40x.example&password=' > "$tmp/big"
head -c 1500000 /dev/zero | tr '\0' a >> "$tmp/big"
printf '&csrf=%s' "$token" >> "$tmp/big"
login_post --data-binary "@$tmp/big"
expect_status 413 "a 1.5 MB body"
for i in 1 2 3 4; do
	fetch GET /login
	[ "$status" = 200 ] || break
done
expect_status 200 "the sign-in workers answer after a 1.5 MB body"
head -c 3000000 /dev/zero | tr '\0' a > "$tmp/huge"
fetch -u $contoso_agent POST "/requests/1/close" --data-binary "@$tmp/huge"
expect_status 413 "a body over nginx's 2 MB cap"
head -c 1100000 /dev/zero | tr '\0' a > "$tmp/over"
fetch -u $contoso_agent -x POST "/requests/1/notes" \
    --data "csrf=$(csrf $contoso_agent)" --data-binary "@$tmp/over"
expect_status 413 "a body just over 1 MiB to a signed-in page"
alive $contoso_agent /requests/1 "the request program"

fetch -u $contoso_agent PUT /dashboard
expect_status 405 "PUT /dashboard"
check "405 lists the methods: GET, HEAD" test "$(header Allow)" = "GET, HEAD"
fetch -u $contoso_agent DELETE /customers
expect_status 405 "DELETE /customers"
check "DELETE /customers: Allow GET, HEAD" test "$(header Allow)" = "GET, HEAD"
fetch -u $contoso_agent POST /customers --data "csrf=$(csrf $contoso_agent)"
expect_status 405 "POST /customers"
check "POST /customers: an Allow header" test -n "$(header Allow)"
fetch -u $contoso_agent GET /logout
expect_status 405 "GET /logout"
check "GET /logout: Allow POST" test "$(header Allow)" = POST
fetch -u $contoso_agent PATCH /requests/1
expect_status 405 "PATCH /requests/1"
fetch -u $contoso_agent GET /requests/1/notes
expect_status 405 "GET /requests/1/notes"
fetch -u anon DELETE /login
expect_status 405 "DELETE /login"
check "DELETE /login: Allow GET, HEAD, POST" test "$(header Allow)" = "GET, HEAD, POST"

fetch -u anon -x POST /login -H "Content-Type: application/json" \
    --data "{\"email\":\"$contoso_agent\",\"csrf\":\"$token\"}"
expect_status 415 "a JSON body"
fetch -u anon -x POST /login -F "email=$contoso_agent" -F "csrf=$token"
expect_status 415 "a multipart body to the sign-in form"
fetch -u $contoso_agent -x POST /requests/1/notes -H "Content-Type: text/plain" \
    --data "text=hello"
expect_status 415 "a text/plain body to a signed-in form"

# --- another tenant's ids, unknown pages

xget -u $fabrikam /customers/1
expect_status 404 "Fabrikam opens Contoso's customer 1"
expect_no_body "Northwind" "the 404 does not name the customer"
xget -u $fabrikam /requests/1
expect_status 404 "Fabrikam opens Contoso's request 1"
expect_no_body "INTERNAL" "the 404 leaks no note"
xget -u $contoso_agent /customers/101
expect_status 404 "Contoso opens Fabrikam's customer 101"
expect_no_body "Tailspin" "the 404 does not name the customer"
xget -u $contoso_agent /requests/15
expect_status 404 "Contoso opens Fabrikam's request 15"
xget -u $contoso_agent /customers/999999
expect_status 404 "a customer that does not exist"
xget -u $contoso_agent "/customers/1/x"
expect_status 404 "a path under a customer that does not exist"
xget -u $contoso_agent "/customers/abc"
expect_status 404 "a customer id that is not a number"
xget -u $contoso_agent "/customers/0"
expect_status 404 "customer id 0"
xget -u $contoso_agent "/customers/-1"
expect_status 404 "a negative customer id"
xget -u $contoso_agent "/customers/99999999999999999999"
expect_status 404 "a customer id past 64 bits"
fetch -u $contoso_agent GET /no-such-page
expect_status 404 "a path that does not exist"
fetch -u $contoso_agent GET /dashboard/x
expect_status 404 "a path below the dashboard"
fetch -u $contoso_agent GET /requests/1/nothing
expect_status 404 "a path below a request"
fetch -u $contoso_agent GET /customers/
expect_status 404 "/customers/ with a trailing slash"

# --- path traversal never reaches a file: the answer is a refusal
# (400, 403, 404) or an HTML page that is not the file; no answer (000)
# or a 500 is a failure too.

for p in "/static/../Makefile" "/static/..%2fMakefile" "/static/%2e%2e/Makefile" \
    "/static../Makefile" "/static/..%5cMakefile" "/static//../../../etc/passwd" \
    "/customers/1/../../etc/passwd" "/customers/..%2f..%2f..%2fetc%2fpasswd" \
    "/static/../../../../../etc/passwd" "/favicon.ico/../Makefile"; do
	fetch -u $contoso_agent GET "$p" --path-as-is
	if grep -qE 'root:.*:0:0:|^PROGRAMS|CFLAGS' "$body"; then
		notok "$p returns a file's contents (HTTP $status)"
	elif [ "$status" = 200 ] && ! grep -qi "^content-type: text/html" "$headers"; then
		notok "$p answers 200 with $(header Content-Type)"
	elif [[ " 200 400 403 404 " == *" $status "* ]]; then
		ok "$p reveals no file (HTTP $status)"
	else
		notok "$p reveals no file (HTTP $status, wanted 400, 403, 404 or an HTML 200)"
	fi
done
fetch GET /static/style.css
expect_status 200 "the static files themselves are served"
check "… byte for byte" cmp -s "$body" "$PD_TOP/www/style.css"

# --- XSS: user text comes back escaped

xss='<script>alert(1)</script>'
fetch -u $contoso_agent GET /customers --get --data-urlencode "q=$xss"
expect_status 200 "a search for a script tag"
expect_no_body "<script>alert" "the search comes back escaped"
expect_body "&lt;script&gt;alert" "the search is shown, escaped"
fetch -u $contoso_agent GET /customers --get --data-urlencode 'q="><img src=x onerror=alert(1)>'
expect_no_body "<img src=x" "an attribute break-out comes back escaped"
new_login_token
fetch -u anon POST /login --data "csrf=$token" --data-urlencode "email=$xss" \
    --data-urlencode "password=x"
expect_status 401 "a sign-in with a script tag for an email"
expect_no_body "<script>alert" "the typed email comes back escaped"
xget -u $contoso_agent /customers --get --data-urlencode "q=$xss"
expect_xp /page/customers/@q "$xss" "the XML keeps the text as text"

# --- header injection

fetch -u $contoso_agent GET "/login?next=/dashboard%0d%0aSet-Cookie:x=1"
check "no header is injected through next (signed in)" \
    no_injected_cookie
check "a next with CR/LF falls back to /dashboard" test "$(header Location)" = /dashboard
fetch GET "/login?next=/dashboard%0d%0aSet-Cookie:x=1"
check "no header is injected through next (the form)" \
    no_injected_cookie
new_login_token
fetch -u anon POST /login --data "csrf=$token" \
    --data "next=/dashboard%0d%0aSet-Cookie:x=1&email=agent%40contoso.example&password=demo-password"
expect_status 303 "a sign-in with a CR/LF next"
check "no header is injected through next (sign-in)" \
    no_injected_cookie
check "the sign-in goes to /dashboard instead" test "$(header Location)" = /dashboard
fetch GET "/requests/1?x=%0d%0aSet-Cookie:%20x=1"
check "no header is injected through the sign-in redirect" \
    no_injected_cookie
fetch GET "/dashboard%0d%0aSet-Cookie:%20x=1"
check "no header is injected through the path" \
    no_injected_cookie

# --- every program still answers

alive $contoso_agent /dashboard "the dashboard program"
alive $contoso_agent /customers "the customers program"
alive $contoso_agent /requests "the requests program"
alive $contoso_agent /requests/1 "the request program"
alive $contoso_agent /health "the health program"
alive $contoso_agent "/requests/new?customer=1" "the newrequest program"
alive $contoso_agent /account "the account program"
alive $operator /desk "the desk program"
fetch GET /login
expect_status 200 "the login program still answers"
