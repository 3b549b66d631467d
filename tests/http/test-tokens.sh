# API tokens: a read-only scope (GET only) and an optional expiry, chosen
# by the global admin who creates one; an expired token signs nobody in.
. "$PD_TOP/tests/http/lib.sh"
plan 13

admin=admin@contoso.example
login $admin
post $admin /account/tokens "name=read-only reports" access=read expires=30
expect_status 201 "a read-only token that expires in 30 days"
ro=$(xp /page/account/new-token/secret)
ro_id=$(xp /page/account/new-token/@id)
post $admin /account/tokens "name=nightly import"
expect_status 201 "a token that may write and does not expire"
rw=$(xp /page/account/new-token/secret)
xget -u $admin /account
expect_xp "/page/account/tokens/token[@id=$ro_id]/@access" read "the list says it may only read"
check "… and when it expires (in 30 days)" test "$(sql "SELECT expires_at - created_at
    FROM api_token WHERE id = $ro_id")" = $((30 * 86400))
post $admin /account/tokens "name=x" access=everything
expect_status 422 "an access that is not offered is refused"
expect_xp "/page/errors/error[@field='token_access']/@rule" choice "… naming the field and the rule"
post $admin /account/tokens "name=x" expires=7
expect_status 422 "a lifetime that is not offered is refused"

fetch -x GET "/customers?q=north" -H "Authorization: Bearer $ro"
expect_status 200 "the read-only token reads"
fetch -x POST /requests/1/notes -H "Authorization: Bearer $ro" --data "text=from a reader"
expect_status 403 "… but may not write"
expect_xp /page/error/@rule read_only "… rule read_only"
fetch -x POST /requests/1/notes -H "Authorization: Bearer $rw" --data "text=from the import"
expect_status 201 "the other token writes"

sql "UPDATE api_token SET expires_at = unixepoch() - 1 WHERE id = $ro_id"
fetch -x GET "/customers?q=north" -H "Authorization: Bearer $ro"
expect_status 401 "an expired token signs nobody in"
