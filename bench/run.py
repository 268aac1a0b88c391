"""lsgdash against the naive baseline, measured side by side in one run. One command:

    .venv/bin/python bench/run.py            # ~20-25 min; writes bench/results.json and docs/benchmarks.md

Options: --quick (a smoke run: few samples, 20 users, 10 s of load; writes bench/results-quick.json and no
docs), --users N, --runs N (page loads per cache state), --no-nginx, --no-install (never apt-get nginx).

What it does, on 127.0.0.1 only, every loop bounded in count and time:
1. cold start: each app under gunicorn with 2 sync workers (lsgdash with --preload, as its Procfile; the
   baseline as its authors would run it, without), process start -> first 200 on /health (lsgdash) or /
   (baseline), 3 starts each, median;
2. first painted map in headless Chromium (bench/browser.py), --runs loads with the HTTP cache cleared and
   --runs with it warm, median;
3. year change in the browser: 11 steps back and 11 forward (lsgdash: click #period-prev/#period-next; the
   baseline: arrow keys on its year slider): input -> repainted map, bytes on the wire after the input, and
   the server time of every request it caused (gunicorn's access log, %(D)s);
4. server time per year change, p50/p95: the recorded callback requests of those 22 steps replayed one at a
   time, twice;
5. memory per worker (RSS, and USS/PSS: what --preload shares) idle, at peak during the load, after it;
6. load (bench/load.py): users rising to --users over 30 s, held 30 s, replaying page loads and the recorded
   year-change callbacks; p50/p95, errors;
7. scale-out: two lsgdash instances (2 workers each) behind nginx (deploy/nginx.conf in a private prefix):
   the same load through nginx, requests per instance, and the browser journey through the proxy.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]

import browser  # noqa: E402
import load  # noqa: E402
import psutil  # noqa: E402
import servers  # noqa: E402
from geometry import build as build_geometry  # noqa: E402

TARGETS = {  # the targets
    "first_map_ms": 1000, "year_change_ms": 50, "year_change_bytes": 2048, "load_p95_ms": 300, "load_errors": 0,
    "worker_rss_mb": 300, "cold_start_s": 3.0,
}
COLD_STARTS = 3
CAPACITY_STEPS = (1, 5, 10, 20, 40, 80, 160)  # users; each step: 5 s ramp + 15 s held
STEPS = 11  # year steps back, then as many forward: 2013 <-> 2024 crosses both boundary changes


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def median(values: list[float | None]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def wait_for_quiet(limit_s: float, threshold: float) -> float:
    """Waits (at most limit_s) for the 1-minute load average to drop below threshold: other work on the machine
    (a shared one) slows every number here. Returns the load average when the run starts."""
    end = time.monotonic() + limit_s
    while os.getloadavg()[0] >= threshold and time.monotonic() < end:
        time.sleep(5)
    return os.getloadavg()[0]


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))

    def version(cmd: list[str]) -> str:
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except (OSError, subprocess.SubprocessError, IndexError):
            return "n/a"

    import dash
    import gunicorn
    import pandas
    import plotly
    import selenium

    commit = version(["git", "-C", str(ROOT), "log", "-1", "--format=%h %cd", "--date=iso"])
    dirty = version(["git", "-C", str(ROOT), "status", "--porcelain", "--", "lsgdash", "app.py", "assets"])
    return {"commit": commit + (" + uncommitted changes" if dirty not in ("", "n/a") else ""),
            "nproc": os.cpu_count(), "memory_gb": round(mem_kb / 2**20, 1), "cpu": cpu,
            "kernel": platform.release(), "python": platform.python_version(), "dash": dash.__version__,
            "plotly": plotly.__version__, "pandas": pandas.__version__, "gunicorn": gunicorn.__version__,
            "selenium": selenium.__version__, "chromium": version([browser.CHROMIUM, "--version"]),
            "nginx": version([servers.nginx_binary() or "nginx", "-v"])}


def make_instance(kind: str, port: int | None = None) -> servers.Gunicorn:
    kwargs = {"port": port} if port else {}
    if kind == "lsgdash":
        return servers.Gunicorn("lsgdash", "app:server", ROOT, "/health", preload=True, **kwargs)
    return servers.Gunicorn("baseline", "baseline_app:server", BENCH, "/", preload=False, **kwargs)


def cold_starts(kind: str) -> tuple[servers.Gunicorn, list[float]]:
    """Starts the app COLD_STARTS times; keeps the last instance running."""
    times = []
    for i in range(COLD_STARTS):
        instance = make_instance(kind)
        times.append(instance.start())
        if i < COLD_STARTS - 1:
            instance.stop()
    return instance, times


def capture_page_posts(driver, url: str) -> list[str]:
    driver.get("about:blank")
    driver.get(url)
    end = time.monotonic() + browser.PAINT_TIMEOUT
    while time.monotonic() < end and not driver.execute_script("return window.__bench.firstPaint"):
        time.sleep(0.05)
    browser.wait_quiet(driver)
    return [p["body"] for p in driver.execute_script("return window.__bench.posts")]


def replay_server_time(instance: servers.Gunicorn, steps: list[list[str]], rounds: int = 2) -> dict:
    """Each recorded year step's requests, one at a time; server time per request from the access log."""
    access = browser.AccessLog(instance.access_log)
    per_step, per_output = [], {}
    for _ in range(rounds):
        for step in steps:
            access.mark()
            outputs = []
            for body in step:
                status = asyncio.run(_post(instance.port, body))
                if status not in load.OK:
                    raise RuntimeError(f"replayed callback answered {status}")
                outputs.append(json.loads(body).get("output", "?"))
            rows = [r for r in access.since_mark(settle=0.05) if r["method"] == "POST"]
            if len(rows) != len(step):
                continue  # a log line not flushed yet: skip the sample rather than mis-assign it
            per_step.append(sum(r["ms"] for r in rows))
            for out, row in zip(outputs, rows, strict=True):
                per_output.setdefault(out[:60], []).append((row["ms"], row["bytes"]))
    return {
        "samples": len(per_step),
        "p50_ms": load.percentile(per_step, 50), "p95_ms": load.percentile(per_step, 95),
        "max_ms": max(per_step) if per_step else None,
        "by_callback": {k: {"n": len(v), "p50_ms": load.percentile([x[0] for x in v], 50),
                            "p95_ms": load.percentile([x[0] for x in v], 95),
                            "bytes_p50": load.percentile([x[1] for x in v], 50)} for k, v in per_output.items()},
    }


