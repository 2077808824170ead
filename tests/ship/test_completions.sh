#!/usr/bin/env bash
# The bash, zsh and fish completions (dist/completions) offer exactly the
# subcommands of `exposcan --help` and, per subcommand, exactly the flags of
# `exposcan SUB --help` (tests/ship/help_flags.sh): a new flag without a
# completion, or a completion for a removed flag, fails. Each file also passes
# its shell's syntax check (-n). How each shell is asked:
#   bash: the completion function runs with COMP_WORDS=(exposcan SUB -)
#   fish: `complete -C "exposcan SUB -"` (and "--"), fish's own engine
#   zsh:  _exposcan_specs SUB, the specs _exposcan hands to _arguments, with
#         each spec's option name taken apart (no pty driving zsh's engine)
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
zsh_flags() {  # zsh_flags SUB: option names of the specs of SUB
  zsh -fc 'source "$1"; _exposcan_specs "$2"; print -rl -- $reply' _ "$dir/_exposcan" "$1" |
    sed -nE 's/^\*?(\([^)]*\))?\*?(--?[a-zA-Z][a-zA-Z0-9-]*).*/\2/p' | sort -u
}

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
zsh -fc 'source "$1"; _exposcan_commands; print -rl -- ${reply%%:*}' _ "$dir/_exposcan" | sort >"$tmp/got"
compare "zsh: subcommands" "$tmp/subs" "$tmp/got"

n=0
for sub in "" $(cat "$tmp/subs"); do
  help_flags "$EXPOSCAN" $sub >"$tmp/want"
  n=$((n + $(wc -l <"$tmp/want")))
  words=(exposcan $sub)
  bash_offers "${words[@]}" - >"$tmp/got"; compare "bash: exposcan $sub flags" "$tmp/want" "$tmp/got"
  fish_offers "${words[*]} -" "${words[*]} --" >"$tmp/got"; compare "fish: exposcan $sub flags" "$tmp/want" "$tmp/got"
  zsh_flags "$sub" >"$tmp/got"; compare "zsh: exposcan $sub flags" "$tmp/want" "$tmp/got"
done

# Values: the formats and severities --help lists, in every shell.
"$EXPOSCAN" scan --help | grep -oE 'Output format: [a-z|]+' | cut -d' ' -f3 | tr '|' '\n' | sort >"$tmp/formats"
"$EXPOSCAN" scan --help | grep -oE 'run \(exit 1\): [a-z|]+' | cut -d' ' -f4 | tr '|' '\n' | sort >"$tmp/severities"
[[ -s $tmp/formats && -s $tmp/severities ]] || { echo "FAIL: no format/severity list in scan --help" >&2; exit 1; }
bash_offers exposcan scan --format "" >"$tmp/got"; compare "bash: --format values" "$tmp/formats" "$tmp/got"
bash_offers exposcan check --fail-on "" >"$tmp/got"; compare "bash: --fail-on values" "$tmp/severities" "$tmp/got"
fish_offers "exposcan leak --format " >"$tmp/got"; compare "fish: --format values" "$tmp/formats" "$tmp/got"
fish_offers "exposcan check --fail-on " >"$tmp/got"; compare "fish: --fail-on values" "$tmp/severities" "$tmp/got"
for pair in "--format=:formats" "--fail-on=:severities"; do
  zsh -fc 'source "$1"; _exposcan_specs scan; print -rl -- $reply' _ "$dir/_exposcan" | grep -F -- "${pair%%:*}[" |
    sed -nE 's/.*:\(([^)]*)\)$/\1/p' | tr ' ' '\n' | sort >"$tmp/got"
  compare "zsh: ${pair%%:*} values" "$tmp/${pair#*:}" "$tmp/got"
done
((fail == 0)) || exit 1
echo "completions: bash, zsh, fish offer all $(wc -l <"$tmp/subs") subcommands and $n flags of --help"
