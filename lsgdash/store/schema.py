"""The store's two tables: tidy observations and the sources they cite.

Every figure is a row; a new dataset is new rows, not new code. Validation here is the last gate before
anything is written to `data/processed/`.
"""

from __future__ import annotations

import math

import pandas as pd

from lsgdash.ingest.problems import ProblemLog
from lsgdash.registry import BY_ISO

OBS_COLUMNS = [
    "indicator", "region", "unit_name", "level", "settlement", "year", "period", "partial", "election",
    "value", "unit", "status", "sample_n", "source_id", "note",
]
KEY_COLUMNS = ["indicator", "region", "unit_name", "settlement", "period", "election", "status", "source_id"]
SOURCE_COLUMNS = ["source_id", "agency", "title", "edition", "url", "retrieved", "licence", "note"]

STATUSES = (
    "final", "preliminary", "election-night", "close-of-polls", "day-after", "intraday", "media-report",
    "reference", "pre-vote", "plan", "forecast", "survey", "reported",
)
# Which of several figures for one key a view shows: the most settled first.
STATUS_PRECEDENCE = {s: i for i, s in enumerate((
    "final", "election-night", "close-of-polls", "preliminary", "day-after", "media-report", "survey", "reported",
    "intraday", "reference", "pre-vote", "plan", "forecast",
))}
LEVELS = ("national", "region", "district", "city", "town", "rural_okrug")
SETTLEMENTS = ("all", "urban", "rural", "rural_okrug")
UNITS = ("million KZT", "%", "persons", "count")

FISCAL_ITEMS = {
    "REV": "rev_total", "REV.TAX": "rev_tax", "REV.NONTAX": "rev_nontax", "REV.CAPITAL": "rev_capital",
    "REV.TRANSFERS": "rev_transfers", "EXP": "expenditure", "SUBVENTIONS": "subventions",
    "WITHDRAWALS": "withdrawals",
}


def _dtype(column: str) -> str:
    return {"year": "int64", "value": "float64", "sample_n": "float64", "partial": "bool"}.get(column, "object")


def coerce(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns in order and type, text cells as str ('' for none)."""
    out = frame.reindex(columns=OBS_COLUMNS).copy()
    for column in OBS_COLUMNS:
        dtype = _dtype(column)
        if dtype == "object":
            out[column] = out[column].fillna("").astype(str)
        elif dtype == "bool":
            out[column] = out[column].fillna(False).astype(str).str.lower().isin(["true", "1"])
        else:
            out[column] = pd.to_numeric(out[column], errors="coerce")
    out["year"] = out["year"].astype("int64")
    return out


def validate_observations(frame: pd.DataFrame, sources: pd.DataFrame, log: ProblemLog,
                          row_numbers: list[int] | None = None, value_columns: list[str] | None = None) -> None:
    """Checks every row against the vocabulary and plausibility rules; problems go to the log.

    `row_numbers` and `value_columns` say where each observation stands in the user's file, so a message
    points at the cell to fix.
    """
    known_sources = set(sources["source_id"])
    rows = row_numbers or [None] * len(frame)  # type: ignore[list-item]
    columns = value_columns or ["value"] * len(frame)
    for row, column, record in zip(rows, columns, frame.itertuples(index=False), strict=True):
        if record.region not in BY_ISO:
            log.add(row, "region", record.region, "unknown region code", "unknown_region")
        if record.status not in STATUSES:
            log.add(row, "status", record.status, f"unknown status; use one of {', '.join(STATUSES)}", "status")
        if record.level not in LEVELS:
            log.add(row, "level", record.level, f"unknown level; use one of {', '.join(LEVELS)}", "level")
        if record.settlement not in SETTLEMENTS:
            log.add(row, "settlement", record.settlement,
                    f"unknown settlement type; use one of {', '.join(SETTLEMENTS)}", "settlement")
        if record.unit not in UNITS:
            log.add(row, "unit", record.unit, f"unknown unit; use one of {', '.join(UNITS)}", "unit")
        if record.source_id not in known_sources:
            log.add(row, "source_id", record.source_id, "no source row for this figure", "source")
        value = record.value
        if value is None or (isinstance(value, float) and math.isnan(value)):
            log.add(row, column, "", "empty value: leave the row out instead of writing no figure", "empty_value")
        elif record.unit == "%" and not (0 <= value <= 100):
            log.add(row, column, f"{value:g}", "a share must lie between 0 and 100 %", "share_range")
        elif record.unit in {"persons", "count"} and value < 0:
            log.add(row, column, f"{value:g}", "a count cannot be negative", "negative_count")
    duplicated = frame.duplicated(KEY_COLUMNS, keep="first")
    for row, dup, record in zip(rows, duplicated, frame.itertuples(index=False), strict=True):
        if dup:
            text = " ".join(str(v) for v in (record.indicator, record.region, record.unit_name, record.period,
                                             record.election, record.status) if v)
            log.add(row, "indicator", text, "duplicate row: the same indicator, unit, period, status and source "
                    "appear twice", "duplicate")


def sort_observations(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(KEY_COLUMNS + ["value"], kind="mergesort").reset_index(drop=True)
