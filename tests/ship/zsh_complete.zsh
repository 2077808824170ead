# zsh -f zsh_complete.zsh COMPDIR LINE...: drives zsh's own completion system
# in a pty (zsh/zpty) with COMPDIR first in fpath, presses TAB after each LINE
# and prints "== LINE" followed by the candidates offered, one a line, sorted.
# compadd is wrapped to print what the completion functions add (the trick of
# zsh-capture-completion), so menus and terminal width play no part.
zmodload zsh/zpty
local compdir=$1 zdot=$(mktemp -d /tmp/exposcan-zsh.XXXXXX) out line
shift
trap 'zpty -d z 2>/dev/null; rm -rf $zdot' EXIT
cat >$zdot/.zshrc <<RC
PS1='' PROMPT='' RPROMPT=''
fpath=($compdir \$fpath)
autoload -Uz compinit && compinit -u -D
zstyle ':completion:*' menu no
compadd() {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "\$@"; return; fi
  local -a hits; builtin compadd -A hits "\$@"; (( \$#hits )) || return 1
  print -rn -- " \${(j: :)\${(@)hits/#/<CAND>}} "
}
print '<<READY>>'
RC
export ZDOTDIR=$zdot
zpty z zsh -i
read_until() {  # read_until MARKER: pty output up to MARKER into $out (10 s max)
  out=""
  local chunk i
  for i in {1..200}; do
    while zpty -r -t z chunk; do out+=$chunk; done
    [[ $out == *$1* ]] && return 0
    sleep 0.05
  done
  print -u2 "zsh_complete: no '$1' from zsh; got: $out"
  exit 1
}
read_until '<<READY>>'
local n=0
for line in "$@"; do
  n=$((n + 1))
  zpty -n -w z "$line"$'\t'
  zpty -w z $'\C-u'"print '<<'DONE$n'>>'"
  read_until "<<DONE$n>>"
  print -r -- "== $line"
  print -r -- $out | grep -o '<CAND>[^ ]*' | sed 's/<CAND>//' | sort -u
done
