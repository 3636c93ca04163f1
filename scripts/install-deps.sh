#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test Guichet (Swift itself is expected at /opt/swift or on PATH).
# Idempotent: installs only missing packages. Needs root (or sudo) the first time.
set -euo pipefail
packages=(libsqlite3-dev libcurl4-openssl-dev libssl-dev curl postgresql postgresql-contrib)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
  if [ -x /opt/swift/usr/bin/swift ]; then
    echo "Swift is at /opt/swift/usr/bin: add it to PATH (export PATH=/opt/swift/usr/bin:\$PATH)." >&2
  else
    echo "Swift 6.1 or later is required (https://www.swift.org/install/linux/)." >&2
  fi
  exit 1
fi
