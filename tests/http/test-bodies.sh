# What a hostile client puts into a POST, on every POST route of
# `program --routes`, as an actor the route admits, each with the
# session's valid token so that only the body is at fault:
#  - parameter pollution: the token twice in the body (400, duplicate),
#    and a field in the query string beside the body (400: a POST takes
#    its fields from the body only);
#  - 10 MB of form: 413 from nginx or the worker, never a 500, and the
#    worker still answers the next request.
# None of them stores anything (the database's fingerprint).
. "$PD_TOP/tests/http/lib.sh"

routes > "$tmp/routes"
awk -F '\t' '$2 ~ /POST/ { print $1, $3, $4, $6 }' "$tmp/routes" > "$tmp/posts"
# A page of each program, to see its workers still answer: its first
# GET route (program, path, roles).
awk -F '\t' '$2 ~ /GET/ && !seen[$1]++ { gsub("#", "1", $3); print $1, $3, $4 }' \
    "$tmp/routes" > "$tmp/pages"
plan $(( 6 + 1 + 4 * $(wc -l < "$tmp/posts") + 1 ))

for u in "${demo_user[@]}"; do login "$u"; done
head -c $((10 * 1024 * 1024)) /dev/zero | tr '\0' A | sed 's/^/text=/' > "$tmp/10mb"

before=$(db_fingerprint) || problem "the database cannot be read"
check "the database is read before the bodies ($(head -n1 <<<"$before"))" \
    test "$(head -n1 <<<"$before" | cut -d' ' -f1)" -gt 20

# refused NAME STATUS RULE: the last answer is STATUS with RULE (or, for
# nginx's own 413, its page: nginx refuses before any worker sees it).
refused() {
	local name=$1 want=$2 rule=$3 got=""
	[ "$valid" = "" ] || got=$(xp /page/error/@rule)
	if [ "$status" = "$want" ] && { [ "$got" = "$rule" ] || [ -z "$rule" ]; }; then
		ok "$name: $status${got:+ ($got)}"
	else
		notok "$name: HTTP $status ($got), not $want${rule:+ ($rule)}"
	fi
}

while read -r program pattern roles keys; do
	path=${pattern//\#/1}
	user=$(route_actor "$roles")
	if [ -z "$user" ]; then
		user=anon
		fetch -u anon GET "$path"
		token=$(awk -v p="$path" '$3 == p && $6 ~ /pd_login$/ { print $7 }' "$(jar anon)" | tail -n1)
	else
		token=$(csrf "$user")
	fi
	key=${keys%%,*}
	[ "$key" = - ] && key=csrf
	fetch -u "$user" -x POST "$path" --data-urlencode "csrf=$token" --data-urlencode "csrf=$token"
	refused "POST $path, the token twice" 400 duplicate
	fetch -u "$user" -x POST "$path?$key=1" --data-urlencode "csrf=$token"
	refused "POST $path?$key=1, a field in the query" 400 query_on_post
	fetch -u "$user" -x POST "$path" --data-binary @"$tmp/10mb" \
	    -H 'Content-Type: application/x-www-form-urlencoded'
	refused "POST $path, 10 MB of form" 413 ""
	# A program of POSTs only has no page: then nginx still answers.
	read -r _ page page_roles < <(grep "^$program " "$tmp/pages") ||
	    { page=/login page_roles=public; }
	fetch -u "$(route_actor "$page_roles")" -x GET "$page"
	check "… and $program answers the next request (GET $page: HTTP $status)" \
	    test "$status" -lt 500 -a "$status" != 000
done < "$tmp/posts"

after=$(db_fingerprint) || problem "the database cannot be read"
check "no polluted or oversized body changed the database" test "$after" = "$before"
