#!/usr/bin/env bash
# Issue 13's "Done when", step by step, in a truly fresh Debian 12 root built
# by mmdebstrap (--variant=apt: essential + apt, nothing of this host's):
#   1. apt install ./exposcan_*.deb (apt resolves the Depends from the mirror)
#   2. man exposcan renders; bash tab-completion offers the subcommands
#   3. the root boots under systemd-nspawn (own network namespace: only its
#      own lo exists, so every packet stays inside), and
#      `systemctl enable --now exposcan-check@origin.timer` activates the timer
#   4. the service's first run (started by hand, as an admin does instead of
#      waiting an hour) succeeds, and node_exporter serves exposcan_* metrics
#   5. an HTML report is written by the installed binary
# The base root is cached in $EXPOSCAN_TEST_CACHE (default
# /var/cache/exposcan-tests): building it takes ~100 s once; apt's lists and
# downloads are cached beside it. No mirror, mmdebstrap or systemd-nspawn: skip (77).
set -euo pipefail
: "${EXPOSCAN:?}" "${EXPOSCAN_BUILD_DIR:?}"
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
[[ $(id -u) == 0 ]] || skip "needs root (chroot, systemd-nspawn)"
for cmd in mmdebstrap systemd-nspawn nsenter unshare cpack; do
  command -v $cmd >/dev/null || skip "$cmd not installed (scripts/install-deps.sh installs it)"
done

cache=${EXPOSCAN_TEST_CACHE:-/var/cache/exposcan-tests}
base=$cache/bookworm-apt.tar
mkdir -p "$cache/archives/partial" "$cache/lists/partial"
if [[ ! -s $base ]]; then
  echo "building the fresh Debian 12 root once (cached in $base)"
  mmdebstrap --quiet --variant=apt --format=tar bookworm "$base.tmp.$$" >"$cache/mmdebstrap.log" 2>&1 ||
    { rm -f "$base.tmp.$$"; skip "mmdebstrap could not build a bookworm root (no mirror?): $(tail -1 "$cache/mmdebstrap.log")"; }
  mv "$base.tmp.$$" "$base"
fi

