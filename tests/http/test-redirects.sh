# Open redirects: every return-to parameter (a key named next in
# `program --routes`: the sign-in and its second step) gets addresses
# of another site in the forms browsers read as one: //evil, https://,
# /\evil, a tab a browser drops, encoded slashes, a scheme.  The page
# that carries it on must carry our dashboard instead, and the sign-in
# it ends must send the browser to a path of this site.
. "$PD_TOP/tests/http/lib.sh"

routes | awk -F '\t' '$2 ~ /GET/ && ","$6"," ~ /,next,/ { print $3 }' > "$tmp/returns"
probes=('//evil.example/' 'https://evil.example/' '/\evil.example/' '\\evil.example/'
    '/	/evil.example/' ' //evil.example/' '%2F%2Fevil.example/' '/%2F%2Fevil.example/'
    '///evil.example/' 'javascript:alert(1)' 'https:evil.example' '/dashboard
Location: https://evil.example/')
plan $(( 2 + $(wc -l < "$tmp/returns") + ${#probes[@]} * ($(wc -l < "$tmp/returns") + 2) ))

check "the return-to parameters are found in the routes ($(paste -sd' ' "$tmp/returns"))" \
    test "$(wc -l < "$tmp/returns")" -ge 2
agent=agent@contoso.example	# signs in with a password only
admin=admin@contoso.example	# and then a second step (TOTP)

# A path of this site: one slash, then not another or a backslash (which
# browsers read as a slash), nor a space or control character.
same_site_path='^/([^/\\[:space:][:cntrl:]]|$)'
same_site() { [[ "$1" =~ $same_site_path ]]; }

# The second step's page is for a half session (the password passed).
fetch -u half -x GET /login
fetch -u half POST /login --data-urlencode "email=$admin" --data-urlencode "password=$password" \
    --data-urlencode "csrf=$(xp /page/csrf)"
# client PATTERN: who may see the page of the route.
client() { if [ "$1" = /login/totp ]; then echo half; else echo anon; fi; }

while read -r pattern; do
	fetch -u "$(client "$pattern")" -x GET "$pattern"
	check "GET $pattern without next: the page carries on to /dashboard" \
	    test "$(xp '/page/*/@next')" = /dashboard
	for probe in "${probes[@]}"; do
		fetch -u "$(client "$pattern")" -x GET "$pattern" -G --data-urlencode "next=$probe"
		next=$(xp '/page/*/@next')
		if same_site "$next"; then ok "GET $pattern ?next=$(printf %q "$probe"): carries on to $next"
		else notok "GET $pattern ?next=$(printf %q "$probe"): carries on to $next"; fi
	done
done < "$tmp/returns"

# sign_in USER NEXT: the sign-in form, then the password (and the code)
# with NEXT; the last answer is the one that ends it.
sign_in() {
	local user=$1 next=$2 token
	rm -f "$(jar "$user")"
	fetch -u "$user" -x GET /login
	token=$(xp /page/csrf)
	fetch -u "$user" POST /login --data-urlencode "email=$user" \
	    --data-urlencode "password=$password" --data-urlencode "csrf=$token" \
	    --data-urlencode "next=$next"
	[ "$status" = 303 ] && [[ "$(header Location)" == /login/totp* ]] || return 0
	sql "UPDATE user SET totp_step = 0 WHERE email = '$user'"
	fetch -u "$user" POST /login/totp --data-urlencode "csrf=$token" \
	    --data-urlencode "code=$(oathtool --totp -b "$totp_secret")" \
	    --data-urlencode "next=$next"
}
for probe in "${probes[@]}"; do
	for user in $agent $admin; do
		sign_in "$user" "$probe"
		location=$(header Location)
		if [ "$status" = 303 ] && same_site "$location"; then
			ok "$user signs in with next=$(printf %q "$probe"): 303 to $location"
		else
			notok "$user signs in with next=$(printf %q "$probe"): HTTP $status to $location"
		fi
	done
done
fetch -u $agent GET /dashboard
expect_status 200 "the last sign-in holds (the probes above did sign in)"