async def _post(port: int, body: str) -> int:
    stats = load.Stats()
    await load.timed(stats, port, "replay", "POST", "/_dash-update-component", body.encode())
    return stats.samples[0][3] if stats.samples else 0


def describe_posts(port: int, bodies: list[str]) -> list[dict]:
    """Output, status and response size of each recorded request, replayed once."""
    out = []
    for body in bodies:
        stats = load.Stats()
        asyncio.run(load.timed(stats, port, "probe", "POST", "/_dash-update-component", body.encode()))
        sample = stats.samples[0] if stats.samples else (0, "", 0, 0, 0)
        out.append({"output": json.loads(body).get("output", "?")[:80], "status": sample[3],
                    "response_bytes": sample[4], "request_bytes": len(body.encode())})
    return out


async def load_with_memory(port: int, script: load.Script, instances: list[servers.Gunicorn], users: int,
                           ramp: float, hold: float) -> tuple[load.Stats, dict]:
    """The load run, with every worker's RSS sampled each second (peak per worker)."""
    peak: dict[int, float] = {}
    done = asyncio.Event()

    async def sampler() -> None:
        end = time.monotonic() + ramp + hold + load.GRACE + 5
        while not done.is_set() and time.monotonic() < end:
            for instance in instances:
                for worker in instance.workers_ps():
                    try:
                        rss = worker.memory_info().rss / 2**20
                    except psutil.Error:  # a worker restarted
                        continue
                    peak[worker.pid] = max(peak.get(worker.pid, 0.0), rss)
            await asyncio.sleep(1.0)

    task = asyncio.create_task(sampler())
    try:
        stats = await load.run_load(port, script, users=users, ramp=ramp, hold=hold)
    finally:
        done.set()
        await task
    return stats, {"peak_rss_mb_per_worker": peak, "max_peak_rss_mb": max(peak.values(), default=None)}


