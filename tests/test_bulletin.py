"""The Bulletin importer against workbooks laid out like the Ministry's editions (tests/bulletin_fixture.py)."""

from __future__ import annotations

import pandas as pd
import pytest
from bulletin_fixture import (
    MINFIN_CSV,
    NBSP,
    PLAN_MARKER,
    Column,
    december_2024,
    edit,
    write_bulletin,
)

from lsgdash.ingest.bulletin import is_bulletin, parse_bulletin
from lsgdash.ingest.bundled import read_minfin_series
from lsgdash.ingest.detect import parse_file
from lsgdash.ingest.problems import IngestError
from lsgdash.ingest.tables import Sheet

KEY = ["indicator", "region", "period"]


@pytest.fixture(scope="module")
def bundled() -> pd.DataFrame:
    return read_minfin_series(MINFIN_CSV)[0]


@pytest.fixture(scope="module")
def december(tmp_path_factory):
    path = tmp_path_factory.mktemp("bulletin") / "bulletin_2024_12.xlsx"
    sheets = december_2024(path)
    return path, sheets, parse_file(path)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(KEY).reset_index(drop=True)


def test_december_edition_reproduces_the_bundled_series(december, bundled):
    _, _, parsed = december
    assert parsed.kind == "bulletin"
    obs, _ = parsed.frames
    got, want = _sorted(obs[obs["period"] == "2024"]), _sorted(bundled[bundled["period"] == "2024"])
    assert len(got) == len(want) == 148
    text_columns = [c for c in got.columns if c not in ("value", "sample_n")]
    pd.testing.assert_frame_equal(got[text_columns], want[text_columns])
    assert (got["value"] - want["value"]).abs().max() < 1e-6
    assert PLAN_MARKER not in set(obs["value"])


def test_previous_year_column_is_a_second_period(december, bundled):
    obs = december[2].frames[0]
    got = _sorted(obs[obs["period"] == "2023"])
    want = _sorted(bundled[bundled["period"] == "2023"])
    assert got[KEY].equals(want[KEY])
    assert (got["value"] - want["value"]).abs().max() < 1e-6
    # Abai, Zhetysu and Ulytau were not printed for 2023: no data, never zero.
    assert not ((got["indicator"] == "rev_total") & got["region"].isin(["KZ-10", "KZ-33", "KZ-62"])).any()
    assert not got["partial"].any()


def test_region_comes_from_the_title_not_the_sheet_number(december):
    _, sheets, parsed = december
    obs = parsed.frames[0]
    assert sheets["AKT"] == "табл 12.5" and sheets["ATY"] == "табл 12.3"
    aktobe = obs[(obs["region"] == "KZ-15") & (obs["indicator"] == "rev_total") & (obs["period"] == "2024")]
    assert aktobe["value"].tolist() == [pytest.approx(676122.66931076)]


def test_report_checks_regions_against_table_12(december):
    report = december[2].report
    assert "REV 2024: regions sum 15,346,310.8 vs table 12 15,346,310.8 (diff 0.00 %)" in report
    rev_2023 = next(line for line in report if line.startswith("REV 2023:"))
    assert "(diff -7." in rev_2023 and "no figure for KZ-10, KZ-33, KZ-62" in rev_2023
    assert "SUBVENTIONS 2024: regions sum 5,265,026.8 vs table 18 total 5,265,026.8 (diff 0.00 %)" in report
    assert "All 20 regions of the 2022 layout have a sheet." in report


def test_sources_name_the_edition(december):
    sources = december[2].frames[1]
    assert sources["source_id"].tolist() == ["minfin-bulletin"]
    assert sources["edition"].iloc[0] == "bulletin_2024_12.xlsx: 2024"


def _monthly(tmp_path, **kwargs):
    # Round test numbers, not Bulletin figures: this checks the layout of a monthly edition only.
    figures = {("national", "REV"): "1300.5", ("AKM", "REV"): "100", ("ALA", "REV"): "1200.5",
               ("national", "REV.CAPITAL"): "7", ("AKM", "REV.CAPITAL"): "-", ("ALA", "REV.CAPITAL"): "7",
               ("national", "EXP"): "1000", ("AKM", "EXP"): "90", ("ALA", "EXP"): "910"}
    path = tmp_path / "bulletin_2026_07.xlsx"
    write_bulletin(path, Column("2026 ж. қантар-шілде есеп/январь-июль отчет 2026 г.", figures),
                   regions=["AKM", "ALA"], plan_header="2026 ж. жоспар / план на 2026 г.", transfers=False, **kwargs)
    return path


def test_monthly_edition(tmp_path):
    parsed = parse_file(_monthly(tmp_path))
    obs, sources = parsed.frames
    assert set(obs["period"]) == {"2026-07"} and obs["partial"].all() and set(obs["year"]) == {2026}
    value = obs.set_index(["indicator", "region"])["value"]
    assert value[("rev_capital", "KZ-11")] == 0.0  # «-» is zero
    assert value[("rev_total", "KZ-75")] == 1200.5  # «1 200,5» as text with a no-break space
    assert sources["edition"].iloc[0] == "bulletin_2026_07.xlsx: January-July 2026"
    assert "REV 2026-07: regions sum 1,300.5 vs table 12 1,300.5 (diff 0.00 %)" in parsed.report
    assert any(line.startswith("No region sheet for: KZ-10 Abai Region") for line in parsed.report)
    assert any("табл 18" in line for line in parsed.report)


