"""Turnout tables in the shared layout (the columns of data/sources/cec/turnout_by_region.csv).

A vote not yet in the store is new rows, not new code: the made-up vote `presidential-2029-06-09` below is test
fixture data written only into a temporary copy of `data/`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest_helpers import (
    TURNOUT_CSV,
    assert_names,
    copy_data,
    imported_files,
    read_export,
    snapshot,
    turnout_header,
    write_turnout_csv,
)

from lsgdash.cli import main
from lsgdash.ingest.bundled import read_turnout
from lsgdash.ingest.problems import IngestError, ProblemLog
from lsgdash.ingest.turnout import TURNOUT_COLUMNS, parse_status, read_turnout_frame
from lsgdash.registry import LAYOUTS
from lsgdash.store.build import ingest

VOTE = "presidential-2029-06-09"
FIXTURE_TITLE = "lsgdash test fixture: made-up vote, not a real figure (Test Wire)"


def vote_row(**fields: object) -> dict[str, object]:
    row: dict[str, object] = {
        "election_date": "2029-06-09", "election_type": "presidential", "region": "Atyrau Region",
        "region_as_written": "Атырау облысы", "turnout_pct": "61,5", "registered_voters": "", "voted": "",
        "level_note": "STATUS: final. Test fixture row.", "source_url": "https://example.invalid/test-fixture",
        "source_title": FIXTURE_TITLE,
    }
    row.update(fields)
    return row


NEW_VOTE = [
    vote_row(region="Kazakhstan", region_as_written="Казахстан", turnout_pct="63.4", registered_voters="12 100 000",
             voted="7 671 400"),
    vote_row(),
    vote_row(region="Г.ШЫМКЕНТ", turnout_pct="58,25"),
    vote_row(region="Жет\u0069су облысы", turnout_pct="66", level_note="STATUS: election-night (after polls closed)."),
]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return copy_data(tmp_path)


def test_shared_layout_is_the_bundled_file_header() -> None:
    assert turnout_header() == TURNOUT_COLUMNS


def test_bundled_turnout_rows_all_have_a_status() -> None:
    obs, src = read_turnout(TURNOUT_CSV)
    turnout = obs[obs["indicator"] == "turnout"]
    assert turnout["election"].nunique() >= 8
    assert not (turnout["status"] == "").any()
    assert set(obs["source_id"]) <= set(src["source_id"])
    rural = turnout[turnout["election"] == "rural_akim-2021-07-25"]
    assert set(rural["settlement"]) == {"rural"}


def test_new_vote_ingests_and_exports_without_code_changes(capsys, tmp_path: Path, data_dir: Path) -> None:
    path = write_turnout_csv(tmp_path / "cec_2029.csv", NEW_VOTE)
    assert main(["--data-dir", str(data_dir), "ingest", str(path)]) == 0
    out = capsys.readouterr().out
    assert "read as turnout" in out and "6 new" in out  # 4 turnout figures + registered + voted (national)
    assert len(imported_files(data_dir)) == 1

    assert main(["--data-dir", str(data_dir), "export", "--indicator", "turnout", "--election", VOTE]) == 0
    rows = {r["region"]: r for r in read_export(capsys.readouterr().out)}
    assert len(rows) == len(LAYOUTS["2022"].codes) + 1
    assert (rows["KZ"]["value"], rows["KZ"]["status"]) == ("63.4", "final")
    assert (rows["KZ-23"]["value"], rows["KZ-23"]["status"]) == ("61.5", "final")
    assert (rows["KZ-79"]["value"], rows["KZ-79"]["status"]) == ("58.25", "final")
    assert (rows["KZ-33"]["value"], rows["KZ-33"]["status"]) == ("66", "election-night")
    assert rows["KZ-23"]["source_title"] == FIXTURE_TITLE
    assert rows["KZ-23"]["election"] == VOTE
    missing = [r for code, r in rows.items() if code not in {"KZ", "KZ-23", "KZ-79", "KZ-33"}]
    assert missing and all(r["value"] == "" and r["status"] == "no data" for r in missing)

    # the bundled votes are still there
    assert main(["--data-dir", str(data_dir), "export", "--indicator", "turnout", "--election",
                 "mazhilis-2023-03-19", "--region", "KZ"]) == 0
    assert read_export(capsys.readouterr().out)[0]["value"] == "54.19"


def test_dry_run_of_a_new_vote_writes_nothing(capsys, tmp_path: Path, data_dir: Path) -> None:
    path = write_turnout_csv(tmp_path / "cec_2029.csv", NEW_VOTE)
    before = snapshot(data_dir)
    assert main(["--data-dir", str(data_dir), "ingest", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "6 new" in out and "new: turnout KZ-23" in out and "dry run: nothing written" in out
    assert snapshot(data_dir) == before


@pytest.mark.parametrize(("note", "status"), [
    ("STATUS: final. CEC protocol.", "final"),
    ("STATUS: election-night 22:10 (after polls closed).", "election-night"),
    ("status: preliminary, then final next day", "preliminary"),
    ("STATUS: close of polls", "close-of-polls"),
    ("STATUS: something else", None),
    ("final turnout", None),
    ("", None),
])
def test_parse_status(note: str, status: str | None) -> None:
    assert parse_status(note) == status


def test_rural_akim_vote_is_a_rural_figure() -> None:
    frame = pd.DataFrame([vote_row(election_type="rural_akim", election_date="2029-07-01")]).astype(str)
    obs = read_turnout_frame(frame, ProblemLog("t.csv"))[0]
    assert list(obs["settlement"]) == ["rural"]
    assert list(obs["election"]) == ["rural_akim-2029-07-01"]



MALFORMED = [
    pytest.param([vote_row(level_note="final figure")], 2, "level_note", "final figure", "STATUS:",
                 id="no-status-prefix"),
    pytest.param([vote_row(), vote_row(region="Нарния")], 3, "region", "Нарния", "closest", id="unknown-region"),
    pytest.param([vote_row(turnout_pct="высокая")], 2, "turnout_pct", "высокая", "not a number", id="text-in-value"),
    pytest.param([vote_row(election_date="09.06.2029")], 2, "election_date", "09.06.2029", "YYYY-MM-DD",
                 id="date-format"),
    pytest.param([vote_row(election_type="by-election")], 2, "election_type", "by-election", "vote type",
                 id="unknown-vote-type"),
    pytest.param([vote_row(turnout_pct="140")], 2, "turnout_pct", "140", "share", id="share-140"),
    pytest.param([vote_row(registered_voters="-5")], 2, "registered_voters", "-5", "negative",
                 id="negative-count"),
    pytest.param([vote_row(), vote_row(region="Atyrau")], 3, None, None, "duplicate", id="duplicate-row"),
    pytest.param([vote_row(source_title='=HYPERLINK("http://x","y")')], 2, "source_title",
                 '=HYPERLINK("http://x","y")', "formula", id="formula"),
    pytest.param([vote_row(level_note="STATUS: final. " + "x" * 2000)], 2, "level_note", "STATUS: final.",
                 "1000 characters", id="2000-char-cell"),
]


@pytest.mark.parametrize(("rows", "row", "column", "text", "reason"), MALFORMED)
def test_malformed_turnout_is_refused_and_store_untouched(tmp_path: Path, data_dir: Path, rows, row, column, text,
                                                          reason) -> None:
    path = write_turnout_csv(tmp_path / "cec_bad.csv", rows)
    before = snapshot(data_dir)
    for dry_run in (True, False):
        with pytest.raises(IngestError) as info:
            ingest(path, data_dir, dry_run=dry_run)
        assert_names(str(info.value), "cec_bad.csv", row, column, text)
        assert reason in str(info.value)
    assert snapshot(data_dir) == before


def test_missing_turnout_column_names_the_expected_layout(tmp_path: Path) -> None:
    frame = pd.DataFrame([vote_row()]).drop(columns=["level_note"]).astype(str)
    with pytest.raises(IngestError) as info:
        read_turnout_frame(frame, ProblemLog("cec.csv"))
    assert_names(str(info.value), "cec.csv", 1, "level_note")
    assert "election_date" in str(info.value)
