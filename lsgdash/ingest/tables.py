"""Reading a user's CSV or XLSX into rows, defensively: size limits before reading, encodings and
separators sniffed, zip bombs refused, formulas never evaluated (openpyxl reads cached values only)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lsgdash.ingest.problems import IngestError, Problem, ProblemLog

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100
MAX_ROWS = 200_000
MAX_COLUMNS = 16_384  # Excel's own limit (XFD)
MAX_CELLS = 6_000_000  # 200,000 rows of 30 columns
MAX_CELL_CHARS = 1000
SEPARATORS = ";,\t"


@dataclass
class Sheet:
    """A grid of cells with the 1-based row numbers a user sees in their spreadsheet program."""

    name: str
    rows: list[tuple[int, list[object]]]


def check_size(path: Path, label: str) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        mib = 1024 * 1024
        raise IngestError([Problem(label, None, None, "", f"file is {size / mib:.1f} MB; the limit is "
                                   f"{MAX_FILE_BYTES / mib:.0f} MB, so it was not read", "too_large",
                                   (("size_mb", f"{size / mib:.1f}"), ("limit_mb", f"{MAX_FILE_BYTES / mib:.0f}")))])
    if size == 0:
        raise IngestError([Problem(label, None, None, "", "file is empty", "empty")])


def decode(data: bytes, label: str) -> str:
    """UTF-8 (with or without BOM) first, then Windows-1251; anything else is refused."""
    if b"\x00" in data[:4096]:
        raise IngestError([Problem(label, None, None, "", "file is binary, not a text table", "binary")])
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestError([Problem(label, None, None, "", "file is neither UTF-8 nor Windows-1251 text", "encoding")])


_FORMULA = re.compile(r"^\s*([=@]|[+\-][^\d\s.,])")


def looks_like_formula(text: str) -> bool:
    """A cell a spreadsheet would run as a formula (=, @, or +/- before a letter)."""
    return bool(_FORMULA.match(text))


def check_text(log: ProblemLog, row: int, column: str, text: str) -> None:
    """Hostile or runaway text in a cell is refused, not stored: formulas and over-long strings."""
    if len(text) > MAX_CELL_CHARS:
        log.add(row, column, text, f"text longer than {MAX_CELL_CHARS} characters", "too_long")
    elif looks_like_formula(text):
        log.add(row, column, text, "looks like a spreadsheet formula; write plain text", "formula")


def check_url(log: ProblemLog, row: int, column: str, text: str) -> None:
    """A source link is shown as a link: only http(s) addresses (or nothing; several split by spaces or «|»)
    may become one, never `javascript:` or `data:`."""
    parts = [part for part in re.split(r"[\s|]+", text) if part]
    if not all(re.fullmatch(r"https?://\S+", part, flags=re.IGNORECASE) for part in parts):
        log.add(row, column, text, "a source link must be an http:// or https:// address", "url")


def clean_cell(value: object) -> object:
    """Strip control characters and Excel's `_x000D_` junk; keep numbers as they are."""
    if isinstance(value, str):
        text = value.replace("_x000D_", " ")
        text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\t")
        return " ".join(text.split())
    return value


