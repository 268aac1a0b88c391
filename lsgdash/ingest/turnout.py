"""Turnout tables in the layout of the bundled CEC file: one row per vote and region.

A new vote in this layout is new rows, not new code: the election id is `TYPE-YYYY-MM-DD`.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from lsgdash.ingest.numbers import parse_number
from lsgdash.ingest.problems import ProblemLog
from lsgdash.ingest.records import frames, observation, source_id_for, source_row
from lsgdash.ingest.tables import check_text, check_url
from lsgdash.registry import UnknownUnitError, resolve
from lsgdash.store.schema import validate_observations

TURNOUT_COLUMNS = ["election_date", "election_type", "region", "region_as_written", "turnout_pct",
                   "registered_voters", "voted", "level_note", "source_url", "source_title"]
REQUIRED = ["election_date", "election_type", "region", "level_note", "source_title"]
ELECTION_TYPES = ("presidential", "mazhilis", "maslikhat", "senate", "referendum", "rural_akim", "district_akim",
                  "city_akim")
# Keywords of the `STATUS:` prefix, mapped to the store's status vocabulary; the earliest in the text wins.
_STATUS_WORDS = (
    ("final", "final"), ("election-night", "election-night"), ("election night", "election-night"),
    ("close of polls", "close-of-polls"), ("preliminary", "preliminary"), ("day-after", "day-after"),
    ("intraday", "intraday"), ("media", "media-report"), ("reference", "reference"), ("pre-vote", "pre-vote"),
)
_SETTLEMENT = {"rural_akim": "rural"}


def parse_status(level_note: str) -> str | None:
    """Store status from a `STATUS: ...` note, or None when the note has none."""
    match = re.match(r"\s*STATUS:\s*(.*)", level_note, flags=re.IGNORECASE | re.DOTALL)
    if not match:
        return None
    head = match.group(1).lower()[:120]
    found = [(head.find(word), status) for word, status in _STATUS_WORDS if word in head]
    return min(found)[1] if found else None


def election_id(kind: str, day: str) -> str:
    return f"{kind}-{day}"


def read_turnout_frame(raw: pd.DataFrame, log: ProblemLog, first_row: int = 2) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Observations for turnout (%), registered voters and voters who voted, each with its status."""
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        log.add(1, ", ".join(missing), "", "missing required column(s); expected the columns "
                + ", ".join(TURNOUT_COLUMNS), "missing_columns")
        log.raise_if_any()
    raw = raw.reindex(columns=TURNOUT_COLUMNS).astype(object).fillna("").astype(str)  # object: no float fill
    rows, sources, numbers, columns = [], [], [], []
    for number, rec in enumerate(raw.itertuples(index=False), start=first_row):
        before = len(log.problems)
        for column in TURNOUT_COLUMNS:
            check_text(log, number, column, getattr(rec, column))
        check_url(log, number, "source_url", rec.source_url.strip())
        if len(log.problems) > before:
            continue
        try:
            day = date.fromisoformat(rec.election_date.strip())
        except ValueError:
            log.add(number, "election_date", rec.election_date, "not a date in the form YYYY-MM-DD", "date")
            continue
        kind = rec.election_type.strip().lower()
        if kind not in ELECTION_TYPES:
            log.add(number, "election_type", rec.election_type,
                    f"unknown vote type; use one of {', '.join(ELECTION_TYPES)}", "election_type")
            continue
        try:
            region = resolve(rec.region)
        except UnknownUnitError as err:
            log.add(number, "region", rec.region, str(err).split(";")[0] + "; closest: "
                    + (", ".join(u.name_en for u in err.suggestions) or "none"), "unknown_region")
            continue
        status = parse_status(rec.level_note)
        if status is None:
            log.add(number, "level_note", rec.level_note, "the note must start with 'STATUS:' and name the "
                    "figure's status (final, preliminary, election-night, ...)", "status")
            continue
        values = {}
        for column in ("turnout_pct", "registered_voters", "voted"):
            try:
                values[column] = parse_number(getattr(rec, column))
            except ValueError:
                log.add(number, column, getattr(rec, column), "not a number", "number")
        if len(values) < 3:
            continue
        if all(v is None for v in values.values()):
            log.add(number, "turnout_pct", "", "row has no turnout, registered or voted figure", "empty_value")
            continue
        sid = source_id_for(rec.source_url, rec.source_title)
        sources.append(source_row(sid, "Central Election Commission of the Republic of Kazakhstan (as reported: "
                                  f"{_outlet(rec.source_title)})", rec.source_title, rec.source_url))
        note = re.sub(r"^\s*STATUS:\s*", "", rec.level_note, flags=re.IGNORECASE)
        common = dict(region=region, year=day.year, period=day.isoformat(), election=election_id(kind, day.isoformat()),
                      settlement=_SETTLEMENT.get(kind, "all"), status=status, source_id=sid, note=note)
        for column, indicator, unit in (("turnout_pct", "turnout", "%"), ("registered_voters", "registered_voters",
                                                                           "persons"),
                                        ("voted", "voters_voted", "persons")):
            if values[column] is not None:
                rows.append(observation(indicator=indicator, value=values[column], unit=unit, **common))
                numbers.append(number)
                columns.append(column)
    log.raise_if_any()
    obs, src = frames(rows, sources)
    validate_observations(obs, src, log, numbers, columns)
    log.raise_if_any()
    return obs, src


def _outlet(title: str) -> str:
    match = re.search(r"\(([^()]+)\)\s*$", title)
    return match.group(1) if match else "news report"
