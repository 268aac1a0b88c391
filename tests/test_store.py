"""`data/processed/`: deterministic build, atomic write, checked load, dry run. Only temporary copies are written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from conftest_helpers import DATA, MINFIN_CSV, copy_data, imported_files, snapshot, tidy_row, write_tidy_csv

from lsgdash.cli import main
from lsgdash.ingest.bundled import read_minfin_series
from lsgdash.store.build import build, diff, ingest
from lsgdash.store.files import StoreError, load_store, read_store, write_store
from lsgdash.store.schema import KEY_COLUMNS, OBS_COLUMNS


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return copy_data(tmp_path)


def _processed(data_dir: Path) -> dict[str, str]:
    return snapshot(data_dir / "processed")


# --- determinism ---------------------------------------------------------------------------------------------

def test_build_is_deterministic_across_copies(tmp_path: Path) -> None:
    first, second = copy_data(tmp_path / "a"), copy_data(tmp_path / "b")
    build(first)
    build(second)
    assert _processed(first) == _processed(second)
    build(second)  # and building again in place changes nothing
    assert _processed(first) == _processed(second)


def test_committed_store_equals_a_fresh_build(data_dir: Path) -> None:
    build(data_dir)
    assert _processed(data_dir) == snapshot(DATA / "processed")


def test_manifest_describes_the_files(data_dir: Path) -> None:
    manifest = json.loads((data_dir / "processed" / "manifest.json").read_text())
    store = read_store(data_dir / "processed")
    assert manifest["observations"] == len(store.observations)
    assert manifest["sources"] == len(store.sources)
    assert list(store.observations.columns) == OBS_COLUMNS
    assert not store.observations.duplicated(KEY_COLUMNS).any()


def test_store_round_trip_keeps_full_precision(tmp_path: Path) -> None:
    obs, src = read_minfin_series(MINFIN_CSV)
    write_store(obs, src, tmp_path / "processed")
    back = read_store(tmp_path / "processed").observations
    merged = obs.merge(back, on=KEY_COLUMNS, suffixes=("", "_back"))
    assert len(merged) == len(obs)
    assert (merged["value"] == merged["value_back"]).all()


def test_rereading_the_bundled_bulletin_changes_nothing() -> None:
    current = read_store(DATA / "processed").observations
    new = read_minfin_series(MINFIN_CSV)[0]
    added, changed, unchanged = diff(current, new)
    assert (len(added), len(changed), unchanged) == (0, 0, len(new))


def test_diff_counts_added_changed_unchanged() -> None:
    base = {c: "" for c in KEY_COLUMNS}
    rows = [dict(base, indicator="x", region="KZ-61", period="2024", status="final", source_id="s", value=1.0),
            dict(base, indicator="x", region="KZ-23", period="2024", status="final", source_id="s", value=2.0)]
    current = pd.DataFrame(rows)
    new = pd.DataFrame([dict(rows[0]), dict(rows[1], value=2.5), dict(rows[1], region="KZ-79", value=3.0)])
    added, changed, unchanged = diff(current, new)
    assert list(added["region"]) == ["KZ-79"]
    assert list(changed["region"]) == ["KZ-23"] and list(changed["value_old"]) == [2.0]
    assert unchanged == 1


# --- ingest, dry run, atomic write ---------------------------------------------------------------------------

def test_dry_run_prints_the_changes_and_writes_nothing(capsys, tmp_path: Path, data_dir: Path) -> None:
    path = write_tidy_csv(tmp_path / "turkistan.csv", [tidy_row(), tidy_row(year="2031", value="1 000,5")])
    before = snapshot(data_dir)
    assert main(["--data-dir", str(data_dir), "ingest", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "read as tidy" in out and "2 new, 0 changed" in out
    assert "new: rev_total KZ-61" in out and "2031" in out and "1.0005" in out  # 1 000,5 thousand = 1.0005 million
    assert "dry run: nothing written" in out
    assert snapshot(data_dir) == before


def test_ingest_copies_the_file_and_rebuilds(tmp_path: Path, data_dir: Path) -> None:
    path = write_tidy_csv(tmp_path / "turkistan.csv", [tidy_row(year="2031", value="1 000,5")])
    change = ingest(path, data_dir)
    assert len(change.added) == 1
    imported = imported_files(data_dir)
    assert [p.read_bytes() for p in imported] == [path.read_bytes()]
    store = load_store(data_dir)
    row = store.observations[(store.observations["period"] == "2031")]
    assert list(row["value"]) == [pytest.approx(1.0005)]
    # a fresh build from the sources (now including the imported copy) gives the same bytes
    after = _processed(data_dir)
    build(data_dir)
    assert _processed(data_dir) == after
    # ingesting the same file again changes nothing and copies nothing
    again = ingest(path, data_dir)
    assert (len(again.added), len(again.changed)) == (0, 0)
    assert len(imported_files(data_dir)) == 1


def _fail_on_call(monkeypatch, number: int) -> list:
    real, calls = os.replace, []

    def flaky(src, dst, *args, **kwargs):
        calls.append((src, dst))
        if len(calls) == number:
            raise OSError("simulated power cut during os.replace")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", flaky)
    return calls


def test_interrupted_write_leaves_the_old_store_loadable(monkeypatch, tmp_path: Path, data_dir: Path) -> None:
    old = load_store(data_dir).observations
    path = write_tidy_csv(tmp_path / "turkistan.csv", [tidy_row(year="2031")])
    calls = _fail_on_call(monkeypatch, 2)
    with pytest.raises(OSError, match="simulated"):
        ingest(path, data_dir)
    monkeypatch.undo()
    assert len(calls) == 2
    store = load_store(data_dir)
    pd.testing.assert_frame_equal(store.observations, old)
    assert "previous store" in store.notice or store.notice == ""
    assert imported_files(data_dir) == []  # the file was not added
    assert not [p for p in data_dir.iterdir() if p.name.startswith(".processed-new-")]
    build(data_dir)  # a rebuild restores the committed store exactly
    assert _processed(data_dir) == snapshot(DATA / "processed")


def test_interrupted_write_through_the_cli_reports_an_error(capsys, monkeypatch, tmp_path: Path,
                                                            data_dir: Path) -> None:
    path = write_tidy_csv(tmp_path / "turkistan.csv", [tidy_row(year="2031")])
    _fail_on_call(monkeypatch, 2)
    assert main(["--data-dir", str(data_dir), "ingest", str(path)]) == 1
    monkeypatch.undo()
    assert "simulated" in capsys.readouterr().err
    assert len(load_store(data_dir).observations) == len(read_store(DATA / "processed").observations)


def test_ingest_works_again_after_an_interrupted_write(monkeypatch, tmp_path: Path, data_dir: Path) -> None:
    path = write_tidy_csv(tmp_path / "turkistan.csv", [tidy_row(year="2031")])
    _fail_on_call(monkeypatch, 2)
    with pytest.raises(OSError):
        ingest(path, data_dir)
    monkeypatch.undo()
    change = ingest(path, data_dir)
    assert len(change.added) == 1


def test_damaged_store_is_refused_naming_the_file(data_dir: Path) -> None:
    target = data_dir / "processed" / "observations.csv"
    target.write_bytes(target.read_bytes().replace(b"82", b"28", 1))
    with pytest.raises(StoreError, match=r"observations\.csv"):
        read_store(data_dir / "processed")
    with pytest.raises(StoreError, match=r"observations\.csv"):
        load_store(data_dir)


def test_missing_manifest_is_refused(data_dir: Path) -> None:
    (data_dir / "processed" / "manifest.json").unlink()
    with pytest.raises(StoreError, match=r"manifest\.json"):
        read_store(data_dir / "processed")
