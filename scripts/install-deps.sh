#!/usr/bin/env bash
# Installs everything exposcan needs to build, test, benchmark and demo, from
# Debian 12 packages. Idempotent. Needs root.
set -euo pipefail
if [[ $(id -u) -ne 0 ]]; then echo "install-deps: run as root" >&2; exit 3; fi
packages=(
  # build
  build-essential cmake ninja-build pkg-config
  libboost1.81-dev libcurl4-openssl-dev libssl-dev libc-ares-dev libcli11-dev nlohmann-json3-dev
  libyaml-cpp-dev libgtest-dev libgmock-dev
  clang-14 libclang-rt-14-dev
  # lab + oracle
  iproute2 nftables nmap ndiff procps psmisc time iputils-ping
  # real servers the tests start themselves
  redis-server memcached postgresql nginx-light nsd dnsutils openssl curl rsync socat mariadb-server
  vsftpd tigervnc-standalone-server zookeeperd rabbitmq-server
  # validators
  python3 python3-jsonschema python3-yaml libxml2-utils prometheus chromium
  # shipping checks: man page lint, completions (-n, behaviour), .deb lint, systemd-analyze;
  # a fresh Debian root (mmdebstrap) booted with systemd-nspawn for apt install + systemctl
  mandoc man-db zsh fish lintian systemd mmdebstrap systemd-container
  # container image: built from scratch (buildah), run (podman with runc: crun refuses hybrid cgroups); CI examples (yaml)
  buildah podman runc
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Web services the probe tests start themselves (tests/servers/test_probe_*.sh).
# Their packages would start system daemons listening on loopback or every address
# (influxdb :8086/:8088, etcd :2379, the registry :5000, clickhouse :8123/:9000)
# and put unexpected open ports into every loopback scan: while they install,
# a temporary policy-rc.d denies service starts (unless one is already there).
daemons=(docker-registry influxdb clickhouse-server etcd-server python3-notebook)
missing=()
for p in "${daemons[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
