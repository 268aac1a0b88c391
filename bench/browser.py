"""Browser timings in Debian's headless Chromium, driven by selenium.

The page is instrumented before its own scripts run (bench/instrument.js through CDP): "map painted" is the
first animation frame in which the MapLibre map of `#map` has loaded its sources and tiles and renders
choropleth features; "map repainted" is the first frame after an input in which the rendered features' fill
colours differ from before. Both are read on the page's clock (performance.now(), 0 = navigation start; an
input's time is its event timestamp on the same clock), so selenium's own latency is not in the numbers.
Resolution: one animation frame (~16 ms).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

BENCH = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run")
WINDOW = "--window-size=1366,900"
PAINT_TIMEOUT = 30.0  # s: a first map slower than this is recorded as a failure
REPAINT_TIMEOUT = 15.0
QUIET = 0.8  # s without a new request and without a callback in flight = the interaction is over


def make_driver() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, WINDOW):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                           {"source": (BENCH / "instrument.js").read_text(encoding="utf-8")})
    driver.execute_cdp_cmd("Network.enable", {})
    return driver


def _resources(driver: webdriver.Chrome, since: float = 0.0) -> list[dict]:
    return driver.execute_script(
        "return performance.getEntriesByType('resource').filter(e => e.startTime >= arguments[0]).map(e => ({"
        "name: e.name, start: e.startTime, end: e.responseEnd, transfer: e.transferSize,"
        "encoded: e.encodedBodySize, decoded: e.decodedBodySize}))", since)


def _busy(driver: webdriver.Chrome) -> bool:
    return bool(driver.execute_script("return !!document.querySelector('[data-dash-is-loading=\"true\"]')"))


def wait_quiet(driver: webdriver.Chrome, since: float = 0.0, timeout: float = 15.0) -> None:
    """Until no callback is in flight and no new request started for QUIET seconds (bounded by timeout)."""
    end = time.monotonic() + timeout
    count, last_change = -1, time.monotonic()
    while time.monotonic() < end:
        n = len(_resources(driver, since))
        if n != count or _busy(driver):
            count, last_change = n, time.monotonic()
        elif time.monotonic() - last_change >= QUIET:
            return
        time.sleep(0.1)


def first_map(driver: webdriver.Chrome, url: str, runs: int, cold: bool) -> list[dict]:
    """Navigation -> first painted map, `runs` times. cold: the HTTP cache is cleared before each load."""
    out = []
    for _ in range(runs):
        driver.get("about:blank")
        if cold:
            driver.execute_cdp_cmd("Network.clearBrowserCache", {})
        driver.get(url)
        end = time.monotonic() + PAINT_TIMEOUT
        paint = None
        while time.monotonic() < end:
            paint = driver.execute_script("return window.__bench && window.__bench.firstPaint")
            if paint:
                break
            time.sleep(0.05)
        resources = _resources(driver)
        before = [r for r in resources if paint and r["start"] <= paint]
        nav = driver.execute_script(
            "const n = performance.getEntriesByType('navigation')[0];"
            "return {transfer: n.transferSize, dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd};")
        marks = driver.execute_script("return window.__bench.marks") or {}
        geo = [r["end"] for r in before if "/geo/" in r["name"]]
        posts = [r["end"] for r in before if "_dash-update-component" in r["name"]]
        layout = [r["end"] for r in before if r["name"].endswith("/_dash-layout")]
        out.append({
            "paint_ms": paint, "features": driver.execute_script("return window.__bench.firstFeatures"),
            "milestones_ms": {"layout_received": layout[0] if layout else None, **marks,
                              "callbacks_done": max(posts) if posts else None,
                              "geometry_received": geo[0] if geo else None},
            "dom_content_loaded_ms": nav["dcl"], "load_ms": nav["load"],
            "requests_before_paint": len(before) + 1,
            "transfer_before_paint": nav["transfer"] + sum(r["transfer"] for r in before),
            "decoded_before_paint": sum(r["decoded"] for r in before),
            "slowest": sorted(({"name": r["name"].split("?")[0][-70:], "start": round(r["start"]),
                                "end": round(r["end"]), "transfer": r["transfer"]} for r in before),
                              key=lambda r: -r["end"])[:4],
        })
    return out


def _input(driver: webdriver.Chrome, kind: str, direction: str) -> None:
    """The user's input for one year step: lsgdash's ◀/▶ buttons; the baseline's slider, by keyboard."""
    if kind == "lsgdash":
        driver.find_element(By.ID, "period-prev" if direction == "prev" else "period-next").click()
    else:
        thumb = driver.find_element(By.CSS_SELECTOR, "#year [role=slider]")
        thumb.send_keys(Keys.ARROW_LEFT if direction == "prev" else Keys.ARROW_RIGHT)


