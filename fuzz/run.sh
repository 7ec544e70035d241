#!/usr/bin/env bash
# The long fuzz run (not part of CI): seeds fresh corpora in a scratch folder and runs each target in turn, one at a
# time, each for a number of inputs or a time cap, whichever comes first.
#
# Usage: fuzz/run.sh [target[:runs] ...]     default: every target, 1,000,000 inputs each
#   FUZZ_SECONDS  time cap per target (default 1440; the run is also killed 60 s after it)
#   FUZZ_WORK     scratch folder (default: a new temporary one); corpora, crash inputs and logs are kept there
#   FUZZ_STRICT=1 stop on the known bugs too (see KNOWN_BUGS in fuzz_inputs.py)
#   FUZZ_PLAIN=1  use the plain mutation loop instead of atheris (no coverage feedback, no time cap)
#   FUZZ_LIBRARY  a folder holding the ntp_criteria package to fuzz instead of the installed one, e.g. a snapshot
#                 of a commit while the working tree is being edited:
#                 mkdir -p /tmp/snap && git archive HEAD ntp_criteria | tar -x -C /tmp/snap && FUZZ_LIBRARY=/tmp/snap
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
if [ "${FUZZ_PLAIN:-0}" != 1 ]; then
  python3 -c "import atheris" 2>/dev/null || python3 -m pip install -q atheris
fi
work=${FUZZ_WORK:-$(mktemp -d)}
if [ -n "${FUZZ_LIBRARY:-}" ]; then export PYTHONPATH="$FUZZ_LIBRARY${PYTHONPATH:+:$PYTHONPATH}"; fi
python3 -c "import ntp_criteria; print('fuzzing', ntp_criteria.__file__); ntp_criteria.default_catalogue()" || exit 2
seconds=${FUZZ_SECONDS:-1440}
python3 fuzz/seed_corpus.py
mkdir -p "$work/crashes"
cp -rn fuzz/corpus "$work/" 2>/dev/null || cp -r fuzz/corpus "$work/"
specs=("$@")
[ ${#specs[@]} -eq 0 ] && specs=(json rules batch json_assess household unit)
status=0
for spec in "${specs[@]}"; do
  target=${spec%%:*}; runs=${spec#*:}; [ "$runs" = "$spec" ] && runs=1000000
  mkdir -p "$work/corpus/$target"
  log="$work/$target.log"
  echo "== $target: up to $runs inputs, at most $seconds s ($(date -Is))"
  start=$(date +%s)
  if [ "${FUZZ_PLAIN:-0}" = 1 ]; then
    (cd "$work" && python3 "$root/fuzz/fuzz_inputs.py" "$target" --plain "$runs" "corpus/$target" > "$log" 2>&1)
  else
    (cd "$work" && timeout $((seconds + 60)) python3 "$root/fuzz/fuzz_inputs.py" "$target" \
       -atheris_runs="$runs" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="crashes/$target-" \
       "corpus/$target" > "$log" 2>&1)
  fi
  rc=$?
  echo "   exit $rc after $(( $(date +%s) - start )) s"
  grep -E "^Done|^stat::number_of_executed_units|^== crash" "$log" || grep -E "^#[0-9]+" "$log" | tail -1 || true
  if [ $rc -ne 0 ]; then
    status=1
    echo "   FAILED: see $log"
    grep -A40 -E "Uncaught Python exception|^== crash" "$log" | head -60
  fi
done
echo "logs, corpora and crash inputs: $work"
exit $status
