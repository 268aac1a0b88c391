"""The issue's acceptance, checked as a user would: `python -m lsgdash export …` on a copy of the data folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest_helpers import ROOT, copy_data, read_export

from lsgdash.cli import main
from lsgdash.registry import LAYOUTS
from lsgdash.store.export import neutralise
from lsgdash.store.schema import STATUSES


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """One read-only copy for the module: export never writes, but a damaged store would be rebuilt in place."""
    return copy_data(tmp_path_factory.mktemp("export"))


@pytest.fixture
def export(capsys, data_dir: Path):
    def run(*args: str) -> list[dict[str, str]]:
        assert main(["--data-dir", str(data_dir), "export", *args]) == 0
        return read_export(capsys.readouterr().out)
    return run


def test_turkistan_transfer_share_2024_is_83_percent_from_the_bulletin(export) -> None:
    rows = export("--indicator", "transfer_share", "--year", "2024", "--region", "KZ-61")
    assert len(rows) == 1
    row = rows[0]
    assert (row["region"], row["region_name"], row["period"], row["unit"]) == ("KZ-61", "Turkistan Region", "2024",
                                                                               "%")
    assert round(float(row["value"])) == 83
    assert row["status"] == "final"
    assert "Statistical Bulletin" in row["source_title"]
    assert row["source_agency"] == "Ministry of Finance of the Republic of Kazakhstan"


def test_national_transfer_share_2024_is_47_8_percent(export) -> None:
    row = export("--indicator", "transfer_share", "--year", "2024", "--region", "KZ")[0]
    assert round(float(row["value"]), 1) == 47.8
    assert "Statistical Bulletin" in row["source_title"]


def test_atyrau_transfer_share_2024_is_about_9_percent(export) -> None:
    row = export("--indicator", "transfer_share", "--year", "2024", "--region", "KZ-23")[0]
    assert float(row["value"]) == pytest.approx(9, abs=0.5)


@pytest.mark.parametrize("year", ["2022", "2023"])
def test_new_regions_have_no_data_in_2022_and_2023_not_zero(export, year: str) -> None:
    rows = export("--indicator", "transfer_share", "--year", year, "--region", "KZ-10", "--region", "KZ-33",
                  "--region", "KZ-62")
    assert [r["region"] for r in rows] == ["KZ-10", "KZ-33", "KZ-62"]
    for row in rows:
        assert row["value"] == "" and row["status"] == "no data", row
        assert row["source_id"] == ""


def test_whole_2023_view_lists_every_unit_of_its_layout(export) -> None:
    rows = {r["region"]: r for r in export("--indicator", "transfer_share", "--year", "2023")}
    assert set(rows) == {*LAYOUTS["2022"].codes, "KZ"}
    assert sum(r["status"] == "no data" for r in rows.values()) == 3
    assert all(r["value"] != "0" for r in rows.values())


def test_mazhilis_2023_turnout_has_20_regions_and_the_national_54_19(export) -> None:
    rows = export("--indicator", "turnout", "--election", "mazhilis-2023-03-19")
    regions = [r for r in rows if r["region"] != "KZ"]
    national = [r for r in rows if r["region"] == "KZ"]
    assert len(regions) == 20 and {r["region"] for r in regions} == set(LAYOUTS["2022"].codes)
    assert len(national) == 1 and national[0]["value"] == "54.19"
    for row in rows:
        assert row["status"] in STATUSES, row  # each with its status (election-night / final …)
        assert row["value"] != "" and 0 < float(row["value"]) <= 100
        assert row["source_title"] and row["election"] == "mazhilis-2023-03-19"


def test_citation_lines_name_the_bulletin(capsys, data_dir: Path) -> None:
    assert main(["--data-dir", str(data_dir), "export", "--indicator", "transfer_share", "--year", "2024",
                 "--region", "KZ-61", "--citations"]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("# ")]
    assert any("minfin-bulletin" in line and "Statistical Bulletin" in line for line in lines)
    assert "never zero" in lines[0]


def test_export_in_russian_names_the_region_in_russian(export) -> None:
    row = export("--indicator", "transfer_share", "--year", "2024", "--region", "KZ-61", "--lang", "ru")[0]
    assert row["region_name"] == "Туркестанская область"


def test_export_without_a_year_gives_every_full_year(export) -> None:
    rows = export("--indicator", "transfer_share", "--region", "KZ-61")
    periods = [r["period"] for r in rows]
    assert "2024" in periods and "2014" in periods
    assert all(len(p) == 4 for p in periods)  # partial years (2025-11) are not mixed in


def test_unknown_indicator_is_an_error(capsys, data_dir: Path) -> None:
    assert main(["--data-dir", str(data_dir), "export", "--indicator", "happiness", "--year", "2024"]) == 2
    assert "unknown indicator" in capsys.readouterr().err


def test_export_neutralises_formula_text() -> None:
    assert neutralise('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("Turkistan Region") == "Turkistan Region"
    assert neutralise(83.5) == 83.5


def test_python_dash_m_lsgdash_export_as_a_user_runs_it(data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lsgdash", "--data-dir", str(data_dir), "export", "--indicator", "transfer_share",
         "--year", "2024", "--region", "KZ-61"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    row = read_export(result.stdout)[0]
    assert round(float(row["value"])) == 83 and "Statistical Bulletin" in row["source_title"]


def test_rural_okrug_plans_export_below_the_regions(capsys) -> None:
    """Fourth-level budgets are plans for single okrugs: exported with their unit name and status, not mapped."""
    assert main(["export", "--indicator", "rev_total", "--basis", "plan", "--settlement", "rural_okrug"]) == 0
    lines = capsys.readouterr().out.splitlines()
    okrugs = [line for line in lines[1:] if "сельский округ" in line or "ауылдық округ" in line]
    assert okrugs and all(",rural_okrug," in line and ",plan," in line for line in okrugs)
