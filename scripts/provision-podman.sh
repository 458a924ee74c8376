#!/usr/bin/env bash
# Make two Podman engines answer through their Docker-compatible API on this host, idempotently:
# - rootful, on unix:///run/podman/podman.sock;
# - rootless, as the system user hermes-rootless, on unix:///run/user/<uid>/podman/podman.sock
#   (root can still connect to it: root's CAP_DAC_OVERRIDE passes the 0700 directory and the
#   0600 socket, so nothing there is opened up).
# Root on Debian 12 only, without systemd: Podman comes from Debian's packages, its services are
# started in the background, and no image is ever pulled (no container registry is reachable).
# An engine that already answers is reused untouched; a second run changes nothing.
set -euo pipefail

readonly WAIT_SECONDS="${PROVISION_PODMAN_WAIT_SECONDS:-60}"
readonly ROOTFUL_LOG="${PROVISION_PODMAN_LOG:-/var/log/hermes-harness-podman.log}"
readonly ROOTLESS_LOG="${PROVISION_PODMAN_ROOTLESS_LOG:-/var/log/hermes-harness-podman-rootless.log}"
readonly ROOTFUL_SOCK=/run/podman/podman.sock
readonly ROOTLESS_USER=hermes-rootless
readonly ROOTLESS_HOME=/home/hermes-rootless
readonly SUBID_START=200000
readonly SUBID_COUNT=65536
readonly CONF_DROPIN=/etc/containers/containers.conf.d/50-hermes-harness.conf
readonly SAFE_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

say() { printf 'provision-podman: %s\n' "$*" >&2; }

if [ "$(id -u)" -ne 0 ] || [ ! -f /etc/debian_version ] || ! command -v apt-get >/dev/null 2>&1; then
  say "this host is not one this script can provision (needs root on Debian 12)."
  say "Install podman, start 'podman system service' rootful and rootless, then run npm test again."
  exit 1
fi

# --- packages ---------------------------------------------------------------------------------
# podman        the engine (4.3.1 on bookworm).
# runc          the runtime; crun refuses this kind of host: "cgroups in hybrid mode not supported".
# catatonit     HostConfig.Init: Debian puts it at /usr/libexec/podman/catatonit, Podman's default
#               init_path, so no init_path setting is needed.
# netavark, aardvark-dns
#               the network stack Podman 4.3 prefers; without naming them apt picks the older CNI
#               plugins for golang-github-containers-common's dependency.
# iptables      netavark sets up rootful bridge networking and published ports with it.
# uidmap        newuidmap/newgidmap, which rootless Podman needs to map the subuid range.
# slirp4netns   rootless networking (and rootlessport for published ports).
# fuse-overlayfs
#               rootless overlay fallback; the config below uses the kernel's native rootless
#               overlay, which works here and is faster, but a host whose kernel lacks it needs this.
# acl           setfacl, to give the rootless user alone access to /dev/net/tun and /dev/fuse.
# curl          to talk to the sockets.
readonly PACKAGES=(podman runc catatonit netavark aardvark-dns iptables uidmap slirp4netns
  fuse-overlayfs acl curl)
missing=()
for pkg in "${PACKAGES[@]}"; do
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" = installed ] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  # apt's output (debconf notes included) is shown, prefixed, only when it fails.
  if ! apt_out="$(apt-get update -q 2>&1 && apt-get install -y -q --no-install-recommends "${missing[@]}" 2>&1)"; then
    printf '%s\n' "$apt_out" | tail -n 20 | sed 's/^/provision-podman: apt: /' >&2
    say "apt-get failed"
    exit 1
  fi
fi

# Writes stdin to $1 only when the content differs, so a second run touches nothing.
# Prints "changed" when it wrote.
write_if_changed() {
  local path="$1" content
  content="$(cat)"
  if [ -f "$path" ] && [ "$(cat "$path")" = "$content" ]; then
    return 0
  fi
  mkdir -p "$(dirname "$path")"
  printf '%s\n' "$content" >"$path"
  echo changed
}

# --- containers.conf drop-in (read by Podman 4.3, rootful and rootless alike) ------------------
conf_changed="$(write_if_changed "$CONF_DROPIN" <<'EOF'
# Written by scripts/provision-podman.sh (hermes harness), which puts it back as it was on each run.
[containers]
# Rootful Podman asks for nofile=1048576 (and nproc=1048576 whenever only nofile is given), above
# this host's hard limits, which root cannot raise here (no CAP_SYS_RESOURCE): runc then fails
# with "error setting rlimit type 7 (or 6): operation not permitted". Both are set, to values
# below the host's limits. (Rootless containers made through the compat API ignore this and get
# the service's own limits, which always work.)
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]
# No journald on these hosts; the harness reads logs through the API, which k8s-file serves.
log_driver = "k8s-file"

[network]
# Pinned: Debian's podman also ships a CNI config (/etc/cni/net.d/87-podman-bridge.conflist).
network_backend = "netavark"

