# The authorization matrix: tests/authz.tsv has a row for every route and
# method the programs' own tables print (`program --routes`), with the
# answer each actor gets — anonymous, each partner role of Contoso, each
# operator role, and Fabrikam's admin agent on Contoso's objects.  This
# walks it: every GET cell, and every POST cell that refuses (a refusal
# must come before anything is done, so a POST with no fields is enough;
# allowed POSTs are the page tests' business).  A route without a row,
# or a row whose allowed cells disagree with the route's roles, fails.
# The other partner's answers must not carry Contoso's data.
# API tokens (read-write, read-only, feed-only, revoked, and tokens in the
# URL) and a deactivated user's session and token follow from each row's
# cells by rule (derived()).
#
# Cells: a status; "ok" for an allowed cell (GET: 200, POST: not sent);
# "-" for no such cell (no object of another partner).  All is asked as
# a script would (Accept: application/xml), so nobody is redirected.
. "$PD_TOP/tests/http/lib.sh"
table="$PD_TOP/tests/authz.tsv"
actors=(anon global_admin admin_agent helpdesk_agent sales_agent support_agent operator_admin other)
declare -A email=([global_admin]=admin@contoso.example [admin_agent]=agent@contoso.example
    [helpdesk_agent]=helpdesk@contoso.example [sales_agent]=sales@contoso.example
    [support_agent]=support@operator.example [operator_admin]=admin@operator.example
    [other]=agent@fabrikam.example)

# The routes (lib.sh's routes), one "METHOD PATTERN ROLES" a line
# (GET,POST split); the feed routes (--routes' fifth column), "METHOD
# PATTERN": a feed token reads them; and those of them that take it in
# the URL (?token=).
routes > "$tmp/all-routes"
awk -F '\t' '{ n = split($2, m, ","); for (i = 1; i <= n; i++) print m[i], $3, $4 }' \
    "$tmp/all-routes" > "$tmp/routes"
awk -F '\t' '$5 == "feed" { print $2, $3 }' "$tmp/all-routes" > "$tmp/feeds"
awk -F '\t' '$5 == "feed" && $6 ~ /(^|,)token(,|$)/ { print $2, $3 }' "$tmp/all-routes" > "$tmp/url_feeds"
rows() { grep -v '^#' "$table" | grep -v '^$'; }
walked=$(rows | awk '{ for (i = 4; i <= 11; i++) if ($i != "-" && !($1 == "POST" && $i == "ok")) n++ } END { print n + 0 }')

# Credentials other than a signed-in session have no columns: their
# answers follow from a row's cells by rule.
#   token     global_admin's API token: global_admin's answer, but a token
#             cannot manage tokens or two-step sign-in (403 on
#             /account/tokens… and /account/totp…)
#   readonly  global_admin's read-only token: its GETs as global_admin's,
#             every POST it could make 403
#   feed      global_admin's feed-only token: global_admin's answer on a
#             feed route, else anonymous's
#   feed_url  the same in the URL (?token=), sent to the feed routes that
#             take it there only (any other route refuses the parameter)
#   url_token global_admin's API token in such a URL: anonymous's answer
#             (only a feed token may stand in a URL, which is logged)
#   revoked   global_admin's revoked token: anonymous's answer
#   inactive  the session, and the token, of a deactivated admin agent:
#             anonymous's answer
# Public routes' POSTs (sign-in, reset) are for nobody's credential.
credentials=(token readonly feed feed_url url_token revoked inactive inactive_token)
# derived CREDENTIAL METHOD PATTERN CELLS…: the answer to expect, or
# nothing when the cell is not sent.
derived() {
	local cred=$1 method=$2 pattern=$3 anon=$4 ga=$5 want
	case $cred in
	token) want=$ga; case $pattern in /account/tokens*|/account/totp*) want=403 ;; esac ;;
	readonly) want=$ga; [ "$method" = POST ] && [ "$anon" = 401 ] && want=403 ;;
	feed) want=$anon
		grep -qxF -- "$method $pattern" "$tmp/feeds" && want=$ga ;;
	feed_url|url_token)
		grep -qxF -- "$method $pattern" "$tmp/url_feeds" || return
		want=$anon; [ "$cred" = feed_url ] && want=$ga ;;
	*) want=$anon ;;
	esac
	[ "$want" = - ] && return
	[ "$method" = POST ] && [ "$want" = ok ] && return
	[ "$want" = ok ] && want=200
	echo "$want"
}
credential_cells=$(rows | while read -r method pattern _ anon ga _; do
	for c in "${credentials[@]}"; do derived "$c" "$method" "$pattern" "$anon" "$ga"; done
done | wc -l)
plan $(( 8 + $(wc -l < "$tmp/routes") + 1 + walked + 2 + credential_cells ))

