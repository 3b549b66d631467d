# Stored and reflected XSS through every POST form the pages show.  The
# forms are found, not listed: as the widest partner and operator roles,
# every GET route of `program --routes` (ids 1) and the links of this
# site its pages lead to, one page of each shape (path and query keys),
# have their POST forms read (tests/http/forms.xsl).  Each form is sent
# twice with its own token: every field it shows gets script markup
# (mostly refused: its answer shows the markup back), then only its free
# text fields, the rest as the form had them (mostly stored).  Then
# every page again, and where each submission led: nowhere may the
# markup come out as markup, and some of it must come out as text.
# The forms close requests and rename partners: the database is put
# back as it was at the end (SQLite's backup API, under the workers),
# so that the files after this one see the demo data.
. "$PD_TOP/tests/http/lib.sh"
sqlite3 -cmd '.timeout 5000' "$PD_TEST_DB" ".backup '$tmp/before.db'"
on_exit "sqlite3 -cmd '.timeout 5000' '$PD_TEST_DB' \".restore '$tmp/before.db'\""

crawlers=("${demo_user[global_admin]}" "${demo_user[support_agent]}" "${demo_user[operator_admin]}")
for u in "${crawlers[@]}"; do login "$u"; done > "$tmp/logins"
# Links that end the session or are files, not pages.
not_pages='^/(logout|static/|favicon)|/attachments/|format=csv'

role_of() {
	local role
	for role in "${!demo_user[@]}"; do [ "${demo_user[$role]}" = "$1" ] && echo "$role"; done
}

# shape URL: the path with ids as #, and the query's keys sorted.
shape() {
	local path=${1%%\?*} query=""
	[[ "$1" == *\?* ]] && query=$(tr '&' '\n' <<<"${1#*\?}" | cut -d= -f1 | sort -u | paste -sd,)
	echo "$(sed -E 's|/[0-9]+|/#|g' <<<"$path")?$query"
}

# crawl USER: BFS over the pages USER reaches from the GET routes it may
# take; the pages in $tmp/pages.USER, the forms in $tmp/forms (user,
# action, fields).
crawl() {
	local user=$1 url href n=0
	local -A seen=()
	local queue=()
	while read -r pattern roles; do
		case ",$roles," in *",$(role_of "$user"),"*) queue+=("${pattern//\#/1}") ;; esac
	done < <(routes | awk -F '\t' '$2 ~ /GET/ { print $3, $4 }')
	: > "$tmp/pages.$user"
	while [ ${#queue[@]} -gt 0 ] && [ $n -lt 150 ]; do
		url=${queue[0]}; queue=("${queue[@]:1}")
		[ -n "${seen[$(shape "$url")]:-}" ] && continue
		seen[$(shape "$url")]=1
		fetch -u "$user" GET "$url"
		[ "$status" = 200 ] || continue
		n=$((n + 1))
		echo "$url" >> "$tmp/pages.$user"
		xsltproc --html "$PD_TOP/tests/http/forms.xsl" "$body" 2>/dev/null |
		    sed "s|^|$user\t|" >> "$tmp/forms"
		for href in $(xmllint --html --xpath '//a/@href' "$body" 2>/dev/null |
		    sed -n 's/^ *href="\(\/[^"]*\)"$/\1/p' | sed 's/&amp;/\&/g'); do
			[[ "$href" =~ ^/[^/] ]] && ! [[ "$href" =~ $not_pages ]] && queue+=("${href%%#*}")
		done
	done
}

: > "$tmp/forms"
for u in "${crawlers[@]}"; do crawl "$u"; done
# One form of each action's shape, not the sign-out, with something to fill.
free_text='=(text|textarea|search):'
awk -F '\t' -v not="^/logout$" '$2 !~ not && NF > 2 { print }' "$tmp/forms" |
    while IFS=$'\t' read -r user action fields; do
	echo "$(shape "$action")	$user	$action	$fields"
    done | sort -t$'\t' -k1,1 -u | cut -f2- |
    grep -E "$free_text|=(email|tel|url|password|date|datetime-local|number):" > "$tmp/send"
npages=$(cat "$tmp/pages".* | wc -l)
plan $(( ${#crawlers[@]} + 1 + 2 * $(wc -l < "$tmp/send") + npages + 1 ))
cat "$tmp/logins"
check "the crawl found POST forms to fill ($(wc -l < "$tmp/send")) on $npages pages" \
    test "$(wc -l < "$tmp/send")" -ge 20

# markup N: script markup that names submission N.
markup() { echo "xss-$1\"'><script>alert($1)</script><img src=x onerror=alert($1)>"; }
unescaped='<script>alert\([0-9]+\)|<img src=x onerror'
# no_markup NAME: a check that the last body has none of it as markup.
no_markup() {
	if grep -qE "$unescaped" "$body"; then
		notok "$1: the markup unescaped ($(grep -oE "$unescaped" "$body" | head -n1))"
	else
		ok "$1: HTTP $status, no markup"
	fi
}

: > "$tmp/led"
n=0
while IFS=$'\t' read -r user action fields; do
	for round in every free; do
		n=$((n + 1))
		args=()
		IFS=$'\t' read -ra pairs <<<"$fields"
		for pair in "${pairs[@]}"; do
			name=${pair%%=*} rest=${pair#*=}
			type=${rest%%:*} value=${rest#*:}
			case $type in
			file) continue ;;
			hidden|select|checkbox|radio) ;;
			text|textarea|search) value=$(markup $n) ;;
			*) [ $round = every ] && value=$(markup $n) ;;
			esac
			[ "$name" = csrf ] && value=$(csrf "$user")
			args+=(--data-urlencode "$name=$value")
		done
		fetch -u "$user" POST "$action" "${args[@]}"
		no_markup "POST $action as $user, markup in $round field"
		case $status in 201|303) echo "$user $(header Location)" >> "$tmp/led" ;; esac
	done
done < "$tmp/send"

shown=0
for u in "${crawlers[@]}"; do
	while read -r url; do
		fetch -u "$u" GET "$url"
		no_markup "GET $url as $u, after the forms"
		grep -qo 'xss-[0-9]*' "$body" && shown=$((shown + 1))
	done < "$tmp/pages.$u"
done
while read -r u url; do
	[ -n "$url" ] && fetch -u "$u" GET "$url" && grep -qE "$unescaped" "$body" &&
	    problem "GET $url as $u (where a form led): the markup unescaped"
done < "$tmp/led"
check "pages show stored markup as text ($shown pages; $(wc -l < "$tmp/led") submissions stored), none as markup" \
    test "$shown" -ge 10
