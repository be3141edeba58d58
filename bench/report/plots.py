"""Plots of a results file, drawn with matplotlib (Agg, PNG).

One figure per JMH class: throughput (GFLOP/s or GB/s, one panel per kind of work) against the
size parameter where the catalog gives the work, time per operation otherwise (the solvers' time
against n). Each line is one method at one tier and thread count; external peers matched to a
line are drawn dashed beside it; the ceilings of the same run (FMA peak, read bandwidth) are
horizontal lines. A class whose size parameter takes one value is drawn as horizontal bars.
Residual traces (``results["traces"]``) get one semilog figure per trace id, residual-<id>.png.
"""
import math
import os
import re
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import analysis  # noqa: E402
import catalog  # noqa: E402

_RATE_LABEL = {"flop": "GFLOP/s", "byte": "GB/s", None: "time per operation (s)"}
_CEILING_FOR_KIND = {"flop": ["fma"], "byte": ["read", "triad"]}


def _is_number(v):
    try:
        float(v)
        return True
    except ValueError:
        return False


def size_param(key_entries, class_rows):
    """The x-axis parameter of a class: the catalog's ``size`` of any of its methods, else the
    numeric parameter other than threads with the most distinct values."""
    for e in key_entries:
        if e.get("size"):
            return e["size"]
    best, best_count = None, 0
    names = list(class_rows[0].params) if class_rows else []
    for name in names:
        if name in ("threads", "tier"):
            continue
        values = {r.params.get(name) for r in class_rows}
        if all(v is not None and _is_number(v) for v in values) and len(values) > best_count:
            best, best_count = name, len(values)
    return best


def _series_label(row, x):
    rest = [f"{k}={v}" for k, v in row.params.items() if k != x]
    return row.method + (" " + " ".join(rest) if rest else "")


def _value(a, kind):
    if kind is None:
        return a["row"].seconds
    return a["rate"] / 1e9


def class_plot(cls, items, all_analysed, outdir):
    """Draws one class's figure and returns its path, or None if there is nothing to draw."""
    rows = [a["row"] for a in items]
    x = size_param([catalog.entry(r.key) for r in rows], rows)
    kinds = []
    for a in items:
        if a["kind"] not in kinds:
            kinds.append(a["kind"])
    fig, axes = plt.subplots(1, len(kinds), figsize=(6.5 * len(kinds), 4.6), squeeze=False)
    xs_all = {a["row"].params.get(x) for a in items} if x else set()
    as_lines = x is not None and len(xs_all) >= 2
    threads_seen = sorted({a["row"].threads() for a in items})
    for ax, kind in zip(axes[0], kinds):
        mine = [a for a in items if a["kind"] == kind]
        if as_lines:
            _lines(ax, mine, kind, x)
        else:
            _bars(ax, mine, kind, x)
        if kind in _CEILING_FOR_KIND:
            _ceilings(ax, kind, threads_seen, all_analysed, as_lines)
        ax.grid(True, which="both", alpha=0.3)
        if as_lines:
            ax.set_ylabel(_RATE_LABEL[kind])
            ax.set_xlabel(x)
            ax.legend(fontsize=7, loc="best")
        else:
            ax.legend(fontsize=7, loc="lower right")
    fig.suptitle(f"{cls}: " + ("throughput" if kinds != [None] else "time") + (f" against {x}" if as_lines else ""))
    fig.tight_layout()
    path = os.path.join(outdir, f"{items[0]['row'].family}-{cls}.png")
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _lines(ax, items, kind, x):
    series = {}
    for a in items:
        series.setdefault(_series_label(a["row"], x), []).append(a)
    for label, pts in series.items():
        pts.sort(key=lambda a: float(a["row"].params[x]))
        xs = [float(a["row"].params[x]) for a in pts]
        line, = ax.plot(xs, [_value(a, kind) for a in pts], marker="o", label=label)
        peers = {}
        for a in pts:
            for p in a["peers"]:
                if p["status"] == "ok" and not p["peer"].endswith("()"):
                    v = p["seconds"] if kind is None else a["rate"] * a["row"].seconds / p["seconds"] / 1e9
                    peers.setdefault(p["peer"], []).append((float(a["row"].params[x]), v))
        for name, pv in peers.items():
            if "tier=" in label and "tier=simd" not in label:
                continue  # one peer line per series family is enough
            pv.sort()
            ax.plot([p[0] for p in pv], [p[1] for p in pv], linestyle="--", marker="x", color=line.get_color(),
                    alpha=0.7, label=f"{name} ({label})")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")