def capacity(port: int, script: load.Script, instances: list[servers.Gunicorn], steps=CAPACITY_STEPS) -> dict:
    """The most users (of CAPACITY_STEPS) served with request p95 <= the target and no error; stops at the
    first step that fails. Each step: 5 s ramp, 15 s held."""
    runs, best = [], 0
    for users in steps:
        for instance in instances:
            instance.wait_drained()
        stats, _peak = asyncio.run(load_with_memory(port, script, instances, users, 5.0, 15.0))
        summary = load.summary(stats, 5.0, 15.0)
        p95 = summary["requests"]["p95_ms"]
        ok = summary["error_count"] == 0 and p95 is not None and p95 <= TARGETS["load_p95_ms"]
        runs.append({"users": users, "p50_ms": summary["requests"]["p50_ms"], "p95_ms": p95,
                     "errors": summary["error_count"], "rps": summary["throughput_rps"], "ok": ok})
        log(f"  capacity step {users} users: p95 {p95 and round(p95)} ms, errors {summary['error_count']}")
        if not ok:
            break
        best = users
    return {"users": best, "runs": runs}


def measure_app(kind: str, driver, args: argparse.Namespace) -> dict:
    log(f"{kind}: cold starts (load average {os.getloadavg()[0]:.1f})")
    loadavg_start = os.getloadavg()
    instance, starts = cold_starts(kind)
    result: dict = {"cold_start_s": {"runs": starts, "median": median(starts)}, "port": instance.port,
                    "loadavg_start": loadavg_start}
    try:
        url = instance.url + "/"
        log(f"{kind}: warm-up page load")
        browser.first_map(driver, url, 1, cold=True)
        log(f"{kind}: first map x{args.runs} cold, x{args.runs} warm")
        cold = browser.first_map(driver, url, args.runs, cold=True)
        warm = browser.first_map(driver, url, args.runs, cold=False)
        result["first_map"] = {
            "cold_ms": median([r["paint_ms"] for r in cold]), "warm_ms": median([r["paint_ms"] for r in warm]),
            "cold_runs": cold, "warm_runs": warm,
            "transfer_before_paint_cold": median([r["transfer_before_paint"] for r in cold]),
            "transfer_before_paint_warm": median([r["transfer_before_paint"] for r in warm]),
            "failures": sum(1 for r in cold + warm if not r["paint_ms"]),
            "milestones_warm_ms": {k: median([r["milestones_ms"].get(k) for r in warm])
                                   for k in ("layout_received", "plotly", "mapDiv", "canvas", "callbacks_done",
                                             "geometry_received")},
        }
        result["memory_idle"] = instance.memory()
        log(f"{kind}: year changes in the browser ({2 * args.steps})")
        changes = browser.year_changes(driver, url, kind, args.steps, browser.AccessLog(instance.access_log))
        steps = [c["posts"] for c in changes if c["posts"]]
        result["year_change_browser"] = {
            "n": len(changes),
            "repaint_ms_p50": load.percentile([c["repaint_ms"] for c in changes if c["repaint_ms"]], 50),
            "repaint_ms_p95": load.percentile([c["repaint_ms"] for c in changes if c["repaint_ms"]], 95),
            "data_ms_p50": load.percentile([c["data_ms"] for c in changes if c["data_ms"]], 50),
            "transfer_bytes_p50": load.percentile([c["transfer_bytes"] for c in changes], 50),
            "transfer_bytes_max": max(c["transfer_bytes"] for c in changes),
            "encoded_bytes_p50": load.percentile([c["encoded_bytes"] for c in changes], 50),
            "request_body_bytes_p50": load.percentile([c["request_body_bytes"] for c in changes], 50),
            "requests_p50": load.percentile([len(c["requests"]) for c in changes], 50),
            "server_ms_p50": load.percentile([c["server_ms"] for c in changes], 50),
            "server_ms_p95": load.percentile([c["server_ms"] for c in changes], 95),
            "failures": sum(1 for c in changes if c["repaint_ms"] is None),
            "steps": [{k: v for k, v in c.items() if k != "posts"} for c in changes],
        }
        log(f"{kind}: server time replay")
        result["year_change_server"] = replay_server_time(instance, steps)
        page_posts = capture_page_posts(driver, url)
        script = load.Script(page_posts=page_posts, year_steps=steps)
        result["replayed"] = {"page_posts": describe_posts(instance.port, page_posts), "year_steps": len(steps),
                              "posts_per_year_step": median([len(s) for s in steps]),
                              "first_year_step": describe_posts(instance.port, steps[0]) if steps else []}
        if args.users:
            log(f"{kind}: load, {args.users} users, {args.ramp:.0f}+{args.hold:.0f} s")
            stats, peak = asyncio.run(load_with_memory(instance.port, script, [instance], args.users, args.ramp,
                                                       args.hold))
            result["load"] = {**load.summary(stats, args.ramp, args.hold), **peak,
                              "loadavg_after": os.getloadavg()}
            result["load"]["drain_s"] = instance.wait_drained()
            log(f"{kind}: load p50 {result['load']['requests']['p50_ms']} p95 {result['load']['requests']['p95_ms']}"
                f" errors {result['load']['error_count']}")
        result["memory_after"] = instance.memory()
        if args.capacity:
            log(f"{kind}: capacity at p95 <= {TARGETS['load_p95_ms']} ms")
            result["capacity"] = capacity(instance.port, script, [instance], args.capacity_steps)
        result["script"] = script
    finally:
        instance.stop()
    return result


