# What nginx and Apache answer by themselves carries the security
# headers and is the product's own page (www/errors/), not the server's
# default: a path with no route, a body over the cap, a pool that is
# down, TRACE, and the static files.
. "$PD_TOP/tests/http/lib.sh"
plan 54
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
