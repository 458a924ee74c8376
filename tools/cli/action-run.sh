#!/usr/bin/env bash
# The action's one step (action.yml): run the CLI with the action's inputs, the clause table into the
# job summary, the JUnit report and artifacts under HARNESS_OUT; the CLI's exit code is the step's.
set -uo pipefail
args=(--junit "$HARNESS_OUT/junit.xml" --artifacts "$HARNESS_OUT/artifacts" --summary "$GITHUB_STEP_SUMMARY")
[ -n "${HARNESS_IMAGE:-}" ] && args+=(--image "$HARNESS_IMAGE")
[ -n "${HARNESS_CLAUSES:-}" ] && args+=(--clause "$HARNESS_CLAUSES")
[ -n "${HARNESS_DEVIATIONS:-}" ] && args+=(--deviations "$HARNESS_DEVIATIONS")
mkdir -p "$HARNESS_OUT"
node "$GITHUB_ACTION_PATH/bin/hermes-image-harness.js" "${args[@]}"
status=$?
echo "exit-code=$status" >>"$GITHUB_OUTPUT"
exit "$status"
