#!/usr/bin/env bash
# Every benchmark of benchmarks/README.md in one run, one after another, with the machine's load before each.
#   bash benchmarks/run_all.sh /tmp/okdata-1m.db /tmp/okdata-1m-h4.db > run.log 2>&1
# The stores come from generate_scale.py (the second with --history 4).
set -u
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
STORE=${1:-/tmp/okdata-1m.db}
HISTORY=${2:-/tmp/okdata-1m-h4.db}
step() { echo; echo "=== $* — $(date -u +%H:%M:%S) $(uptime | sed 's/.*load/load/')"; "$@" 2>&1 | grep -v "ScriptRunContext\|No runtime found"; }
step $PY benchmarks/bench_pages.py --db "$STORE" --history "$HISTORY" --repeat 9 --no-browser
step $PY benchmarks/bench_pages.py --db "$STORE" --repeat 3   # again, for the pages rendered in Chromium
step $PY benchmarks/bench_warm.py --db "$STORE" --repeat 5
step $PY benchmarks/bench_returns.py --rows 20000 --repeat 3 --store "$STORE"
step $PY benchmarks/bench_returns.py --rows 20000 --repeat 3
step $PY benchmarks/bench_deadline.py
step $PY benchmarks/bench_signin.py
step $PY benchmarks/bench_report.py
step $PY benchmarks/bench_report.py --db "$STORE"
step $PY benchmarks/bench_publish.py --db "$STORE"
for n in 10 30 50; do step $PY benchmarks/bench_load.py --sessions $n --db "$STORE"; done
echo; echo "=== done — $(date -u +%H:%M:%S) $(uptime | sed 's/.*load/load/')"