def year_changes(driver: webdriver.Chrome, url: str, kind: str, steps: int, access_log: AccessLog | None = None
                 ) -> list[dict]:
    """Opens `url`, then steps the year `steps` times back and `steps` times forward again.

    Per step: input -> data changed -> map repainted (ms), the requests that followed the input with their
    transferSize (encoded body + Chromium's flat 300 B for headers), encoded and decoded body sizes, the bodies
    of the callback POSTs (replayed by the load test) and, from gunicorn's access log, the server time of
    every request the step caused."""
    driver.get("about:blank")
    driver.get(url)
    end = time.monotonic() + PAINT_TIMEOUT
    while time.monotonic() < end and not driver.execute_script("return window.__bench.firstPaint"):
        time.sleep(0.05)
    wait_quiet(driver)
    time.sleep(0.5)
    out = []
    for direction in ["prev"] * steps + ["next"] * steps:
        if access_log:
            access_log.mark()
        posts_before = driver.execute_script("return window.__bench.posts.length")
        armed = driver.execute_script("return window.__bench.watch()")
        _input(driver, kind, direction)
        end = time.monotonic() + REPAINT_TIMEOUT
        w = None
        while time.monotonic() < end:
            w = driver.execute_script("return window.__bench.w")
            if w and w["paintAt"] is not None:
                break
            time.sleep(0.02)
        wait_quiet(driver, armed)
        inputs = [i for i in driver.execute_script("return window.__bench.inputs") if i["t"] >= armed]
        t_in = inputs[0]["t"] if inputs else armed
        resources = _resources(driver, armed)
        posts = driver.execute_script("return window.__bench.posts.slice(arguments[0])", posts_before)
        server = access_log.since_mark() if access_log else []
        out.append({
            "direction": direction,
            "input": inputs[0]["type"] if inputs else None,
            "repaint_ms": (w["paintAt"] - t_in) if w and w["paintAt"] is not None else None,
            "data_ms": (w["dataAt"] - t_in) if w and w["dataAt"] is not None else None,
            "transfer_bytes": sum(r["transfer"] for r in resources),
            "encoded_bytes": sum(r["encoded"] for r in resources),
            "decoded_bytes": sum(r["decoded"] for r in resources),
            "request_body_bytes": sum(len(p["body"].encode("utf-8")) for p in posts),
            "requests": [{"name": r["name"].split("?")[0].rsplit("/", 1)[-1], "transfer": r["transfer"],
                          "encoded": r["encoded"], "decoded": r["decoded"]} for r in resources],
            "posts": [p["body"] for p in posts],
            "server_ms": sum(s["ms"] for s in server),
            "server": server,
        })
    return out


class AccessLog:
    """Reads gunicorn's access log written with LOG_FORMAT: request line, status, microseconds, bytes."""

    FORMAT = '%(m)s %(U)s %(s)s %(D)s %(B)s'

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0

    def mark(self) -> None:
        self.offset = self.path.stat().st_size if self.path.exists() else 0

    def since_mark(self, settle: float = 0.2) -> list[dict]:
        time.sleep(settle)  # gunicorn logs after the response is sent
        with open(self.path, "rb") as fh:
            fh.seek(self.offset)
            data = fh.read()
        self.offset += len(data)
        return parse_access(data.decode("utf-8", "replace"))


def parse_access(text: str) -> list[dict]:
    rows = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) != 5:
            continue
        method, path, status, micros, size = parts
        rows.append({"method": method, "path": path, "status": int(status), "ms": int(micros) / 1000,
                     "bytes": 0 if size == "-" else int(size)})
    return rows


if __name__ == "__main__":  # a quick look: python bench/browser.py URL lsgdash|baseline
    import sys

    drv = make_driver()
    try:
        print(json.dumps(first_map(drv, sys.argv[1], 2, cold=False), indent=1))
        changes = year_changes(drv, sys.argv[1], sys.argv[2], 2)
        for c in changes:
            c.pop("posts")
        print(json.dumps(changes, indent=1))
    finally:
        drv.quit()
