"""Faults: a damaged or missing store at start-up, an ingest interrupted (by an error or by the process dying) at
every step of the swap, and a gunicorn worker killed with SIGKILL under load. The app serves the last good store
with a visible notice or refuses to start with one line; it never serves half a store and never loses a figure."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from conftest_helpers import ROOT, imported_files, snapshot, tidy_row, write_tidy_csv

from lsgdash.callbacks import common
from lsgdash.store.build import build, collect, ingest, load_or_build
from lsgdash.store.dataset import load_dataset
from lsgdash.store.files import StoreError, load_store, read_store
from lsgdash.store.schema import KEY_COLUMNS
from lsgdash.webapp import create_app

PROCESSED = ("observations.csv", "sources.csv", "manifest.json")


def _row(tmp_path: Path) -> Path:
    return write_tidy_csv(tmp_path / "turkistan_2031.csv", [tidy_row(year="2031")])


# --- start-up with a damaged store -------------------------------------------------------------------------------

DAMAGE = {
    "observations_truncated": lambda d: (d / "processed/observations.csv").write_bytes(
        (d / "processed/observations.csv").read_bytes()[:5000]),
    "observations_missing": lambda d: (d / "processed/observations.csv").unlink(),
    "manifest_missing": lambda d: (d / "processed/manifest.json").unlink(),
    "manifest_not_json": lambda d: (d / "processed/manifest.json").write_text("{\"format\": 1, \"sha"),
    "manifest_a_list": lambda d: (d / "processed/manifest.json").write_text("[]"),
    "sources_edited": lambda d: (d / "processed/sources.csv").write_text("source_id,agency\nx,y\n"),
    "whole_folder_a_file": lambda d: (__import__("shutil").rmtree(d / "processed"),
                                      (d / "processed").write_text("oops")),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_damaged_store_at_start_up_is_rebuilt_with_a_visible_notice(monkeypatch, data_copy: Path,
                                                                    damage: str) -> None:
    monkeypatch.setattr(common, "_seen", {})  # a fresh process: no store seen before this one
    good = snapshot(data_copy / "processed")
    DAMAGE[damage](data_copy)
    app = create_app()
    client = app.server.test_client()
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert "rebuilt from the source files" in layout  # the notice on the page
    assert str(data_copy) not in layout  # with no server path in it
    health = client.get("/health").get_json()
    assert health["status"] == "degraded" and health["observations"] > 1000
    assert snapshot(data_copy / "processed") == good  # the last good store, byte for byte


def test_damaged_store_with_a_previous_one_left_serves_the_previous(data_copy: Path) -> None:
    processed = data_copy / "processed"
    old = data_copy / "processed.old"
    import shutil

    shutil.copytree(processed, old)
    common._seen.clear()
    (processed / "observations.csv").write_text("indicator\nbroken\n")
    store = load_or_build(data_copy)
    assert "serving the previous store" in store.notice and str(data_copy) not in store.notice
    pd.testing.assert_frame_equal(store.observations, read_store(old).observations)
    layout = create_app().server.test_client().get("/_dash-layout").get_data(as_text=True)
    assert "serving the previous store" in layout


def test_a_hand_edited_store_that_matches_its_manifest_is_never_half_loaded(data_copy: Path) -> None:
    processed = data_copy / "processed"
    (processed / "observations.csv").write_text("indicator,region\nrev_total\n\"unclosed\n")
    manifest = json.loads((processed / "manifest.json").read_text())
    import hashlib

    manifest["sha256"]["observations.csv"] = hashlib.sha256((processed / "observations.csv").read_bytes()).hexdigest()
    (processed / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(StoreError) as info:
        read_store(processed)
    assert "\n" not in str(info.value) and "cannot be read" in str(info.value)
    assert len(load_or_build(data_copy).observations) == manifest["observations"]  # rebuilt, whole


def test_no_store_and_broken_sources_refuse_to_start_with_one_line(data_copy: Path) -> None:
    (data_copy / "processed" / "manifest.json").unlink()
    (data_copy / "sources" / "minfin" / "regional_budgets_annual.csv").unlink()
    with pytest.raises(StoreError) as info:
        create_app()
    message = str(info.value)
    assert "\n" not in message and len(message) < 500
    assert "manifest.json: missing" in message and "regional_budgets_annual.csv" in message


def test_gunicorn_refuses_to_start_with_a_one_line_reason(data_copy: Path) -> None:
    (data_copy / "processed" / "manifest.json").unlink()
    (data_copy / "sources" / "cec" / "turnout_by_region.csv").write_text("election_date\n")
    port = _free_port()
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "gunicorn"), "app:server", "--preload", "-w", "2", "-b",
                             f"127.0.0.1:{port}"], cwd=ROOT, env={**os.environ, "LSGDASH_DATA": str(data_copy)},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: processed/manifest.json: missing"), result.stderr
    assert "Traceback" not in result.stderr + result.stdout


# --- an interrupted ingest ---------------------------------------------------------------------------------------

def _fail_at(monkeypatch: pytest.MonkeyPatch, call: int, error: BaseException) -> list[str]:
    real = os.replace
    calls: list[str] = []

    def flaky(src, dst, *args, **kwargs):
        calls.append(f"{Path(src).name} -> {Path(dst).name}")
        if len(calls) == call:
            raise error
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", flaky)
    return calls


@pytest.mark.parametrize("call", [1, 2, 3])
@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt()], ids=["error", "interrupt"])
def test_ingest_interrupted_at_any_rename_leaves_every_byte_as_it_was(monkeypatch, tmp_path: Path,
                                                                     data_copy: Path, call: int,
                                                                     error: BaseException) -> None:
    path = _row(tmp_path)
    before = snapshot(data_copy)
    calls = _fail_at(monkeypatch, call, error)
    with pytest.raises(type(error)):
        ingest(path, data_copy)
    monkeypatch.undo()
    assert len(calls) == call + (call == 3)  # a failed swap puts processed.old back
    assert snapshot(data_copy) == before  # processed/ and sources/ both: no half-added file, no store swap
    assert load_store(data_copy).notice == ""
    assert ingest(path, data_copy).summary().startswith("1 new")  # and the next try works


_CRASHER = """
import os, sys
from pathlib import Path
from lsgdash.store.build import ingest
name, at = sys.argv[3], int(sys.argv[4])
real, count = getattr(os, name), [0]
def crash(*args, **kwargs):
    count[0] += 1
    if count[0] == at:
        os._exit(9)  # the process dies here: no finally, no cleanup
    return real(*args, **kwargs)
