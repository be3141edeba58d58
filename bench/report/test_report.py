"""Tests of the report generator on a recorded JMH result (fixtures/jmh-quick.json, from a
quick-profile `bench/run` of DotBench, GemvBench and CeilingBench at tier=simd) with hand-written peer lines
(fixtures/peers.jsonl) and recorded residual traces (fixtures/traces.jsonl, from
`akr.bench.attention.AttentionTraces --precond jacobi,rpcholesky --scaling randn --max-iter 40 512 16`
and `akr.bench.solvers.PowerTraces --problem lstsq-0 --method gd,lsqr 4000 8`), and of the peer
scripts' shared helpers (bench/peers/peerlib.py). Run: bench/test-report.sh (python3 -m unittest in
bench/report)."""
import copy
import json
import math
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

sys.path.insert(0, os.path.join(HERE, os.pardir, "peers"))

import analysis  # noqa: E402
import peerlib  # noqa: E402
import render  # noqa: E402
import report  # noqa: E402

FIXTURES = os.path.join(HERE, "fixtures")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def recorded_results():
    """The recorded JMH rows and peer log bundled as `report.py collect` would."""
    with open(os.path.join(FIXTURES, "jmh-quick.json")) as f:
        jmh = json.load(f)
    peers, scripts, traces, meta = report.parse_peer_output(os.path.join(FIXTURES, "peers.jsonl"))
    traces += report.parse_peer_output(os.path.join(FIXTURES, "traces.jsonl"))[2]
    return {"format": analysis.FORMAT,
            "meta": {"machine": {"host": "fixture", "cpu": "recorded", "cores": 2}, "profile": "smoke",
                     "variant": "smoke", "jvm": {"java_version": "17.0.15"}, "peer_meta": meta},
            "jmh": jmh, "peers": peers, "peer_scripts": scripts, "traces": traces}


def raw_median_seconds(record):
    """The median in seconds straight from JMH's JSON, independently of analysis.Row."""
    m = record["primaryMetric"]
    scale = {"ns/op": 1e-9, "us/op": 1e-6, "ms/op": 1e-3, "s/op": 1.0}[m["scoreUnit"]]
    return float(m["scorePercentiles"]["50.0"]) * scale


def find(analysed, key, **params):
    hits = [a for a in analysed if a["row"].key == key
            and all(a["row"].params.get(k) == str(v) for k, v in params.items())]
    if len(hits) != 1:
        raise AssertionError(f"{len(hits)} rows for {key} {params}")
    return hits[0]


def peer(a, name):
    hits = [p for p in a["peers"] if p["peer"] == name]
    if len(hits) != 1:
        raise AssertionError(f"{len(hits)} peers {name} on {a['row']}")
    return hits[0]


class UnitsTest(unittest.TestCase):

    def test_time_units_become_seconds(self):
        self.assertAlmostEqual(analysis.seconds_per_op(250.0, "ns/op"), 250e-9)
        self.assertAlmostEqual(analysis.seconds_per_op(3.5, "us/op"), 3.5e-6)
        self.assertAlmostEqual(analysis.seconds_per_op(12.0, "ms/op"), 12e-3)
        self.assertAlmostEqual(analysis.seconds_per_op(2.0, "s/op"), 2.0)

    def test_throughput_units_are_inverted(self):
        self.assertAlmostEqual(analysis.seconds_per_op(4.0, "ops/ms"), 0.25e-3)
        self.assertAlmostEqual(analysis.seconds_per_op(1e6, "ops/s"), 1e-6)

    def test_unknown_unit_is_an_error(self):
        with self.assertRaises(ValueError):
            analysis.seconds_per_op(1.0, "furlongs")

    def test_formatting_picks_the_unit(self):
        self.assertEqual(render.fmt_time(0.0123), "12.3 ms")
        self.assertEqual(render.fmt_time(4.56e-7), "456 ns")
        self.assertEqual(render.fmt_time_err(0.0123, 0.0004), "12.3 ± 0.4 ms")
        self.assertEqual(render.fmt_time_err(0.0123, math.nan), "12.3 ms ± n/a")
        self.assertEqual(render.fmt_time_err(346e-9, 147.3e-9), "346 ± 147 ns")


