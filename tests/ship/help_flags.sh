# Sourced by the ship tests: the subcommands and flags exposcan's own --help
# prints, the one source the man page and the completions are compared with.

# subcommands BIN: one name a line, from the "Subcommands:" block of BIN --help.
subcommands() {
  "$1" --help | awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1}'
}

# help_flags BIN [SUB]: every -x / --long-flag on the option lines of
# `BIN SUB --help` (lines that start with blanks and a dash), one a line,
# sorted. Footer prose that mentions another command's flags is not included.
help_flags() {
  local bin=$1
  shift
  "$bin" "$@" --help | grep -E '^[[:space:]]+-' |
    grep -oE '(^|[[:space:],])--?[a-zA-Z][a-zA-Z0-9-]*' | sed -E 's/^[[:space:],]+//' | sort -u
}
