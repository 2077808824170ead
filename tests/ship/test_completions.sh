#!/usr/bin/env bash
# The bash, zsh and fish completions (dist/completions) offer exactly the
# subcommands of `exposcan --help` and, per subcommand, exactly the flags of
# `exposcan SUB --help` (tests/ship/help_flags.sh): a new flag without a
# completion, or a completion for a removed flag, fails. Each file also passes
# its shell's syntax check (-n). How each shell is asked:
#   bash: the completion function runs with COMP_WORDS=(exposcan SUB -)
#   fish: `complete -C "exposcan SUB -"` (and "--"), fish's own engine
#   zsh:  zsh's own completion system in a pty (tests/ship/zsh_complete.zsh:
#         compinit with dist/completions in fpath, TAB after "exposcan SUB -")
set -euo pipefail
: "${EXPOSCAN:?set EXPOSCAN}" "${EXPOSCAN_SOURCE_DIR:?}"
source "$EXPOSCAN_SOURCE_DIR/tests/ship/help_flags.sh"
dir=$EXPOSCAN_SOURCE_DIR/dist/completions
for sh in zsh fish; do
  command -v $sh >/dev/null || { echo "SKIP: $sh not installed (scripts/install-deps.sh installs it)"; exit 77; }
done
tmp=$(mktemp -d /tmp/exposcan-compl.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME=$tmp XDG_CONFIG_HOME=$tmp XDG_DATA_HOME=$tmp  # no user config of any shell
fail=0

bash -n "$dir/exposcan.bash"
zsh -n "$dir/_exposcan"
fish --no-config -n "$dir/exposcan.fish"

bash_offers() {  # bash_offers WORD...: what completing the last word offers
  bash --norc --noprofile -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _exposcan
    printf "%s\n" "${COMPREPLY[@]}"' _ "$dir/exposcan.bash" "$@" | sort -u
}
fish_offers() {  # fish_offers LINE...: candidates of each command line, merged
  local line
  for line in "$@"; do
    fish --no-config -c "source '$dir/exposcan.fish'; complete -C '$line'"
  done | cut -f1 | sort -u
}
# zsh: one session answers every question; zsh_offers LINE prints its answer.
zsh_lines=("exposcan " "exposcan -" "exposcan scan --format " "exposcan check --fail-on ")
for sub in $(subcommands "$EXPOSCAN"); do zsh_lines+=("exposcan $sub -"); done
timeout 60 zsh -f "$EXPOSCAN_SOURCE_DIR/tests/ship/zsh_complete.zsh" "$dir" "${zsh_lines[@]}" >"$tmp/zsh.out"
zsh_offers() { awk -v want="== $1" '/^== / {on = ($0 == want); next} on' "$tmp/zsh.out"; }

compare() {  # compare WHAT WANT-FILE GOT-FILE
  if ! diff -u "$2" "$3" >"$tmp/diff"; then
    echo "FAIL: $1 (- from --help, + completion):" >&2
    grep -E '^[-+][^-+]' "$tmp/diff" >&2 || grep -E '^[-+]-' "$tmp/diff" | grep -vE '^(---|\+\+\+) ' >&2
    fail=1
  fi
}

subcommands "$EXPOSCAN" | sort >"$tmp/subs"
bash_offers exposcan "" >"$tmp/got"; compare "bash: subcommands" "$tmp/subs" "$tmp/got"
fish_offers "exposcan " >"$tmp/got"; compare "fish: subcommands" "$tmp/subs" "$tmp/got"
zsh_offers "exposcan " >"$tmp/got"; compare "zsh: subcommands" "$tmp/subs" "$tmp/got"

n=0
for sub in "" $(cat "$tmp/subs"); do
  help_flags "$EXPOSCAN" $sub >"$tmp/want"
  n=$((n + $(wc -l <"$tmp/want")))
  words=(exposcan $sub)
  bash_offers "${words[@]}" - >"$tmp/got"; compare "bash: exposcan $sub flags" "$tmp/want" "$tmp/got"
  fish_offers "${words[*]} -" "${words[*]} --" >"$tmp/got"; compare "fish: exposcan $sub flags" "$tmp/want" "$tmp/got"
  zsh_offers "${words[*]} -" >"$tmp/got"; compare "zsh: exposcan $sub flags" "$tmp/want" "$tmp/got"
done

# Values: the formats and severities --help lists, in every shell.
"$EXPOSCAN" scan --help | grep -oE 'Output format: [a-z|-]+' | cut -d' ' -f3 | tr '|' '\n' | sort >"$tmp/formats"
"$EXPOSCAN" scan --help | grep -oE 'run \(exit 1\): [a-z|]+' | cut -d' ' -f4 | tr '|' '\n' | sort >"$tmp/severities"
[[ -s $tmp/formats && -s $tmp/severities ]] || { echo "FAIL: no format/severity list in scan --help" >&2; exit 1; }
bash_offers exposcan scan --format "" >"$tmp/got"; compare "bash: --format values" "$tmp/formats" "$tmp/got"
bash_offers exposcan check --fail-on "" >"$tmp/got"; compare "bash: --fail-on values" "$tmp/severities" "$tmp/got"
fish_offers "exposcan leak --format " >"$tmp/got"; compare "fish: --format values" "$tmp/formats" "$tmp/got"
fish_offers "exposcan check --fail-on " >"$tmp/got"; compare "fish: --fail-on values" "$tmp/severities" "$tmp/got"
zsh_offers "exposcan scan --format " >"$tmp/got"; compare "zsh: --format values" "$tmp/formats" "$tmp/got"
zsh_offers "exposcan check --fail-on " >"$tmp/got"; compare "zsh: --fail-on values" "$tmp/severities" "$tmp/got"
((fail == 0)) || exit 1
echo "completions: bash, zsh, fish offer all $(wc -l <"$tmp/subs") subcommands and $n flags of --help"