for a in "${actors[@]:1}"; do login "${email[$a]}"; done

# Contoso's objects the ids name: a customer, a service, a request (one
# with a partner's customer), a remediation case with an item, a token,
# a file sent with a note on the request.
sql "INSERT INTO remediation_case (partner_id, summary, opened_by, opened_at, updated_at)
    VALUES (1, 'authz matrix', 7, unixepoch(), unixepoch())"
case_id=$(sql "SELECT max(id) FROM remediation_case")
sql "INSERT INTO remediation_item (case_id, action, owner, due) VALUES ($case_id, 'a', 'b', '2099-01-01')"
item_id=$(sql "SELECT max(id) FROM remediation_item")
sql "INSERT INTO api_token (user_id, name, token_hash, prefix, created_at)
    VALUES (1, 'authz matrix', randomblob(32), 'pdt_authz', unixepoch())"
token_id=$(sql "SELECT max(id) FROM api_token")
printf 'authz matrix\n' > "$tmp/file.txt"
fetch -u admin@contoso.example -x POST /requests/1/notes -F "csrf=$(csrf admin@contoso.example)" \
    -F "text=authz matrix" -F "file=@$tmp/file.txt"
expect_status 201 "a note with a file on request 1, for the download's row"
file_id=$(sql "SELECT max(id) FROM attachment WHERE request_id = 1")
# path PATTERN IDS: the pattern with its #s replaced by IDS (a,b; names
# of the objects above allowed).
path() {
	local p=$1 ids=$2 id
	ids=${ids//case/$case_id}; ids=${ids//item/$item_id}; ids=${ids//token/$token_id}; ids=${ids//file/$file_id}
	for id in ${ids//,/ }; do p=${p/\#/$id}; done
	echo "$p"
}

# Every route has a row, and its allowed cells are the route's roles.
missing=""
while read -r method pattern roles; do
	row=$(rows | awk -v m="$method" -v p="$pattern" '$1 == m && $2 == p')
	if [ -z "$row" ]; then
		notok "$method $pattern has a row in tests/authz.tsv"
		missing=1
		continue
	fi
	set -- $row
	bad=""
	for i in 1 2 3 4 5 6; do
		cell=${@:$((4 + i)):1} role=${actors[$i]}
		allowed=no
		case ",$roles," in *",$role,"*|,public,) allowed=yes ;; esac
		case "$cell" in
		ok|200|303|400|404|409|422) [ $allowed = yes ] || bad="$bad $role" ;;
		403) [ $allowed = no ] || bad="$bad $role" ;;
		esac
	done
	if [ -z "$bad" ]; then ok "$method $pattern: its row agrees with the route's roles"
	else notok "$method $pattern: its row disagrees with the route's roles ($roles) for$bad"; fi
done < "$tmp/routes"
extra=$(rows | while read -r method pattern _; do
	grep -qxF "$method $pattern $(awk -v m="$method" -v p="$pattern" '$1 == m && $2 == p { print $3 }' "$tmp/routes")" "$tmp/routes" ||
		echo "$method $pattern"
done)
if [ -z "$extra" ]; then ok "every row of tests/authz.tsv is a route"
else notok "every row of tests/authz.tsv is a route (not:$(echo $extra))"; fi

