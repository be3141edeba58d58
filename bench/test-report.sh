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
# with a built bench jar: the profiles' plans resolve (bench/<profile>.params against the JMH list)
if [ -f "$here/target/benchmarks.jar" ]; then
  for p in --quick --smoke --full; do
    plan="$("$here/run" "$p" --dry-run --no-build)"
    grep -q '^benchmark runs (method × parameter combinations): [1-9]' <<<"$plan" ||
      { echo "bench/run $p --dry-run: no benchmark runs planned" >&2; echo "$plan" >&2; exit 1; }
  done
  plan="$("$here/run" --dry-run --no-build)"
  for want in 'skipped in this profile: .*GemvBench.readPass' 'AttentionTraces --max-iter 150 --limit none=60 8192 64' \
              '<QrBench.ejmlLeastSquares QrBench.ejmlRFactor>' 'skipped in this profile: .*QrBench.ejmlThinQ' \
              'route choice: .*-Xmx8g .*akr.bench.attention.RouteCrossover'; do
    grep -q -- "$want" <<<"$plan" || { echo "bench/run --dry-run: expected '$want' in:" >&2; echo "$plan" >&2; exit 1; }
  done
  # a class on several lines of a params file runs once per line: bench/full.params splits
  # AttentionSolverBench into its three applicable products (dense at auto; PCG routes; none matrix-free)
  plan="$("$here/run" --full --dry-run --no-build --include AttentionSolverBench)"
  runs="$(grep -c '<AttentionSolverBench.solve>' <<<"$plan" || true)"
  [ "$runs" = 3 ] && grep -q -- '-p route=dense -p precond=auto <' <<<"$plan" ||
    { echo "bench/run --full --dry-run: expected 3 AttentionSolverBench invocations, dense at precond=auto:" >&2
      echo "$plan" >&2; exit 1; }
  echo "bench/run --dry-run: the quick, smoke and full plans resolve"
fi
