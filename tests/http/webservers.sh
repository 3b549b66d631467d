# Sourced by the tests of the web servers themselves (after lib.sh):
# starts Debian's Apache on $apache and a second nginx on $nginx, each
# with its example config (apache.conf.example, nginx.conf.example) with
# the paths and the port rewritten, in front of the workers the test
# server runs.  Both reach the workers' sockets through links in
# $ws/run, so that a test can take one program's pool away (pool_down)
# without stopping it.  Each logs "METHOD PATH STATUS SOCKET" a request
# to $ws/nginx/route.log and $ws/apache/route.log.  Both are stopped when
# the test exits, whatever happens.  Their ports: PD_TEST_APACHE_PORT and
# PD_TEST_NGINX_PORT, by default PD_TEST_PORT + 1000 and + 2000.
apache_port=${PD_TEST_APACHE_PORT:-$((${PD_TEST_PORT:-18080} + 1000))}
nginx_port=${PD_TEST_NGINX_PORT:-$((${PD_TEST_PORT:-18080} + 2000))}
apache="http://127.0.0.1:$apache_port" nginx="http://127.0.0.1:$nginx_port"
sockets=$(dirname "$(find "$PD_TEST_WORK" -name login.sock -print -quit)")
if [ ! -S "$sockets/login.sock" ]; then
	notok "the test server's sockets are under $PD_TEST_WORK"
	exit 1
fi
# Apache serves nothing as root: run as root, its children are Debian's
# www-data, which may not enter the test's directory.  So its sockets
# and static files are reached from a directory of its own, and, as in
# production (docs/deploy.md), www-data's group may open the sockets
# while it runs.
ws=$(mktemp -d /tmp/partnerdesk-ws.XXXXXX)
chmod 755 "$ws"
ws_pids="" ws_sockets=""
ws_stop() {
	local pid
	for pid in $ws_pids; do
		kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	done
	ws_pids=""
	[ -z "$ws_sockets" ] || chmod 600 $ws_sockets
	rm -rf "$ws"
}
on_exit ws_stop
trap 'exit 1' INT TERM

