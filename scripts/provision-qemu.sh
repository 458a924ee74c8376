#!/usr/bin/env bash
# Lets this host run arm64 containers under emulation (HERMES_PLATFORM=linux/arm64): mounts
# binfmt_misc, installs Debian's qemu-user-static and registers qemu-aarch64 with the F (fix
# binary) flag, so the kernel opens the interpreter once and containers need no copy of their own.
# Idempotent: a host already set up is left as it is. Root on Debian only; says why when it can't.
set -euo pipefail

say() { echo "provision-qemu: $*" >&2; }
fail() { say "$*"; exit 1; }

binfmt=/proc/sys/fs/binfmt_misc
entry="$binfmt/qemu-aarch64"

if [ "$(uname -m)" = aarch64 ]; then
  say "this host is arm64 itself: nothing to emulate"
  exit 0
fi
[ "$(id -u)" -eq 0 ] || fail "must run as root (it mounts binfmt_misc and registers an interpreter)"

if [ ! -e "$binfmt/register" ]; then
  mount -t binfmt_misc binfmt_misc "$binfmt" 2>/dev/null \
    || fail "cannot mount binfmt_misc at $binfmt (a container without privileges, or a kernel without CONFIG_BINFMT_MISC): arm64 images cannot run here"
fi

if ! command -v qemu-aarch64-static >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || fail "qemu-aarch64-static is missing and this is no Debian host: install qemu-user-static"
  say "installing Debian's qemu-user-static"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends qemu-user-static >/dev/null \
    || { apt-get update -q >/dev/null \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends qemu-user-static >/dev/null; }
fi

# An entry without F needs the interpreter inside every container: replace it.
if [ -e "$entry" ] && ! grep -qE '^flags: .*F' "$entry"; then
  say "qemu-aarch64 is registered without the F flag: registering it again"
  echo -1 >"$entry"
fi
if [ ! -e "$entry" ]; then
  # Debian ships the registration line (magic, mask, interpreter) for systemd-binfmt.
  line=$(cat /usr/lib/binfmt.d/qemu-aarch64.conf 2>/dev/null || true)
  [ -n "$line" ] || fail "/usr/lib/binfmt.d/qemu-aarch64.conf is missing: is qemu-user-static installed?"
  flags=${line##*:}
  case "$flags" in *F*) ;; *) line="${line}F" ;; esac
  printf '%s' "$line" >"$binfmt/register" || fail "the kernel refused the qemu-aarch64 registration"
fi
grep -qx enabled "$entry" || echo 1 >"$entry"
grep -qE '^flags: .*F' "$entry" || fail "qemu-aarch64 is registered, but without the F flag"
say "qemu-aarch64 registered ($(grep '^flags' "$entry")): arm64 containers run under emulation"
