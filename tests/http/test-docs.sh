# The documentation is in the repository: nothing points outside it, and
# every document the README lists is there.
. "$PD_TOP/tests/http/lib.sh"

outside=$(cd "$PD_TOP" && git ls-files 2>/dev/null | grep -v '^tests/browser/package-lock.json$' |
    xargs grep -lE '\.\./shared/|\bSPEC\.md\b|\bSTYLE\.md\b|\b[Tt]he SPEC\b|SPEC'"'"'s' 2>/dev/null)
if [ -z "$outside" ]; then ok "no file points at a specification outside the repository"
else notok "no file points at a specification outside the repository:" $outside; fi

docs=$(grep '^| `docs/` |' "$PD_TOP/README.md" | sed 's/^| `docs\/` | //; s/ |$//' | tr -d '`,')
missing=""
for d in $docs; do [ -s "$PD_TOP/docs/$d" ] || missing="$missing $d"; done
if [ -n "$docs" ] && [ -z "$missing" ]; then ok "every document the README lists is in docs/ ($(wc -w <<<"$docs"))"
else notok "every document the README lists is in docs/ (missing:$missing)"; fi
check "docs/product.md says what is not built yet" grep -q '^## Not built yet' "$PD_TOP/docs/product.md"
