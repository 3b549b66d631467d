# The documentation is in the repository: nothing points outside it, and
# every document the README lists is there.
. "$PD_TOP/tests/http/lib.sh"
plan 3

# The files git knows (none would make the check below pass unseen).
files=$(cd "$PD_TOP" && git ls-files | grep -v '^tests/browser/package-lock.json$')
outside=$(cd "$PD_TOP" && xargs grep -lE '\.\./shared/|\bSPEC\.md\b|\bSTYLE\.md\b|\b[Tt]he SPEC\b|SPEC'"'"'s' <<<"$files")
if [ -n "$files" ] && [ -z "$outside" ]; then
	ok "no file points at a specification outside the repository ($(wc -l <<<"$files") files)"
else notok "no file points at a specification outside the repository:" $outside; fi

docs=$(grep '^| `docs/` |' "$PD_TOP/README.md" | sed 's/^| `docs\/` | //; s/ |$//' | tr -d '`,')
missing=""
for d in $docs; do [ -s "$PD_TOP/docs/$d" ] || missing="$missing $d"; done
if [ -n "$docs" ] && [ -z "$missing" ]; then ok "every document the README lists is in docs/ ($(wc -w <<<"$docs"))"
else notok "every document the README lists is in docs/ (missing:$missing)"; fi
check "docs/product.md says what is not built yet" grep -q '^## Not built yet' "$PD_TOP/docs/product.md"
