"""The tidy template importer: a user's CSV (cp1251, `;`, decimal commas, «тыс. тенге») reproduces the bundled
Bulletin figures, and every malformed file is refused with file, row, column and text, leaving the store alone."""

from __future__ import annotations

import csv
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest_helpers import (
    DATA,
    MINFIN_AGENCY,
    MINFIN_CSV,
    NBSP,
    assert_names,
    bulletin_values,
    copy_data,
    imported_files,
    snapshot,
    thousand_kzt_text,
    tidy_row,
    write_tidy_csv,
)

import lsgdash.ingest.tables as tables
from lsgdash.cli import main
from lsgdash.ingest.bundled import read_minfin_series
from lsgdash.ingest.detect import parse_file
from lsgdash.ingest.problems import IngestError
from lsgdash.ingest.tidy import TIDY_COLUMNS
from lsgdash.registry import BY_BULLETIN_CODE
from lsgdash.store.build import ingest
from lsgdash.store.dataset import Dataset
from lsgdash.store.files import load_store

TEMPLATE = DATA / "templates" / "lsgdash_template.csv"
# Bulletin code -> the name as a user's file might spell it (all encodable in cp1251).
SPELLINGS = {
    "TRK": "ТУРКЕСТАНСКАЯ ОБЛАСТЬ", "ATY": "Атырауская область", "SHM": "Г.ШЫМКЕНТ", "ZHT": "Жетісу облысы",
    "VKO": "ВОСТ-КАЗАХСТАНСКАЯ ОБЛАСТЬ", "ALA": "г. Алматы", "AST": "Астана", "ABY": "Abai Region",
    "national": "Республика Казахстан",
}
ITEMS = {"REV": "rev_total", "REV.TAX": "rev_tax", "REV.TRANSFERS": "rev_transfers"}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return copy_data(tmp_path)


@pytest.fixture(scope="module")
def bundled_2024() -> dict[tuple[str, str], float]:
    """The bundled Bulletin figures for 2024 as the build reads them (million KZT, full precision)."""
    obs = read_minfin_series(MINFIN_CSV)[0]
    obs = obs[obs["period"] == "2024"]
    return {(r.indicator, r.region): r.value for r in obs.itertuples()}


def bulletin_tidy_rows() -> list[dict[str, object]]:
    values = bulletin_values("2024-12-01")
    rows = []
    for i, (code, spelling) in enumerate(SPELLINGS.items()):
        for item, indicator in ITEMS.items():
            rows.append(tidy_row(indicator=indicator, region=spelling,
                                 value=thousand_kzt_text(values[(code, item)], NBSP if i % 2 == 0 else " ")))
    return rows


def test_tidy_cp1251_file_reproduces_the_bundled_bulletin_figures(tmp_path: Path, bundled_2024) -> None:
    path = write_tidy_csv(tmp_path / "бюджет_2024.csv", bulletin_tidy_rows(), encoding="cp1251", sep=";")
    raw = path.read_bytes()
    assert b";" in raw and "\u00a0".encode("cp1251") in raw and "тыс. тенге".encode("cp1251") in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")

    parsed = parse_file(path)
    obs, src = parsed.frames
    assert parsed.kind == "tidy"
    assert len(obs) == len(SPELLINGS) * len(ITEMS)
    for row in obs.itertuples():
        assert row.value == pytest.approx(bundled_2024[(row.indicator, row.region)], rel=1e-12), row
        assert (row.unit, row.period, row.partial, row.status) == ("million KZT", "2024", False, "final")
        assert row.level == ("national" if row.region == "KZ" else "region")
    expected_regions = {BY_BULLETIN_CODE[c] for c in SPELLINGS}
    assert set(obs["region"]) == expected_regions
    assert list(src["agency"]) == [MINFIN_AGENCY]