tmp=$(mktemp -d /tmp/exposcan-freshroot.XXXXXX)
root=$tmp/root
nspawn_pid=""
cleanup() {
  if [[ -n $nspawn_pid ]] && kill -0 "$nspawn_pid" 2>/dev/null; then
    kill "$nspawn_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$nspawn_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

(cd "$EXPOSCAN_BUILD_DIR" && cpack -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1) || fail "cpack: $(tail -5 "$tmp/cpack.log")"
debs=("$tmp"/out/exposcan_*.deb)
[[ -f ${debs[0]} ]] || fail "no .deb built"
mkdir "$root"
tar -C "$root" -xf "$base"
cp "${debs[0]}" "$root/tmp/"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"

# in_root CMD: a shell in the chroot, with /proc and apt's lists and
# downloads kept in the cache between runs (apt-get update then only asks
# whether they changed).
in_root() {
  unshare --mount --pid --fork --mount-proc="$root/proc" sh -c '
    mount --bind "$1/archives" "$2/var/cache/apt/archives" &&
    mount --bind "$1/lists" "$2/var/lib/apt/lists" && exec chroot "$2" /bin/sh -c "$3"' \
    _ "$cache" "$root" "$1"
}

# 1. apt install ./exposcan_*.deb, with what a server has anyway (systemd) and
# what the timer writes for (prometheus-node-exporter, also Recommends).
if ! in_root 'export DEBIAN_FRONTEND=noninteractive
    apt-get update -q && apt-get install -y -q --no-install-recommends /tmp/exposcan_*.deb \
      prometheus-node-exporter man-db bash-completion systemd systemd-sysv dbus' >"$tmp/apt.log" 2>&1; then
  grep -qE 'Could not resolve|Failed to fetch|Temporary failure' "$tmp/apt.log" &&
    skip "the Debian mirror is unreachable: $(grep -m1 -E 'Could not resolve|Failed to fetch|Temporary failure' "$tmp/apt.log")"
  fail "apt install ./exposcan.deb: $(tail -5 "$tmp/apt.log")"
fi
[[ $(in_root "dpkg-query -W -f='\${Status}' exposcan") == "install ok installed" ]] || fail "exposcan not installed"
[[ $(in_root 'exposcan --version') == "$("$EXPOSCAN" --version)" ]] || fail "installed --version differs from the build's"
echo "ok ($SECONDS s): apt install ./$(basename "${debs[0]}") into a fresh bookworm root"

# 2. man and tab completion, through the installed man-db and bash-completion.
in_root 'MANPAGER=cat MANWIDTH=80 man exposcan 2>&1' >"$tmp/man.txt" || fail "man exposcan: $(head -3 "$tmp/man.txt")"
grep -q 'SYNOPSIS' "$tmp/man.txt" && grep -q 'exposcan check' "$tmp/man.txt" || fail "man exposcan: $(head -5 "$tmp/man.txt")"
# bash-completion's loader finds /usr/share/bash-completion/completions/exposcan
# by the command's name, as an interactive shell does on the first TAB.
cat >"$root/tmp/complete.bash" <<'BASH'
. /usr/share/bash-completion/bash_completion
__load_completion exposcan || { echo "no completion for exposcan"; exit 9; }
fn=$(complete -p exposcan | sed -E 's/.*-F ([^ ]+).*/\1/')
COMP_WORDS=(exposcan ch); COMP_CWORD=1; COMP_LINE="exposcan ch"; COMP_POINT=${#COMP_LINE}
"$fn" exposcan ch exposcan
printf '%s\n' "${COMPREPLY[@]}"
BASH
in_root 'bash --norc --noprofile /tmp/complete.bash' >"$tmp/complete.txt" 2>&1 ||
  fail "bash completion: $(cat "$tmp/complete.txt")"
grep -qx check "$tmp/complete.txt" || fail "TAB after 'exposcan ch' offers: $(tr '\n' ' ' <"$tmp/complete.txt")"
echo "ok: man exposcan renders; TAB completes 'exposcan ch' to check"

# 3. Boot. The policy checks the container's own loopback: nothing listens on
# 1-1024 there, so the run is complete and clean.
mkdir -p "$root/etc/exposcan"
cat >"$root/etc/exposcan/origin.yaml" <<'YAML'
version: 1
targets:
  - name: origin
    addresses: [127.0.0.1]
    ports: [1-1024]
    expect:
      default: closed
YAML
systemd-nspawn --register=no --keep-unit --quiet --private-network -D "$root" -b >"$tmp/boot.log" 2>&1 &
nspawn_pid=$!
# The container's PID 1 is the child of systemd-nspawn that lives in a new PID
# namespace. nspawn forks a short-lived helper first, so the first child seen
# may vanish: look again until the child in its own PID namespace is there.
container_init() {
  local p own
  own=$(readlink /proc/self/ns/pid)
  for p in $(pgrep -P "$nspawn_pid"); do
    [[ $(readlink "/proc/$p/ns/pid" 2>/dev/null) != "$own" && -e /proc/$p/ns/user ]] && { echo "$p"; return 0; }
  done
  return 1
}
init_pid=""
for _ in $(seq 100); do
  init_pid=$(container_init || true)
  [[ -n $init_pid ]] && break
  kill -0 "$nspawn_pid" 2>/dev/null || break
  sleep 0.2
done
[[ -n $init_pid ]] || fail "systemd-nspawn -b did not start an init: $(tail -5 "$tmp/boot.log")"
in_ct() { nsenter -t "$init_pid" -a "$@"; }
state=""
for _ in $(seq 120); do  # until PID 1 answers on its bus and has finished booting
  init_pid=$(container_init || echo "$init_pid")
  state=$(timeout 60 nsenter -t "$init_pid" -a systemctl is-system-running --wait 2>&1 || true)
  [[ $state == running || $state == degraded ]] && break
  sleep 0.5
done
[[ $state == running || $state == degraded ]] || fail "the container's systemd is '$state': $(tail -5 "$tmp/boot.log")"

in_ct systemctl enable --now exposcan-check@origin.timer >"$tmp/enable.log" 2>&1 || fail "enable --now: $(cat "$tmp/enable.log")"
[[ $(in_ct systemctl is-active exposcan-check@origin.timer) == active ]] || fail "the timer is not active"
[[ $(in_ct systemctl is-enabled exposcan-check@origin.timer) == enabled ]] || fail "the timer is not enabled"
timers=$(in_ct systemctl list-timers --all --no-pager)
grep -q 'exposcan-check@origin.timer' <<<"$timers" || fail "list-timers lacks the timer: $timers"
echo "ok: systemctl enable --now exposcan-check@origin.timer (systemd $(in_ct systemctl --version | awk 'NR==1{print $2}'), state $state)"

# 4. The first run, and node_exporter serving its textfile.
in_ct systemctl start exposcan-check@origin.service ||
  fail "exposcan-check@origin.service: $(in_ct journalctl -u exposcan-check@origin.service --no-pager | tail -5)"
[[ $(in_ct systemctl show -P Result exposcan-check@origin.service) == success ]] || fail "service result is not success"
prom=/var/lib/prometheus/node-exporter/exposcan-origin.prom
in_ct grep -qx 'exposcan_run_success 1' "$prom" || fail "$prom: $(in_ct cat "$prom" 2>&1 | head -5)"
metrics=""
for _ in $(seq 50); do  # node_exporter may still be starting
  metrics=$(in_ct bash -c 'exec 3<>/dev/tcp/127.0.0.1/9100 && printf "GET /metrics HTTP/1.0\r\n\r\n" >&3 && cat <&3' 2>/dev/null || true)
  [[ $metrics == *exposcan_run_success* ]] && break
  sleep 0.2
done
grep -qx 'exposcan_run_success 1' <<<"$metrics" || fail "node_exporter on :9100 does not serve exposcan_run_success 1"
n=$(grep -c '^exposcan_' <<<"$metrics" || true)
echo "ok: the service ran as a DynamicUser; node_exporter serves $n exposcan_* samples"

# 5. An HTML report from the installed binary.
rc=0
in_ct exposcan check /etc/exposcan/origin.yaml -q --format html=/tmp/report.html || rc=$?
[[ $rc == 0 ]] || fail "exposcan check exit $rc in the container"
in_ct grep -q '<html' /tmp/report.html || fail "no HTML report"
echo "ok: HTML report ($(in_ct stat -c %s /tmp/report.html) bytes)"

in_ct systemctl poweroff >/dev/null 2>&1 || true
for _ in $(seq 100); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.2; done
echo "test_fresh_root: PASS"