mkdir -p "$ws/run" "$ws/nginx" "$ws/apache"
cp -R "$PD_TOP/www" "$ws/www"
www="$ws/www"
# pool_down PROGRAM / pool_up PROGRAM: its socket vanishes and returns.
# A hard link, not a symbolic one: the way to the socket is $ws's.
pool_down() { rm "$ws/run/$1.sock"; }
pool_up() { ln "$sockets/$1.sock" "$ws/run/"; }
for s in "$sockets"/*.sock; do
	pool_up "$(basename "$s" .sock)"
	if [ "$(id -u)" -eq 0 ] && [ "$(stat -c %a "$s")" = 600 ]; then
		chgrp www-data "$s" && chmod 660 "$s"
		ws_sockets="$ws_sockets $s"
	fi
done
# As root, nginx's workers are root too (as scripts/serve runs them).
nginx_user=""
[ "$(id -u)" -ne 0 ] || nginx_user="user root root;\n"

sed -e "s|/run/partnerdesk|$ws/run|g" \
    -e "s|/usr/share/partnerdesk/www|$www|g" \
    -e "s|/var/lib/partnerdesk/files|$(dirname "$PD_TEST_DB")/files|g" \
    -e "s|listen 127.0.0.1:80;|listen 127.0.0.1:$nginx_port;|" \
    -e "s|/var/log/nginx/access.log|$ws/nginx/access.log|" \
    -e "s|^worker_processes 1;|worker_processes 1;\ndaemon off;\n${nginx_user}pid $ws/nginx/nginx.pid;\nerror_log $ws/nginx/error.log warn;|" \
    -e "s|^http {|http {\n\tlog_format route '\$request_method \$request_uri \$status \$upstream_addr';\n\taccess_log $ws/nginx/route.log route;\n\tclient_body_temp_path $ws/nginx/body;\n\tfastcgi_temp_path $ws/nginx/fastcgi;\n\tproxy_temp_path $ws/nginx/proxy;\n\tuwsgi_temp_path $ws/nginx/uwsgi;\n\tscgi_temp_path $ws/nginx/scgi;|" \
    "$PD_TOP/nginx.conf.example" > "$ws/nginx/nginx.conf"

sed -e "s|/run/partnerdesk|$ws/run|g" \
    -e "s|/usr/share/partnerdesk/www|$www|g" \
    -e "s|<VirtualHost \*:443>|<VirtualHost *:$apache_port>|" \
    -e "s|/var/log/apache2/access.log|$ws/apache/access.log|" \
    "$PD_TOP/apache.conf.example" > "$ws/apache/site.conf"
mods=/usr/lib/apache2/modules
{
	cat <<-EOF
	ServerRoot "$ws/apache"
	DefaultRuntimeDir "$ws/apache"
	PidFile "$ws/apache/httpd.pid"
	Listen 127.0.0.1:$apache_port
	ServerName 127.0.0.1
	ErrorLog "$ws/apache/error.log"
	LogLevel warn
	LogFormat "%m %U%q %>s %{uds_path}n" route
	# As Debian's apache2.conf names it, for the site's access log.
	LogFormat "%h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\"" combined
	CustomLog "$ws/apache/route.log" route
	TypesConfig /etc/mime.types
	StartServers 1
	ServerLimit 1
	ThreadsPerChild 16
	MaxRequestWorkers 16
	# As in Debian's apache2.conf: nothing is served unless granted.
	<Directory />
		AllowOverride None
		Require all denied
	</Directory>
	EOF
	for m in mpm_event authz_core mime alias headers setenvif proxy proxy_fcgi; do
		echo "LoadModule ${m}_module $mods/mod_$m.so"
	done
	# Apache serves nothing as root: its children become Debian's user.
	[ "$(id -u)" -eq 0 ] && printf 'User www-data\nGroup www-data\n'
	echo "Include \"$ws/apache/site.conf\""
} > "$ws/apache/httpd.conf"

# ws_wait URL NAME DIR: waits until the server in DIR answers at URL
# (its own log says so: another server on that port does not count).
ws_wait() {
	for _ in $(seq 1 50); do
		curl -s -o /dev/null "$1/static/style.css?ws-wait"
		grep -q 'ws-wait' "$3/route.log" 2>/dev/null && { ok "$2 starts"; return 0; }
		sleep 0.1
	done
	notok "$2 starts: $(tail -n 3 "$3/stderr.log" "$3/error.log" 2>/dev/null | tr '\n' ' ')"
	return 1
}

if ! command -v apache2 >/dev/null 2>&1 && [ ! -x /usr/sbin/apache2 ]; then
	notok "Apache is installed (apache2; scripts/deps installs it)"
	exit 1
fi
PATH=$PATH:/usr/sbin
apache2 -d "$ws/apache" -f "$ws/apache/httpd.conf" -DFOREGROUND \
    >"$ws/apache/stderr.log" 2>&1 &
ws_pids="$ws_pids $!"
nginx -p "$ws/nginx" -c "$ws/nginx/nginx.conf" -e "$ws/nginx/error.log" \
    >"$ws/nginx/stderr.log" 2>&1 &
ws_pids="$ws_pids $!"
ws_wait "$apache" "Apache (apache.conf.example) on $apache" "$ws/apache" || exit 1
ws_wait "$nginx" "nginx (nginx.conf.example) on $nginx" "$ws/nginx" || exit 1

# The security headers every response must carry, as the workers send
# them (lib/app.c): read from a page of the test server.
curl -s -o /dev/null -D "$ws/worker.headers" "$base/login"
security_headers="X-Content-Type-Options X-Frame-Options Referrer-Policy Content-Security-Policy"

# expect_security_headers NAME: the last response has each of them once,
# with the workers' value, and a CSP that forbids inline script.
expect_security_headers() {
	local h want got bad=""
	for h in $security_headers; do
		want=$(grep -i "^$h:" "$ws/worker.headers" | tr -d '\r')
		got=$(grep -i "^$h:" "$headers" | tr -d '\r')
		[ -n "$want" ] && [ "$got" = "$want" ] || bad="$bad $h='${got#*: }'"
	done
	grep -qi "^Content-Security-Policy:.*frame-ancestors 'none'" "$headers" || bad="$bad frame-ancestors"
	! grep -qi "^Content-Security-Policy:.*unsafe-inline" "$headers" || bad="$bad unsafe-inline"
	if [ -z "$bad" ]; then ok "$*: the security headers"
	else notok "$*: the security headers (wrong:$bad)"; fi
}

# expect_error_page STATUS NAME: the last response is the product's own
# page for STATUS (www/errors/), not the web server's default.
expect_error_page() {
	local want=$1; shift
	expect_status "$want" "$*"
	if grep -q 'class="page-error"' "$body" && grep -q "($want)" "$body" &&
	    grep -q 'href="/static/style.css"' "$body"; then
		ok "$*: the product's own $want page"
	else
		notok "$*: the product's own $want page ($(head -c 120 "$body" | tr '\n' ' '))"
	fi
	expect_security_headers "$*"
}