setattr(os, name, crash)
ingest(Path(sys.argv[1]), Path(sys.argv[2]))
"""


@pytest.mark.parametrize(("function", "at"), [("fsync", 2), ("replace", 1), ("replace", 2), ("replace", 3),
                                              ("replace", 99)])
def test_process_killed_during_ingest_never_leaves_half_a_store_or_loses_a_figure(tmp_path: Path, data_copy: Path,
                                                                                  function: str, at: int) -> None:
    path = _row(tmp_path)
    old = read_store(data_copy / "processed").observations
    result = subprocess.run([sys.executable, "-c", _CRASHER, str(path), str(data_copy), function, str(at)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == (0 if at == 99 else 9), result.stderr
    store = load_or_build(data_copy)  # what the app would serve after a restart
    new_keys = len(store.observations) - len(old)
    assert new_keys in (0, 1)  # the old store or the new one, whole
    if new_keys == 0:
        pd.testing.assert_frame_equal(store.observations, old)
    # Every figure served can be rebuilt from the sources: the store is never ahead of data/sources.
    rebuilt = collect(data_copy / "sources")[0]
    missing = store.observations[KEY_COLUMNS].merge(rebuilt[KEY_COLUMNS], how="left", indicator=True)
    assert (missing["_merge"] == "both").all()
    assert not [p for p in data_copy.iterdir() if p.name.startswith(".processed-new-")] or at != 99


def test_concurrent_ingests_keep_both_files(tmp_path: Path, data_copy: Path) -> None:
    """Two uploads confirmed at once (two workers): the store lock makes the second build see the first file."""
    first = write_tidy_csv(tmp_path / "a.csv", [tidy_row(year="2031")])
    second = write_tidy_csv(tmp_path / "b.csv", [tidy_row(year="2032")])
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda p: ingest(p, data_copy), [first, second]))
    assert len(imported_files(data_copy)) == 2
    periods = set(load_store(data_copy).observations.query("region == 'KZ-61' and indicator == 'rev_total'")["period"])
    assert {"2031", "2032"} <= periods
    build(data_copy)  # and a rebuild from the sources agrees
    assert {"2031", "2032"} <= set(load_store(data_copy).observations["period"])


# --- a worker killed under load ----------------------------------------------------------------------------------

# What browsers and the process manager ask for, in proportion: one page build (~0.2 s) in 40 requests.
LIGHT = ["/health", "/geo/kz_adm1_2022.geojson", "/download/template.csv", "/_dash-dependencies",
         "/assets/b_app/lsgdash.css"]
PATHS = ["/_dash-layout", "/", "/", "/download/view.csv?indicator=turnout&election=mazhilis-2023-03-19",
         "/download/view.csv?indicator=transfer_share&year=2024", *LIGHT * 7]
TOTAL, CONCURRENCY, SECONDS = 2000, 8, 20


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return ""


def _get(port: int, path: str, timeout: float = 30) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc to find gunicorn's workers")
def test_a_worker_killed_under_load_costs_only_its_in_flight_requests(tmp_path: Path, data_copy: Path) -> None:
    port = _free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen([str(ROOT / ".venv" / "bin" / "gunicorn"), "app:server", "--preload", "-w", "2", "-b",
                               f"127.0.0.1:{port}", "--graceful-timeout", "2"], cwd=ROOT, stdout=log,
                              stderr=subprocess.STDOUT, env={**os.environ, "LSGDASH_DATA": str(data_copy)})
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if _get(port, "/health", 2) == 200 and len(_children(server.pid)) == 2:
                    break
            except OSError:
                pass
            assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
            time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start: " + (tmp_path / "gunicorn.log").read_text())

        lock = threading.Lock()
        counts = {"sent": 0, "done": 0, "failed": 0, "in_flight": 0}
        failures: list[str] = []
        killed: dict[str, object] = {}

        def client(worker: int) -> None:
            pause = CONCURRENCY * SECONDS / TOTAL
            for _ in range(TOTAL):  # bounded; stops when TOTAL requests have been sent
                with lock:
                    if counts["sent"] >= TOTAL:
                        return
                    number = counts["sent"]
                    counts["sent"] += 1
                    counts["in_flight"] += 1
                started = time.time()
                try:
                    status = _get(port, PATHS[number % len(PATHS)])
                    ok, why = status < 500, str(status)
                except OSError as err:
                    ok, why = False, type(err).__name__
                with lock:
                    counts["in_flight"] -= 1
                    counts["done"] += 1
                    if not ok:
                        counts["failed"] += 1
                        failures.append(f"{PATHS[number % len(PATHS)]}: {why}")
                time.sleep(max(0.0, pause - (time.time() - started)))

        def killer() -> None:
            """Halfway through, SIGKILL a worker caught busy (running) with a request, not an idle one."""
            while counts["done"] < TOTAL // 2 and time.time() < begun + 4 * SECONDS:
                time.sleep(0.05)
            end = time.time() + 5
            while time.time() < end:
                busy = [pid for pid in _children(server.pid) if _state(pid) == "R"]
                if busy:
                    break
                time.sleep(0.002)
            victim = (busy or _children(server.pid))[0]
            with lock:
                killed.update(pid=victim, in_flight=counts["in_flight"], running=bool(busy))
                os.kill(victim, signal.SIGKILL)

        begun = time.time()
        with ThreadPoolExecutor(CONCURRENCY + 1) as pool:
            done = [pool.submit(killer), *(pool.submit(client, i) for i in range(CONCURRENCY))]
            for future in done:
                future.result()
        elapsed = time.time() - begun

        report = f"{counts} killed={killed} failures={failures}"
        assert counts["done"] == TOTAL and killed, report
        print(f"\nload: {TOTAL} requests in {elapsed:.1f} s at concurrency {CONCURRENCY}; worker {killed['pid']} "
              f"killed (busy: {killed['running']}) with {killed['in_flight']} requests in flight; failed: "
              f"{counts['failed']} {failures}")
        assert counts["failed"] <= min(CONCURRENCY, max(1, int(killed["in_flight"]))), report
        deadline = time.time() + 30  # the master replaces the worker
        while time.time() < deadline and len(_children(server.pid)) < 2:
            time.sleep(0.2)
        assert len(_children(server.pid)) == 2 and killed["pid"] not in _children(server.pid), report
        assert _get(port, "/health") == 200
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)
        log.close()
        load_dataset.cache_clear()


def test_store_damaged_while_running_keeps_the_loaded_store_with_a_notice(monkeypatch, data_copy: Path) -> None:
    monkeypatch.setattr(common, "_seen", {})
    client = create_app().server.test_client()
    assert client.get("/health").get_json()["status"] == "ok"
    count = client.get("/health").get_json()["observations"]
    (data_copy / "processed" / "manifest.json").unlink()  # damaged on disk, and no rebuild possible
    (data_copy / "sources" / "minfin" / "regional_budgets_annual.csv").unlink()
    health = client.get("/health")
    assert health.status_code == 200
    assert health.get_json() == {"status": "degraded", "observations": count}
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert "serving the store loaded before" in layout and str(data_copy) not in layout
    view = client.get("/download/view.csv?indicator=transfer_share&year=2024")
    assert view.status_code == 200 and "Statistical Bulletin" in view.get_data(as_text=True)
