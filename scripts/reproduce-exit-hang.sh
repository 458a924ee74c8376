#!/usr/bin/env bash
# Reproducer for issue 17: a container whose main program has exited keeps running
# (s6-svscan and the s6-supervise processes stay, stage2 and the main program are gone).
# Not part of the suite. It runs many short main programs (`docker run --rm IMAGE bash -c
# 'echo hi'`), each with a deadline, on volumes holding named profiles, so that every boot
# registers gateway slots and asks s6-svscan to rescan just before the main program runs.
# A container still running at its deadline is a hang: its state is saved, then a manual
# `s6-svscanctl -t` is tried on it. Everything made here carries the harness's labels and is
# removed at the end, also on Ctrl-C.
#
#   scripts/reproduce-exit-hang.sh [-n RUNS] [-c CONCURRENCY] [-p PROFILES] [-r RUNNING]
#                                  [-l LOAD] [-t DEADLINE_S] [-i IMAGE] [-o OUTDIR] [-f] [-- MAIN...]
#
# -l LOAD  host busy loops competing for the CPUs: they make the race likely (before the fix,
#          -l 2 -c 4 on 2 cores: 4 hangs in 600 containers; without load, 0 in 400).
# -f       forced: the race made certain. While the main program (`sleep 5`; a MAIN given with
#          -f must run a `sleep` too) runs, PID 1 is frozen from the host (SIGSTOP, needs root
#          here), a rescan request (`s6-svscanctl -a`) is queued, the main program ends and
#          stage2 queues its final command behind it, then PID 1 is thawed: s6-svscan reads
#          both commands in one go.
#
# Exit status: 0 no hang, 1 at least one hang, 2 a setup error.
set -euo pipefail

runs=200
concurrency=4
profiles=4
running=1
load=0
deadline=30
image=hermes-harness/reference:latest
outdir=
forced=0
usage() {
  echo "usage: $0 [-n RUNS] [-c CONCURRENCY] [-p PROFILES] [-r RUNNING] [-l LOAD] [-t DEADLINE_S] [-i IMAGE] [-o OUTDIR] [-f] [-- MAIN...]" >&2
  exit 2
}
while getopts 'n:c:p:r:l:t:i:o:fh' opt; do
  case "$opt" in
    n) runs=$OPTARG ;;
    c) concurrency=$OPTARG ;;
    p) profiles=$OPTARG ;;
    r) running=$OPTARG ;;
    l) load=$OPTARG ;;
    t) deadline=$OPTARG ;;
    i) image=$OPTARG ;;
    o) outdir=$OPTARG ;;
    f) forced=1 ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
for value in "$runs" "$concurrency" "$profiles" "$running" "$load" "$deadline"; do
  case "$value" in '' | *[!0-9]*) echo "reproduce-exit-hang: not a number: '$value'" >&2 && usage ;; esac
done
if [ "$concurrency" -lt 1 ] || [ "$deadline" -lt 1 ]; then usage; fi
main=("$@")
if [ "${#main[@]}" = 0 ]; then
  main=(bash -c 'echo hi')
  [ "$forced" = 0 ] || main=(sh -c 'sleep 5; echo hi')
fi

run_id="exit-hang-$(date +%Y%m%d-%H%M%S)-$$"
# Not under artifacts/: every test run clears that folder at its start.
outdir=${outdir:-"${TMPDIR:-/tmp}/hermes-exit-hang/$run_id"}
mkdir -p "$outdir"
results=$outdir/results.txt
: >"$results"

# The harness's label set (harness/docker/labels.ts): cleanup tools find these, and the run id
# lets this script remove exactly what it made.
labels=(
  --label org.hermes-harness.managed=true
  --label "org.hermes-harness.run-id=$run_id"
  --label "org.hermes-harness.owner-pid=$$"
  --label "org.hermes-harness.owner-host=$(hostname)"
)

docker image inspect "$image" >/dev/null 2>&1 || {
  echo "reproduce-exit-hang: image $image not found (build it: npm run build:image)" >&2
  exit 2
}

