#!/usr/bin/python3
"""The benchmark report generator.

    report.py collect --jmh JMH.json --env ENV.json --peers PEERS.jsonl [--traces TRACES.jsonl]
                      [--cold COLD.jsonl] [--accuracy ACC.jsonl] [--routes ROUTES.jsonl]
                      --out RESULTS.json [--meta k=v ...]
        Bundles JMH's JSON, the JVM environment printed by akr.bench.BenchEnvironment, the peer
        scripts' output, the residual traces of the iterative solvers (akr.bench.TraceRecorder's
        lines), the first-call runs (bench/cold/cold.py), the gram-power accuracy rows, the attention route
        choices (akr.bench.attention.RouteCrossover) and the machine description (CPU, memory, SIMD flags, load, git commit) into one
        results file.

    report.py render RESULTS.json [OTHER_RESULTS.json ...] --report REPORT.md --plots DIR
        Writes the Markdown report of the first results file and its plots (PNG); further results
        files (e.g. the --avx2 or --jdk runs) are shown side by side in a "Variants" table.
"""
import argparse
import datetime
import json
import os
import platform
import socket
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import analysis  # noqa: E402

SIMD_FLAGS = ("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512vl", "avx512_fp16")


def machine():
    m = {"host": socket.gethostname(), "os": f"{platform.system()} {platform.release()}",
         "cores": os.cpu_count()}
    try:
        with open("/proc/cpuinfo") as f:
            info = f.read()
        for line in info.splitlines():
            if line.startswith("model name"):
                m["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in info.splitlines():
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                m["simd_flags"] = [f for f in SIMD_FLAGS if f in flags]
                break
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
        m["memory_gb"] = round(kb / 2 ** 20, 1)
    except (OSError, ValueError, IndexError):
        pass
    try:
        m["load_average"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        pass
    return m


def git(*args):
    try:
        return subprocess.run(["git", *args], cwd=HERE, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def parse_peer_output(path):
    """Splits the runner's peer log (or a trace log) into results, script statuses, traces and
    library metadata. Lines that are not JSON objects are ignored (scripts may print progress)."""
    peers, scripts, traces, meta = [], [], [], {}
    if not path or not os.path.exists(path):
        return peers, scripts, traces, meta
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if "peer_script" in obj:
                scripts.append({"script": obj["peer_script"], "threads": obj.get("threads"),
                                "status": obj.get("status"), "results": 0, "seconds": obj.get("seconds")})
            elif "peer_meta" in obj:
                meta.update(obj["peer_meta"])
            elif "residuals" in obj and "trace" in obj:
                traces.append(obj)
            elif {"benchmark", "median_s", "peer"} <= obj.keys():
                peers.append(obj)
                if scripts:
                    scripts[-1]["results"] += 1
    return peers, scripts, traces, meta


def parse_cold(path):
    """The first-call runs of bench/cold/cold.py: one {"cold": {...}} JSON line per process."""
    return parse_records(path, "cold")


def parse_records(path, key):
    """The objects under `key` of the JSON lines of a log ({"cold": {...}}, {"gram_accuracy": {...}})."""
    runs = []
    if not path or not os.path.exists(path):
        return runs
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(obj.get(key), dict):
                    runs.append(obj[key])
    return runs


def collect(args):
    jmh = []
    for path in args.jmh:
        with open(path) as f:
            jmh.extend(json.load(f))
    env = {}
    if args.env and os.path.exists(args.env):
        with open(args.env) as f:
            text = f.read().strip()
        env = json.loads(text.splitlines()[-1]) if text else {}
    peers, scripts, traces, peer_meta = parse_peer_output(args.peers)
    for path in args.traces or []:
        traces.extend(parse_peer_output(path)[2])
    meta = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "machine": machine(), "jvm": env,
            "commit": git("rev-parse", "HEAD"), "branch": git("rev-parse", "--abbrev-ref", "HEAD"),
            "dirty": bool(git("status", "--porcelain", "--untracked-files=no")), "peer_meta": peer_meta}
    for kv in args.meta or []:
        k, _, v = kv.partition("=")
        meta[k] = v
    if "jmh_args" in meta:
        meta["jmh_args"] = meta["jmh_args"].split()
    results = {"format": analysis.FORMAT, "meta": meta, "jmh": jmh, "peers": peers,
               "peer_scripts": scripts, "traces": traces, "cold": parse_cold(args.cold),
               "gram_accuracy": parse_records(args.accuracy, "gram_accuracy"),
               "route_choice": parse_records(args.routes, "route_choice")}
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")
    print(f"wrote {args.out}: {len(jmh)} JMH rows, {len(peers)} peer results, {len(traces)} residual traces")


def render(args):
    import plots
    import render as md

    results = analysis.load(args.results[0])
    others = [(analysis.load(p), p) for p in args.results[1:]]
    analysed, unmatched = analysis.analyse(results)
    report_dir = os.path.dirname(os.path.abspath(args.report))
    plot_paths = plots.all_plots(results, analysed, args.plots)
    text = md.markdown(results, analysed, unmatched, plot_paths, report_dir, others, args.results[0])
    with open(args.report, "w") as f:
        f.write(text)
    print(f"wrote {args.report} and {len(plot_paths)} plots in {args.plots}")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("collect")
    c.add_argument("--jmh", required=True, action="append", help="JMH JSON result (repeatable)")
    c.add_argument("--env")
    c.add_argument("--peers")
    c.add_argument("--traces", action="append", help="residual traces, one JSON line each (repeatable)")
    c.add_argument("--cold", help="first-call runs of bench/cold/cold.py, one JSON line each")
    c.add_argument("--accuracy", help="gram-power forward errors by route (GramAccuracy, gram_svd.py)")
    c.add_argument("--routes", help="the attention route AUTO takes by n and budget (RouteCrossover)")
    c.add_argument("--out", required=True)
    c.add_argument("--meta", action="append", help="extra metadata key=value")
    r = sub.add_parser("render")
    r.add_argument("results", nargs="+")
    r.add_argument("--report", required=True)
    r.add_argument("--plots", required=True)
    args = p.parse_args(argv)
    collect(args) if args.command == "collect" else render(args)


if __name__ == "__main__":
    main()
