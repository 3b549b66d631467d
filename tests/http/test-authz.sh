# The authorization matrix: tests/authz.tsv has a row for every route and
# method the programs' own tables print (`program --routes`), with the
# answer each actor gets — anonymous, each partner role of Contoso, each
# operator role, and Fabrikam's admin agent on Contoso's objects.  This
# walks it: every GET cell, and every POST cell that refuses (a refusal
# must come before anything is done, so a POST with no fields is enough;
# allowed POSTs are the page tests' business).  A route without a row,
# or a row whose allowed cells disagree with the route's roles, fails.
# The other partner's answers must not carry Contoso's data.
#
# Cells: a status; "ok" for an allowed cell (GET: 200, POST: not sent);
# "-" for no such cell (no object of another partner).  All is asked as
# a script would (Accept: application/xml), so nobody is redirected.
. "$PD_TOP/tests/http/lib.sh"
table="$PD_TOP/tests/authz.tsv"
case "${PD_BIN:-build}" in /*) bin=$PD_BIN ;; *) bin="$PD_TOP/${PD_BIN:-build}" ;; esac
actors=(anon global_admin admin_agent helpdesk_agent sales_agent support_agent operator_admin other)
declare -A email=([global_admin]=admin@contoso.example [admin_agent]=agent@contoso.example
    [helpdesk_agent]=helpdesk@contoso.example [sales_agent]=sales@contoso.example
    [support_agent]=support@operator.example [operator_admin]=admin@operator.example
    [other]=agent@fabrikam.example)

# The routes, one "METHOD PATTERN ROLES" a line (GET,POST split).
for p in "$bin"/cgi-bin/*; do "$p" --routes; done |
    awk -F '\t' '{ n = split($2, m, ","); for (i = 1; i <= n; i++) print m[i], $3, $4 }' \
    > "$tmp/routes"
rows() { grep -v '^#' "$table" | grep -v '^$'; }
walked=$(rows | awk '{ for (i = 4; i <= 11; i++) if ($i != "-" && !($1 == "POST" && $i == "ok")) n++ } END { print n + 0 }')
plan $(( 8 + $(wc -l < "$tmp/routes") + 1 + walked ))

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
