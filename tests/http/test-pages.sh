# Every page as HTML, for each kind of user and in each language: it
# renders (no 500 from a stylesheet), every text comes from a catalogue
# (no "[key]" left), every POST form carries the CSRF token, every
# labelled input exists, and the page is in the language asked for.
. "$PD_TOP/tests/http/lib.sh"

# page_checks NAME: the checks on the last HTML body.
page_checks() {
	local name=$1
	if grep -qoE '\[[a-z_]+(\.[A-Za-z0-9_]+)+\]' "$body"; then
		notok "$name: every text is translated ($(grep -oE '\[[a-z_]+(\.[A-Za-z0-9_]+)+\]' "$body" | sort -u | head -3 | tr '\n' ' '))"
	else
		ok "$name: every text is translated"
	fi
	local posts csrfs
	posts=$(grep -o '<form[^>]*method="post"' "$body" | wc -l)
	csrfs=$(grep -o 'name="csrf"' "$body" | wc -l)
	if [ "$posts" -le "$csrfs" ]; then ok "$name: every POST form has a csrf field ($posts)"
	else notok "$name: every POST form has a csrf field ($posts forms, $csrfs tokens)"; fi
	local missing="" f
	for f in $(grep -o '<label for="[^"]*"' "$body" | sed 's/.*for="//; s/"$//'); do
		grep -q "id=\"$f\"" "$body" || missing="$missing $f"
	done
	if [ -z "$missing" ]; then ok "$name: every label points at a field"
	else notok "$name: every label points at a field (no id$missing)"; fi
}

# html USER LANG PATH: GET PATH as HTML in LANG and check it.
html() {
	local user=$1 lang=$2 path=$3
	fetch -u "$user" GET "$path" -H "Accept-Language: $lang"
	if [ "$status" = 200 ]; then ok "$user $path in $lang (HTTP 200)"
	else notok "$user $path in $lang (HTTP $status, wanted 200)"; return; fi
	page_checks "$user $path ($lang)"
}

agent=agent@contoso.example
admin=admin@contoso.example
sales=sales@contoso.example
operator=support@operator.example
for u in $agent $admin $sales $operator; do login "$u"; done
# Without a language of their own, Accept-Language picks the page's.
sql "UPDATE user SET lang = '' WHERE email = '$admin'"

partner_pages="/dashboard /customers /customers?q=north /customers/1 /requests
/requests?scope=partner /requests/1 /requests/new?customer=1
/requests/new?customer=1&service=1 /requests/new?customer=1&service=1&step=form
/requests/new?scope=partner /health /health/1 /account"
for lang in en zh it; do
	for p in $partner_pages; do html $admin $lang "$p"; done
done
for p in /dashboard /desk /requests/1 /requests/15 /health /account; do
	html $operator en "$p"
done
for p in /dashboard /customers /customers/1 /account; do html $sales en "$p"; done

# The language: Accept-Language picks it when the user has none.
fetch -u $admin GET /dashboard -H "Accept-Language: zh-CN,zh;q=0.9,en;q=0.5"
expect_body '<html lang="zh"' "Accept-Language zh gives a Chinese page"
expect_body '客户' "the Chinese menu"
fetch -u $admin GET /dashboard -H "Accept-Language: it-IT,it;q=0.9"
expect_body 'Richieste di supporto' "the Italian menu says Richieste di supporto"
expect_body 'Richieste dai clienti' "the Italian menu says Richieste dai clienti"

# A sign-in page and an error page, signed out.
fetch GET /login
expect_status 200 "the sign-in page"
page_checks "the sign-in page"
fetch GET /nowhere
expect_status 404 "an unknown address"
fetch -u $agent GET /requests/999999
expect_status 404 "a request that does not exist"
page_checks "the 404 page"
expect_body '<h1' "the 404 page has a heading"
