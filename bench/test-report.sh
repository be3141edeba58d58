#!/usr/bin/env bash
# Tests of the benchmark report generator (bench/report/) on its recorded JMH fixture: tables,
# plots, ratios, missing peers. Needs python3 with matplotlib (Debian: python3-matplotlib).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${PYTHON:-/usr/bin/python3}"
cd "$here/report"
PYTHONDONTWRITEBYTECODE=1 "$python" -m unittest -v test_report
# the runner's command line parses (no build, no benchmark)
"$here/run" --help >/dev/null
