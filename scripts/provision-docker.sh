#!/usr/bin/env bash
# Make a Docker engine answer on this host, idempotently.
# - A daemon that already answers is reused untouched.
# - As root on Debian: install Debian's docker.io (and debootstrap, which the harness uses to
#   build a base image when none can be pulled, and docker-compose, for the Compose example's
#   spec), start dockerd in the background, wait for it.
# - Anywhere else: say what to install and exit non-zero.
set -euo pipefail

readonly WAIT_SECONDS="${PROVISION_DOCKER_WAIT_SECONDS:-60}"
readonly DOCKERD_LOG="${PROVISION_DOCKERD_LOG:-/var/log/hermes-harness-dockerd.log}"

say() { printf 'provision-docker: %s\n' "$*" >&2; }

daemon_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

print_engine() {
  printf 'provision-docker: engine %s answering on %s\n' \
    "$(docker version --format '{{.Server.Version}}')" "${DOCKER_HOST:-unix:///var/run/docker.sock}"
}

if command -v docker >/dev/null 2>&1 && daemon_answers; then
  print_engine
  exit 0
fi

if [ -n "${DOCKER_HOST:-}" ]; then
  say "DOCKER_HOST=$DOCKER_HOST is set but no daemon answers there; start that engine or unset DOCKER_HOST."
  exit 1
fi

if [ "$(id -u)" -ne 0 ] || [ ! -f /etc/debian_version ] || ! command -v apt-get >/dev/null 2>&1; then
  say "no Docker daemon answers, and this host is not one this script can provision (needs root on Debian)."
  say "Install a Docker engine (Docker Engine, Docker Desktop, or your distribution's docker package),"
  say "start it, check that 'docker version' shows a Server section, then run npm test again."
  exit 1
fi

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian's docker.io ships its own client; a newer client already on PATH also works with it.

start_dockerd() {
  say "starting dockerd (log: $DOCKERD_LOG)"
  # setsid: the daemon must outlive this script and the CI step that ran it.
  setsid dockerd >"$DOCKERD_LOG" 2>&1 < /dev/null &
}

# Checked on every pass, not once: a dockerd that was shutting down when this script began
# never answers, and a new one must be started once it is gone.
for _ in $(seq 1 "$WAIT_SECONDS"); do
  if daemon_answers; then
    print_engine
    exit 0
  fi
  pgrep -x dockerd >/dev/null 2>&1 || start_dockerd
  sleep 1
done

say "dockerd did not answer within ${WAIT_SECONDS}s; last lines of $DOCKERD_LOG:"
tail -n 20 "$DOCKERD_LOG" >&2 || true
exit 1