[engine]
# Pinned: Podman prefers crun whenever it is installed, and crun refuses hybrid cgroups.
runtime = "runc"
EOF
)"
if [ -n "$conf_changed" ]; then
  say "wrote $CONF_DROPIN"
fi

# Answers 0 when an engine says OK to /_ping on socket $1.
answers() {
  [ -S "$1" ] && [ "$(curl -fsS --max-time 3 --unix-socket "$1" http://d/_ping 2>/dev/null)" = OK ]
}

# Waits for the engine on socket $1 (started as process $2, logging to $3) to answer /_ping.
wait_for() {
  local sock="$1" pid="$2" log="$3" deadline=$((SECONDS + WAIT_SECONDS))
  until answers "$sock"; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      say "podman system service for $sock exited; last lines of $log:"
      tail -n 20 "$log" >&2 || true
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "nothing answered on $sock within ${WAIT_SECONDS}s; last lines of $log:"
      tail -n 20 "$log" >&2 || true
      exit 1
    fi
    sleep 0.2
  done
}

# Prints the pid of a running 'podman system service' for socket $1, if any (it may be starting).
service_pid() { pgrep -f -- "podman system service --time=0 unix://$1\$" | head -n 1 || true; }

# --- rootful engine ---------------------------------------------------------------------------
if ! answers "$ROOTFUL_SOCK"; then
  pid="$(service_pid "$ROOTFUL_SOCK")"
  if [ -z "$pid" ]; then
    # Podman 4.3 does not create the socket's directory ("bind: no such file or directory").
    install -d -m 0755 /run/podman
    say "starting rootful podman system service (log: $ROOTFUL_LOG)"
    # setsid: the engine must outlive this script and the CI step that ran it.
    setsid podman system service --time=0 "unix://$ROOTFUL_SOCK" >"$ROOTFUL_LOG" 2>&1 </dev/null &
    pid=$!
  fi
  wait_for "$ROOTFUL_SOCK" "$pid" "$ROOTFUL_LOG"
elif [ -n "$conf_changed" ]; then
  say "note: the rootful engine already running keeps its old settings until it is restarted"
fi

# --- rootless user ----------------------------------------------------------------------------
if ! id -u "$ROOTLESS_USER" >/dev/null 2>&1; then
  say "creating system user $ROOTLESS_USER"
  useradd --system --user-group --create-home --home-dir "$ROOTLESS_HOME" --shell /bin/bash \
    "$ROOTLESS_USER"
fi
rootless_uid="$(id -u "$ROOTLESS_USER")"
rootless_gid="$(id -g "$ROOTLESS_USER")"
readonly rootless_uid rootless_gid
readonly RUNTIME_DIR="/run/user/$rootless_uid"
readonly ROOTLESS_SOCK="$RUNTIME_DIR/podman/podman.sock"

# Runs a command as the rootless user, with the environment rootless Podman needs and nothing else.
as_rootless() {
  setpriv --reuid="$rootless_uid" --regid="$rootless_gid" --init-groups \
    env -i HOME="$ROOTLESS_HOME" USER="$ROOTLESS_USER" LOGNAME="$ROOTLESS_USER" \
    XDG_RUNTIME_DIR="$RUNTIME_DIR" PATH="$SAFE_PATH" "$@"
}

# First start of a range of $SUBID_COUNT ids, from $SUBID_START on, that overlaps no range in $1.
free_subid_start() {
  sort -t: -k2,2n "$1" | awk -F: -v start="$SUBID_START" -v count="$SUBID_COUNT" '
    NF >= 3 && $2 < start + count && $2 + $3 > start { start = $2 + $3 }
    END { print start }'
}

# Rootless Podman maps container uids (the image's hermes user is 10000) onto these ranges.
subids_changed=""
for kind in uid gid; do
  file="/etc/sub$kind"
  [ -e "$file" ] || touch "$file"
  if ! grep -Eq "^($ROOTLESS_USER|$rootless_uid):" "$file"; then
    start="$(free_subid_start "$file")"
    say "giving $ROOTLESS_USER sub${kind}s $start-$((start + SUBID_COUNT - 1))"
    usermod "--add-sub${kind}s" "$start-$((start + SUBID_COUNT - 1))" "$ROOTLESS_USER"
    subids_changed=yes
  fi
done

# The devices rootless Podman opens as that user: slirp4netns needs /dev/net/tun ("open
# /dev/net/tun: Permission denied" without it), fuse-overlayfs needs /dev/fuse. They may be
# root-only (0600) here; an ACL for this user alone opens them less than Debian's usual 0666.
ensure_device() {
  local path="$1" major="$2" minor="$3"
  if [ ! -c "$path" ]; then
    say "creating $path"
    mkdir -p "$(dirname "$path")"
    mknod -m 0600 "$path" c "$major" "$minor"
  fi
  if ! { as_rootless test -r "$path" && as_rootless test -w "$path"; }; then
    say "letting $ROOTLESS_USER open $path (ACL)"
    setfacl -m "u:$ROOTLESS_USER:rw" "$path"
  fi
}
ensure_device /dev/net/tun 10 200
ensure_device /dev/fuse 10 229

