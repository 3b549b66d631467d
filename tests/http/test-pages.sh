# Every page as HTML, for each kind of user and in each language: it
# renders (no 500 from a stylesheet), every text comes from a catalogue
# (no "[key]" left), every POST form carries the CSRF token, every
# labelled input exists, and the page is in the language asked for.
. "$PD_TOP/tests/http/lib.sh"
plan 407

agent=agent@contoso.example
admin=admin@contoso.example
sales=sales@contoso.example
operator=support@operator.example
for u in $agent $admin $sales $operator admin@operator.example; do login "$u"; done
# Without a language of their own, Accept-Language picks the page's.
sql "UPDATE user SET lang = '' WHERE email = '$admin'"

partner_pages="/dashboard /customers /customers?q=north /customers/1 /requests
/requests?scope=partner /requests/1 /requests/new?customer=1
/requests/new?customer=1&service=1 /requests/new?customer=1&service=1&step=form
/requests/new?scope=partner /health /health/1 /account"
for lang in en zh it; do
	for p in $partner_pages; do html $admin $lang "$p"; done
done
for lang in en zh it; do
	for p in /dashboard /desk /requests/1 /requests/15 /health /account \
	    /reports/sla /reports/scorecard /calendar /remediation; do
		html $operator $lang "$p"
	done
done
html admin@operator.example en /remediation
for lang in en zh it; do
	for p in /admin/partners /admin/partners/1; do html admin@operator.example $lang "$p"; done
	for p in /admin/customers /admin/customers/1 /admin/customers/import /account/support; do
		html $admin $lang "$p"
	done
done
html admin@operator.example en "/remediation/new?partner=1"
html admin@operator.example en "/admin/customers?partner=2"
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
