"""The researcher's way out: rows with their citations, safe to open in a spreadsheet program."""

from __future__ import annotations

import io
import re
from datetime import date

import pandas as pd

from lsgdash.indicators import CATALOG
from lsgdash.store.dataset import Dataset

EXPORT_COLUMNS = ["indicator", "region", "region_name", "period", "settlement", "election", "value", "unit",
                  "status", "partial", "sample_n", "source_id", "source_agency", "source_title", "source_url",
                  "note", "alternatives"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(text, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


# Inside a CSV cell, a separator a spreadsheet may split at (',' or, in Russian and Kazakh locales, ';'; tab; a line
# break), then a formula start, possibly after a quote that would open a quoted field there.
_PIECE_START = re.compile(r'([,;\t\r\n]"?)(?=[=+\-@])')


def neutralise_csv(text: object) -> object:
    """`neutralise` for a CSV cell: a spreadsheet whose list separator differs from the file's (Excel in ru/kk
    uses ';') splits the cell at its separators, so every piece that would start a formula gets an apostrophe."""
    text = neutralise(text)
    return _PIECE_START.sub(r"\1'", text) if isinstance(text, str) else text


def comment_line(text: object) -> str:
    """A citation line above the rows, as `# …` on one line, neutralised like a CSV cell."""
    return str(neutralise_csv("# " + " ".join(str(text).split())))


def safe_frame(frame: pd.DataFrame, for_csv: bool = False) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise_csv if for_csv else neutralise)
    return out


def export_rows(dataset: Dataset, indicator: str, period: str | None = None, regions: list[str] | None = None,
                election: str | None = None, settlement: str = "all", lang: str = "en",
                basis: str = "execution") -> pd.DataFrame:
    """Rows for one indicator: one period, one vote, or every full year when neither is given.

    With a settlement type other than `all`, the single districts, towns or okrugs of that type follow the
    regions (fourth-level budgets are examples from maslikhat decisions, not full coverage).
    """
    spec = CATALOG.get(indicator)
    if settlement != "all" and not regions and not (spec and spec.uses_election):
        units = dataset.units(indicator, period, settlement, lang, basis)
        regional = [dataset.view(indicator, p, None, settlement, lang, None, basis)
                    for p in ([period] if period else dataset.periods(indicator, settlement=settlement))]
        frames = [f for f in [*regional, units] if not f.empty and f["value"].notna().any()]
        if frames:
            return pd.concat(frames, ignore_index=True)
    if election or period:
        return dataset.view(indicator, period, election, settlement, lang, regions, basis)
    if spec and spec.uses_election:
        frames = [dataset.view(indicator, None, e, settlement, lang, regions, basis)
                  for e in dataset.elections(settlement)]
    else:
        frames = [dataset.view(indicator, p, None, settlement, lang, regions, basis)
                  for p in dataset.periods(indicator, settlement=settlement)]
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else dataset.view(indicator, "2024", None, settlement,
                                                                           lang, regions, basis).iloc[0:0]


def citation_lines(frame: pd.DataFrame, dataset: Dataset) -> list[str]:
    """Lines to put above a download: what it is, where every figure comes from, and when it was made."""
    ids = sorted({s for value in frame["source_id"] for s in str(value).split("+") if s})
    lines = [f"lsgdash export, {date.today().isoformat()}; values as published; 'no data' = no figure in the "
             "sources (never zero)"]
    for sid in ids:
        c = dataset.citation(sid)
        lines.append(f"Source {sid}: {c['source_agency']}. {c['source_title']}. {c['source_url']}".strip())
    return lines


def to_csv(frame: pd.DataFrame, header_lines: list[str] | None = None) -> str:
    buffer = io.StringIO()
    for line in header_lines or []:
        buffer.write(comment_line(line) + "\n")
    safe_frame(frame.reindex(columns=EXPORT_COLUMNS), for_csv=True).to_csv(
        buffer, index=False, lineterminator="\n", float_format="%.15g")
    return buffer.getvalue()