class AnalysisTest(unittest.TestCase):

    def setUp(self):
        self.results = recorded_results()
        self.analysed, self.unmatched = analysis.analyse(self.results)
        self.records = {(r["benchmark"].split(".", 3)[-1], tuple(sorted(r["params"].items()))): r
                        for r in self.results["jmh"]}

    def record(self, key, **params):
        want = tuple(sorted((k, str(v)) for k, v in params.items()))
        for (k, ps), r in self.records.items():
            if k.endswith(key) and set(want) <= set(ps):
                return r
        raise AssertionError(key)

    def test_every_recorded_row_is_in_the_analysis(self):
        self.assertEqual(len(self.analysed), len(self.results["jmh"]))
        classes = {a["row"].cls for a in self.analysed}
        self.assertEqual(classes, {"DotBench", "GemvBench", "CeilingBench"})

    def test_median_is_jmh_p50_in_seconds(self):
        for a in self.analysed:
            r = a["row"]
            rec = next(x for x in self.results["jmh"] if x["benchmark"] == r.full_name
                       and {k: str(v) for k, v in x["params"].items()} == r.params)
            self.assertAlmostEqual(r.seconds, raw_median_seconds(rec), delta=1e-15 + 1e-12 * r.seconds)

    def test_external_peer_ratio_is_peer_time_over_ours(self):
        a = find(self.analysed, "GemvBench.gemvN", threads=2)
        p = peer(a, "numpy")
        line = next(x for x in self.results["peers"]
                    if x["benchmark"] == "GemvBench.gemvN" and x["params"]["threads"] == "2")
        ours = raw_median_seconds(self.record("GemvBench.gemvN", threads=2))
        self.assertEqual(p["status"], "ok")
        self.assertAlmostEqual(p["ratio"], line["median_s"] / ours, places=12)

    def test_jvm_peer_ratio_uses_the_same_parameters(self):
        a = find(self.analysed, "DotBench.dot", n=1024)
        p = peer(a, "plainLoop()")
        ours = raw_median_seconds(self.record("DotBench.dot", n=1024))
        loop = raw_median_seconds(self.record("DotBench.plainLoop", n=1024))
        self.assertAlmostEqual(p["ratio"], loop / ours, places=12)

    def test_jvm_peer_with_fewer_parameters_stands_beside_every_matching_row(self):
        # a peer in its own @State without tier/threads (like GemmBench.ejmlMult): one row of n, d
        res = copy.deepcopy(self.results)
        base = self.record("GemvBench.readPass", threads=1)
        peer_rec = copy.deepcopy(base)
        peer_rec["benchmark"] = base["benchmark"].rsplit(".", 1)[0] + ".singleThreaded"
        peer_rec["params"] = {"n": base["params"]["n"], "d": base["params"]["d"]}
        other_n = copy.deepcopy(peer_rec)
        other_n["benchmark"] = base["benchmark"].rsplit(".", 1)[0] + ".otherSize"
        other_n["params"]["n"] = "12345"
        res["jmh"] += [peer_rec, other_n]
        saved = analysis.catalog.CATALOG
        analysis.catalog.CATALOG = dict(saved, **{"GemvBench.gemvN": dict(
            saved["GemvBench.gemvN"], peers=["singleThreaded()", "otherSize()"])})
        try:
            analysed, _ = analysis.analyse(res)
        finally:
            analysis.catalog.CATALOG = saved
        for t in (1, 2):
            a = find(analysed, "GemvBench.gemvN", threads=t)
            p = peer(a, "singleThreaded()")
            ours = raw_median_seconds(self.record("GemvBench.gemvN", threads=t))
            self.assertEqual(p["status"], "ok")
            self.assertAlmostEqual(p["ratio"], raw_median_seconds(peer_rec) / ours, places=12)
            self.assertEqual(peer(a, "otherSize()")["status"], "missing")

    def test_missing_peer_is_reported_not_raised(self):
        # the fixture's numpy dot line exists for n = 1024 only
        a = find(self.analysed, "DotBench.dot", n=16384)
        self.assertEqual(peer(a, "numpy")["status"], "missing")
        self.assertEqual(peer(find(self.analysed, "DotBench.dot", n=1024), "numpy")["status"], "ok")

    def test_peer_at_another_thread_count_does_not_match(self):
        a = find(self.analysed, "GemvBench.gemvT", threads=2)
        self.assertEqual(peer(a, "numpy")["status"], "missing")  # fixture has gemvT at threads=1 only

    def test_ceiling_fraction_is_rate_over_measured_ceiling(self):
        a = find(self.analysed, "GemvBench.gemvN", threads=2)
        bytes_per_op = 8.0 * 1_000_000 * 64
        rate = bytes_per_op / raw_median_seconds(self.record("GemvBench.gemvN", threads=2))
        ceil = self.record("CeilingBench.readPass", threads=2)
        ceiling = 8.0 * float(ceil["params"]["n"]) / raw_median_seconds(ceil)
        self.assertAlmostEqual(a["rate"], rate, delta=1e-9 * rate)
        self.assertAlmostEqual(a["ceiling_fraction"], rate / ceiling, places=12)

    def test_fma_ceiling_counts_two_flops_per_lane_fma_per_thread(self):
        a = find(self.analysed, "CeilingBench.fmaPeak", threads=2)
        rec = self.record("CeilingBench.fmaPeak", threads=2)
        flops = 2.0 * float(rec["params"]["laneFmas"]) * 2
        self.assertAlmostEqual(a["rate"], flops / raw_median_seconds(rec), delta=1e-9 * a["rate"])

    def test_peer_lines_without_a_row_are_listed(self):
        names = [u["benchmark"] for u in self.unmatched]
        self.assertIn("QrBench.leastSquares", names)
        self.assertNotIn("GemvBench.gemvN", names)

    def test_run_without_ceiling_rows_says_so(self):
        res = copy.deepcopy(self.results)
        res["jmh"] = [r for r in res["jmh"] if "CeilingBench" not in r["benchmark"]]
        analysed, _ = analysis.analyse(res)
        a = find(analysed, "GemvBench.gemvN", threads=2)
        self.assertIsNone(a["ceiling_fraction"])
        self.assertEqual(render.fmt_fraction(a), "no read ceiling in run")

    def test_peer_log_parsing(self):
        peers, scripts, traces, meta = report.parse_peer_output(os.path.join(FIXTURES, "peers.jsonl"))
        self.assertEqual(len(peers), 5)
        self.assertEqual([s["results"] for s in scripts], [1, 0, 2, 2, 0])
        self.assertEqual([s["seconds"] for s in scripts], [3, None, None, None, None])
        self.assertTrue(scripts[-1]["status"].startswith("skipped"))
        self.assertEqual(len(traces), 2)
        self.assertIn("numpy", meta)

    def test_recorded_traces_hold_one_residual_per_iteration(self):
        # the trace runners' lines: one residual per iteration over all phases, phases in order
        traces = report.parse_peer_output(os.path.join(FIXTURES, "traces.jsonl"))[2]
        self.assertEqual([t["trace"] for t in traces], ["attention-512x16-randn"] * 2 + ["power-4000x8-lstsq-0"] * 2)
        for t in traces:
            self.assertEqual(len(t["residuals"]), t["iterations"], t["label"])
            starts = [p["start"] for p in t["phases"]]
            self.assertEqual(starts[0], 0)
            self.assertEqual(starts, sorted(set(starts)))
            self.assertTrue(all(r is None or r >= 0 for r in t["residuals"]))
        lsqr = next(t for t in traces if t["label"].startswith("lsqr"))
        self.assertEqual([p["phase"] for p in lsqr["phases"]], ["lsqr", "lsqr refinement"])
        jacobi = next(t for t in traces if t["label"].startswith("jacobi"))
        self.assertFalse(jacobi["converged"])  # 40 iterations are not enough for Jacobi on randn/sqrt(d)
        self.assertGreater(jacobi["relative_residual"], 1e-10)

    def test_read_pass_of_another_class_stands_in_for_a_skipped_one(self):
        # the quick profile runs one read pass per shape (TallSkinnyBench) and skips GemvBench's
        res = copy.deepcopy(self.results)
        gemv_reads = [r for r in res["jmh"] if r["benchmark"].endswith("GemvBench.readPass")]
        res["jmh"] = [r for r in res["jmh"] if r not in gemv_reads]
        analysed, _ = analysis.analyse(res)
        self.assertEqual(peer(find(analysed, "GemvBench.gemvN", threads=2), "readPass()")["status"], "missing")
        other = copy.deepcopy(gemv_reads)
        for r in other:
            r["benchmark"] = "akr.bench.gemm.TallSkinnyBench.readPass"
        res["jmh"] += other
        analysed, _ = analysis.analyse(res)
        for t in (1, 2):
            p = peer(find(analysed, "GemvBench.gemvN", threads=t), "readPass()")
            ours = raw_median_seconds(self.record("GemvBench.gemvN", threads=t))
            self.assertEqual(p["status"], "ok")
            self.assertIn("TallSkinnyBench.readPass", p["note"])
            self.assertAlmostEqual(p["ratio"], raw_median_seconds(self.record("GemvBench.readPass", threads=t)) / ours,
                                   places=12)
        # only the shared baselines are taken from another class
        saved = analysis.catalog.CATALOG
        analysis.catalog.CATALOG = dict(saved, **{"DotBench.dot": dict(saved["DotBench.dot"], peers=["gemvN()"])})
        try:
            analysed, _ = analysis.analyse(res)
        finally:
            analysis.catalog.CATALOG = saved
        self.assertEqual(peer(find(analysed, "DotBench.dot", n=1024), "gemvN()")["status"], "missing")


class RenderTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.results_path = os.path.join(self.dir, "results.json")
        with open(self.results_path, "w") as f:
            json.dump(recorded_results(), f)

    def tearDown(self):
        self.tmp.cleanup()

    def run_render(self, *paths):
        report_path = os.path.join(self.dir, "REPORT.md")
        plots_dir = os.path.join(self.dir, "plots")
        subprocess.run([sys.executable, os.path.join(HERE, "report.py"), "render", *paths,
                        "--report", report_path, "--plots", plots_dir], check=True, capture_output=True)
        with open(report_path) as f:
            return f.read(), plots_dir

    def test_report_has_tables_and_plots(self):
        text, plots_dir = self.run_render(self.results_path)
        self.assertIn("## Headline", text)
        for section in ("## blas1", "## gemv", "## ceiling", "### DotBench", "### GemvBench", "### CeilingBench"):
            self.assertIn(section, text)
        self.assertIn("numpy: **missing**", text)
        self.assertIn("QrBench.leastSquares", text)  # unmatched peer listed
        self.assertIn("skipped", text)  # the script without the protocol
        self.assertRegex(text, r"\| gemvN \| d=64 n=1000000 threads=2 tier=simd \| [0-9.]+ (± [0-9.]+ ms|ms ± n/a) \|")
        pngs = sorted(f for f in os.listdir(plots_dir) if f.endswith(".png"))
        self.assertEqual(pngs, ["blas1-DotBench.png", "ceiling-CeilingBench.png", "gemv-GemvBench.png",
                                "residual-attention-512x16-randn.png", "residual-exp-kernel_PCG.png",
                                "residual-power-4000x8-lstsq-0.png"])
        for name in pngs:
            with open(os.path.join(plots_dir, name), "rb") as f:
                self.assertEqual(f.read(8), PNG_SIGNATURE)
            self.assertIn(f"(plots/{name})", text)

    def test_convergence_section_lists_every_trace(self):
        text, _ = self.run_render(self.results_path)
        section = text.split("## Convergence", 1)[1].split("\n## ", 1)[0]
        for t in recorded_results()["traces"]:
            self.assertIn(f"- {t['label']}", section)
        # the recorded title, with the non-ASCII characters the Java side escaped
        self.assertIn("### Attention kernel regression, n = 512, d = 16, A = randn/√d, λ = 1e-02", section)
        self.assertLess(section.index("residual-attention-512x16-randn.png"),
                        section.index("residual-power-4000x8-lstsq-0.png"))

    def test_trace_with_gaps_and_phases_is_drawn(self):
        res = recorded_results()
        res["traces"] = [{"trace": "t", "label": "with a gap", "residuals": [1.0, None, 0.01, 0.001],
                          "phases": [{"phase": "pcg", "start": 0}, {"phase": "pcg refinement 1", "start": 2},
                                     {"phase": "beyond the end", "start": 9}]}]
        path = os.path.join(self.dir, "gaps.json")
        with open(path, "w") as f:
            json.dump(res, f)
        text, plots_dir = self.run_render(path)
        with open(os.path.join(plots_dir, "residual-t.png"), "rb") as f:
            self.assertEqual(f.read(8), PNG_SIGNATURE)
        self.assertIn("### t", text)

    def test_collect_bundles_the_trace_log(self):
        out = os.path.join(self.dir, "collected.json")
        subprocess.run([sys.executable, os.path.join(HERE, "report.py"), "collect",
                        "--jmh", os.path.join(FIXTURES, "jmh-quick.json"),
                        "--peers", os.path.join(FIXTURES, "peers.jsonl"),
                        "--traces", os.path.join(FIXTURES, "traces.jsonl"),
                        "--out", out, "--meta", "profile=quick"], check=True, capture_output=True)
        collected = analysis.load(out)
        self.assertEqual(len(collected["traces"]), 6)
        self.assertEqual(collected["traces"], recorded_results()["traces"])
        self.assertEqual(collected["meta"]["profile"], "quick")

    def test_first_call_section_has_medians_and_tier_ratios(self):
        runs = []
        for rep, (default, scalar, numpy) in enumerate([(1.2, 1.0, 3.0), (1.6, 1.1, 3.3), (1.4, 0.9, 2.9)]):
            for runner, wall in (("akr solve (default tier)", default), ("akr solve (scalar tier)", scalar),
                                 ("numpy script", numpy)):
                runs.append({"problem": "lstsq-power 1000000x64 j=0", "runner": runner, "rep": rep, "exit": 0,
                             "wall_s": wall, "phases": {"seconds": {"total": wall / 2}}})
        runs.append({"problem": "gram-power 10x2 j=1", "runner": "one call (default tier)", "rep": 0, "exit": 2,
                     "wall_s": 0.1, "phases": {}, "error": "boom"})
        log = os.path.join(self.dir, "cold.jsonl")
        with open(log, "w") as f:
            f.write("progress text\n")
            f.writelines(json.dumps({"cold": r}) + "\n" for r in runs)
        self.assertEqual(report.parse_cold(log), runs)
        text = "\n".join(render.first_call(runs))
        self.assertIn("| lstsq-power 1000000x64 j=0 | akr solve (default tier) | 3 | 1.4 s (1.2 s–1.6 s) | 700 ms |", text)
        # medians 1.0 (scalar) / 1.4 (default) and 3.0 (numpy) / 1.4
        self.assertIn("| lstsq-power 1000000x64 j=0 | 0.71× |  | 2.14× |", text)
        self.assertIn("| gram-power 10x2 j=1 | one call (default tier) | 1 | failed: boom | |", text)
        self.assertEqual(render.first_call([]), [])

    def test_gram_accuracy_section_has_every_route_and_the_svd_ratio(self):
        rows = [{"shape": "2000x16", "kappa": 100.0, "j": 1, "route": "akr auto", "forward_error": 3e-15},
                {"shape": "2000x16", "kappa": 100.0, "j": 1, "route": "akr cholqr", "forward_error": 2e-15},
                {"shape": "2000x16", "kappa": 100.0, "j": 1, "route": "numpy svd", "forward_error": 1.5e-15},
                {"shape": "2000x16", "kappa": 100.0, "j": 1, "route": "numpy normal equations", "forward_error": 1e-13}]
        log = os.path.join(self.dir, "acc.jsonl")
        with open(log, "w") as f:
            f.writelines(json.dumps({"gram_accuracy": r}) + "\n" for r in rows)
        self.assertEqual(report.parse_records(log, "gram_accuracy"), rows)
        text = "\n".join(render.gram_accuracy(rows))
        self.assertIn("| A | κ | j | akr auto | akr cholqr | numpy svd | numpy normal equations | akr auto / numpy svd |",
                      text)
        self.assertIn("| 2000x16 | 1e+02 | 1 | 3.00e-15 | 2.00e-15 | 1.50e-15 | 1.00e-13 | 2.00× |", text)
        self.assertEqual(render.gram_accuracy([]), [])

    def test_route_choice_section_has_a_route_per_n_and_the_crossovers(self):
        # RouteCrossover's lines as bench/run logs them; n = 4096 missing for one budget on purpose
        rows = [{"d": 64, "n": n, "budget": "1 GB", "budget_bytes": 10 ** 9, "route": r}
                for n, r in ((500, "dense"), (2000, "materialised"), (4096, "materialised"), (16384, "matrix-free"))]
        rows += [{"d": 64, "n": n, "budget": "16 GB", "budget_bytes": 16 * 10 ** 9, "route": r}
                 for n, r in ((500, "dense"), (2000, "materialised"), (16384, "materialised"))]
        log = os.path.join(self.dir, "routes.jsonl")
        with open(log, "w") as f:
            f.write("WARNING: Using incubator modules: jdk.incubator.vector\n")
            f.writelines(json.dumps({"route_choice": r}) + "\n" for r in rows)
        self.assertEqual(report.parse_records(log, "route_choice"), rows)
        text = "\n".join(render.route_choice(rows))
        self.assertIn("## attention: route chosen by n and memory budget", text)
        self.assertIn("| d | budget | 500 | 2000 | 4096 | 16384 | crossovers |", text)
        self.assertIn("| 64 | 1 GB | dense | materialised | materialised | matrix-free | dense → materialised between "
                      "n = 500 and 2000; materialised → matrix-free between n = 4096 and 16384 |", text)
        # a size not computed for a budget is an empty cell, and the crossover spans the gap
        self.assertIn("| 64 | 16 GB | dense | materialised |  | materialised | dense → materialised between "
                      "n = 500 and 2000 |", text)
        self.assertEqual(render.route_choice([]), [])
        # collect bundles the log and render puts the section in the report
        out = os.path.join(self.dir, "with-routes.json")
        subprocess.run([sys.executable, os.path.join(HERE, "report.py"), "collect",
                        "--jmh", os.path.join(FIXTURES, "jmh-quick.json"), "--routes", log, "--out", out],
                       check=True, capture_output=True)
        self.assertEqual(analysis.load(out)["route_choice"], rows)
        rendered, _ = self.run_render(out)
        self.assertIn("| 64 | 16 GB | dense | materialised |  | materialised |", rendered)

    def test_step_times_are_in_the_header(self):
        res = recorded_results()
        res["meta"]["measured"] = "JMH 600 s, traces 90 s, peers 150 s, in all 840 s"
        path = os.path.join(self.dir, "timed.json")
        with open(path, "w") as f:
            json.dump(res, f)
        text, _ = self.run_render(path)
        self.assertIn("- **Time measuring** (holding the benchmark lock): JMH 600 s, traces 90 s, peers 150 s, "
                      "in all 840 s", text)

    def test_ratio_in_table_matches_analysis(self):
        text, _ = self.run_render(self.results_path)
        analysed, _ = analysis.analyse(analysis.load(self.results_path))
        p = peer(find(analysed, "GemvBench.gemvN", threads=2), "numpy")
        self.assertIn(f"numpy: {render.fmt_time(p['seconds'])} → {p['ratio']:.3g}×", text)

    def test_variants_side_by_side(self):
        other = recorded_results()
        other["meta"]["variant"] = "avx2"
        for r in other["jmh"]:
            m = r["primaryMetric"]
            m["scorePercentiles"]["50.0"] = float(m["scorePercentiles"]["50.0"]) * 2
        other_path = os.path.join(self.dir, "other.json")
        with open(other_path, "w") as f:
            json.dump(other, f)
        text, _ = self.run_render(self.results_path, other_path)
        self.assertIn("## Variants side by side", text)
        self.assertIn("avx2 (JDK 17.0.15)", text)
        self.assertIn("(2.00×)", text)

    def test_not_a_results_file_is_refused(self):
        bad = os.path.join(self.dir, "bad.json")
        with open(bad, "w") as f:
            json.dump({"jmh": []}, f)
        with self.assertRaises(ValueError):
            analysis.load(bad)


class PeerlibTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.params = os.path.join(self.tmp.name, "quick.params")
        with open(self.params, "w") as f:
            f.write("# comment\n"
                    "QrBench.ejml -p shape=1000000x64,2048x2048 -wi 1 -i 2\n"
                    "QrBench -p shape=2048x2048,512x512\n"
                    "QrBenchmark -p shape=7x7\n"
                    "GemvBench.readPass skip   # a comment\n")

    def tearDown(self):
        self.tmp.cleanup()

    def test_lines_of_one_class_are_merged(self):
        self.assertEqual(peerlib.smoke_overrides("QrBench", self.params),
                         {"shape": ["1000000x64", "2048x2048", "512x512"]})
        self.assertEqual(peerlib.smoke_overrides("GemvBench", self.params), {})

    def test_the_quick_params_file_parses(self):
        path = os.path.join(HERE, os.pardir, "quick.params")
        self.assertEqual(peerlib.smoke_overrides("AttentionSolverBench", path)["n"], ["2000", "8192"])
        self.assertEqual(peerlib.smoke_overrides("PowerSolverBench", path)["problem"], ["lstsq-0", "gram-2"])

    def test_skip_lines(self):
        saved = os.environ.get("AKR_BENCH_PROFILE")
        os.environ["AKR_BENCH_PROFILE"] = "quick"
        try:
            self.assertTrue(peerlib.skipped("GemvBench.readPass"))
            self.assertFalse(peerlib.skipped("GemvBench.gemvN"))
            os.environ["AKR_BENCH_PROFILE"] = "full"
            self.assertFalse(peerlib.skipped("GemvBench.readPass"))
        finally:
            if saved is None:
                del os.environ["AKR_BENCH_PROFILE"]
            else:
                os.environ["AKR_BENCH_PROFILE"] = saved

    def test_slow_calls_get_three_samples_the_first_included(self):
        calls = []

        def fn():
            calls.append(1)
            t0 = peerlib.time.perf_counter()
            while peerlib.time.perf_counter() - t0 < 0.004:
                pass

        saved = peerlib.SLOW_CALL_SECONDS
        peerlib.SLOW_CALL_SECONDS = 0.001
        try:
            med = peerlib.median_seconds(fn, 0.001, samples=5)
        finally:
            peerlib.SLOW_CALL_SECONDS = saved
        self.assertEqual(len(calls), 3)
        self.assertGreaterEqual(med, 0.004)
        calls.clear()
        med = peerlib.median_seconds(fn, 0.1, samples=5)  # not slow: warm-up + 5 samples of >= 1 call
        self.assertGreaterEqual(len(calls), 6)
        self.assertGreaterEqual(med, 0.004)


if __name__ == "__main__":
    unittest.main()
