#!/usr/bin/env bash
# dist/man/exposcan.1 is exposcan(1): it lints clean with mandoc (-W warning)
# and man/groff (--warnings), it has a section per subcommand, every flag that
# `exposcan [SUB] --help` prints appears in it, and every long flag it names
# exists (so neither a new flag nor a removed one can drift). Exit codes 0-3
# are documented. Skips (77) only if neither mandoc nor man is installed.
set -euo pipefail
: "${EXPOSCAN:?set EXPOSCAN}" "${EXPOSCAN_SOURCE_DIR:?}"
source "$EXPOSCAN_SOURCE_DIR/tests/ship/help_flags.sh"
page=$EXPOSCAN_SOURCE_DIR/dist/man/exposcan.1
tmp=$(mktemp -d /tmp/exposcan-man.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "FAIL: $*" >&2; exit 1; }

command -v mandoc >/dev/null || { echo "SKIP: mandoc not installed (scripts/install-deps.sh)"; exit 77; }
mandoc -T lint -W warning "$page" || fail "mandoc -T lint reports warnings"
if command -v man >/dev/null; then
  LC_ALL=C.UTF-8 man --warnings -l "$page" 2>"$tmp/groff.err" >/dev/null
  [[ ! -s $tmp/groff.err ]] || fail "man --warnings: $(cat "$tmp/groff.err")"
fi
# Rendered text, one long line per paragraph, hyphens as typed, overstrike
# (bold/underline as X backspace X) removed.
mandoc -T ascii -O width=1000 "$page" | sed 's/.\x08//g' >"$tmp/page.txt"

has_word() { grep -qE -- "(^|[^a-zA-Z0-9-])$1([^a-zA-Z0-9-]|\$)" "$tmp/page.txt"; }
missing=()
: >"$tmp/all-flags"
for sub in "" $(subcommands "$EXPOSCAN"); do
  if [[ -n $sub ]]; then
    grep -qE "^ {0,3}exposcan $sub( |\$)" "$tmp/page.txt" || missing+=("section 'exposcan $sub'")
  fi
  for flag in $(help_flags "$EXPOSCAN" $sub); do
    echo "$flag" >>"$tmp/all-flags"
    has_word "$flag" || missing+=("${sub:-exposcan}: $flag")
  done
done
((${#missing[@]} == 0)) || fail "not in exposcan(1): ${missing[*]}"

# The other way: a long flag the page names must exist somewhere (lines
# quoting systemctl are about its flags, not ours).
stale=()
for flag in $(grep -v systemctl "$tmp/page.txt" | grep -oE -- '(^|[^a-zA-Z0-9-])--[a-z][a-z0-9-]*' | grep -oE -- '--[a-z0-9-]+' | sort -u); do
  grep -qxF -- "$flag" "$tmp/all-flags" || stale+=("$flag")
done
((${#stale[@]} == 0)) || fail "exposcan(1) names flags no --help prints: ${stale[*]}"

# Every --format value --help lists is named in the page.
for fmt in $("$EXPOSCAN" scan --help | grep -oE 'Output format: [a-z|-]+' | cut -d' ' -f3 | tr '|' ' '); do
  has_word "$fmt" || fail "format $fmt (scan --help) not in exposcan(1)"
done

for code in 0 1 2 3; do
  grep -qE "^ +$code[[:space:]]+[A-Z]" "$tmp/page.txt" || fail "exit status $code not documented"
done
echo "manpage: $(sort -u "$tmp/all-flags" | wc -l) flags of $(subcommands "$EXPOSCAN" | wc -l) subcommands documented, lint clean"
