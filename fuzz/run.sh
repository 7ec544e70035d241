#!/usr/bin/env bash
# The long fuzz run (not part of CI): seeds fresh corpora in a scratch folder and runs each target.
# Usage: fuzz/run.sh [json_runs] [batch_runs] [rules_runs]   (defaults: 1,000,000 / 1,000,000 / 300,000)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q atheris
work=$(mktemp -d)
python3 fuzz/seed_corpus.py
cp -r fuzz/corpus "$work/"
status=0
for spec in "json:${1:-1000000}" "batch:${2:-1000000}" "rules:${3:-300000}"; do
  target=${spec%%:*}; runs=${spec##*:}
  echo "== $target: $runs runs"
  if ! (cd "$work" && python3 "$OLDPWD/fuzz/fuzz_inputs.py" "$target" -atheris_runs="$runs" "corpus/$target" \
        > "$target.log" 2>&1); then
    status=1; echo "   FAILED: see $work/$target.log"; tail -30 "$work/$target.log"
  fi
  grep -E "^Done|SUMMARY" "$work/$target.log" || true
done
exit $status
