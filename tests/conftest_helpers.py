"""Plain helpers shared by the ingest, store and CLI tests (fixtures live in each test module).

Every test that writes works on a copy of `data/` in a temporary folder: the real `data/` is never written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

from lsgdash.ingest.tidy import TIDY_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
MINFIN_CSV = DATA / "sources" / "minfin" / "regional_budgets_annual.csv"
TURNOUT_CSV = DATA / "sources" / "cec" / "turnout_by_region.csv"
NBSP = "\u00a0"

MINFIN_AGENCY = "Ministry of Finance of the Republic of Kazakhstan"
MINFIN_TITLE = "Statistical Bulletin (Статистический бюллетень): execution of local budgets, table 12.x"
BULLETIN_ITEMS = {"REV": "rev_total", "REV.TAX": "rev_tax", "REV.TRANSFERS": "rev_transfers"}


def copy_data(tmp_path: Path) -> Path:
    """A private copy of the project's data folder; tests pass it as `data_dir`."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under a folder (hidden staging folders included) with the sha256 of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def bulletin_values(period_date: str = "2024-12-01") -> dict[tuple[str, str], str]:
    """(Bulletin region code, item code) -> value as written (million KZT) in the bundled transcription."""
    with MINFIN_CSV.open(encoding="utf-8", newline="") as handle:
        return {(r["region"], r["item_code"]): r["value"] for r in csv.DictReader(handle)
                if r["date"] == period_date}


def thousand_kzt_text(million_text: str, thousands: str = NBSP) -> str:
    """A million-KZT figure as a Kazakhstani spreadsheet writes it in «тыс. тенге»: exact decimal shift,
    digit groups split by `thousands`, decimal comma."""
    whole, _, frac = million_text.partition(".")
    frac = (frac + "000")
    whole, frac = (whole + frac[:3]).lstrip("0") or "0", frac[3:].rstrip("0")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return thousands.join(groups) + ("," + frac if frac else "")


def tidy_row(**fields: object) -> dict[str, object]:
    """A valid tidy-template row (Turkistan Region revenue 2024, Bulletin figure) with `fields` replaced."""
    values = bulletin_values()
    base: dict[str, object] = {
        "indicator": "rev_total", "region": "Туркестанская область", "year": "2024",
        "value": thousand_kzt_text(values[("TRK", "REV")]), "unit": "тыс. тенге", "status": "final",
        "source_agency": MINFIN_AGENCY, "source_title": MINFIN_TITLE,
    }
    base.update(fields)
    return base


def write_tidy_csv(path: Path, rows: list[dict[str, object]], encoding: str = "cp1251", sep: str = ";",
                   columns: list[str] | None = None) -> Path:
    """Rows under the template header, as a user's spreadsheet program would save them."""
    columns = columns or TIDY_COLUMNS
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def turnout_header() -> list[str]:
    with TURNOUT_CSV.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def write_turnout_csv(path: Path, rows: list[dict[str, object]], header: list[str] | None = None) -> Path:
    """Rows in the shared turnout layout (the columns of data/sources/cec/turnout_by_region.csv, or `header`)."""
    header = header or turnout_header()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in header])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def read_export(text: str) -> list[dict[str, str]]:
    """Rows of `python -m lsgdash export` output as the strings a user sees (citation lines skipped)."""
    lines = [line for line in text.splitlines() if not line.startswith("# ")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def assert_names(message: str, file: str, row: int | None = None, column: str | None = None,
                 text: str | None = None) -> None:
    """The message names the file, the row, the column and the offending text, as asked."""
    assert file in message, message
    if row is not None:
        assert f"row {row}" in message, message
    if column is not None:
        assert f"column {column!r}" in message, message
    if text is not None:
        assert text in message, message


def imported_files(data_dir: Path) -> list[Path]:
    """The user's files copied into `sources/imported/` (hidden files such as .gitkeep left out)."""
    folder = data_dir / "sources" / "imported"
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.exists() else []