# Walk the cells.
while read -r method pattern ids cells; do
	set -- $cells
	for i in 0 1 2 3 4 5 6 7; do
		want=${@:$((1 + i)):1} actor=${actors[$i]}
		[ "$want" = - ] && continue
		[ "$method" = POST ] && [ "$want" = ok ] && continue
		[ "$want" = ok ] && want=200
		url=$(path "$pattern" "$ids")
		if [ "$actor" = anon ] && [ "$method" = POST ]; then
			fetch -x POST "$url" --data csrf=x
		elif [ "$actor" = anon ]; then
			fetch -x GET "$url"
		elif [ "$method" = POST ]; then
			fetch -u "${email[$actor]}" -x POST "$url" --data-urlencode "csrf=$(csrf "${email[$actor]}")"
		else
			fetch -u "${email[$actor]}" -x GET "$url"
		fi
		leak=""
		[ "$actor" = other ] && grep -q 'Contoso' "$body" && leak=" (Contoso's data in the answer)"
		if [ "$status" = "$want" ] && [ -z "$leak" ]; then
			ok "$method $url as $actor: $want"
		else
			notok "$method $url as $actor: $want (HTTP $status$leak)"
		fi
	done
done < <(rows)

# The credentials' walk.  Tokens made here: the secrets are known.
b2() { printf %s "$1" | b2sum -l 256 | cut -d' ' -f1; }
declare -A secret=([token]=pdt_authz-token [readonly]=pdt_authz-readonly
    [feed]=pdf_authz-feed [revoked]=pdt_authz-revoked [inactive_token]=pdt_authz-inactive)
secret[feed_url]=${secret[feed]} secret[url_token]=${secret[token]}
sql "INSERT INTO user (partner_id, email, name, role, password_hash, lang, active)
    SELECT 1, 'inactive@contoso.example', 'Inactive Agent', 'admin_agent', password_hash,
    'en', 1 FROM user WHERE email = 'agent@contoso.example'"
inactive_id=$(sql "SELECT id FROM user WHERE email = 'inactive@contoso.example'")
for c in token readonly feed revoked inactive_token; do
	uid=1; [ "$c" = inactive_token ] && uid=$inactive_id
	sql "INSERT INTO api_token (user_id, name, token_hash, prefix, created_at, read_only,
	    feed_only, revoked_at)
	    VALUES ($uid, 'authz $c', X'$(b2 "${secret[$c]}")', substr('${secret[$c]}', 1, 12), unixepoch(),
	    $([ $c = readonly ] || [ $c = feed ] && echo 1 || echo 0), $([ $c = feed ] && echo 1 || echo 0),
	    $([ $c = revoked ] && echo 'unixepoch()' || echo NULL))"
done
login inactive@contoso.example
sql "UPDATE user SET active = 0 WHERE id = $inactive_id"
fetch -x GET /dashboard -H "Authorization: Bearer ${secret[inactive_token]}"
expect_status 401 "the deactivated agent's token stops at once"

while read -r method pattern ids anon ga _; do
	url=$(path "$pattern" "$ids")
	for c in "${credentials[@]}"; do
		want=$(derived "$c" "$method" "$pattern" "$anon" "$ga")
		[ -n "$want" ] || continue
		user=() bearer=() at=$url
		case $c in
		inactive) user=(-u inactive@contoso.example) ;;
		*_url|url_*) at="$url?token=${secret[$c]}" ;;
		*) bearer=(-H "Authorization: Bearer ${secret[$c]}") ;;
		esac
		if [ "$method" = POST ]; then
			fetch "${user[@]}" -x POST "$at" "${bearer[@]}" --data csrf=x
		else
			fetch "${user[@]}" -x GET "$at" "${bearer[@]}"
		fi
		if [ "$status" = "$want" ]; then ok "$method $url with $c: $want"
		else notok "$method $url with $c: $want (HTTP $status)"; fi
	done
done < <(rows)
