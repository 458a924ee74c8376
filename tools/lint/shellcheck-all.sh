#!/usr/bin/env bash
# Lint every shell script the project ships: files under fixtures/, scripts/, tools/ and .ci/ that are
# *.sh or start with a shell shebang (s6 run/finish scripts and cont-init steps have no extension).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v shellcheck >/dev/null 2>&1; then
  echo "shellcheck-all: shellcheck is not installed (Debian: apt-get install shellcheck)" >&2
  exit 1
fi

mapfile -t scripts < <(
  git ls-files --cached --others --exclude-standard -- fixtures scripts tools .ci | while read -r f; do
    [ -f "$f" ] || continue
    case "$f" in
      *.sh) echo "$f" ;;
      *) head -c 64 "$f" | head -n 1 | grep -qE '^#!.*(/|env )(ba|da)?sh\b|^#!/command/with-contenv (ba)?sh' && echo "$f" ;;
    esac
  done
)
if [ "${#scripts[@]}" -eq 0 ]; then
  echo "shellcheck-all: no shell scripts found (expected some under fixtures/, scripts/ and tools/)" >&2
  exit 1
fi
shellcheck -x "${scripts[@]}"
echo "shellcheck-all: ${#scripts[@]} scripts clean"