pids=()
cleanup() {
  local pid pidfile
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # A worker's current `docker run` client (its pid is kept in a file) would otherwise still
  # create its container after the removal below.
  for pidfile in "$outdir"/worker-*.pid; do
    if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
    rm -f "$pidfile"
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  docker ps -aq --filter "label=org.hermes-harness.run-id=$run_id" | xargs -r docker rm -fv >/dev/null 2>&1 || true
  docker volume ls -q --filter "label=org.hermes-harness.run-id=$run_id" | xargs -r docker volume rm -f >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'echo "reproduce-exit-hang: interrupted; removing containers and volumes of $run_id" >&2; exit 130' INT TERM

# One volume per worker, with named profiles: every boot then registers PROFILES+1 gateway
# slots, starts RUNNING of them, and rescans, just before the main program starts.
# shellcheck disable=SC2016 # expanded by the container's shell
seed_script='set -e
n=0
while [ "$n" -lt "$1" ]; do
  n=$((n + 1))
  hermes profile create "p$n" >/dev/null
  [ "$n" -gt "$2" ] || printf "{\"gateway_state\": \"running\"}" > "/opt/data/profiles/p$n/gateway_state.json"
done
echo "profiles=$(ls /opt/data/profiles | wc -l)"'
for ((w = 0; w < concurrency; w++)); do
  docker volume create "${labels[@]}" "$run_id-w$w" >/dev/null
  made=$(timeout "$((deadline * 2))" docker run --rm "${labels[@]}" -v "$run_id-w$w:/opt/data" "$image" \
    sh -c "$seed_script" seed "$profiles" "$running" 2>"$outdir/seed-w$w.err") || {
    echo "reproduce-exit-hang: seeding volume $run_id-w$w failed (see $outdir/seed-w$w.err)" >&2
    exit 2
  }
  made=$(sed -n 's/^profiles=//p' <<<"$made")
  [ "$made" = "$profiles" ] || { echo "reproduce-exit-hang: volume $run_id-w$w has $made profiles, wanted $profiles" >&2 && exit 2; }
done

# What a hung container looks like, and whether s6-svscan still takes a `-t`.
diagnose() {
  local name=$1 state i
  echo "== $name: still running ${deadline}s after start; main program: ${main[*]}"
  echo "-- process table (wchan: where each process sleeps)"
  docker top "$name" -o pid,ppid,user,stat,wchan:20,args 2>&1 || true
  echo "-- /run/s6/exitcode"
  docker exec -u hermes "$name" cat /run/s6/exitcode 2>&1 || true
  echo "-- ls -la /run/service/.s6-svscan"
  docker exec -u hermes "$name" ls -la /run/service/.s6-svscan 2>&1 || true
  echo "-- docker logs (boot output, stage2's and s6-svscanctl's stderr)"
  docker logs --tail 40 "$name" 2>&1 || true
  # Root: stage2 sends its -t as root; this repeats exactly that command.
  echo "-- manual: s6-svscanctl -t /run/service (as root, like stage2)"
  docker exec -u root "$name" /command/s6-svscanctl -t /run/service 2>&1 && echo "(exit 0)" || echo "(exit $?)"
  state=running
  for ((i = 0; i < 100; i++)); do
    state=$(docker inspect -f '{{.State.Status}}' "$name" 2>/dev/null || echo gone)
    [ "$state" = running ] || break
    sleep 0.1
  done
  if [ "$state" = running ]; then
    echo "-- after the manual -t: still running 10 s later; s6-svscan did not act on it"
    docker top "$name" -o pid,ppid,user,stat,wchan:20,args 2>&1 || true
  else
    echo "-- after the manual -t: the container ended ($state)"
  fi
}

# True when a process of the container matches the extended regex (against "PID ARGS").
# The table is read whole first: with pipefail, `docker top | grep -q` fails when grep stops early.
container_runs() {
  local table
  table=$(docker top "$1" -o pid,args 2>/dev/null) || return 1
  grep -qE "$2" <<<"$table"
}

# Forced trial (-f): run detached, freeze PID 1 while the main program runs, queue -a, let the
# main program and stage2 end, thaw. Prints the container's output; exit 124 if it is still up.
forced_trial() {
  local name=$1 vol=$2 pid1 i seen=0
  docker run -d --name "$name" "${labels[@]}" -v "$vol:/opt/data" "$image" "${main[@]}" >/dev/null || return 1
  for ((i = 0; i < deadline * 10; i++)); do
    if container_runs "$name" '^[0-9]+ +sleep '; then
      seen=1
      break
    fi
    sleep 0.1
  done
  pid1=$(docker inspect -f '{{.State.Pid}}' "$name")
  # A PID of 0 (container gone) would make `kill` signal this script's own process group.
  if [ "$seen" = 0 ] || [ "$pid1" -le 1 ]; then
    echo "forced trial: the main program was never seen running (PID 1: $pid1)"
    return 1
  fi
  kill -STOP "$pid1"
  if ! container_runs "$name" 's6-init/stage2'; then
    kill -CONT "$pid1"
    echo "forced trial: the main program had already ended when PID 1 was frozen"
    return 1
  fi
  # As hermes, who owns the control FIFO (C2.4), as the CLI's rescans do.
  docker exec -u hermes "$name" /command/s6-svscanctl -a /run/service
  for ((i = 0; i < deadline * 10; i++)); do
    container_runs "$name" 's6-init/stage2' || break
    sleep 0.1
  done
  kill -CONT "$pid1"
  timeout "$deadline" docker wait "$name" >/dev/null || { docker logs "$name" 2>&1 && return 124; }
  docker logs "$name" 2>&1
  return "$(docker inspect -f '{{.State.ExitCode}}' "$name")"
}

# Worker W runs every CONCURRENCY-th container, starting at W.
worker() {
  local w=$1 k name rc out started ms state client
  for ((k = w; k < runs; k += concurrency)); do
    name="$run_id-$k"
    started=$(date +%s%N)
    if [ "$forced" = 1 ]; then
      forced_trial "$name" "$run_id-w$w" >"$outdir/out-w$w.txt" 2>&1 &
    else
      # --sig-proxy=false: the deadline's TERM must end the client, not reach (and stop) the container.
      timeout -k 5 "$deadline" docker run --rm --sig-proxy=false --name "$name" "${labels[@]}" \
        -v "$run_id-w$w:/opt/data" "$image" "${main[@]}" >"$outdir/out-w$w.txt" 2>&1 &
    fi
    client=$!
    echo "$client" >"$outdir/worker-$w.pid"
    rc=0
    wait "$client" || rc=$?
    ms=$((($(date +%s%N) - started) / 1000000))
    out=$(tr -d '\r' <"$outdir/out-w$w.txt")
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
      state=$(docker inspect -f '{{.State.Status}}' "$name" 2>/dev/null || echo gone)
      if [ "$state" = running ]; then
        diagnose "$name" >"$outdir/$name.hang.txt" 2>&1
        echo "hang $name ${ms}ms" >>"$results"
        echo "reproduce-exit-hang: HANG $name (details: $outdir/$name.hang.txt)" >&2
      else
        echo "slow $name ${ms}ms client timed out, container $state" >>"$results"
      fi
      docker rm -fv "$name" >/dev/null 2>&1 || true
    elif [ "$rc" != 0 ] || ! grep -qx 'hi' <<<"$out"; then
      printf 'fail %s %sms exit %s: %s\n' "$name" "$ms" "$rc" "$(tail -n 3 <<<"$out" | tr '\n' '|')" >>"$results"
    else
      echo "ok $name ${ms}ms" >>"$results"
    fi
    [ "$forced" = 0 ] || docker rm -fv "$name" >/dev/null 2>&1 || true
  done
  rm -f "$outdir/worker-$w.pid"
}

# Optional host CPU load: busy loops that compete with the containers for the 2 cores.
for ((l = 0; l < load; l++)); do
  (while :; do :; done) &
  pids+=("$!")
done
workers=()
for ((w = 0; w < concurrency; w++)); do
  worker "$w" &
  workers+=("$!")
  pids+=("$!")
done

mode=natural
[ "$forced" = 0 ] || mode="forced (PID 1 frozen while -a and the end queue up)"
echo "reproduce-exit-hang: $runs containers of $image, $mode, concurrency $concurrency, $profiles profiles ($running running), load $load, deadline ${deadline}s; run $run_id" >&2
reported=0
while :; do
  alive=0
  for pid in "${workers[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
  done_count=$(wc -l <"$results")
  if [ $((done_count / 50)) -gt $((reported / 50)) ]; then
    echo "reproduce-exit-hang: $done_count/$runs done, $(grep -c '^hang ' "$results" || true) hangs" >&2
    reported=$done_count
  fi
  [ "$alive" = 1 ] || break
  sleep 1
done
for pid in "${workers[@]}"; do wait "$pid" || true; done

hangs=$(grep -c '^hang ' "$results" || true)
slow=$(grep -c '^slow ' "$results" || true)
failed=$(grep -c '^fail ' "$results" || true)
total=$(wc -l <"$results")
echo "reproduce-exit-hang: $hangs hangs out of $total containers (client timeouts without a hang: $slow, other failures: $failed); results: $results"
[ "$failed" = 0 ] || grep '^fail ' "$results" | head -n 5 >&2
[ "$hangs" = 0 ]
