# Cross-site request forgery on every POST route of `program --routes`:
# as an actor the route admits, the POST without a csrf field, with a
# wrong one of the right length, and with another session's valid token
# (another signed-in user's; on a public form, another client's
# double-submit cookie) each answers 403, and none of them stores
# anything (the database's fingerprint, as test-attacks.sh takes it).
# A POST with its own token still gets past the check (the control).
. "$PD_TOP/tests/http/lib.sh"

routes | awk -F '\t' '$2 ~ /POST/ { print $3, $4 }' > "$tmp/posts"
plan $(( 6 + 1 + 3 * $(wc -l < "$tmp/posts") + 1 + 1 ))

for u in "${demo_user[@]}"; do login "$u"; done
# cookie_token CLIENT PATH: the double-submit token of a public form
# (lib/auth.c: the value of its cookie, set for the form's path).
cookie_token() {
	awk -v path="$2" '$3 == path && $6 ~ /pd_login$/ { print $7 }' "$(jar "$1")" | tail -n1
}
# other_session USER: another signed-in user's token (their session's).
other_session() {
	if [ "$1" = "${demo_user[sales_agent]}" ]; then csrf "${demo_user[helpdesk_agent]}"
	else csrf "${demo_user[sales_agent]}"; fi
}
# wrong TOKEN: as long as TOKEN, and not it.
wrong() { echo "$1" | tr '0-9a-zA-Z_-' 'a-zA-Z0-9_-'; }

before=$(db_fingerprint) || problem "the database cannot be read"
check "the database is read before the forgeries ($(head -n1 <<<"$before"))" \
    test "$(head -n1 <<<"$before" | cut -d' ' -f1)" -gt 20

while read -r pattern roles; do
	path=${pattern//\#/1}
	user=$(route_actor "$roles")
	if [ -z "$user" ]; then
		# Two anonymous clients, each with the form's cookie.
		for a in anon other_anon; do fetch -u $a GET "$path"; done
		user=anon own=$(cookie_token anon "$path") other=$(cookie_token other_anon "$path")
	else
		own=$(csrf "$user") other=$(other_session "$user")
	fi
	for forgery in missing wrong other; do
		case $forgery in
		missing) data=(--data '') ;;
		wrong) data=(--data-urlencode "csrf=$(wrong "$own")") ;;
		other) data=(--data-urlencode "csrf=$other") ;;
		esac
		fetch -u "$user" -x POST "$path" "${data[@]}"
		if [ "$status" = 403 ] && [ "$(xp /page/error/@field)" = csrf ]; then
			ok "POST $path as $user, token $forgery: 403 (csrf)"
		else
			notok "POST $path as $user, token $forgery: HTTP $status ($(xp /page/error/@field) $(xp /page/error/@rule))"
		fi
	done
done < "$tmp/posts"

after=$(db_fingerprint) || problem "the database cannot be read"
check "no forged POST changed the database" test "$after" = "$before"

# The control: the same kind of POST with the session's own token is
# let through (it is refused for its empty fields, not for its token).
fetch -u "${demo_user[admin_agent]}" -x POST /account \
    --data-urlencode "csrf=$(csrf "${demo_user[admin_agent]}")"
check "POST /account with the session's own token gets past the check (HTTP $status)" \
    test "$status" != 403 -a "$status" != 000
