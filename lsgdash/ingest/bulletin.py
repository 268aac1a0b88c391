"""The Ministry of Finance Statistical Bulletin workbook (DATA.md §3): «табл 12» (all local budgets),
«табл 12.1» … «табл 12.20» (one region each) and «табл 18» («табл 17» before September 2021: withdrawals and
subventions).

Sheet numbers do not fix the region, so each region comes from the sheet's Russian title; periods come from the
execution («отчет/есеп») column headers, never from plan columns. All problems are reported at once.
"""

from __future__ import annotations

import re

import pandas as pd
from openpyxl.utils import get_column_letter

from lsgdash.ingest.numbers import parse_number
from lsgdash.ingest.problems import ProblemLog
from lsgdash.ingest.records import fiscal_period, frames, minfin_source, observation, period_label_en
from lsgdash.ingest.tables import Sheet
from lsgdash.registry import BY_ISO, UnknownUnitError, layout_for_year, resolve
from lsgdash.store.schema import FISCAL_ITEMS

_SHEET = re.compile(r"^табл(?:ица)?[\s.]*(\d+)(?:\s*\.\s*(\d+))?$")
_ITEMS = {"доходы": "REV", "налоговые поступления": "REV.TAX", "неналоговые поступления": "REV.NONTAX",
          "поступления от продажи основного капитала": "REV.CAPITAL", "поступления трансфертов": "REV.TRANSFERS",
          "затраты": "EXP"}
_BLOCKS = {"бюджетные изъятия из местных": "WITHDRAWALS", "субвенции из республиканского": "SUBVENTIONS"}
_ROMAN = re.compile(r"^[ivxlі]+\s*[.)]\s*")
_EXECUTION = re.compile(r"\b(отч[её]т|есеп)\b")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_YEAR_SPLIT = re.compile(r"(?<!\d)([12])\s(\d{3})(?!\d)")  # «2 023»: a no-break space became a space
_MONTHS = [(re.compile(p), m) for m, pats in enumerate((
    (r"\bянвар", r"\bқа[ңн]тар"), (r"\bфеврал", r"\bақпан"), (r"\bмарт", r"\bнауры[зс]"), (r"\bапрел", r"\bсәуір"),
    (r"\bма[йя]\b", r"\bмамыр"), (r"\bиюн", r"\bмаусым"), (r"\bиюл", r"\bшілде"), (r"\bавгуст", r"\bтамыз"),
    (r"\bсентябр", r"\bқыркүйек"), (r"\bоктябр", r"\bқазан\b"), (r"\bноябр", r"\bқараша"),
    (r"\bдекабр", r"\bжелтоқсан")), start=1) for p in pats]
_TITLE_ROWS = 8
Period = tuple[int, int]  # (year, last month of the year-to-date period)
Figures = dict[tuple[str, Period], float | None]


def table_number(name: str) -> tuple[int, int | None] | None:
    """(12, None) for «табл 12», (12, 3) for «Табл.12.3»; None for any other sheet."""
    match = _SHEET.match(" ".join(name.lower().split()))
    return (int(match[1]), int(match[2]) if match[2] else None) if match else None


def is_bulletin(sheets: list[Sheet]) -> bool:
    """A workbook with a «табл 12…» sheet is a Bulletin edition, whatever its file name."""
    return any((number := table_number(s.name)) is not None and number[0] == 12 for s in sheets)


def _key(text: str) -> str:
    """A row label folded for matching: case, «_x000D_», «, в том числе:», numbering and punctuation go."""
    text = text.lower().replace("_x000d_", " ").replace("ё", "е")
    text = re.sub(r"в том числе|в т\.\s*ч\.", " ", text)
    text = _ROMAN.sub("", text.strip())
    return " ".join(re.sub(r"[^\w\s-]", " ", text).split())


def _texts(values: list[object], before: int | None = None) -> list[tuple[int, str]]:
    """Label cells: text that is not a number, with its column index."""
    out = []
    for col, value in enumerate(values[:before]):
        if isinstance(value, str) and value.strip():
            try:
                parse_number(value, dash_is_zero=True)
            except ValueError:
                out.append((col, value))
    return out


def _period(text: str) -> Period | None:
    """(year, last month) of an execution column header; None for plan, percent or undated columns."""
    text = _YEAR_SPLIT.sub(r"\1\2", text.lower())
    years = set(_YEAR.findall(text))
    if "%" in text or not _EXECUTION.search(text) or len(years) != 1:
        return None
    return int(years.pop()), max((m for pattern, m in _MONTHS if pattern.search(text)), default=12)