def test_ingested_tidy_figures_sit_beside_the_bulletin_ones(tmp_path: Path, data_dir: Path, bundled_2024) -> None:
    path = write_tidy_csv(tmp_path / "budget.csv", bulletin_tidy_rows())
    change = ingest(path, data_dir)
    assert (len(change.added), len(change.changed)) == (len(SPELLINGS) * len(ITEMS), 0)
    assert len(imported_files(data_dir)) == 1
    dataset = Dataset(load_store(data_dir))
    view = dataset.view("rev_total", "2024").set_index("region")
    # the store keeps 10 significant digits (see test_store.py), hence rel=1e-9 here
    assert view.loc["KZ-61", "value"] == pytest.approx(bundled_2024[("rev_total", "KZ-61")], rel=1e-9)
    assert view.loc["KZ-61", "source_id"] == "minfin-bulletin"
    assert "final" in view.loc["KZ-61", "alternatives"]  # the user's figure stays visible as an alternative
    share = dataset.view("transfer_share", "2024").set_index("region")
    assert round(share.loc["KZ-61", "value"]) == 83


def test_tidy_xlsx_with_title_rows_above_the_header(tmp_path: Path, bundled_2024) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Исполнение местных бюджетов за 2024 год"])
    sheet.append([])
    sheet.append(TIDY_COLUMNS)
    for row in bulletin_tidy_rows()[:6]:
        sheet.append([row.get(c) for c in TIDY_COLUMNS])
    book.save(tmp_path / "budget.xlsx")
    obs = parse_file(tmp_path / "budget.xlsx").frames[0]
    assert len(obs) == 6
    for row in obs.itertuples():
        assert row.value == pytest.approx(bundled_2024[(row.indicator, row.region)], rel=1e-12)


def test_utf8_bom_comma_file_reads_the_same(tmp_path: Path, bundled_2024) -> None:
    path = write_tidy_csv(tmp_path / "budget.csv", bulletin_tidy_rows()[:3], encoding="utf-8-sig", sep=",")
    obs = parse_file(path).frames[0]
    assert [round(v, 6) for v in obs["value"]] == [round(bundled_2024[(i, "KZ-61")], 6) for i in ITEMS.values()]


# --- the documented template ---------------------------------------------------------------------------------

def test_template_header_is_the_importer_columns() -> None:
    with TEMPLATE.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == TIDY_COLUMNS


def test_template_parses_and_its_rows_are_real_bundled_figures(bundled_2024) -> None:
    parsed = parse_file(TEMPLATE)
    obs, src = parsed.frames
    assert parsed.kind == "tidy"
    assert 2 <= len(obs) <= 3
    bulletin = obs[obs["unit_name"] == ""]
    assert set(bulletin["indicator"]) == {"rev_total", "rev_transfers"}
    for row in bulletin.itertuples():
        assert row.value == pytest.approx(bundled_2024[(row.indicator, row.region)], rel=1e-12)
    okrug = obs[obs["level"] == "rural_okrug"]
    assert len(okrug) == 1  # the rural okrug example, with the maslikhat decision it comes from
    with (DATA / "sources" / "budget_facts" / "local_budget_facts.csv").open(encoding="utf-8", newline="") as f:
        facts = list(csv.DictReader(f))
    row = okrug.iloc[0]
    fact = next(f for f in facts if f["region_as_written"] == row["unit_name"] and f["year"] == str(row["year"])
                and f["indicator"] == "total_revenue")
    assert (row["region"], row["settlement"], row["status"]) == ("KZ-61", "rural_okrug", "plan")
    assert row["value"] == pytest.approx(float(fact["value"]) / 1000)  # thousand KZT -> million KZT
    source = src.set_index("source_id").loc[row["source_id"]]
    assert source["url"] == fact["source_url"] and source["title"] == fact["source_title"]
    assert all(src["agency"].str.len() > 0) and all(src["title"].str.len() > 0)


