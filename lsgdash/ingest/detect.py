"""Which importer a file needs, from its content rather than its name."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lsgdash.ingest import bulletin, tidy, turnout
from lsgdash.ingest.problems import IngestError, Problem, ProblemLog
from lsgdash.ingest.tables import Sheet, read_table

KINDS = ("bulletin", "tidy", "turnout")


@dataclass
class ParsedFile:
    kind: str
    frames: tuple[pd.DataFrame, pd.DataFrame]
    report: list[str] = field(default_factory=list)


def _header(sheet: Sheet) -> list[str]:
    """The first row's names in their columns ('' for an empty cell, so the columns below stay aligned)."""
    return [str(c).strip().lower() if c is not None else "" for c in sheet.rows[0][1]] if sheet.rows else []


def _is_turnout(sheet: Sheet) -> bool:
    return {"election_date", "election_type"} <= set(_header(sheet))


def _check_one_table(data_sheets: list[Sheet], label: str) -> None:
    """A workbook holds one table: a second sheet in a known layout would otherwise be dropped unread."""
    others = [s.name for s in data_sheets[1:] if _is_turnout(s) or tidy.is_tidy(s)]
    if others:
        raise IngestError([Problem(label, None, None, ", ".join(others)[:60], f"sheet «{others[0]}» holds a second "
                                   f"table besides «{data_sheets[0].name}»; lsgdash reads one table per file, so "
                                   "save each table as its own file", "second_table")])


def _check_columns(header: list[str], label: str) -> None:
    seen: set[str] = set()
    for index, name in enumerate(header):
        if name and name in seen:
            raise IngestError([Problem(label, 1, name, name, f"column {name!r} appears twice in the header (again "
                                       f"in column {index + 1}); keep one", "duplicate_column")])
        seen.add(name)


def parse_file(path: Path, label: str | None = None) -> ParsedFile:
    """Parse a Bulletin workbook, a tidy template or a turnout table; IngestError lists every problem."""
    label = label or path.name
    sheets = read_table(path, label)
    if bulletin.is_bulletin(sheets):
        obs, src, report = bulletin.parse_bulletin(sheets, label)
        return ParsedFile("bulletin", (obs, src), report)
    data_sheets = [s for s in sheets if any(any(c not in (None, "") for c in row) for _, row in s.rows)]
    if not data_sheets:
        raise IngestError([Problem(label, None, None, "", "the file has no data (empty sheet)", "empty")])
    first = data_sheets[0]
    _check_one_table(data_sheets, label)
    if _is_turnout(first):
        header = _header(first)
        _check_columns(header, label)
        named = [i for i, name in enumerate(header) if name]
        body = [[_cell(row[i]) if i < len(row) else "" for i in named] for _, row in first.rows[1:]]
        frame = pd.DataFrame(body, columns=[header[i] for i in named])
        return ParsedFile("turnout", turnout.read_turnout_frame(frame, ProblemLog(label)))
    if tidy.is_tidy(first):
        return ParsedFile("tidy", tidy.read_tidy_sheet(first, ProblemLog(label)))
    raise IngestError([Problem(label, 1, None, ", ".join(_header(first))[:60],
                               "not a layout lsgdash knows: expected a Statistical Bulletin workbook (sheets "
                               "«табл 12…»), the tidy template (columns indicator, region, year, value, unit, status, "
                               "source_agency, source_title) or a turnout table (election_date, election_type, "
                               "region, turnout_pct, …)", "unknown_layout")])


def _cell(value: object) -> str:
    return "" if value is None else str(value)
