#!/usr/bin/env bash
# The installed exposcan-check@.service/.timer pass `systemd-analyze verify`
# with no message at all, the service's `systemd-analyze security
# --offline=true` exposure is <= 2.0, the publish step behaves, and the
# timer's unit is what the alert rules assume. The whole path under a running
# systemd is ship.test_fresh_root.
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

# The publish step (ExecStopPost, as root): copies the report 0644 into the
# textfile directory; no report -> exposcan_run_success 0 with the exit status;
# a symlink planted by the unit's user is never followed (it could point at
# any file root can read); no textfile directory -> nothing to do.
publish=$tmp/usr/libexec/exposcan/exposcan-publish-textfile
grep -qF "ExecStopPost=+$publish \\" "$service" || fail "ExecStopPost does not run the installed publish step"
state=$tmp/state textdir=$tmp/textfile
mkdir -p "$state" "$textdir"
printf 'exposcan_run_success 1\n' >"$state/exposcan-origin.prom"
EXIT_STATUS=1 "$publish" "$state/exposcan-origin.prom" "$textdir" || fail "publish exit $?"
[[ $(cat "$textdir/exposcan-origin.prom") == "exposcan_run_success 1" &&
   $(stat -c %a "$textdir/exposcan-origin.prom") == 644 ]] || fail "published report differs or is not 0644"
rm "$state/exposcan-origin.prom"
EXIT_STATUS=3 "$publish" "$state/exposcan-origin.prom" "$textdir"
grep -qx 'exposcan_run_success 0' "$textdir/exposcan-origin.prom" &&
  grep -qx 'exposcan_exit_code 3' "$textdir/exposcan-origin.prom" || fail "no report: not published as failed"
echo secret >"$tmp/secret"; ln -s "$tmp/secret" "$state/exposcan-origin.prom"
EXIT_STATUS=SEGV "$publish" "$state/exposcan-origin.prom" "$textdir"
! grep -q secret "$textdir/exposcan-origin.prom" || fail "publish followed a symlink"
grep -q 'exposcan_exit_code' "$textdir/exposcan-origin.prom" && fail "a signal name became an exit code"
"$publish" "$state/exposcan-origin.prom" "$tmp/absent" || fail "publish without a textfile directory failed"
[[ -z $(find "$textdir" -name '.*') ]] || fail "publish left a temporary file"
echo "systemd: verify clean, exposure $score (<= 2.0), publish step ok"
