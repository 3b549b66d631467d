# The harness's own test: tests/run over fixtures/, test programs that each
# break one rule (each says which), must fail and name every broken one;
# xp, count and the schema check must fail the checks that meet a bad
# body.  The fixtures need no server.
. "$PD_TOP/tests/http/lib.sh"
plan 15
out="$tmp/run"
(cd "$PD_TOP" && PD_TEST_NO_SERVER=1 tests/run tests/harness/fixtures/*) >"$out" 2>&1
rc=$?
# says TEXT: a line of tests/run's output starts with TEXT.
says() { awk -v t="$1" 'index($0, t) == 1 { found = 1 } END { exit !found }' "$out"; }
f="tests/harness/fixtures"

check "tests/run fails" test "$rc" = 1
check "… and ends with the tally" test "$(tail -n1 "$out")" = "11 passed, 12 failed"
check "a script that exits half-way fails, named" \
    says "not ok - $f/dies.sh exits with status 3; ran 1 of its 3 planned checks"
check "a node run that throws half-way fails, named" \
    says "not ok - $f/throws.mjs exits with status 1; ran 1 of its 2 planned checks"
check "a script killed half-way fails, named" \
    says "not ok - $f/killed.sh killed by SIGKILL; ran 1 of its 2 planned checks"
check "a script that runs fewer checks than its plan fails" \
    says "not ok - $f/short.sh ran 2 of its 3 planned checks"
check "a script without a plan fails" \
    says "not ok - $f/unplanned.sh declares no plan"
check "a script that writes to stderr fails" \
    says "not ok - $f/stderr.sh writes to stderr: Error: in prepare"
check "… and its stderr is shown" says "# stderr: Error: in prepare"
check "two counts over a body that is not XML do not agree" \
    says "not ok - two counts over a body that is not XML [count(/a) over the answer to GET /fixture: line 1: parser error"
check "an expected count over a body that is not XML fails" \
    says "not ok - a count over a body that is not XML ["
check "XML that does not match the schema fails the next check" \
    says "not ok - the check after XML that does not match the schema [GET /fixture: the XML does not match docs/api.rng:"
check "trouble after the last check fails the script" \
    says "not ok - nothing goes wrong after the last check [string(/page[)"
check "the good script passes" \
    says "ok - $f/good.sh exits 0 after its 2 planned checks"
check "and so do its checks" says "ok - the second check"
# What went wrong, for whoever reads a failure above.
[ "$(tail -n1 "$out")" = "11 passed, 12 failed" ] || sed 's/^/# /' "$out"