def _columns(sheet: Sheet, end: int, label_col: int, log: ProblemLog, data_row: int) -> dict[Period, int]:
    """Execution columns right of the labels, from the header rows above the first data row: one cell naming
    the period wins, else the lowest header cells of the column read together (captions sit above headers)."""
    joined: dict[int, list[str]] = {}
    for _, values in sheet.rows[:end]:
        for col, value in enumerate(values):
            if col > label_col and value is not None and str(value).strip():
                joined.setdefault(col, []).append(str(value))
    columns: dict[Period, int] = {}
    for col, parts in sorted(joined.items()):
        candidates = [*parts, *(" | ".join(parts[-k:]) for k in range(2, len(parts) + 1))]
        period = next(filter(None, map(_period, candidates)), None)
        if period and period in columns:
            log.add(None, get_column_letter(col + 1), " | ".join(parts), f"sheet «{sheet.name}»: a second "
                    f"execution column for {fiscal_period(*period)[0]}", "bulletin_period")
        elif period:
            columns[period] = col
    if not columns:
        log.add(data_row, None, "", f"sheet «{sheet.name}»: no period header found above this row (expected an "
                "execution column such as «2024 г. отчет» or «январь-июль отчет 2026 г.»)", "bulletin_period")
    return columns


def _value(sheet: Sheet, number: int, values: list[object], col: int, log: ProblemLog) -> float | None:
    raw = values[col] if col < len(values) else None
    try:
        return parse_number(raw, dash_is_zero=True)
    except ValueError:
        log.add(number, get_column_letter(col + 1), raw, f"sheet «{sheet.name}»: not a number in a value cell",
                "bulletin_value")
        return None


def _read_items(sheet: Sheet, log: ProblemLog) -> Figures:
    """The six revenue and expenditure rows of table 12 or a region sheet, first occurrence of each."""
    found: dict[str, tuple[int, int, list[object], int]] = {}
    for pos, (number, values) in enumerate(sheet.rows):
        for col, text in _texts(values):
            code = next((_ITEMS[k] for k in map(_key, text.split("/")) if k in _ITEMS), None)
            if code and code not in found:
                found[code] = (pos, number, values, col)
                break
    if not found:
        log.add(None, None, "", f"sheet «{sheet.name}»: no rows «I. ДОХОДЫ» … «II. ЗАТРАТЫ» found", "bulletin_rows")
        return {}
    first_pos, first_row = min((pos, number) for pos, number, _, _ in found.values())
    columns = _columns(sheet, first_pos, max(col for *_, col in found.values()), log, first_row)
    return {(code, period): _value(sheet, number, values, col, log)
            for code, (_, number, values, _) in found.items() for period, col in columns.items()}


def _resolve(text: str, quiet: bool = False) -> str | None:
    try:
        return resolve(text)
    except UnknownUnitError:
        if quiet:
            return None
        raise


def _title_region(sheet: Sheet, log: ProblemLog) -> str | None:
    """The region named by the Russian title «ИСПОЛНЕНИЕ … БЮДЖЕТА …» in the first rows (other captions lose)."""
    head = sheet.rows[:_TITLE_ROWS]
    for pos, (number, values) in enumerate(head):
        title = next((str(v) for v in values if isinstance(v, str) and "исполнени" in v.lower()
                      and "бюджет" in v.lower()), None)
        if title is None:
            continue
        text = title
        if re.search(r"бюджет\w*\W*$", title.lower()):  # region on the next line of a split title
            text += " " + " ".join(t for row in head[pos + 1:pos + 2] for _, t in _texts(row[1]))
        try:
            if (iso := _resolve(text)) == "KZ":
                raise UnknownUnitError(text, [])
        except UnknownUnitError as err:
            closest = ", ".join(f"{u.iso} {u.name_en}" for u in err.suggestions) or "none"
            log.add(number, None, text, f"sheet «{sheet.name}»: the title names no known region; closest: {closest}",
                    "unknown_region", closest=closest)
            return None
        return iso
    log.add(None, None, "", f"sheet «{sheet.name}»: no Russian title «ИСПОЛНЕНИЕ … БЮДЖЕТА …» in the first "
            f"{_TITLE_ROWS} rows, so its region is unknown", "bulletin_title")
    return None


def _read_transfers(sheet: Sheet, log: ProblemLog) -> dict[str, Figures] | None:
    """Withdrawals and subventions by region and «KZ» (block totals); None if the sheet has neither block."""
    start = next(((pos, col) for pos, (_, values) in enumerate(sheet.rows) for col, text in _texts(values)
                  if any(_key(text).startswith(b) for b in _BLOCKS)), None)
    if start is None:
        return None
    columns = _columns(sheet, start[0], start[1], log, sheet.rows[start[0]][0])
    if not columns:
        return {}
    first_col = min(columns.values())
    out: dict[str, Figures] = {}
    block = None
    for number, values in sheet.rows[start[0]:]:
        texts = _texts(values, first_col)
        keys = [_key(t) for _, t in texts]
        if not any(keys):
            continue
        header = next((code for k in keys for b, code in _BLOCKS.items() if k.startswith(b)), None)
        if header:
            block, region = header, "KZ"
        elif block is None:
            continue
        else:
            region = next((r for _, t in texts if _key(t) and (r := _resolve(t, quiet=True))), None)
            if region is None:
                if any(re.search(r"бюджет|трансферт|кредит", k) for k in keys):
                    block = None  # the next, unused block of the table starts
                elif any(c < len(values) and values[c] not in (None, "") for c in columns.values()):
                    log.add(number, None, texts[0][1], f"sheet «{sheet.name}»: no known region in this row of the "
                            f"{block.lower()} block", "unknown_region")
                continue
        figures = out.setdefault(region, {})
        for period, col in columns.items():
            if (block, period) in figures:
                if region != "KZ":
                    log.add(number, None, texts[0][1], f"sheet «{sheet.name}»: {region} appears twice in the "
                            f"{block.lower()} block", "bulletin_duplicate")
                continue
            figures[(block, period)] = _value(sheet, number, values, col, log)
    return out