def measure_nginx(driver, script: load.Script, args: argparse.Namespace, single_capacity: int = 0) -> dict:
    binary = servers.ensure_nginx(install=not args.no_install)
    if not binary:
        return {"skipped": "nginx not installed (apt-get install -y nginx) and not installable here"}
    instances = [make_instance("lsgdash"), make_instance("lsgdash")]
    proxy = None
    try:
        for instance in instances:
            instance.start()
        proxy = servers.Nginx([i.port for i in instances])
        proxy.start(binary)
        url = proxy.url + "/"
        log("nginx: browser through the proxy")
        browser.first_map(driver, url, 1, cold=True)
        warm = browser.first_map(driver, url, max(3, args.runs // 2), cold=False)
        changes = browser.year_changes(driver, url, "lsgdash", 3)
        out: dict = {"instances": len(instances), "workers_per_instance": instances[0].workers,
                     "first_map_warm_ms": median([r["paint_ms"] for r in warm]),
                     "year_change_repaint_ms_p50": load.percentile([c["repaint_ms"] for c in changes
                                                                    if c["repaint_ms"]], 50),
                     "year_change_failures": sum(1 for c in changes if c["repaint_ms"] is None)}
        if args.users:
            log(f"nginx: load, {args.users} users")
            stats, peak = asyncio.run(load_with_memory(proxy.port, script, instances, args.users, args.ramp,
                                                       args.hold))
            out["load"] = {**load.summary(stats, args.ramp, args.hold), **peak, "loadavg_after": os.getloadavg(),
                           "drain_s": max(i.wait_drained() for i in instances)}
        if single_capacity:
            log(f"nginx: load at one instance's capacity ({single_capacity} users) and twice it")
            out["at_capacity"] = capacity(proxy.port, script, instances, (single_capacity, 2 * single_capacity))
        out["requests_per_instance"] = proxy.upstream_counts()
        out["memory_after"] = [i.memory() for i in instances]
        return out
    finally:
        if proxy:
            proxy.stop()
        for instance in instances:
            instance.stop()


def evaluate(results: dict) -> list[dict]:
    """One row per target: baseline, lsgdash, ratio (baseline / lsgdash), met, and the miss."""
    b, lg = results["apps"]["baseline"], results["apps"]["lsgdash"]

    def get(app: dict, *path: str) -> float | None:
        value = app
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    rows = [
        ("First painted map, cold cache (median)", "ms", ("first_map", "cold_ms"), TARGETS["first_map_ms"]),
        ("First painted map, warm cache (median)", "ms", ("first_map", "warm_ms"), TARGETS["first_map_ms"]),
        ("Year change: input -> repainted map (p50)", "ms", ("year_change_browser", "repaint_ms_p50"),
         TARGETS["year_change_ms"]),
        ("Year change: bytes on the wire (p50, transferSize)", "B", ("year_change_browser", "transfer_bytes_p50"),
         TARGETS["year_change_bytes"]),
        ("Year change: server time p50 (replayed)", "ms", ("year_change_server", "p50_ms"), None),
        ("Year change: server time p95 (replayed)", "ms", ("year_change_server", "p95_ms"), None),
        ("Load: request p50", "ms", ("load", "requests", "p50_ms"), None),
        ("Load: request p95", "ms", ("load", "requests", "p95_ms"), TARGETS["load_p95_ms"]),
        ("Load: errors", "", ("load", "error_count"), TARGETS["load_errors"]),
        ("Capacity: most users with p95 <= 300 ms, no errors", "users", ("capacity", "users"), None),
        ("Memory per worker: peak RSS under load", "MB", ("load", "max_peak_rss_mb"), TARGETS["worker_rss_mb"]),
        ("Memory per worker: USS after load", "MB", ("memory_after", "max_worker_uss_mb"), None),
        ("Cold start to first 200 (median)", "s", ("cold_start_s", "median"), TARGETS["cold_start_s"]),
    ]
    out = []
    for label, unit, path, target in rows:
        bv, lv = get(b, *path), get(lg, *path)
        nums = isinstance(bv, (int, float)) and isinstance(lv, (int, float))
        better, worse = (lv, bv) if unit == "users" else (bv, lv)  # for capacity, more is better
        ratio = (better / worse) if nums and worse else None
        met = None if target is None or lv is None else lv <= target
        miss = lv - target if met is False else None
        out.append({"metric": label, "unit": unit, "baseline": bv, "lsgdash": lv, "ratio": ratio, "target": target,
                    "met": met, "miss": miss})
    return out


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "B":
        return f"{value / 1e6:.2f} MB" if value >= 1e6 else (f"{value / 1e3:.1f} KB" if value >= 1e3
                                                             else f"{value:.0f} B")
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "users":
        return f"{value:.0f}"
    if unit == "ms":
        return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"
    return f"{value:,.0f}"


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        "# Benchmarks: lsgdash against the naive way, on the same data",
        "",
        "<!-- generated by bench/run.py from bench/results.json, then bench/notes.md appended; do not edit the "
        "table by hand -->",
        "",
        f"Run: {results['date']} · lsgdash at commit {m.get('commit', 'n/a')} · machine: {m['nproc']} cores "
        f"({m['cpu']}), {m['memory_gb']} GB RAM, "
        f"Linux {m['kernel']} · Python {m['python']}, Dash {m['dash']}, plotly {m['plotly']}, gunicorn "
        f"{m['gunicorn']} (sync workers), {m['chromium']}, {m['nginx']} · load average before/after: "
        f"{results['loadavg_before'][0]:.1f} / {results['loadavg_after'][0]:.1f}",
        "",
        "Rerun (about 20–25 minutes, one command; it installs Debian's nginx if it is missing and you are root):",
        "",
        "    .venv/bin/python bench/run.py",
        "",
        "Both apps run under gunicorn with 2 workers on 127.0.0.1; the browser is Debian's headless Chromium "
        "(software WebGL). Ratio: how many times better lsgdash does (baseline / lsgdash; for capacity, lsgdash / "
        "baseline).",
        "",
        "| Metric | Baseline | lsgdash | Ratio | Target | Met |",
        "| --- | ---: | ---: | ---: | ---: | :---: |",
    ]
    for row in results["targets"]:
        target = "—" if row["target"] is None else ("0" if row["target"] == 0 else fmt(row["target"], row["unit"]))
        met = "—" if row["met"] is None else ("yes" if row["met"] else f"**no** (+{fmt(row['miss'], row['unit'])})")
        ratio = "—" if row["ratio"] is None else f"{row['ratio']:.1f}×"
        lines.append(f"| {row['metric']} | {fmt(row['baseline'], row['unit'])} | {fmt(row['lsgdash'], row['unit'])} "
                     f"| {ratio} | {target} | {met} |")
    apps = results["apps"]
    lines += ["", "## Details", ""]
    for kind in ("baseline", "lsgdash"):
        a = apps[kind]
        yc, ys = a.get("year_change_browser", {}), a.get("year_change_server", {})
        ld = a.get("load", {})
        lines += [
            f"**{kind}** — first map: cold {fmt(a['first_map']['cold_ms'], 'ms')} "
            f"({fmt(a['first_map']['transfer_before_paint_cold'], 'B')} transferred before it), warm "
            f"{fmt(a['first_map']['warm_ms'], 'ms')}; year change ({yc.get('n')} steps): data in the browser "
            f"{fmt(yc.get('data_ms_p50'), 'ms')}, repainted {fmt(yc.get('repaint_ms_p50'), 'ms')} p50 / "
            f"{fmt(yc.get('repaint_ms_p95'), 'ms')} p95, {yc.get('requests_p50')} requests, "
            f"{fmt(yc.get('transfer_bytes_p50'), 'B')} down (encoded bodies {fmt(yc.get('encoded_bytes_p50'), 'B')}),"
            f" {fmt(yc.get('request_body_bytes_p50'), 'B')} up; server time in the browser run "
            f"{fmt(yc.get('server_ms_p50'), 'ms')} p50 / {fmt(yc.get('server_ms_p95'), 'ms')} p95. "
            f"Load average when this app's runs began: {a.get('loadavg_start', [0])[0]:.1f}.",
            "",
        ]
        ms = a["first_map"].get("milestones_warm_ms", {})
        if ms:
            names = {"layout_received": "layout received", "plotly": "plotly.js ready", "mapDiv": "map div drawn",
                     "canvas": "MapLibre canvas", "callbacks_done": "page-load callbacks answered",
                     "geometry_received": "boundaries received (lsgdash)"}
            steps = sorted(((v, names[k]) for k, v in ms.items() if v is not None), key=lambda x: x[0])
            lines += ["First map, warm, median milestones: " + ", ".join(f"{n} {fmt(v, 'ms')}" for v, n in steps)
                      + f", painted {fmt(a['first_map']['warm_ms'], 'ms')}.", ""]
        if ys.get("by_callback"):
            lines += ["| Callback output (replayed) | n | server p50 | server p95 | response bytes p50 |",
                      "| --- | ---: | ---: | ---: | ---: |"]
            for name, row in ys["by_callback"].items():
                lines.append(f"| `{name[:50]}` | {row['n']} | {fmt(row['p50_ms'], 'ms')} | "
                             f"{fmt(row['p95_ms'], 'ms')} | {fmt(row['bytes_p50'], 'B')} |")
            lines.append("")
        if ld:
            lines += [f"Load: up to {ld['max_users']} users over {ld['ramp_s']:.0f} s, held {ld['hold_s']:.0f} s, "
                      f"think time {ld['think_s'][0]:.0f}–{ld['think_s'][1]:.0f} s, page reloaded every "
                      f"{ld['reload_every']} year changes; {ld['requests']['n']} requests answered "
                      f"({ld['throughput_rps']:.0f}/s), errors {ld['errors'] or 'none'}.", "",
                      "| Request | n | p50 | p95 | p99 |", "| --- | ---: | ---: | ---: | ---: |"]
            for name, row in {**ld["by_kind"], **{f"interaction: {k}": v for k, v in ld["interactions"].items()},
                              "all, at full load": ld["requests_at_peak"]}.items():
                lines.append(f"| {name} | {row['n']} | {fmt(row['p50_ms'], 'ms')} | {fmt(row['p95_ms'], 'ms')} | "
                             f"{fmt(row['p99_ms'], 'ms')} |")
            lines.append("")
        cap = a.get("capacity")
        if cap:
            lines += ["Capacity search (5 s ramp + 15 s held per step, stops at the first failing step): "
                      + "; ".join(f"{r['users']} users p95 {fmt(r['p95_ms'], 'ms')}, {r['errors']} errors, "
                                  f"{r['rps']:.0f} req/s" for r in cap["runs"]) + ".", ""]
        lines += [f"Memory per worker: idle RSS {fmt(a['memory_idle']['max_worker_rss_mb'], 'MB')} "
                  f"(USS {fmt(a['memory_idle']['max_worker_uss_mb'], 'MB')}), peak RSS under load "
                  f"{fmt(ld.get('max_peak_rss_mb'), 'MB')}; cold starts "
                  f"{', '.join(f'{s:.2f}' for s in a['cold_start_s']['runs'])} s.", ""]
    ng = results.get("nginx", {})
    lines += ["## Two instances behind nginx", ""]
    if ng.get("skipped"):
        lines += [f"Skipped: {ng['skipped']}.", ""]
    elif ng:
        ld = ng.get("load", {})
        lines += [f"{ng['instances']} lsgdash instances × {ng['workers_per_instance']} workers behind nginx "
                  f"(deploy/nginx.conf) on 127.0.0.1. Browser through the proxy: first map (warm) "
                  f"{fmt(ng['first_map_warm_ms'], 'ms')}, year change repainted "
                  f"{fmt(ng['year_change_repaint_ms_p50'], 'ms')} (failures: {ng['year_change_failures']}). "
                  f"Requests per instance: {ng['requests_per_instance']}.", ""]
        if ld:
            lines += [f"Same load through nginx: {ld['requests']['n']} requests, p50 "
                      f"{fmt(ld['requests']['p50_ms'], 'ms')}, p95 {fmt(ld['requests']['p95_ms'], 'ms')}, p99 "
                      f"{fmt(ld['requests']['p99_ms'], 'ms')}, errors {ld['errors'] or 'none'}; peak RSS per worker "
                      f"{fmt(ld.get('max_peak_rss_mb'), 'MB')}.", ""]
    if ng.get("at_capacity"):
        runs = "; ".join(f"{r['users']} users p95 {fmt(r['p95_ms'], 'ms')}, {r['errors']} errors, "
                         f"{r['rps']:.0f} req/s" for r in ng["at_capacity"]["runs"])
        lines += [f"Through nginx at one instance's capacity and twice it: {runs}. Both instances share the same "
                  "2 cores here, so the second one adds no CPU; its 2 extra workers only cut queueing behind slow "
                  "requests (a page built for a state not seen before). What this run shows is that round-robin "
                  "routing works without sticky sessions.", ""]
    notes = BENCH / "notes.md"
    if notes.exists():
        lines += [notes.read_text(encoding="utf-8").rstrip(), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: few samples, 20 users, 10 s of load")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7, help="page loads per cache state (median of these)")
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument("--ramp", type=float, default=30.0)
    parser.add_argument("--hold", type=float, default=30.0)
    parser.add_argument("--no-nginx", action="store_true")
    parser.add_argument("--no-capacity", dest="capacity", action="store_false",
                        help="skip the search for the most users served within the p95 target")
    parser.add_argument("--capacity-steps", type=lambda text: tuple(int(x) for x in text.split(",")),
                        default=CAPACITY_STEPS, help="user counts tried by the capacity search, e.g. 1,5,10")
    parser.add_argument("--no-install", action="store_true", help="never apt-get install nginx")
    parser.add_argument("--wait-quiet", type=float, default=180.0,
                        help="wait up to this many seconds for the load average to fall below 1.0 first")
    parser.add_argument("--docs-only", action="store_true",
                        help="only rewrite docs/benchmarks.md from bench/results.json (and bench/notes.md)")
    args = parser.parse_args(argv)
    if args.docs_only:
        results = json.loads((BENCH / "results.json").read_text(encoding="utf-8"))
        (ROOT / "docs" / "benchmarks.md").write_text(markdown(results), encoding="utf-8")
        return 0
    if args.quick:
        args.users, args.runs, args.steps, args.ramp, args.hold = min(args.users, 20), 2, 2, 5.0, 5.0
        args.capacity = "--capacity-steps" in " ".join(argv or sys.argv)
    args.ramp, args.hold = min(args.ramp, 30.0), min(args.hold, 30.0)  # <= 60 s of load per app
    build_geometry()
    shutil.rmtree(BENCH / ".cache" / "logs", ignore_errors=True)
    if args.quick:
        args.wait_quiet = 0
    if args.wait_quiet > 0:
        log(f"waiting up to {args.wait_quiet:.0f} s for a quiet machine (load average now {os.getloadavg()[0]:.1f})")
        wait_for_quiet(args.wait_quiet, 1.0)
    results: dict = {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
                     "loadavg_before": os.getloadavg(), "quick": args.quick,
                     "settings": {k: v for k, v in vars(args).items()}, "targets_set": TARGETS, "apps": {}}
    driver = browser.make_driver()
    try:
        for kind in ("baseline", "lsgdash"):
            if args.wait_quiet > 0:  # the machine may be shared: let other work settle between phases
                wait_for_quiet(args.wait_quiet / 2, 1.5)
            results["apps"][kind] = measure_app(kind, driver, args)
        script = results["apps"]["lsgdash"].pop("script")
        results["apps"]["baseline"].pop("script")
        if not args.no_nginx:
            if args.wait_quiet > 0:
                wait_for_quiet(args.wait_quiet / 2, 1.5)
            results["nginx"] = measure_nginx(driver, script, args,
                                             results["apps"]["lsgdash"].get("capacity", {}).get("users", 0))
    finally:
        driver.quit()
    results["loadavg_after"] = os.getloadavg()
    results["targets"] = evaluate(results)
    out = BENCH / ("results-quick.json" if args.quick else "results.json")
    out.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    log(f"wrote {out}")
    if not args.quick:
        doc = ROOT / "docs" / "benchmarks.md"
        doc.write_text(markdown(results), encoding="utf-8")
        log(f"wrote {doc}")
    for row in results["targets"]:
        print(f"  {row['metric']:52s} baseline {fmt(row['baseline'], row['unit']):>10s}  lsgdash "
              f"{fmt(row['lsgdash'], row['unit']):>10s}  met={row['met']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