def _bars(ax, items, kind, x):
    labels, values, colors = [], [], []
    drawn = set()  # a peer is drawn once, not once per tier
    for a in items:
        labels.append(_series_label(a["row"], None))
        values.append(_value(a, kind))
        colors.append("tab:blue")
        for p in a["peers"]:
            if p["status"] == "ok" and not p["peer"].endswith("()"):
                v = p["seconds"] if kind is None else a["rate"] * a["row"].seconds / p["seconds"] / 1e9
                shared = " ".join(f"{name}={val}" for name, val in a["row"].params.items() if name != "tier")
                label = f"{p['peer']}  ({a['row'].method} {shared})"
                if label in drawn:
                    continue
                drawn.add(label)
                labels.append(label)
                values.append(v)
                colors.append("tab:orange")
    ypos = range(len(labels))
    ax.barh(list(ypos), values, color=colors, label="ours (blue) / peers (orange)")
    ax.set_yticks(list(ypos))
    ax.set_yticklabels(labels, fontsize=6)
    ax.invert_yaxis()
    if kind is None:
        ax.set_xscale("log")
    ax.set_xlabel(_RATE_LABEL[kind])


def _ceilings(ax, kind, threads_seen, all_analysed, as_lines):
    all_rows = [a["row"] for a in all_analysed]
    styles = [":", "-."]
    for ck in _CEILING_FOR_KIND[kind]:
        for i, t in enumerate(threads_seen):
            c = analysis.ceiling_rate(all_rows, ck, t)
            if c is None:
                continue
            label = f"ceiling {ck}, {t} thread{'s' if t > 1 else ''}: {c / 1e9:.1f} {_RATE_LABEL[kind]}"
            if as_lines:
                ax.axhline(c / 1e9, color="black", linestyle=styles[i % 2], alpha=0.6, label=label)
            else:
                ax.axvline(c / 1e9, color="black", linestyle=styles[i % 2], alpha=0.6, label=label)
        if kind == "byte":
            break  # the read pass is the bandwidth ceiling drawn; triad is in the tables


def trace_plots(traces, outdir):
    """One semilog figure per trace id (``t["trace"]``), titled by the first series' ``title``: each
    series' residual against the iteration (1-based, over all its phases in order; null values are
    gaps); each phase after the first (a refinement sweep, a power stage) starts at a dotted line in
    the series' colour. Returns [(trace id, path)] in the order the traces first appear."""
    by_name = {}
    for t in traces:
        by_name.setdefault(t["trace"], []).append(t)
    out = []
    for name, series in by_name.items():
        fig, ax = plt.subplots(figsize=(7.5, 4.8))
        for s in series:
            ys = [math.nan if v is None else float(v) for v in s["residuals"]]
            line, = ax.semilogy(range(1, len(ys) + 1), ys, lw=1.3, label=s.get("label", ""))
            for phase in (s.get("phases") or [])[1:]:
                i = int(phase["start"])
                if 0 <= i < len(ys):
                    ax.axvline(i + 1, color=line.get_color(), linestyle=":", alpha=0.6)
        ax.set_xlabel("iteration")
        ax.set_ylabel("relative residual (the solver's running estimate)")
        ax.set_title(textwrap.fill(series[0].get("title") or name, 90), fontsize=9)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
        fig.tight_layout()
        path = os.path.join(outdir, "residual-" + re.sub(r"[^A-Za-z0-9_.-]+", "_", name) + ".png")
        fig.savefig(path, dpi=110)
        plt.close(fig)
        out.append((name, path))
    return out


def all_plots(results, analysed, outdir):
    """Draws every figure into ``outdir``; returns {class name or "residual:" + trace id: path}."""
    os.makedirs(outdir, exist_ok=True)
    by_class = {}
    for a in analysed:
        by_class.setdefault(a["row"].cls, []).append(a)
    out = {}
    for cls, items in by_class.items():
        path = class_plot(cls, items, analysed, outdir)
        if path:
            out[cls] = path
    for name, path in trace_plots(results.get("traces", []), outdir):
        out["residual:" + name] = path
    return out
