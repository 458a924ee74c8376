#!/usr/bin/env bash
# The root filesystem of a minimal Debian 13 (trixie), for a base image without a registry:
# debootstrap into a temporary folder, then tar it into OUT.tar (or to stdout with `-`).
# ARCH (Debian's name, default this host's): another architecture's second stage runs under
# qemu-user through binfmt_misc (scripts/provision-qemu.sh).
# The harness imports it through the engine's API (harness/image/base-image.ts), which also
# sets the image's CMD and labels. The mirror is the one this host's apt already uses
# (override: DEBIAN_MIRROR).
set -euo pipefail

usage="usage: bootstrap-debian-base.sh OUT.tar|- [ARCH]"
out="${1:?$usage}"
host_arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
arch="${2:-$host_arch}"
# An image tag here is the old calling convention: refuse it before the slow part.
case "$out" in
  - | *.tar) ;;
  *) echo "bootstrap-debian-base: $out is not a .tar path or -; $usage" >&2; exit 2 ;;
esac
suite="${DEBIAN_SUITE:-trixie}"

host_mirror() {
  # deb822 sources first ("URIs: ..."), then one-line sources ("deb URI suite ...").
  local uri
  uri=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | awk '{print $2}' | grep -v -- '-security' | head -n 1 || true)
  if [ -z "$uri" ]; then
    uri=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '{print $2}' | grep -v -- '-security' | head -n 1 || true)
  fi
  printf '%s' "$uri"
}

mirror="${DEBIAN_MIRROR:-$(host_mirror)}"
if [ -z "$mirror" ]; then
  echo "bootstrap-debian-base: no Debian mirror found in this host's apt sources; set DEBIAN_MIRROR" >&2
  exit 1
fi
command -v debootstrap >/dev/null 2>&1 || {
  echo "bootstrap-debian-base: debootstrap is not installed (apt-get install debootstrap, or run scripts/provision-docker.sh)" >&2
  exit 1
}

if [ "$arch" != "$host_arch" ]; then
  case "$arch" in
    arm64) qemu=aarch64 ;;
    *) qemu="$arch" ;;
  esac
  if ! grep -qx enabled "/proc/sys/fs/binfmt_misc/qemu-$qemu" 2>/dev/null; then
    echo "bootstrap-debian-base: $arch binaries cannot run on this $host_arch host: qemu-$qemu is not registered in binfmt_misc (run scripts/provision-qemu.sh as root)" >&2
    exit 1
  fi
fi

rootfs=$(mktemp -d /tmp/hermes-harness-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT

debootstrap --arch="$arch" --variant=minbase "$suite" "$rootfs" "$mirror" >"$rootfs.log" 2>&1 || {
  echo "bootstrap-debian-base: debootstrap failed; last lines:" >&2
  tail -n 20 "$rootfs.log" >&2
  rm -f "$rootfs.log"
  exit 1
}
rm -f "$rootfs.log"
# Keep the image small: package lists are fetched again by any build that installs.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb

if [ "$out" = - ]; then
  tar -C "$rootfs" -cf - .
else
  # Complete or absent: a half-written tarball must never be imported.
  trap 'rm -rf "$rootfs" "$out.partial"' EXIT
  tar -C "$rootfs" -cf "$out.partial" .
  mv "$out.partial" "$out"
fi
echo "bootstrap-debian-base: packed $suite ($arch) into $out" >&2
