# partnerdesk behind Debian's Apache (apache.conf.example, mod_proxy_fcgi),
# beside nginx and in front of the same workers: a partner's and a
# script's way through it.
. "$PD_TOP/tests/http/lib.sh"
plan 38
. "$PD_TOP/tests/http/webservers.sh"
base=$apache

agent=agent@contoso.example
admin=admin@contoso.example

# --- signing in, a page, a static file
login $agent
fetch -u $agent GET /dashboard
expect_status 200 "Apache: the dashboard after signing in"
expect_body 'agent@contoso.example\|Contoso' "Apache: … it is the agent's"
expect_security_headers "Apache: the dashboard"
fetch -u $agent GET "/customers?q=north"
expect_status 200 "Apache: a customer search"
expect_body "Northwind Traders" "Apache: … finds Northwind"
fetch GET /static/style.css
expect_status 200 "Apache: the style sheet"
check "Apache: … as text/css" grep -qi '^Content-Type: text/css' "$headers"
expect_security_headers "Apache: the style sheet"

# --- a form POST, with and without its CSRF token
note="Through Apache $$"
post $agent /requests/1/notes "text=$note"
expect_status 201 "Apache: a note with the CSRF token"
check "Apache: … is stored" test "$(sql "SELECT count(*) FROM event WHERE kind = 'note' AND body = '$note'")" = 1
fetch -u $agent -x POST /requests/1/notes --data-urlencode "text=$note (no token)"
expect_status 403 "Apache: a note without the CSRF token"
expect_xp /page/error/@rule csrf "Apache: … refused for the token"

# --- a script with a Bearer token (Apache passes Authorization on)
login $admin
post $admin /account/tokens "name=through Apache"
expect_status 201 "Apache: the global admin creates a token"
token=$(xp /page/account/new-token/secret)
fetch -x GET "/customers?q=north" -H "Authorization: Bearer $token"
expect_status 200 "Apache: a Bearer request"
expect_xp /page/user/email $admin "Apache: … acts as the token's user"
expect_valid "Apache: the Bearer response"
fetch -x GET /dashboard -H "Authorization: Bearer pdt_not-a-token"
expect_status 401 "Apache: a wrong token"
check "Apache: … asks for a Bearer token" grep -qi '^WWW-Authenticate: Bearer' "$headers"

# --- the body-size caps: the workers' 1 MiB, Apache's 2 MiB
head -c 1100000 /dev/zero | tr '\0' a > "$tmp/over"
fetch -u $agent -x POST /requests/1/notes --data "csrf=$(csrf $agent)" --data-binary "@$tmp/over"
expect_status 413 "Apache: a body just over 1 MiB (the workers' cap)"
expect_xp /page/error/@status 413 "Apache: … in the workers' own words"
head -c 3000000 /dev/zero | tr '\0' a > "$tmp/huge"
fetch -u $agent POST /requests/1/close --data-binary "@$tmp/huge"
expect_error_page 413 "Apache: a body over 2 MiB (Apache's cap)"
fetch -u $agent GET /requests/1
expect_status 200 "Apache: the request page answers after it"

# --- attachments: a note's file through Apache, streamed both ways (the
# worker sends it itself: Apache passes no X-Accel-Redirect location)
head -c 3000000 /dev/urandom > "$tmp/trace.gz"
printf '\037\213' | dd of="$tmp/trace.gz" conv=notrunc status=none
fetch -u $agent -x POST /requests/1/notes -F "csrf=$(csrf $agent)" -F "text=A trace" \
    -F "file=@$tmp/trace.gz"
expect_status 201 "Apache: a note with a 3 MB file (over Apache's 2 MiB cap elsewhere)"
aid=$(xp "//note/attachment/@id")
fetch -u $agent GET "/requests/1/attachments/$aid"
expect_status 200 "Apache: the file downloads"
check "Apache: … the very bytes" cmp "$body" "$tmp/trace.gz"
check "Apache: … as an attachment" grep -qi '^Content-Disposition: attachment; filename="trace.gz"' "$headers"
expect_security_headers "Apache: the download"
login agent@fabrikam.example
fetch -u agent@fabrikam.example GET "/requests/1/attachments/$aid"
expect_status 404 "Apache: another partner gets 404"

# --- the access logs of both example configs: a token in the URL (a feed
# reader's ?token=) is not written down, the rest of the line is
post $admin /account/tokens "name=feed through Apache" access=feed
feed=$(xp /page/account/new-token/secret)
fetch GET "/health/feed?token=$feed"
expect_status 200 "Apache: the feed with its token in the URL"
curl -s -o /dev/null "$nginx/health/feed?token=$feed"
for server in apache nginx; do
	log="$ws/$server/access.log"
	check "$server's access log has the feed's line, without the token" \
	    sh -c "grep -q 'GET /health/feed' '$log' && ! grep -qF -- '$feed' '$log'"
done
