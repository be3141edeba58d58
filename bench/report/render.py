"""The Markdown report of one results file, with optional other results files (variants: AVX2,
another JDK, the scalar tier) side by side."""
import math
import os

import analysis
import catalog


def fmt_time(s):
    """Seconds with an SI unit and three significant digits."""
    if s is None or (isinstance(s, float) and math.isnan(s)):
        return "n/a"
    for unit, f in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if abs(s) >= f or unit == "ns":
            return f"{s / f:.3g} {unit}"
    return f"{s:.3g} s"


def _fmt_err(e):
    """Two significant digits without an exponent (147 stays 147, not 1.5e+02)."""
    return f"{e:.0f}" if abs(e) >= 10 else f"{e:.2g}"


def fmt_time_err(s, err):
    """A median and JMH's error in the median's unit."""
    if err is None or math.isnan(err):
        return fmt_time(s) + " ± n/a"
    for unit, f in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if abs(s) >= f or unit == "ns":
            return f"{s / f:.3g} ± {_fmt_err(err / f)} {unit}"
    return f"{s:.3g} ± {_fmt_err(err)} s"


def fmt_rate(a):
    if a["rate"] is None:
        return ""
    unit = "GFLOP/s" if a["kind"] == "flop" else "GB/s"
    return f"{a['rate'] / 1e9:.3g} {unit}"


def fmt_fraction(a):
    if a["ceiling_fraction"] is None:
        return f"no {a['ceiling']} ceiling in run" if a["ceiling"] else ""
    return f"{100 * a['ceiling_fraction']:.0f}% of {a['ceiling']}"


def fmt_peers(a):
    parts = []
    for p in a["peers"]:
        if p["status"] == "missing":
            parts.append(f"{p['peer']}: **missing**")
        else:
            parts.append(f"{p['peer']}: {fmt_time(p['seconds'])} → {p['ratio']:.3g}×")
    return "; ".join(parts)


def _meta_lines(meta):
    jvm = meta.get("jvm", {})
    m = meta.get("machine", {})
    lines = [
        f"- **Machine**: {m.get('host', '?')} — {m.get('cpu', '?')}, {m.get('cores', '?')} cores, "
        f"{m.get('memory_gb', '?')} GB; SIMD flags: {', '.join(m.get('simd_flags', [])) or 'none'}; "
        f"load average at start: {m.get('load_average', '?')}",
        f"- **JDK**: {jvm.get('java_vm', '?')} ({jvm.get('java_vendor', '?')}), `{jvm.get('java_home', '?')}`",
        f"- **Vector species**: {jvm.get('simd', '?')}; default kernel tier: {jvm.get('kernel_tier', '?')}",
        f"- **Threads**: {jvm.get('threads', '?')} (processors {jvm.get('processors', '?')}); "
        "per-benchmark thread counts are in the `threads` parameter",
        f"- **Commit**: `{meta.get('commit', '?')}`{' (with uncommitted changes)' if meta.get('dirty') else ''}"
        f" on `{meta.get('branch', '?')}`",
        f"- **Run**: {meta.get('date', '?')}, profile `{meta.get('profile', '?')}`, variant "
        f"`{meta.get('variant', 'default')}`, JMH options `{' '.join(meta.get('jmh_args', []))}`",
    ]
    if meta.get("measured"):
        lines.append(f"- **Time measuring** (holding the benchmark lock): {meta['measured']}")
    pm = meta.get("peer_meta") or {}
    if pm:
        lines.append("- **Peers**: " + ", ".join(f"{k} {v}" for k, v in pm.items()))
    if meta.get("command"):
        lines.append(f"- **Regenerate**: `{meta['command']}`")
    return lines


