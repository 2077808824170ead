#!/usr/bin/env bash
# The installed exposcan-check@.service/.timer pass `systemd-analyze verify`
# with no message at all, the service's `systemd-analyze security
# --offline=true` exposure is <= 2.0, the tmpfiles.d line applies in a
# throwaway root, and the timer's unit is what the alert rules assume.
# systemd need not be running: verify loads the unit files from their paths
# (the instance exposcan-check@origin from the template beside it) and the
# ExecStart binary is the one just installed under the tmp prefix.
set -euo pipefail
: "${EXPOSCAN_BUILD_DIR:?set EXPOSCAN_BUILD_DIR}"
command -v systemd-analyze >/dev/null || { echo "SKIP: systemd-analyze not installed (package systemd)"; exit 77; }
tmp=$(mktemp -d /tmp/exposcan-systemd.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$EXPOSCAN_BUILD_DIR" --prefix "$tmp/usr" >/dev/null
units=$tmp/usr/lib/systemd/system
service=$units/exposcan-check@.service
grep -qx "ExecStart=$tmp/usr/bin/exposcan check /etc/exposcan/%i.yaml --quiet \\\\" "$service" ||
  fail "ExecStart does not name the installed binary: $(grep -A1 ExecStart "$service")"

# verify: exit 0 and silent (an unknown key or a bad value is only a warning
# on stderr, so stderr must be empty too).
(cd "$units" && systemd-analyze verify --man=no ./exposcan-check@origin.service ./exposcan-check@origin.timer) \
  >"$tmp/verify.out" 2>&1 || fail "systemd-analyze verify: $(cat "$tmp/verify.out")"
[[ ! -s $tmp/verify.out ]] || fail "systemd-analyze verify is not clean: $(cat "$tmp/verify.out")"

# security: --threshold is in tenths; exit non-zero above 2.0.
(cd "$units" && systemd-analyze security --offline=true --man=no --threshold=20 ./exposcan-check@origin.service) \
  >"$tmp/security.out" 2>&1 || fail "exposure above 2.0: $(grep -E '✗|Overall' "$tmp/security.out")"
score=$(grep -oE 'Overall exposure level for [^:]+: [0-9.]+' "$tmp/security.out" | awk '{print $NF}')
[[ -n $score ]] || fail "no exposure level in: $(tail -3 "$tmp/security.out")"
# What the issue lists, literally present (not only scored).
for line in DynamicUser=yes NoNewPrivileges=yes ProtectSystem=strict PrivateTmp=yes \
  "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX AF_NETLINK" CapabilityBoundingSet= \
  SystemCallFilter=@system-service; do
  grep -qxF "$line" "$service" || fail "service lacks '$line'"
done
grep -qxF 'OnCalendar=hourly' "$units/exposcan-check@.timer" || fail "timer is not hourly (the stale alert assumes it)"

# tmpfiles.d: in a throwaway root with this host's users, the textfile
# directory becomes group prometheus, writable.
root=$tmp/root
mkdir -p "$root/var/lib/prometheus/node-exporter" "$root/etc" "$root/usr/lib/tmpfiles.d"
cp "$tmp/usr/lib/tmpfiles.d/exposcan.conf" "$root/usr/lib/tmpfiles.d/"
if getent group prometheus >/dev/null; then
  getent passwd >"$root/etc/passwd"; getent group >"$root/etc/group"
  systemd-tmpfiles --root="$root" --create exposcan.conf || fail "systemd-tmpfiles --create exposcan.conf"
  [[ $(stat -c '%a %G' "$root/var/lib/prometheus/node-exporter") == "775 prometheus" ]] ||
    fail "textfile dir after tmpfiles: $(stat -c '%a %U %G' "$root/var/lib/prometheus/node-exporter")"
  tmpfiles_note="tmpfiles ok"
else
  tmpfiles_note="tmpfiles not applied (no prometheus group on this host)"
fi
echo "systemd: verify clean, exposure $score (<= 2.0), $tmpfiles_note"