def _check(code: str, period: Period, by_region: dict[str, Figures], total: float | None, table: str) -> str:
    """One line of the regions-vs-total check, naming the regions without a figure."""
    parts = {iso: f.get((code, period)) for iso, f in by_region.items() if iso != "KZ"}
    present = sum(v for v in parts.values() if v is not None)
    line = f"{code} {fiscal_period(*period)[0]}: regions sum {present:,.1f} vs {table} "
    if total is None:
        line += "(no total)"
    else:
        diff = (present - total) / total * 100 if total else 0.0
        line += f"{total:,.1f} (diff {0.0 if abs(diff) < 0.005 else diff:.2f} %)"
    missing = sorted(iso for iso, v in parts.items() if v is None)
    return line + (f"; no figure for {', '.join(missing)}" if missing and code not in _BLOCKS.values() else "")


def parse_bulletin(sheets: list[Sheet], label: str) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """(observations, sources, report) of one Bulletin edition; IngestError lists every problem found."""
    log = ProblemLog(label)
    named = [(table_number(s.name), s) for s in sheets]
    national = [s for n, s in named if n == (12, None)]
    by_region: dict[str, Figures] = {}
    sheet_of: dict[str, str] = {}
    if national:
        by_region["KZ"] = _read_items(national[0], log)
    else:
        log.add(None, None, ", ".join(s.name for s in sheets)[:60], "no sheet «табл 12» (all local budgets) found: "
                "the regions cannot be checked against the total", "bulletin_no_total")
    for sheet in national[1:]:
        log.add(None, None, sheet.name, f"sheet «{sheet.name}» repeats «{national[0].name}» (all local budgets)",
                "bulletin_duplicate")
    for sheet in (s for n, s in named if n and n[0] == 12 and n[1] is not None):
        iso = _title_region(sheet, log)
        if iso in sheet_of:
            log.add(None, None, sheet.name, f"sheet «{sheet.name}» is a second sheet for {iso} "
                    f"{BY_ISO[iso].name_en} (first: «{sheet_of[iso]}»)", "bulletin_duplicate")
        elif iso:
            sheet_of[iso] = sheet.name
            by_region[iso] = _read_items(sheet, log)
    transfers = None
    for _, sheet in sorted(((n, s) for n, s in named if n in ((18, None), (17, None))), key=lambda p: -p[0][0]):
        if (transfers := _read_transfers(sheet, log)) is not None:
            break
    log.raise_if_any()

    rows: list[dict] = []
    periods: dict[int, set[Period]] = {0: set(), 1: set()}
    for index, source in enumerate((by_region, transfers or {})):
        for iso, figures in source.items():
            for (code, period), value in figures.items():
                periods[index].add(period)
                if value is not None:
                    key, partial = fiscal_period(*period)
                    rows.append(observation(indicator=FISCAL_ITEMS[code], region=iso, year=period[0], period=key,
                                            partial=partial, value=value, unit="million KZT", status="final",
                                            source_id="minfin-bulletin", note=""))
    report = [_check(code, period, by_region, by_region.get("KZ", {}).get((code, period)), "table 12")
              for code in _ITEMS.values() for period in sorted(periods[0])]
    if transfers is None:
        report.append("No general transfers table (табл 18 / табл 17): subventions and withdrawals not read.")
    else:
        report += [_check(code, period, transfers, transfers.get("KZ", {}).get((code, period)), "table 18 total")
                   for code in _BLOCKS.values() for period in sorted(periods[1])]
    latest = max(periods[0] | periods[1], default=None)
    layout = layout_for_year(latest[0]) if latest else layout_for_year(2022)
    missing = [f"{c} {BY_ISO[c].name_en}" for c in layout.codes if c not in sheet_of]
    report.append(f"No region sheet for: {', '.join(missing)}." if missing
                  else f"All {len(layout.codes)} regions of the {layout.id} layout have a sheet.")
    edition = period_label_en(fiscal_period(*latest)[0]) if latest else "no period"
    obs, src = frames(rows, [minfin_source(edition=f"{label}: {edition}")])
    return obs, src, report