def headline(analysed):
    """Catalog headline rows at the SIMD tier (if the class has tiers) and the highest thread count."""
    picked = []
    by_key = {}
    for a in analysed:
        if catalog.entry(a["row"].key).get("headline"):
            by_key.setdefault(a["row"].key, []).append(a)
    for key, items in by_key.items():
        simd = [a for a in items if a["row"].params.get("tier", "simd") == "simd"] or items
        top = max(a["row"].threads() for a in simd)
        picked.extend(a for a in simd if a["row"].threads() == top)
    return picked


def _table(analysed, with_class):
    head = ("| benchmark | parameters | ours: median ± error | rate | of ceiling | peers (median → peer/ours) |\n"
            "|---|---|---|---|---|---|")
    lines = [head]
    for a in analysed:
        r = a["row"]
        name = r.key if with_class else r.method
        lines.append(f"| {name} | {r.params_text()} | {fmt_time_err(r.seconds, r.error_seconds)} | "
                     f"{fmt_rate(a)} | {fmt_fraction(a)} | {fmt_peers(a)} |")
    return lines


def variants_table(primary, others):
    """Our medians of every benchmark in the primary run and each other run, with the ratio
    other/primary (> 1: slower in the other run)."""
    def label(res, path):
        meta = res.get("meta", {})
        jv = meta.get("jvm", {}).get("java_version", "?")
        return f"{meta.get('variant', 'default')} (JDK {jv})" if meta else os.path.basename(path)

    prim_res, prim_path = primary
    labels = [label(prim_res, prim_path)] + [label(r, p) for r, p in others]
    index = []
    medians = {}
    for col, (res, _) in enumerate([primary] + list(others)):
        for r in analysis.rows(res):
            k = (r.key, r.params_text())
            if k not in medians:
                medians[k] = {}
                index.append(k)
            medians[k][col] = r.seconds
    lines = ["| benchmark | parameters | " + " | ".join(labels) + " |",
             "|---|---|" + "---|" * len(labels)]
    for k in index:
        cells = []
        base = medians[k].get(0)
        for col in range(len(labels)):
            v = medians[k].get(col)
            if v is None:
                cells.append("not run")
            elif col == 0 or base is None:
                cells.append(fmt_time(v))
            else:
                cells.append(f"{fmt_time(v)} ({v / base:.2f}×)")
        lines.append(f"| {k[0]} | {k[1]} | " + " | ".join(cells) + " |")
    return lines


def convergence(traces, plot_paths, report_dir):
    """The "Convergence" section: per trace id its figure and one line per series (the label the
    trace runner wrote: iterations, converged, the final residual recomputed with the exact
    operator, the solve's time)."""
    by_name = {}
    for t in traces:
        by_name.setdefault(t["trace"], []).append(t)
    if not by_name:
        return []
    out = ["", "## Convergence", "",
           "Residual against iteration of the iterative solvers, one solve per line "
           "(`akr.bench.attention.AttentionTraces`, `akr.bench.solvers.PowerTraces`, run by `bench/run` "
           "on the benchmarks' problems after JMH). Plotted is each solver's running estimate: PCG's "
           "recurrence residual of the system it iterates on (the Gaussian-scaled one, except `none`), "
           "LSQR's and gradient descent's stopping tests, AᵀA·y = c per power stage; a dotted line "
           "marks the start of a refinement sweep or the next stage. The final residual in each label "
           "is recomputed with the exact operator."]
    for name, series in by_name.items():
        out += ["", f"### {series[0].get('title') or name}", ""]
        path = plot_paths.get("residual:" + name)
        if path:
            out += [f"![{name}]({os.path.relpath(path, report_dir)})", ""]
        out += [f"- {s.get('label') or '(no label)'}" for s in series]
    return out