# XDG_RUNTIME_DIR, which no login manager makes here, and the socket's directory, which Podman
# does not make either.
[ -d /run/user ] || install -d -m 0755 /run/user
for dir in "$RUNTIME_DIR" "$RUNTIME_DIR/podman"; do
  if [ "$(stat -c '%u:%g:%a' "$dir" 2>/dev/null || true)" != "$rootless_uid:$rootless_gid:700" ]; then
    install -d -m 0700 -o "$rootless_uid" -g "$rootless_gid" "$dir"
  fi
done

# Without a storage.conf (Debian ships none), rootless Podman 4.3 falls back to vfs, which copies
# every layer for every container. The kernel's native rootless overlay works here.
readonly STORAGE_CONF="$ROOTLESS_HOME/.config/containers/storage.conf"
storage_changed="$(as_rootless bash -c "$(declare -f write_if_changed); write_if_changed '$STORAGE_CONF'" <<'EOF'
# Written by scripts/provision-podman.sh (hermes harness), which puts it back as it was on each run.
[storage]
driver = "overlay"
EOF
)"
if [ -n "$storage_changed" ]; then
  say "wrote $STORAGE_CONF"
fi
if [ -d "$ROOTLESS_HOME/.local/share/containers/storage/vfs" ]; then
  say "warning: $ROOTLESS_USER has a vfs store from before; Podman will refuse the overlay setting"
  say "until it is removed: as $ROOTLESS_USER, run 'podman system reset'"
fi

# --- rootless engine --------------------------------------------------------------------------
if ! answers "$ROOTLESS_SOCK"; then
  pid="$(service_pid "$ROOTLESS_SOCK")"
  if [ -z "$pid" ]; then
    : >"$ROOTLESS_LOG"
    if [ -n "$subids_changed" ]; then
      # A pause process or store made before the subid ranges existed keeps the old mapping.
      (cd "$ROOTLESS_HOME" && as_rootless podman system migrate) >>"$ROOTLESS_LOG" 2>&1
    fi
    say "starting rootless podman system service as $ROOTLESS_USER (log: $ROOTLESS_LOG)"
    # The cd: root's working directory may be closed to that user.
    (cd "$ROOTLESS_HOME" &&
      exec setsid setpriv --reuid="$rootless_uid" --regid="$rootless_gid" --init-groups \
        env -i HOME="$ROOTLESS_HOME" USER="$ROOTLESS_USER" LOGNAME="$ROOTLESS_USER" \
        XDG_RUNTIME_DIR="$RUNTIME_DIR" PATH="$SAFE_PATH" \
        podman system service --time=0 "unix://$ROOTLESS_SOCK") >>"$ROOTLESS_LOG" 2>&1 </dev/null &
    pid=$!
  fi
  wait_for "$ROOTLESS_SOCK" "$pid" "$ROOTLESS_LOG"
elif [ -n "$conf_changed$storage_changed" ]; then
  say "note: the rootless engine already running keeps its old settings until it is restarted"
fi

# --- report -----------------------------------------------------------------------------------
# Version comes from GET /version, Rootless (a Podman addition: its SecurityOptions lack Docker's
# "name=rootless") from GET /info. Podman answers each in about a second (it asks conmon and runc
# for their versions), so the four requests run at once.
report_dir="$(mktemp -d)"
trap 'rm -rf "$report_dir"' EXIT
curl_pids=()
for kind in rootful rootless; do
  sock="$ROOTFUL_SOCK"
  [ "$kind" = rootful ] || sock="$ROOTLESS_SOCK"
  for endpoint in version info; do
    curl -fsS --max-time 10 --unix-socket "$sock" "http://d/$endpoint" \
      >"$report_dir/$kind.$endpoint" 2>&1 &
    curl_pids+=("$!")
  done
done
# Only these: a bare 'wait' would also wait for an engine this run started, forever.
for pid in "${curl_pids[@]}"; do
  wait "$pid" || true
done

# $1: the kind the engine on socket $2 must be.
print_engine() {
  local want="$1" sock="$2" version rootless kind
  version="$(grep -o '"Version":"[^"]*","ApiVersion"' "$report_dir/$want.version" |
    cut -d'"' -f4 || true)"
  rootless="$(grep -o '"Rootless":[a-z]*' "$report_dir/$want.info" | cut -d: -f2 || true)"
  case "$rootless" in
    true) kind=rootless ;;
    false) kind=rootful ;;
    *) kind=unknown ;;
  esac
  printf 'provision-podman: %s podman %s answering on unix://%s\n' "$kind" "${version:-?}" "$sock"
  if [ "$kind" != "$want" ]; then
    say "expected a $want engine on $sock"
    return 1
  fi
}
print_engine rootful "$ROOTFUL_SOCK"
print_engine rootless "$ROOTLESS_SOCK"