def read_csv_text(text: str, label: str) -> Sheet:
    sample = "\n".join(text[:20000].splitlines())  # the sniffer splits lines at \n only
    try:
        separator = csv.Sniffer().sniff(sample, delimiters=SEPARATORS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample.splitlines() else ""
        separator = max(SEPARATORS, key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)  # \r, \n or \r\n line ends
    rows: list[tuple[int, list[object]]] = []
    cells = 0
    try:
        for number, row in enumerate(reader, start=1):
            if number > MAX_ROWS + 1:
                raise IngestError([Problem(label, number, None, "", f"more than {MAX_ROWS:,} rows; split the file",
                                           "too_many_rows", (("limit", str(MAX_ROWS)),))])
            cells += len(row)
            if cells > MAX_CELLS:
                raise _too_many_cells(label, number)
            rows.append((number, [clean_cell(c) for c in row]))
    except csv.Error as err:
        raise IngestError([Problem(label, reader.line_num, None, "", f"malformed CSV: {err}", "malformed")]) from err
    return Sheet(label, rows)


def _too_many_cells(label: str, row: int | None) -> IngestError:
    return IngestError([Problem(label, row, None, "", f"more than {MAX_CELLS:,} cells; split the file",
                                "too_many_cells", (("limit", str(MAX_CELLS)),))])


def _bad_xlsx(label: str) -> IngestError:
    return IngestError([Problem(label, None, None, "", "not a valid XLSX workbook (damaged or truncated)", "bad_xlsx")])


def _check_zip(path: Path, label: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            unzipped = sum(i.file_size for i in infos)
            packed = max(1, sum(i.compress_size for i in infos))
            if unzipped > MAX_UNZIPPED_BYTES or unzipped / packed > MAX_ZIP_RATIO:
                raise IngestError([Problem(label, None, None, "", "workbook expands to "
                                           f"{unzipped / 1e6:.0f} MB ({unzipped / packed:.0f}× its size): refused "
                                           "as a possible zip bomb", "zip_bomb")])
            for info in infos:
                _scan_xml(archive, info, label)
    except IngestError:
        raise
    except Exception as err:  # zipfile raises BadZipFile, NotImplementedError, RuntimeError, OSError, ...
        raise _bad_xlsx(label) from err


# Row and cell elements of a worksheet, with or without a namespace prefix.
_XML_TAG = re.compile(rb"<(?:[\w.-]{1,32}:)?(row|c)[\s/>]")
_CHUNK = 1 << 20


def _scan_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> None:
    """Count rows and cells in a part before openpyxl builds them, so a small file cannot claim millions of
    cells in one row (openpyxl holds a whole row in memory) or millions of rows (it parses each)."""
    rows = cells = in_row = 0
    carry = b""
    with archive.open(info) as handle:
        while True:
            chunk = handle.read(_CHUNK)
            buffer = carry + chunk
            cut = len(buffer) if not chunk else max(0, len(buffer) - 64)
            for match in _XML_TAG.finditer(buffer):
                if match.start() >= cut:
                    break
                if match.group(1) == b"row":
                    rows, in_row = rows + 1, 0
                    if rows > MAX_ROWS + 1:
                        raise IngestError([Problem(label, rows, None, "", f"sheet has more than {MAX_ROWS:,} rows",
                                                   "too_many_rows", (("limit", str(MAX_ROWS)),))])
                else:
                    cells, in_row = cells + 1, in_row + 1
                    if in_row > MAX_COLUMNS:
                        raise IngestError([Problem(label, rows or None, None, "", f"a row has more than "
                                                   f"{MAX_COLUMNS:,} cells", "too_wide")])
                    if cells > MAX_CELLS:
                        raise _too_many_cells(label, rows or None)
            if not chunk:
                return
            carry = buffer[cut:]


def read_xlsx(path: Path, label: str) -> list[Sheet]:
    """All sheets as grids of cached values; formulas are never evaluated."""
    import openpyxl

    _check_zip(path, label)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for damaged files
        raise IngestError([Problem(label, None, None, "", f"cannot open the workbook: {type(err).__name__}",
                                   "bad_xlsx")]) from err
    sheets = []
    try:
        cells = 0
        for ws in book.worksheets:
            rows: list[tuple[int, list[object]]] = []
            if hasattr(ws, "reset_dimensions"):  # a declared <dimension> must not pad every row to its width
                ws.reset_dimensions()
            for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS + 1:
                    raise IngestError([Problem(label, number, None, ws.title, f"sheet has more than {MAX_ROWS:,} "
                                               "rows", "too_many_rows", (("limit", str(MAX_ROWS)),))])
                cells += len(row)
                if cells > MAX_CELLS:
                    raise _too_many_cells(label, number)
                rows.append((number, [clean_cell(c) for c in row]))
            sheets.append(Sheet(ws.title, rows))
    except IngestError:
        raise
    except Exception as err:
        raise IngestError([Problem(label, None, None, "", f"cannot read the workbook: {type(err).__name__}",
                                   "bad_xlsx")]) from err
    finally:
        book.close()
    return sheets


def read_table(path: Path, label: str | None = None) -> list[Sheet]:
    """Sheets of a CSV (one) or XLSX (many) file; every failure is an IngestError."""
    label = label or path.name
    check_size(path, label)
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return read_xlsx(path, label)
    if suffix in {".csv", ".txt", ".tsv"}:
        return [read_csv_text(decode(path.read_bytes(), label), label)]
    if suffix == ".xls":
        raise IngestError([Problem(label, None, None, suffix, "old .xls workbooks are not read; open it and save "
                                   "as .xlsx", "xls")])
    raise IngestError([Problem(label, None, None, suffix, "unsupported file type; use CSV or XLSX", "file_type")])
