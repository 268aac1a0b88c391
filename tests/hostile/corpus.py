"""A corpus of malformed and hostile files for every importer, each with the outcome it must have.

Every case is written by code, so the corpus needs no binary files in git and the big ones (10⁶ rows, zip bombs,
a 21 MB file) exist only in a test's temporary folder. A case either must be rejected (an IngestError whose
problems carry one of `codes` and whose message names the file and, where given, the row and column) or must
parse into the stated rows. `python -m tests.hostile.corpus OUT` writes the whole corpus into OUT, to try by hand
(upload in the app, or `python -m lsgdash ingest --dry-run`).
"""

from __future__ import annotations

import io
import random
import struct
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:  # run as `python -m tests.hostile.corpus`
    sys.path.insert(0, str(TESTS))

from bulletin_fixture import december_2024, edit  # noqa: E402
from conftest_helpers import tidy_row, turnout_header, write_tidy_csv, write_turnout_csv  # noqa: E402

from lsgdash.ingest.tidy import TIDY_COLUMNS  # noqa: E402

SCRIPT = "<script>alert(1)</script>"
Check = Callable[[object], None]


@dataclass(frozen=True)
class Case:
    """One file and what lsgdash must do with it."""

    name: str
    filename: str
    write: Callable[[Path], None]
    codes: tuple[str, ...] = ()  # rejected with one of these problem codes; empty = must parse
    row: int | None = None
    column: str | None = None
    text: str | None = None  # the offending text the message must quote
    kind: str = ""  # parsed: importer
    rows: int = 0  # parsed: observations
    check: Check | None = None  # parsed: more assertions on the ParsedFile
    big: bool = False  # megabytes written at test time

    @property
    def rejected(self) -> bool:
        return bool(self.codes)


# --- writers ---------------------------------------------------------------------------------------------------

def _tidy(rows: list[dict], encoding: str = "utf-8", sep: str = ";", columns: list[str] | None = None):
    return lambda path: write_tidy_csv(path, rows, encoding=encoding, sep=sep, columns=columns)


def _bytes(data: bytes | Callable[[], bytes]):
    return lambda path: path.write_bytes(data() if callable(data) else data)


def vote_row(**fields: object) -> dict[str, object]:
    row: dict[str, object] = {
        "election_date": "2029-06-09", "election_type": "presidential", "region": "Atyrau Region",
        "region_as_written": "Атырау облысы", "turnout_pct": "61,5", "registered_voters": "", "voted": "",
        "level_note": "STATUS: final. Hostile corpus row.", "source_url": "https://example.invalid/corpus",
        "source_title": "lsgdash hostile corpus: made-up vote (Test Wire)",
    }
    row.update(fields)
    return row


def _turnout(rows: list[dict], header: list[str] | None = None):
    def write(path: Path) -> None:
        write_turnout_csv(path, rows, header)
    return write


def _book(sheets: dict[str, list[list[object]]], merge: dict[str, list[str]] | None = None,
          text_cells: dict[str, list[str]] | None = None):
    """A workbook through openpyxl: rows per sheet, merged ranges, and cells forced to text (a string that
    starts with '=' is otherwise written as a formula)."""
    def write(path: Path) -> None:
        book = openpyxl.Workbook()
        book.remove(book.active)
        for title, rows in sheets.items():
            ws = book.create_sheet(title)
            for row in rows:
                ws.append(row)
            for cells in (merge or {}).get(title, []):
                ws.merge_cells(cells)
            for ref in (text_cells or {}).get(title, []):
                ws[ref].data_type = "s"
        book.save(path)
    return write


def _tidy_book(rows: list[dict], **kwargs):
    return _book({"data": [TIDY_COLUMNS, *[[r.get(c) for c in TIDY_COLUMNS] for r in rows]]}, **kwargs)


