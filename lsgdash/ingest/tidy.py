"""The documented tidy template: any indicator by region, district or rural okrug, with its source.

One row per figure. Users fill it in a spreadsheet program, so the header may sit below title rows, and
cells may use decimal commas, space thousands and «тыс. тенге». See `docs/template.md` and
`data/templates/lsgdash_template.csv`.
"""

from __future__ import annotations

import re

import pandas as pd

from lsgdash.ingest.numbers import parse_number, parse_unit
from lsgdash.ingest.problems import ProblemLog
from lsgdash.ingest.records import frames, observation, source_id_for, source_row
from lsgdash.ingest.tables import Sheet, check_text, check_url
from lsgdash.registry import UnknownUnitError, resolve
from lsgdash.store.schema import LEVELS, SETTLEMENTS, STATUSES, validate_observations

TIDY_COLUMNS = ["indicator", "region", "unit_name", "level", "settlement", "year", "period", "partial", "election",
                "value", "unit", "status", "sample_n", "note", "source_agency", "source_title", "source_url",
                "source_edition", "source_licence"]
REQUIRED = ["indicator", "region", "year", "value", "unit", "status", "source_agency", "source_title"]
TEXT_COLUMNS = ["unit_name", "note", "source_agency", "source_title", "source_url", "source_edition",
                "source_licence", "period", "election"]
DERIVED = {"own_source_share", "transfer_share", "tax_share", "subvention_dependence", "donor", "revenue_total"}
_INDICATOR_ID = re.compile(r"^[a-z][a-z0-9_]{1,63}$")


def find_header(sheet: Sheet) -> int | None:
    """Index of the header row: the first of the first 20 rows naming both `indicator` and `region`."""
    for index, (_, cells) in enumerate(sheet.rows[:20]):
        names = {str(c).strip().lower() for c in cells if c is not None}
        if {"indicator", "region"} <= names:
            return index
    return None


def is_tidy(sheet: Sheet) -> bool:
    return find_header(sheet) is not None


def read_tidy_sheet(sheet: Sheet, log: ProblemLog) -> tuple[pd.DataFrame, pd.DataFrame]:
    header_at = find_header(sheet)
    if header_at is None:
        log.add(1, None, "", "no header row naming 'indicator' and 'region' in the first 20 rows; start from the "
                "template", "no_header")
        log.raise_if_any()
    header = [str(c).strip().lower() if c is not None else "" for c in sheet.rows[header_at][1]]  # type: ignore[index]
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        log.add(sheet.rows[header_at][0], ", ".join(repeated), "", "column appears twice in the header; keep "  # type: ignore[index]
                "one", "duplicate_column")
        log.raise_if_any()
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        log.add(sheet.rows[header_at][0], ", ".join(missing), "", "missing required column(s)",  # type: ignore[index]
                "missing_columns")
        log.raise_if_any()
    rows, sources, numbers = [], [], []
    for number, cells in sheet.rows[header_at + 1:]:  # type: ignore[operator]
        record = {name: cells[i] if i < len(cells) else None for i, name in enumerate(header) if name}
        if all(v is None or str(v).strip() == "" for v in record.values()):
            continue
        built = _row(record, number, log)
        if built:
            rows.append(built[0])
            sources.append(built[1])
            numbers.append(number)
    log.raise_if_any()
    obs, src = frames(rows, sources)
    validate_observations(obs, src, log, numbers)
    log.raise_if_any()
    return obs, src


def _text(record: dict, column: str) -> str:
    value = record.get(column)
    return "" if value is None else str(value).strip()


def _row(record: dict, number: int, log: ProblemLog) -> tuple[dict, dict] | None:
    before = len(log.problems)
    for column in TEXT_COLUMNS + ["indicator", "region", "unit", "status"]:
        check_text(log, number, column, _text(record, column))
    for column in ("source_agency", "source_title"):
        if not _text(record, column):
            log.add(number, column, "", "every figure needs its source: agency and title", "source")
    check_url(log, number, "source_url", _text(record, "source_url"))
    indicator = _text(record, "indicator").lower()
    if not _INDICATOR_ID.match(indicator):
        log.add(number, "indicator", indicator, "indicator id must be lower-case letters, digits and _", "indicator")
    elif indicator in DERIVED:
        log.add(number, "indicator", indicator, "this share is computed from the revenue items; give rev_total, "
                "rev_tax, rev_transfers, ... instead", "derived_indicator")
    region_text = _text(record, "region")
    region = ""
    try:
        region = resolve(region_text)
    except UnknownUnitError as err:
        log.add(number, "region", region_text, "unknown region; closest: "
                + (", ".join(u.name_en for u in err.suggestions) or "none"), "unknown_region")
    try:
        year = int(parse_number(record.get("year")) or 0)
        if not 1990 <= year <= 2100:
            raise ValueError
    except ValueError:
        year = 0
        log.add(number, "year", _text(record, "year"), "year must be a whole number such as 2024", "year")
    try:
        value = parse_number(record.get("value"))
        if value is None:
            log.add(number, "value", "", "empty value: leave the row out rather than write no figure", "empty_value")
    except ValueError:
        value = None
        log.add(number, "value", _text(record, "value"), "not a number", "number")
    try:
        unit, factor = parse_unit(record.get("unit"))
    except ValueError:
        unit, factor = "", 1.0
        log.add(number, "unit", _text(record, "unit"), "unknown unit; use million KZT, thousand KZT, %, persons "
                "or count", "unit")
    status = _text(record, "status").lower() or "reported"
    if status not in STATUSES:
        log.add(number, "status", status, f"unknown status; use one of {', '.join(STATUSES)}", "status")
    unit_name = _text(record, "unit_name")
    level = _text(record, "level").lower() or ("district" if unit_name else "region")
    if level not in LEVELS:
        log.add(number, "level", level, f"unknown level; use one of {', '.join(LEVELS)}", "level")
    settlement = _text(record, "settlement").lower().replace(" ", "_") or "all"
    if settlement not in SETTLEMENTS:
        log.add(number, "settlement", settlement, f"unknown settlement type; use one of {', '.join(SETTLEMENTS)}",
                "settlement")
    try:
        sample_n = parse_number(record.get("sample_n"))
    except ValueError:
        sample_n = None
        log.add(number, "sample_n", _text(record, "sample_n"), "sample size must be a number", "number")
    if len(log.problems) > before:
        return None
    period = _text(record, "period") or str(year)
    partial = _text(record, "partial").lower() in {"true", "1", "yes", "да", "иә"} or bool(
        re.fullmatch(r"\d{4}-(0[1-9]|1[01])", period))
    agency, title, url = _text(record, "source_agency"), _text(record, "source_title"), _text(record, "source_url")
    sid = source_id_for(url, title, agency)
    source = source_row(sid, agency, title, url, _text(record, "source_edition"), "", _text(record, "source_licence"))
    obs = observation(indicator=indicator, region=region, unit_name=unit_name, level=level, settlement=settlement,
                      year=year, period=period, partial=partial, election=_text(record, "election"),
                      value=value * factor, unit=unit, status=status, sample_n=sample_n, source_id=sid,  # type: ignore
                      note=_text(record, "note"))
    return obs, source