def test_template_ingests_into_a_copy_of_the_store(data_dir: Path) -> None:
    change = ingest(TEMPLATE, data_dir, dry_run=True)
    assert (change.kind, len(change.added), len(change.changed)) == ("tidy", 3, 0)


def test_cli_template_prints_the_same_header(capsys) -> None:
    assert main(["template"]) == 0
    assert capsys.readouterr().out.strip().split(",") == TIDY_COLUMNS


# --- malformed files -----------------------------------------------------------------------------------------

def _tidy(rows: list[dict], **kwargs):
    return lambda path: write_tidy_csv(path.with_suffix(".csv"), rows, **kwargs)


def _raw(suffix: str, data: bytes):
    def write(path: Path) -> Path:
        target = path.with_suffix(suffix)
        target.write_bytes(data)
        return target
    return write


def _truncated_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.append(TIDY_COLUMNS)
    book.active.append([tidy_row().get(c) for c in TIDY_COLUMNS])
    full = path.with_suffix(".full.xlsx")
    book.save(full)
    assert zipfile.is_zipfile(full)
    data = full.read_bytes()
    target = path.with_suffix(".xlsx")
    target.write_bytes(data[: len(data) // 2])
    return target


def _headerless(path: Path) -> Path:
    target = path.with_suffix(".csv")
    target.write_bytes(f"Туркестанская область;2024;1{NBSP}482{NBSP}111,7;тыс. тенге\r\n".encode("cp1251"))
    return target


LONG = "Примечание " + "x" * 1989
FORMULA = '=HYPERLINK("http://x","y")'

# id, writer, row, column, offending text (None = not asked)
MALFORMED = [
    pytest.param(_tidy([tidy_row(region="Туркестанскаяя облыстьь")]), 2, "region", "Туркестанскаяя облыстьь",
                 id="unknown-region"),
    pytest.param(_tidy([tidy_row(unit="долларов")]), 2, "unit", "долларов", id="wrong-unit"),
    pytest.param(_tidy([tidy_row(value="много")]), 2, "value", "много", id="text-in-value"),
    pytest.param(_tidy([tidy_row(), tidy_row(note="same figure again")]), 3, None, None, id="duplicate-row"),
    pytest.param(_tidy([tidy_row(note=FORMULA)]), 2, "note", FORMULA, id="formula"),
    pytest.param(_tidy([tidy_row(source_title=FORMULA)]), 2, "source_title", FORMULA, id="formula-in-source"),
    pytest.param(_tidy([tidy_row(indicator="survey_trust", value="140", unit="%")]), 2, "value", "140",
                 id="share-140"),
    pytest.param(_tidy([tidy_row(indicator="public_hearings", value="-5", unit="count")]), 2, "value", "-5",
                 id="negative-count"),
    pytest.param(_tidy([tidy_row(note=LONG)]), 2, "note", LONG[:50], id="2000-char-cell"),
    pytest.param(_tidy([tidy_row(indicator="transfer_share", value="83", unit="%")]), 2, "indicator",
                 "transfer_share", id="derived-indicator"),
    pytest.param(_tidy([tidy_row(year="двадцать")]), 2, "year", "двадцать", id="text-in-year"),
    pytest.param(_tidy([tidy_row(status="approved-ish")]), 2, "status", "approved-ish", id="unknown-status"),
    pytest.param(_tidy([tidy_row(level="oblast")]), 2, "level", "oblast", id="unknown-level"),
    pytest.param(_tidy([tidy_row(value="")]), 2, "value", None, id="empty-value"),
    pytest.param(_tidy([tidy_row(source_agency="", source_title="")]), 2, "source_title", None, id="no-source"),
    pytest.param(_tidy([tidy_row()], columns=[c for c in TIDY_COLUMNS if c not in ("status", "source_title")]), 1,
                 "status, source_title", None, id="missing-required-column"),
    pytest.param(_headerless, 1, None, "туркестанская область", id="header-less-csv"),
    pytest.param(_raw(".csv", b""), None, None, None, id="empty-file"),
    pytest.param(_raw(".csv", bytes(range(256)) * 8), None, None, None, id="binary-file"),
    pytest.param(_raw(".xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504), None, None, ".xls", id="xls"),
    pytest.param(_truncated_xlsx, None, None, None, id="truncated-xlsx"),
]
REASONS = {"empty-file": "empty", "binary-file": "binary", "xls": "save as .xlsx", "truncated-xlsx": "truncated",
           "header-less-csv": "not a layout", "missing-required-column": "missing required",
           "unknown-region": "closest: Turkistan Region", "duplicate-row": "duplicate", "share-140": "share",
           "negative-count": "negative", "2000-char-cell": "1000 characters", "formula": "formula",
           "formula-in-source": "formula", "derived-indicator": "computed", "no-source": "source"}


@pytest.mark.parametrize(("write", "row", "column", "text"), MALFORMED)
def test_malformed_file_is_refused_and_store_untouched(request, tmp_path: Path, data_dir: Path, write, row, column,
                                                       text) -> None:
    case = request.node.callspec.id
    path = write(tmp_path / f"bad-{case}")
    before = snapshot(data_dir)
    for dry_run in (True, False):
        with pytest.raises(IngestError) as info:
            ingest(path, data_dir, dry_run=dry_run)
        message = str(info.value)
        assert_names(message, path.name, row, column, text)
        if case in REASONS:
            assert REASONS[case] in message, message
    assert snapshot(data_dir) == before


def test_oversized_file_is_refused_before_reading(monkeypatch, tmp_path: Path, data_dir: Path) -> None:
    path = write_tidy_csv(tmp_path / "big.csv", [tidy_row()] * 3)
    monkeypatch.setattr(tables, "MAX_FILE_BYTES", 100)
    before = snapshot(data_dir)
    for dry_run in (True, False):
        with pytest.raises(IngestError) as info:
            ingest(path, data_dir, dry_run=dry_run)
        assert_names(str(info.value), "big.csv")
        assert "limit" in str(info.value) and "not read" in str(info.value)
        assert info.value.problems[0].code == "too_large"
    assert snapshot(data_dir) == before


def test_oversized_message_states_the_documented_20_mb_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_bytes(b"indicator;region\n")
    os.truncate(path, tables.MAX_FILE_BYTES + 1)  # sparse: no 20 MB written
    with pytest.raises(IngestError) as info:
        parse_file(path)
    assert "the limit is 20 MB" in str(info.value)


def test_too_many_rows(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(tables, "MAX_ROWS", 3)
    path = write_tidy_csv(tmp_path / "rows.csv", [tidy_row(year=str(y)) for y in range(2015, 2021)])
    with pytest.raises(IngestError) as info:
        parse_file(path)
    assert_names(str(info.value), "rows.csv", row=5)
    assert "split the file" in str(info.value)


def test_all_problems_of_a_file_are_listed_at_once(tmp_path: Path) -> None:
    path = write_tidy_csv(tmp_path / "many.csv", [tidy_row(unit="долларов"), tidy_row(region="Нарния", year="2023"),
                                                 tidy_row(value="много", year="2022")])
    with pytest.raises(IngestError) as info:
        parse_file(path)
    assert [(p.row, p.column) for p in info.value.problems] == [(2, "unit"), (3, "region"), (4, "value")]


def test_cli_reports_a_refused_file_and_writes_nothing(capsys, tmp_path: Path, data_dir: Path) -> None:
    path = write_tidy_csv(tmp_path / "bad.csv", [tidy_row(region="Нарния")])
    before = snapshot(data_dir)
    assert main(["--data-dir", str(data_dir), "ingest", str(path)]) == 1
    err = capsys.readouterr().err
    assert "rejected" in err and "nothing was written" in err
    assert_names(err, "bad.csv", 2, "region", "Нарния")
    assert snapshot(data_dir) == before
