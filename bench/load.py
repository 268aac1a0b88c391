"""A bounded load generator (asyncio, standard library only) that replays what real users send.

A user opens the page (GET /, GET /_dash-layout with the page as Referer, GET /_dash-dependencies, then the
callback POSTs the browser sends on load), then changes the year every THINK seconds (the callback POSTs the
browser sent for one year step: the first one alone, the ones it triggers together once it answered), and
reloads the page after every RELOAD_EVERY changes. The request bodies were recorded from Chromium by
bench/browser.py, so they are exactly what the apps receive. Static files (JS bundles, CSS, boundaries) are
left out: browsers cache them and a deployment serves them from the proxy (deploy/nginx.conf).

Users are added at a steady rate up to `users` over `ramp` seconds, then held for `hold` seconds. Every loop is
bounded: the run stops adding work at ramp + hold seconds, waits at most GRACE seconds for requests in flight
(those still open are counted as errors "unfinished"), and never sends more than MAX_REQUESTS requests.
Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

HOST = "127.0.0.1"
TIMEOUT = 30.0  # s per request; slower is an error ("timeout")
GRACE = 15.0  # s to let requests in flight finish after the end
MAX_REQUESTS = 200_000
OK = (200, 204)  # 204: Dash's answer when a callback raises PreventUpdate (nothing to change)
THINK = (2.0, 8.0)  # s between two interactions of one user (uniform; mean 5 s)
RELOAD_EVERY = 5
HEADERS = {"Accept-Encoding": "gzip, deflate, br", "Accept-Language": "en-US,en;q=0.9",
           "User-Agent": "lsgdash-bench"}


@dataclass
class Script:
    """What to replay against one app: the page-load POSTs and the POST chains of year steps."""

    page_posts: list[str]
    year_steps: list[list[str]]  # each: [trigger POST, *POSTs sent once it answered]


@dataclass
class Stats:
    started: float = field(default_factory=time.monotonic)
    samples: list[tuple[float, str, float, int, int]] = field(default_factory=list)  # t, kind, ms, status, bytes
    errors: dict[str, int] = field(default_factory=dict)
    interactions: list[tuple[float, str, float, bool]] = field(default_factory=list)  # t, kind, ms, ok
    users_at: list[tuple[float, int]] = field(default_factory=list)
    sent: int = 0
    finished: int = 0

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


async def timed(stats: Stats, port: int, kind: str, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> bool:
    """One request, timed and recorded; False on a non-200 answer, a timeout or a connection error."""
    if stats.sent >= MAX_REQUESTS:
        stats.error("not sent (request cap)")
        return False
    stats.sent += 1
    t0 = time.monotonic()
    try:
        status, size = await asyncio.wait_for(_status_request(port, method, path, body, headers), TIMEOUT)
    except TimeoutError:
        stats.finished += 1
        stats.error("timeout")
        return False
    except OSError as exc:  # refused, reset, ...
        stats.finished += 1
        stats.error(type(exc).__name__)
        return False
    stats.finished += 1
    stats.samples.append((t0 - stats.started, kind, (time.monotonic() - t0) * 1000, status, size))
    if status not in OK:
        stats.error(f"HTTP {status}")
        return False
    return True


async def _status_request(port: int, method: str, path: str, body: bytes | None,
                          headers: dict[str, str] | None) -> tuple[int, int]:
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}", "Connection: close"]
        lines += [f"{k}: {v}" for k, v in {**HEADERS, **(headers or {})}.items()]
        if body is not None:
            lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b""))
        await writer.drain()
        head = await reader.readline()
        parts = head.split()
        status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
        total = len(head)
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                break
            total += len(chunk)
        return status, total
    finally:
        writer.close()


async def page_load(stats: Stats, port: int, script: Script, page: str) -> bool:
    t0 = time.monotonic()
    referer = {"Referer": f"http://{HOST}:{port}{page}"}
    ok = await timed(stats, port, "GET /", "GET", page)
    if ok:
        results = await asyncio.gather(timed(stats, port, "GET /_dash-layout", "GET", "/_dash-layout", None, referer),
                                       timed(stats, port, "GET /_dash-dependencies", "GET", "/_dash-dependencies"))
        ok = all(results)
    if ok and script.page_posts:
        results = await asyncio.gather(*(timed(stats, port, "POST on load", "POST", "/_dash-update-component",
                                               body.encode(), referer) for body in script.page_posts))
        ok = all(results)
    stats.interactions.append((t0 - stats.started, "page load", (time.monotonic() - t0) * 1000, ok))
    return ok


async def year_change(stats: Stats, port: int, step: list[str], page: str) -> bool:
    t0 = time.monotonic()
    referer = {"Referer": f"http://{HOST}:{port}{page}"}
    ok = await timed(stats, port, "POST year (trigger)", "POST", "/_dash-update-component", step[0].encode(), referer)
    if ok and len(step) > 1:
        results = await asyncio.gather(*(timed(stats, port, "POST year (follow-up)", "POST",
                                               "/_dash-update-component", body.encode(), referer)
                                         for body in step[1:]))
        ok = all(results)
    stats.interactions.append((t0 - stats.started, "year change", (time.monotonic() - t0) * 1000, ok))
    return ok


async def user(stats: Stats, port: int, script: Script, page: str, deadline: float, rng: random.Random) -> None:
    changes = 0
    while time.monotonic() < deadline:
        if changes % RELOAD_EVERY == 0:
            await page_load(stats, port, script, page)
        await asyncio.sleep(min(rng.uniform(*THINK), max(0.0, deadline - time.monotonic())))
        if time.monotonic() >= deadline:
            break
        await year_change(stats, port, rng.choice(script.year_steps), page)
        changes += 1


async def run_load(port: int, script: Script, users: int = 200, ramp: float = 30.0, hold: float = 30.0,
                   page: str = "/", seed: int = 1) -> Stats:
    stats = Stats()
    deadline = stats.started + ramp + hold
    rng = random.Random(seed)
    tasks: list[asyncio.Task] = []
    for i in range(users):
        at = stats.started + ramp * i / users
        await asyncio.sleep(max(0.0, at - time.monotonic()))
        tasks.append(asyncio.create_task(user(stats, port, script, page, deadline, random.Random(rng.random()))))
        stats.users_at.append((time.monotonic() - stats.started, i + 1))
    done, pending = await asyncio.wait(tasks, timeout=max(0.0, deadline - time.monotonic()) + GRACE)
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)
    unfinished = stats.sent - stats.finished  # cut off by the grace limit: neither answered nor failed
    if unfinished > 0:
        stats.errors["unfinished"] = stats.errors.get("unfinished", 0) + unfinished
    for task in done:
        if task.exception() is not None:
            stats.error(type(task.exception()).__name__)
    return stats


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary(stats: Stats, ramp: float, hold: float) -> dict:
    """p50/p95/p99 of request latencies (all, and while every user was active), per kind, and errors."""
    def block(rows: list[float]) -> dict:
        return {"n": len(rows), "p50_ms": percentile(rows, 50), "p95_ms": percentile(rows, 95),
                "p99_ms": percentile(rows, 99), "max_ms": max(rows) if rows else None}

    peak = [s for s in stats.samples if s[0] >= ramp]
    kinds = sorted({s[1] for s in stats.samples})
    duration = ramp + hold
    out = {
        "requests": block([s[2] for s in stats.samples]),
        "requests_at_peak": block([s[2] for s in peak]),
        "by_kind": {k: block([s[2] for s in stats.samples if s[1] == k]) for k in kinds},
        "interactions": {k: {**block([i[2] for i in stats.interactions if i[1] == k]),
                             "failed": sum(1 for i in stats.interactions if i[1] == k and not i[3])}
                         for k in ("page load", "year change")},
        "errors": dict(stats.errors),
        "error_count": sum(stats.errors.values()),
        "sent": stats.sent,
        "throughput_rps": len(stats.samples) / duration,
        "bytes_received": sum(s[4] for s in stats.samples),
        "max_users": stats.users_at[-1][1] if stats.users_at else 0,
        "ramp_s": ramp, "hold_s": hold, "think_s": list(THINK), "reload_every": RELOAD_EVERY,
        "timeout_s": TIMEOUT,
    }
    return out
