#!/usr/bin/env bash
# Runs the benchmark with OpenFisca installed in a separate virtual environment (never a project dependency).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=benchmarks/.venv-openfisca
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q -e '.[columnar]' 'openfisca-core>=43'
"$venv/bin/python" benchmarks/bench_poverty.py "$@"
