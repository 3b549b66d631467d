# What nginx and Apache answer by themselves carries the security
# headers and is the product's own page (www/errors/), not the server's
# default: a path with no route, a body over the cap, a pool that is
# down, TRACE, and the static files.
. "$PD_TOP/tests/http/lib.sh"
plan 58
. "$PD_TOP/tests/http/webservers.sh"

huge="$tmp/huge"
head -c 3000000 /dev/zero | tr '\0' a > "$huge"
for server in nginx apache; do
	eval "base=\$$server"
	fetch GET /no/such/page
	expect_error_page 404 "$server: a path with no route"
	fetch -x GET /customers/abc
	expect_error_page 404 "$server: a route's path with a word for the id"
	fetch POST /login --data-binary "@$huge"
	expect_error_page 413 "$server: a body over 2 MiB"
	fetch GET /static/style.css
	expect_status 200 "$server: a static file"
	expect_security_headers "$server: a static file"
	check "$server: … kept for an hour" grep -qi '^Cache-Control: max-age=3600' "$headers"
	fetch GET /favicon.ico
	expect_security_headers "$server: the icon"
	fetch GET /static/no-such-file.css
	expect_error_page 404 "$server: a missing static file"
	fetch GET /login
	expect_security_headers "$server: a worker's page (each header once)"
	check "$server: names no version" grep -qiE '^Server: (nginx|Apache)\s*$' "$headers"
	fetch TRACE /login -H "Cookie: pd_session=secret"
	expect_error_page 405 "$server: TRACE is refused, not echoed"
	expect_no_body "pd_session=secret" "$server: … the cookie is not in the answer"

	# The health program's pool goes away (its socket with it).
	pool_down health
	fetch GET /health
	case $server in
	nginx) expect_error_page 502 "$server: a program that is down" ;;
	apache) expect_error_page 503 "$server: a program that is down" ;;
	esac
	pool_up health
	fetch -x GET /health
	expect_status 401 "$server: … answers again when it is back"
done

# nginx's own limit on anonymous writes (nginx.conf.example: 5 a second
# per address, bursts of 20): sixty sign-in POSTs at once from one
# address, and some are nginx's 429 page (the workers' own 429 carries
# Retry-After; nginx's does not); a GET from that address and a POST
# from another are not limited meanwhile.
base=$nginx
# signin ADDRESS N: a sign-in POST from ADDRESS; its answer in $tmp/signin.N.
signin() {
	curl -s -o "$tmp/signin.$2" -D "$tmp/signin.$2.h" -w '%{http_code}\n' --interface "$1" \
	    --data 'email=nobody@example.com&password=x' "$base/login"
}
burst=()
for i in $(seq 60); do signin 127.0.0.77 "$i" >> "$tmp/burst" & burst+=($!); done
wait "${burst[@]}"
check "nginx: sixty sign-ins at once from one address: some limited ($(sort "$tmp/burst" | uniq -c | tr '\n' ' '))" \
    test "$(grep -c '^429$' "$tmp/burst")" -ge 1
limited=$(grep -l '^HTTP/1.1 429' "$tmp"/signin.*.h | head -n1)
check "nginx: … with the product's page, from nginx (no Retry-After: not the workers' throttle)" \
    sh -c "[ -n '$limited' ] && grep -q partnerdesk '${limited%.h}' && ! grep -qi '^retry-after' '$limited'"
fetch GET /login --interface 127.0.0.77
expect_status 200 "nginx: … while a GET from that address is not limited"
status=$(signin 127.0.0.78 other)
check "nginx: … nor a POST from another address (HTTP $status)" test "$status" != 429