def first_call(runs):
    """The "First call" section: per problem the median wall time of each runner's whole process
    (JVM or Python start to exit) over the repetitions, and the ratios users meet cold."""
    if not runs:
        return []
    out = ["", "## First call (whole processes)", "",
           "Wall time of whole processes, started cold, timed from outside by `bench/cold/cold.py`: "
           "`./akr solve … --json`, a program making one library call (`akr.bench.cold.OneCall`), each "
           "with the default and the scalar tier, and numpy's script doing the same job (load the `.npy` "
           "files, solve), interleaved. Median (min–max) over the repetitions; in the ratio columns "
           "**> 1 means the default tier is faster**.", "",
           "| problem | runner | runs | wall median (min–max) | solve phase median |", "|---|---|---|---|---|"]
    by_problem = {}
    for r in runs:
        by_problem.setdefault(r["problem"], {}).setdefault(r["runner"], []).append(r)
    ratios = []
    for problem, by_runner in by_problem.items():
        med = {}
        for runner, rs in by_runner.items():
            ok = [r for r in rs if r.get("exit") in (0, 1)]
            if not ok:
                out.append(f"| {problem} | {runner} | {len(rs)} | failed: {rs[-1].get('error', '?')} | |")
                continue
            walls = sorted(r["wall_s"] for r in ok)
            med[runner] = walls[len(walls) // 2]
            solve = sorted(_solve_seconds(r) for r in ok)
            solve_cell = fmt_time(solve[len(solve) // 2]) if solve[0] is not None else ""
            out.append(f"| {problem} | {runner} | {len(ok)} | {fmt_time(med[runner])} "
                       f"({fmt_time(walls[0])}–{fmt_time(walls[-1])}) | {solve_cell} |")
        ratios.append((problem, med))
    out += ["", "| problem | akr solve: scalar/default | one call: scalar/default | numpy/akr solve (default) |",
            "|---|---|---|---|"]
    for problem, med in ratios:
        def ratio(num, den):
            return f"{med[num] / med[den]:.2f}×" if num in med and den in med else ""
        out.append(f"| {problem} | {ratio('akr solve (scalar tier)', 'akr solve (default tier)')} | "
                   f"{ratio('one call (scalar tier)', 'one call (default tier)')} | "
                   f"{ratio('numpy script', 'akr solve (default tier)')} |")
    return out


def gram_accuracy(rows):
    """The "gram-power accuracy" section: forward error by route per (κ, j), and auto's ratio to the
    SVD route's (the issue's target: within 10×)."""
    if not rows:
        return []
    routes = []
    cases = {}
    for r in rows:
        if r["route"] not in routes:
            routes.append(r["route"])
        cases.setdefault((r["shape"], r["kappa"], r["j"]), {})[r["route"]] = r["forward_error"]
    out = ["", "## gram-power accuracy", "",
           "Forward error ‖x − x*‖/‖x*‖ of min ‖(AᵀA)ʲx − b‖ by route, x* = V·Σ^{−2j}·Vᵀb from the exact "
           "factors of a synthetic A (singular values 1 … 1/κ), b Gaussian "
           "(`akr.bench.solvers.GramAccuracy`, and `bench/accuracy/gram_svd.py` for numpy on the same files).", "",
           "| A | κ | j | " + " | ".join(routes) + " | akr auto / numpy svd |",
           "|---|---|---|" + "---|" * len(routes) + "---|"]
    for (shape, kappa, j), by in cases.items():
        cells = [f"{by[r]:.2e}" if r in by else "" for r in routes]
        ratio = f"{by['akr auto'] / by['numpy svd']:.2f}×" if by.get("numpy svd") and "akr auto" in by else ""
        out.append(f"| {shape} | {kappa:.0e} | {j} | " + " | ".join(cells) + f" | {ratio} |")
    return out


def route_choice(rows):
    """The "attention: route chosen by n and memory budget" section: per d and budget the route AUTO
    takes at each n (RouteCrossover's lines), and between which sizes it changes."""
    if not rows:
        return []
    ns = sorted({int(r["n"]) for r in rows})
    cases = {}
    for r in rows:
        cases.setdefault((r["d"], r["budget"]), {})[int(r["n"])] = r["route"]
    out = ["", "## attention: route chosen by n and memory budget", "",
           "The route `AttentionSolver.chooseRoute` (AUTO) takes for one right-hand side, preconditioner auto "
           "(`akr.bench.attention.RouteCrossover`): the fastest by the cost model of `RouteCosts` among the routes "
           "whose matrix fits the budget (dense 8n² bytes, materialised about 4n²). The default budget is half the "
           "heap of the JVM asking (`bench/run` gives it `AttentionSolverBench`'s 8 GB). A choice, not a "
           "measurement: the JMH rows above time the routes.", "",
           "| d | budget | " + " | ".join(str(n) for n in ns) + " | crossovers |",
           "|---|---|" + "---|" * len(ns) + "---|"]
    for (d, budget), by_n in cases.items():
        cells = [by_n.get(n, "") for n in ns]
        changes = []
        prev_n = prev = None
        for n in ns:
            if n not in by_n:
                continue
            if prev is not None and by_n[n] != prev:
                changes.append(f"{prev} → {by_n[n]} between n = {prev_n} and {n}")
            prev_n, prev = n, by_n[n]
        out.append(f"| {d} | {budget} | " + " | ".join(cells) + f" | {'; '.join(changes) or 'none'} |")
    return out


def _solve_seconds(r):
    ph = r.get("phases") or {}
    if isinstance(ph.get("seconds"), dict):
        return ph["seconds"].get("total")
    return ph.get("solve_s")


def markdown(results, analysed, unmatched, plot_paths, report_dir, others=(), primary_path=""):
    meta = results.get("meta", {})
    out = ["# akr benchmark report", "",
           "Generated by `bench/report/report.py` from `" + os.path.relpath(primary_path, report_dir) + "`. "
           "Ours: JMH's median over all measured iterations ± JMH's 99.9% error of the score. Peers: "
           "the peer's median in the same session; **peer/ours > 1 means ours is faster**. Rates use the "
           "work counts of `bench/report/catalog.py`; ceilings are `CeilingBench` rows of the same run "
           "at the same thread count.", ""]
    out += _meta_lines(meta)
    if meta.get("note"):
        out += ["", meta["note"]]
    out += ["", "## Headline", ""]
    hl = headline(analysed)
    out += _table(hl, True) if hl else ["No headline benchmark (see `catalog.py`) was in this run."]
    families = {}
    for a in analysed:
        families.setdefault(a["row"].family, {}).setdefault(a["row"].cls, []).append(a)
    for family in sorted(families):
        out += ["", f"## {family}"]
        for cls, items in families[family].items():
            out += ["", f"### {cls}", ""]
            out += _table(items, False)
            if cls in plot_paths:
                rel = os.path.relpath(plot_paths[cls], report_dir)
                out += ["", f"![{cls}]({rel})"]
    out += convergence(results.get("traces", []), plot_paths, report_dir)
    out += first_call(results.get("cold", []))
    out += gram_accuracy(results.get("gram_accuracy", []))
    out += route_choice(results.get("route_choice", []))
    if others:
        out += ["", "## Variants side by side", "",
                "Our medians per run; in parentheses the ratio to the first run (> 1: slower).", ""]
        out += variants_table((results, primary_path), others)
    out += ["", "## Peers", ""]
    scripts = results.get("peer_scripts", [])
    if scripts:
        out += ["| script | threads | status | results | seconds |", "|---|---|---|---|---|"]
        out += [f"| `{s.get('script')}` | {s.get('threads') or ''} | {s.get('status')} | {s.get('results', 0)} | "
                f"{'' if s.get('seconds') is None else s['seconds']} |" for s in scripts]
    else:
        out += ["No peer script was run."]
    if unmatched:
        out += ["", "Peer results with no JMH row beside them (benchmark not run, or names/parameters "
                "that do not match; see the join rule in `bench/README.md`):", ""]
        out += [f"- {u['peer']} `{u['benchmark']}` {u.get('params', {})}: {fmt_time(float(u['median_s']))}"
                for u in unmatched]
    return "\n".join(out) + "\n"