_CT = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
       b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
       b'+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
       b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
       b'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
       b'spreadsheetml.worksheet+xml"/></Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
         b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WB = (b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
       b'2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
       b'name="data" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _inline(ref: str, text: str) -> bytes:
    safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{safe}</t></is></c>'.encode()


def _header_xml(names: list[str], row: int = 1) -> bytes:
    return (f'<row r="{row}">'.encode() + b"".join(_inline(f"{openpyxl.utils.get_column_letter(i + 1)}{row}", n)
                                                    for i, n in enumerate(names)) + b"</row>")


def _raw_xlsx(sheet_data: bytes | Callable[[], bytes], prolog: bytes = b"", dimension: bytes = b""):
    """A minimal workbook written by hand, for XML no spreadsheet program would write."""
    def write(path: Path) -> None:
        data = sheet_data() if callable(sheet_data) else sheet_data
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", _CT)
            archive.writestr("_rels/.rels", _RELS)
            archive.writestr("xl/workbook.xml", _WB)
            archive.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
            archive.writestr("xl/worksheets/sheet1.xml", prolog + b"<worksheet " + _NS + b">" + dimension
                             + b"<sheetData>" + data + b"</sheetData></worksheet>")
    return write


def valid_xlsx_bytes() -> bytes:
    """A one-row tidy workbook that parses: the seed that mutations and bombs start from."""
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(TIDY_COLUMNS)
    book.active.append([tidy_row().get(c) for c in TIDY_COLUMNS])
    book.save(buffer)
    return buffer.getvalue()


def _zip_bomb(path: Path) -> None:
    """50 MB of zeros in the worksheet part: about 50 kB on disk (ratio ~1000)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CT)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WB)
        archive.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            zeros = b"\0" * (1 << 20)
            for _ in range(50):
                member.write(zeros)


def _lying_sizes(path: Path) -> None:
    """A bomb that lies: the directory says the worksheet unpacks to 900 bytes, it really unpacks to 30 MB of
    spaces, so the ratio check passes on the declared sizes."""
    _raw_xlsx(_header_xml(TIDY_COLUMNS) + b" " * (30 << 20))(path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 900)  # local header: uncompressed size
    name = info.filename.encode()
    at = data.find(b"PK\x01\x02", 0)
    while at != -1:
        if data[at + 46: at + 46 + len(name)] == name:
            struct.pack_into("<I", data, at + 24, 900)  # central directory: uncompressed size
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def _laughs() -> bytes:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    return f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'.encode()


def _million_rows_csv(path: Path) -> None:
    path.write_bytes(b"indicator;region\n" + b"rev_total;KZ-61\n" * 1_000_000)


def _million_rows_xlsx() -> bytes:
    return _header_xml(["indicator", "region"]) + b"".join(b'<row r="%d"><c><v>%d</v></c></row>' % (i, i % 997)
                                                           for i in range(2, 1_000_002))


def _wide_row() -> bytes:
    cells = b"".join(b"<c><v>%d</v></c>" % random.Random(i).randrange(10**6) for i in range(20_000))
    return _header_xml(TIDY_COLUMNS) + b'<row r="2">' + cells + b"</row>"


def _oversized(path: Path) -> None:
    row = ";".join(str(tidy_row().get(c, "")) for c in TIDY_COLUMNS) + "\n"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(";".join(TIDY_COLUMNS) + "\n")
        for _ in range(21 * 1024 * 1024 // len(row.encode()) + 2):
            handle.write(row)


def _bulletin(change=None):
    def write(path: Path) -> None:
        december_2024(path)
        if change:
            edit(path, change)
    return write


def _retitle(sheet_of_code: str, title: str):
    def change(book) -> None:
        for ws in book.worksheets:
            if isinstance(ws["A1"].value, str) and sheet_of_code in ws["A1"].value:
                ws["A1"] = title
                return
    return change


def _bulletin_text_value(book) -> None:
    ws = book["табл 12"]
    ws["D6"] = "много"


def _bulletin_second_sheet(book) -> None:
    source = next(ws for ws in book.worksheets if isinstance(ws["A1"].value, str) and "ТУРКЕСТАНСКОЙ" in ws["A1"].value)
    copy = book.copy_worksheet(source)
    copy.title = "табл 12.99"


# --- checks on parsed files ------------------------------------------------------------------------------------

def _obs(parsed):
    return parsed.frames[0]


def _src(parsed):
    return parsed.frames[1]


def _title_is(text: str) -> Check:
    def check(parsed) -> None:
        assert _src(parsed)["title"].tolist() == [text], _src(parsed)
    return check


def _region_is(iso: str) -> Check:
    def check(parsed) -> None:
        assert set(_obs(parsed)["region"]) == {iso}, _obs(parsed)
    return check


def _text_kept(column: str, text: str) -> Check:
    def check(parsed) -> None:
        assert _obs(parsed)[column].tolist() == [text], _obs(parsed)[column]
    return check


def _nul_dropped(parsed) -> None:
    assert "xy" in _obs(parsed)["note"].tolist()


def _turnout_gap_aligned(parsed) -> None:
    obs = _obs(parsed)
    assert obs["value"].tolist() == [61.5] and obs["region"].tolist() == ["KZ-23"], obs
    assert _src(parsed)["title"].tolist() == ["lsgdash hostile corpus: made-up vote (Test Wire)"], _src(parsed)
    assert _src(parsed)["url"].tolist() == ["https://example.invalid/corpus"], _src(parsed)


# --- the corpus --------------------------------------------------------------------------------------------------

TITLE_ROWS = [["Доходы местных бюджетов, 2031 (тыс. тенге)"], [], TIDY_COLUMNS]
TURNOUT_GAP_HEADER = [*turnout_header()[:8], None, *turnout_header()[8:]]

CASES: list[Case] = [
    # Encodings, file types and damaged containers.
    Case("utf16", "utf16.csv", _bytes(";".join(TIDY_COLUMNS).encode("utf-16")), ("binary",)),
    Case("undecodable_bytes", "undecodable.csv", _bytes(b"indicator;region\nrev_total;\xc3\x28\x98\x98\n"),
         ("encoding",)),
    Case("koi8r_mojibake", "koi8r.csv", _tidy([tidy_row(region="Туркестанская область")], encoding="koi8_r"),
         ("unknown_region",), row=2, column="region"),
    Case("empty_file", "empty.csv", _bytes(b""), ("empty",)),
    Case("only_bom", "bom.csv", _bytes(b"\xef\xbb\xbf"), ("empty",)),
    Case("blank_lines_and_separators", "blank.csv", _bytes(b"\n\r\n;;;\n   \n\t\n"), ("empty",)),
    Case("png_named_csv", "picture.csv", _bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(64)), ("binary",)),
    Case("xlsx_named_csv", "workbook.csv", _bytes(valid_xlsx_bytes), ("binary",)),
    Case("csv_named_xlsx", "table.xlsx", _tidy([tidy_row()]), ("bad_xlsx",)),
    Case("truncated_xlsx", "truncated.xlsx", _bytes(lambda: valid_xlsx_bytes()[:1500]), ("bad_xlsx",)),
    Case("random_bytes_xlsx", "noise.xlsx", _bytes(random.Random(7).randbytes(4096)), ("bad_xlsx",)),
    Case("ole_named_xlsx", "encrypted.xlsx", _bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048)),
         ("bad_xlsx",)),
    Case("legacy_xls", "budget.xls", _bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)), ("xls",)),
    Case("pdf", "report.pdf", _bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), ("file_type",)),
    Case("field_over_csv_limit", "longfield.csv", _bytes(b"indicator;region\n" + b"x" * 140_000 + b";y\n"),
         ("malformed",), row=2),
    Case("unknown_layout", "other.csv", _bytes("Область;Доход\nАтырау;5\n".encode()), ("unknown_layout",), row=1),
    Case("empty_sheets", "empty.xlsx", _book({"Лист1": [], "Лист2": [], "Лист3": [[None, None]]}), ("empty",)),
    # Bombs and runaway sizes.
    Case("zip_bomb", "bomb.xlsx", _zip_bomb, ("zip_bomb",), big=True),
    Case("zip_bomb_lying_sizes", "liar.xlsx", _lying_sizes, ("bad_xlsx",), big=True),
    Case("billion_laughs", "laughs.xlsx", _raw_xlsx(_header_xml(["indicator", "region"]) + b'<row r="2">'
                                                    b'<c r="A2" t="inlineStr"><is><t>&l9;</t></is></c></row>',
                                                    prolog=_laughs()), ("bad_xlsx",)),
    Case("external_entity", "xxe.xlsx", _raw_xlsx(_header_xml(["indicator", "region"]) + b'<row r="2"><c r="A2" '
                                                  b't="inlineStr"><is><t>&e;</t></is></c></row>',
                                                  prolog=b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY e '
                                                  b'SYSTEM "file:///etc/passwd">]>'), ("bad_xlsx",)),
    Case("dimension_claims_whole_sheet", "dimension.xlsx", _raw_xlsx(
        _header_xml(TIDY_COLUMNS) + b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>',
        dimension=b'<dimension ref="A1:XFD1048576"/>'), ("too_many_rows",), row=200_002),
    Case("wide_row", "wide.xlsx", _raw_xlsx(_wide_row), ("too_wide",)),
    Case("million_rows_csv", "million.csv", _million_rows_csv, ("too_many_rows",), row=200_002, big=True),
    Case("million_rows_xlsx", "million.xlsx", _raw_xlsx(_million_rows_xlsx), ("too_many_rows", "zip_bomb"),
         big=True),
    Case("over_20_mb", "huge.csv", _oversized, ("too_large",), big=True),
    # Formulas, markup and links.
    Case("formula_in_region", "formula.csv", _tidy([tidy_row(region='=HYPERLINK("http://evil.example","Атырау")')]),
         ("formula",), row=2, column="region", text="=HYPERLINK"),
    Case("formula_at_sign", "at.csv", _tidy([tidy_row(note="@SUM(A1:A9)")]), ("formula",), row=2, column="note"),
    Case("formula_dde", "dde.csv", _tidy([tidy_row(source_title="+cmd|' /C calc'!A0")]), ("formula",), row=2,
         column="source_title"),
    Case("formula_cell_no_cached_value", "formula.xlsx", _tidy_book([tidy_row(value="=1+1")]), ("empty_value",),
         row=2, column="value"),
    Case("formula_as_text_cell", "formula_text.xlsx", _tidy_book([tidy_row(source_agency="=1+2")],
                                                                 text_cells={"data": ["O2"]}),
         ("formula",), row=2, column="source_agency", text="=1+2"),
    Case("script_as_region", "script_region.csv", _tidy([tidy_row(region=SCRIPT)]), ("unknown_region",), row=2,
         column="region", text=SCRIPT),
    Case("javascript_link", "js_link.csv", _tidy([tidy_row(source_url="javascript:alert(document.cookie)")]),
         ("url",), row=2, column="source_url", text="javascript:"),
    Case("data_link_turnout", "data_link.csv", _turnout([vote_row(source_url="data:text/html,<script>x</script>")]),
         ("url",), row=2, column="source_url"),
    Case("over_long_cell", "long.csv", _tidy([tidy_row(note="ж" * 1001)]), ("too_long",), row=2, column="note"),
    Case("sql_in_indicator", "sql.csv", _tidy([tidy_row(indicator="rev_total'; DROP TABLE observations;--")],
                                              sep=","), ("indicator",), row=2, column="indicator"),
    # Duplicates, shares, units and regions.
    Case("duplicate_rows", "dup.csv", _tidy([tidy_row(), tidy_row()]), ("duplicate",), row=3),
    Case("duplicate_column", "dupcol.csv", _tidy([tidy_row()], columns=[*TIDY_COLUMNS, "value"]),
         ("duplicate_column",), row=1, column="value"),
    Case("duplicate_column_turnout", "dupcol_turnout.csv", _turnout([vote_row()], [*turnout_header(), "region"]),
         ("duplicate_column",), row=1, column="region"),
    Case("negative_share", "negative.csv", _turnout([vote_row(turnout_pct="-5")]), ("share_range",), row=2,
         column="turnout_pct"),
    Case("share_over_100", "over100.csv", _turnout([vote_row(turnout_pct="105,5")]), ("share_range",), row=2,
         column="turnout_pct"),
    Case("share_over_100_tidy", "over100_tidy.csv", _tidy([tidy_row(unit="%", value="250")]), ("share_range",),
         row=2, column="value"),
    Case("negative_count", "negcount.csv", _turnout([vote_row(registered_voters="-100")]), ("negative_count",),
         row=2, column="registered_voters"),
    Case("unknown_unit", "unit.csv", _tidy([tidy_row(unit="долларов США")]), ("unit",), row=2, column="unit"),
    Case("unknown_region", "narnia.csv", _tidy([tidy_row(region="Нарния")]), ("unknown_region",), row=2,
         column="region", text="Нарния"),
    Case("unknown_region_turnout", "atlantis.csv", _turnout([vote_row(region="Atlantis")]), ("unknown_region",),
         row=2, column="region"),
    Case("year_out_of_range", "year.csv", _tidy([tidy_row(year="1812")]), ("year",), row=2, column="year"),
    Case("infinite_value", "inf.csv", _tidy([tidy_row(value="1e999")]), ("number",), row=2, column="value"),
    Case("nan_value", "nan.csv", _tidy([tidy_row(value="NaN")]), ("empty_value",), row=2, column="value"),
    Case("derived_share_given", "derived.csv", _tidy([tidy_row(indicator="own_source_share", unit="%", value="40")]),
         ("derived_indicator",), row=2, column="indicator"),
    Case("date_not_iso", "date.csv", _turnout([vote_row(election_date="31.02.2029")]), ("date",), row=2,
         column="election_date"),
    Case("status_missing", "status.csv", _turnout([vote_row(level_note="final")]), ("status",), row=2,
         column="level_note"),
    Case("unknown_vote_type", "vote.csv", _turnout([vote_row(election_type="coronation")]), ("election_type",),
         row=2, column="election_type"),
    # Layouts: merged cells, mixed tables, broken Bulletins.
    Case("merged_region_cells", "merged.xlsx", _tidy_book([tidy_row(), tidy_row(indicator="rev_tax", value="5")],
                                                          merge={"data": ["B2:B3"]}),
         ("unknown_region",), row=3, column="region"),
    Case("mixed_layouts", "mixed.xlsx", _book({"tidy": [TIDY_COLUMNS, [tidy_row().get(c) for c in TIDY_COLUMNS]],
                                               "turnout": [turnout_header(),
                                                           [vote_row().get(c) for c in turnout_header()]]}),
         ("second_table",), text="turnout"),
    Case("bulletin_without_table_12", "bulletin_no12.xlsx", _bulletin(lambda b: b.remove(b["табл 12"])),
         ("bulletin_no_total",)),
    Case("bulletin_unknown_region_title", "bulletin_atlantis.xlsx", _bulletin(_retitle(
        "ТУРКЕСТАНСКОЙ", "ИСПОЛНЕНИЕ МЕСТНОГО БЮДЖЕТА АТЛАНТИДЫ")), ("unknown_region",), row=1),
    Case("bulletin_text_in_value", "bulletin_text.xlsx", _bulletin(_bulletin_text_value), ("bulletin_value",),
         row=6, column="D", text="много"),
    Case("bulletin_region_twice", "bulletin_twice.xlsx", _bulletin(_bulletin_second_sheet), ("bulletin_duplicate",)),
    # Parsed correctly: hostile text is kept as inert text, odd but valid files are read as meant.
    Case("script_in_source_title", "script_title.csv", _tidy([tidy_row(year="2031", source_title=SCRIPT)]),
         kind="tidy", rows=1, check=_title_is(SCRIPT)),
    Case("markup_in_note", "markup_note.csv", _tidy([tidy_row(year="2031", note='<img src=x onerror="alert(1)">')]),
         kind="tidy", rows=1, check=_text_kept("note", '<img src=x onerror="alert(1)">')),
    Case("invisible_characters_in_region", "bidi.csv",
         _tidy([tidy_row(year="2031", region="Тур\u200bкестанская\u202e обл\u00adасть\u2066")]), kind="tidy",
         rows=1, check=_region_is("KZ-61")),
    Case("classic_mac_line_ends", "mac.csv", lambda p: p.write_bytes(
        write_tidy_csv(p, [tidy_row(year="2031")]).read_bytes().replace(b"\r\n", b"\r")), kind="tidy", rows=1),
    Case("nul_after_first_4k", "nul.csv", _tidy([tidy_row(year=str(y)) for y in range(2032, 2046)] + [
        tidy_row(year="2031", note="x\0y")]), kind="tidy", rows=15, check=_nul_dropped),
    Case("title_rows_above_merged_header", "titled.xlsx", _book({"data": [*TITLE_ROWS, [
        tidy_row(year="2031").get(c) for c in TIDY_COLUMNS]]}, merge={"data": ["A1:S1"]}), kind="tidy", rows=1),
    Case("turnout_empty_header_cell", "gap.xlsx", _book({"data": [TURNOUT_GAP_HEADER, [
        *[vote_row().get(c) for c in turnout_header()[:8]], "стороннее", *[vote_row().get(c)
                                                                          for c in turnout_header()[8:]]]]}),
         kind="turnout", rows=1, check=_turnout_gap_aligned),
]


def materialise(folder: Path, include_big: bool = True) -> list[tuple[Case, Path]]:
    """Write every case into `folder`; returns (case, path) pairs."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for case in CASES:
        if case.big and not include_big:
            continue
        path = folder / case.name / case.filename
        path.parent.mkdir(exist_ok=True)
        case.write(path)
        out.append((case, path))
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for case, path in materialise(target, include_big="--small" not in sys.argv):
        print(f"{'reject' if case.rejected else 'parse '} {path}")