def test_older_edition_reads_general_transfers_from_table_17(tmp_path, bundled):
    path = tmp_path / "old.xlsx"
    december_2024(path)
    edit(path, lambda book: setattr(book["табл 18"], "title", "табл 17"))
    obs = parse_file(path).frames[0]
    assert (obs["indicator"] == "subventions").sum() == (bundled["indicator"] == "subventions")[
        bundled["period"].isin(["2023", "2024"])].sum()


@pytest.mark.parametrize("name, expected", [
    ("табл 12", True), ("Табл 12", True), ("табл.12", True), ("ТАБЛ  12 ", True), ("Табл. 12.3", True),
    ("табл 1", False), ("Sheet1", False), ("таблица", False), ("табл 120", False),
])
def test_is_bulletin(name, expected):
    assert is_bulletin([Sheet("Мазмұны", []), Sheet(name, [])]) is expected


def test_parse_bulletin_takes_sheets_directly():
    rows = [(1, ["ИСПОЛНЕНИЕ МЕСТНЫХ БЮДЖЕТОВ"]), (3, [None, "Наименование", "2024 г. отчет"]),
            (4, [None, "I. ДОХОДЫ", 15346310.8116504]), (5, [None, "II. ЗАТРАТЫ", f"15{NBSP}049{NBSP}842,1858"])]
    obs, _, report = parse_bulletin([Sheet("Табл.12", rows)], "sheets")
    assert obs.set_index("indicator")["value"].to_dict() == {"rev_total": 15346310.8116504,
                                                             "expenditure": 15049842.1858}
    assert (obs["region"] == "KZ").all() and (obs["level"] == "national").all()
    assert any(line.startswith("No region sheet for:") for line in report)


def _retitle(code: str, title: str):
    def change(book):
        sheet = next(ws for ws in book.worksheets if str(ws["A1"].value).endswith(title_of[code]))
        sheet["A1"] = title
    return change


title_of = {"KST": "КОСТАНАЙСКОЙ ОБЛАСТИ"}


def _set(sheet_key: str, cell: str, value):
    return lambda sheets: lambda book: book[sheets[sheet_key]].__setitem__(cell, value)


MALFORMED = {
    "unknown region title": (
        lambda sheets: _retitle("KST", "ИСПОЛНЕНИЕ БЮДЖЕТА НАРНИЙСКОЙ ОБЛАСТИ"),
        ["sheet «{KST}»", "row 1", "ИСПОЛНЕНИЕ БЮДЖЕТА НАРНИЙСКОЙ ОБЛАСТИ", "no known region", "closest:"]),
    "text in a value cell": (
        _set("PVL", "D9", "н/д"), ["sheet «{PVL}»", "row 9", "column 'D'", "'н/д'", "not a number"]),
    "missing period header": (
        lambda sheets: lambda book: [book[sheets["SKO"]].__setitem__(c, "Наименование") for c in ("D4", "F4")],
        ["sheet «{SKO}»", "row 6", "no period header"]),
    "duplicate region sheet": (
        lambda sheets: lambda book: setattr(book.copy_worksheet(book[sheets["ZHM"]]), "title", "табл 12.21"),
        ["sheet «табл 12.21»", "KZ-31 Zhambyl Region", "first: «{ZHM}»"]),
    "no table 12": (
        lambda sheets: lambda book: book.remove(book["табл 12"]), ["no sheet «табл 12»", "табл 12.1"]),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_workbooks_name_file_sheet_row_and_text(tmp_path, case):
    path = tmp_path / "bad.xlsx"
    sheets = december_2024(path)
    make_change, expected = MALFORMED[case]
    edit(path, make_change(sheets))
    with pytest.raises(IngestError) as caught:
        parse_file(path)
    message = str(caught.value)
    assert message.startswith("bad.xlsx")
    for fragment in expected:
        assert fragment.format(**sheets) in message


def test_all_problems_are_reported_at_once(tmp_path):
    path = tmp_path / "bad.xlsx"
    sheets = december_2024(path)
    edit(path, _retitle("KST", "ИСПОЛНЕНИЕ БЮДЖЕТА НАРНИЙСКОЙ ОБЛАСТИ"))
    edit(path, _set("PVL", "F10", "x")(sheets))
    edit(path, _set("transfers", "D5", "?")(sheets))
    with pytest.raises(IngestError) as caught:
        parse_file(path)
    assert len(caught.value.problems) == 3
    assert "sheet «табл 18»" in str(caught.value) and "row 5, column 'D'" in str(caught.value)


def test_split_title_and_two_row_header():
    """A title broken over two rows, and «2024 г.» over «отчет» in separate header rows, still read."""
    head = [(1, [None, "ИСПОЛНЕНИЕ ЗА 2024 ГОД", None, "таблица 12 за 2025 год"]),
            (3, [None, None, "план", 2024]), (4, [None, "Наименование", "на 2024 г.", "отчет"])]
    national = Sheet("табл 12", [*head, (5, [None, "I. ДОХОДЫ", 1.0, 5.0])])
    region = Sheet("табл 12.4", [(1, ["ИСПОЛНЕНИЕ МЕСТНОГО БЮДЖЕТА"]), (2, ["ГОРОДА АСТАНЫ"]), *head[1:],
                                 (5, [None, "і. доходы", 1.0, "-"])])
    obs, _, report = parse_bulletin([region, national], "sheets")
    assert obs.set_index("region")["value"].to_dict() == {"KZ": 5.0, "KZ-71": 0.0}
    assert set(obs["period"]) == {"2024"}
    assert "REV 2024: regions sum 0.0 vs table 12 5.0 (diff -100.00 %)" in report
