"""Readers for the cited datasets bundled under `data/sources/` (copied from the project's shared data).

Each returns (observations, sources) frames; the build concatenates them. Units, names and statuses are
normalised here, never later.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from lsgdash.ingest.numbers import parse_number, parse_unit
from lsgdash.ingest.problems import ProblemLog
from lsgdash.ingest.records import (
    fiscal_period,
    frames,
    minfin_source,
    observation,
    source_id_for,
    source_row,
)
from lsgdash.ingest.turnout import read_turnout_frame
from lsgdash.registry import BY_BULLETIN_CODE, UnknownUnitError, resolve
from lsgdash.store.schema import FISCAL_ITEMS

MINFIN_NOTE = ("Transcribed from the monthly Bulletin editions by the public repository "
               "makenerzhan-gif/kazakhstan-economic-data (data/processed/dims/regional_budgets_ytd.csv, "
               "commit 19bde1c05b9f197c677717a105e50e78d5caa5a1); values million KZT, year to date, nominal.")
# Figures the source itself gets wrong or leaves short (minfin SOURCE.md); shown beside the value.
MINFIN_CAVEATS = {
    ("SUBVENTIONS", "2020"): "December 2020 subventions repeat November 2020 in the source (probably understated).",
    ("WITHDRAWALS", "2020"): "December 2020 withdrawals repeat November 2020 in the source (probably understated).",
    ("SUBVENTIONS", "2022", "KZ-19"): "Almaty Region subventions 2022 = 37.0 bn vs about 190 bn in 2021 and 2023: "
                                      "suspect in the source.",
    ("REV", "2018", "KZ-79"): "Shymkent 2018 covers September-December only (city of republican significance from "
                              "June 2018); South Kazakhstan covers the whole year.",
}


def read_minfin_series(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Bulletin's regional series as transcribed: one row per region, year-to-date period and item."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    log = ProblemLog(path.name)
    rows = []
    for number, rec in enumerate(raw.itertuples(index=False), start=2):
        item = FISCAL_ITEMS.get(rec.item_code)
        region = BY_BULLETIN_CODE.get(rec.region)
        if item is None or region is None:
            log.add(number, "item_code" if item is None else "region", rec.item_code if item is None else rec.region,
                    "unknown item or region code")
            continue
        year, month = int(rec.date[:4]), int(rec.date[5:7])
        period, partial = fiscal_period(year, month)
        caveat = (MINFIN_CAVEATS.get((rec.item_code, period, region))
                  or MINFIN_CAVEATS.get((rec.item_code, period))
                  or MINFIN_CAVEATS.get(("REV", period, region), ""))
        rows.append(observation(indicator=item, region=region, year=year, period=period, partial=partial,
                                value=parse_number(rec.value), unit="million KZT", status="final",
                                source_id="minfin-bulletin", note=caveat))
    log.raise_if_any()
    return frames(rows, [minfin_source("December editions 2013-2024; November 2025; August 2026", MINFIN_NOTE)])


def read_engagement(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Counts around the votes (seats, candidates, participatory budgeting); rows with no year are left out."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows, sources = [], []
    for rec in raw.itertuples(index=False):
        year_match = re.search(r"(19|20)\d{2}", rec.date_or_period)
        value = parse_number(rec.value)
        if not year_match or value is None:
            continue
        unit_text = rec.unit.lower()
        unit = "%" if unit_text.startswith("%") else ("million KZT" if "kzt" in unit_text else "count")
        factor = parse_unit(rec.unit)[1] if unit == "million KZT" else 1.0
        approx = "approx" in unit_text or "upper bound" in unit_text
        sid = source_id_for(rec.source_url, rec.source_title)
        sources.append(source_row(sid, _agency_from_title(rec.source_title, "as reported"), rec.source_title,
                                  rec.source_url))
        rows.append(observation(indicator=_slug(rec.indicator), region=resolve(rec.region), year=int(year_match[0]),
                                period=rec.date_or_period, value=value * factor, unit=unit,
                                status="reported", source_id=sid,
                                note="; ".join(t for t in (f"unit as written: {rec.unit}" if unit == "count" else "",
                                                           "approximate figure" if approx else "", rec.note) if t)))
    return frames(rows, sources)


_FACT_INDICATORS = {
    "total_revenue": "rev_total", "tax_revenue": "rev_tax", "non_tax_revenue": "rev_nontax",
    "capital_sales": "rev_capital", "transfers_received": "rev_transfers", "subvention": "subventions",
    "budget_withdrawal": "withdrawals",
}
_FACT_LEVELS = {
    "all local": ("national", "all", ""), "oblast consolidated": ("region", "all", ""),
    "oblast consolidated / city": ("region", "all", ""),
    "oblast (own level, not consolidated)": ("region", "all", "oblast budget (own level, not consolidated)"),
    "district": ("district", "rural", None), "district (city of oblast significance)": ("city", "urban", None),
    "city": ("city", "urban", None), "town of district significance (4th level)": ("town", "urban", None),
    "rural okrug": ("rural_okrug", "rural_okrug", None),
}
_PERIOD_NOTE = re.compile(r"January-(\w+) (\d{4})")
_MONTHS = {m: i for i, m in enumerate(("January", "February", "March", "April", "May", "June", "July", "August",
                                       "September", "October", "November", "December"), start=1)}


def read_budget_facts(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Laws, maslikhat decisions and analyses: plans marked as plans; claims flagged unreliable left out."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows, sources = [], []
    for rec in raw.itertuples(index=False):
        note = rec.note
        if "unreliable" in note.lower() or rec.unit == "count" or rec.indicator not in _FACT_INDICATORS:
            continue  # counts and ad-hoc percentages are context, not comparable series
        level, settlement, unit_name = _FACT_LEVELS[rec.budget_level]
        unit, factor = parse_unit(rec.unit)
        year = int(rec.year)
        period, partial = str(year), False
        match = _PERIOD_NOTE.search(note)
        if match:
            period, partial = fiscal_period(int(match.group(2)), _MONTHS[match.group(1)])
        sid = source_id_for(rec.source_url, rec.source_title)
        sources.append(source_row(sid, _agency_from_title(rec.source_title, "budget act or analysis"),
                                  rec.source_title, rec.source_url))
        rows.append(observation(
            indicator=_FACT_INDICATORS[rec.indicator], region=resolve(rec.region), level=level, settlement=settlement,
            unit_name=rec.region_as_written if unit_name is None else unit_name, year=year, period=period,
            partial=partial, value=parse_number(rec.value) * factor, unit=unit, status=_fact_status(note),
            source_id=sid, note=note))
    return frames(rows, sources)


def _fact_status(note: str) -> str:
    text = note.lower()
    if "forecast" in text:
        return "forecast"
    if "execution" in text:
        return "final"
    if re.search(r"plan|law|bill|draft|approved", text):
        return "plan"
    return "reported"


def _agency_from_title(title: str, fallback: str) -> str:
    match = re.search(r"\(([^()]+)\)\s*$", title)
    return match.group(1) if match else fallback


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:64]


def read_turnout(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    return read_turnout_frame(pd.read_csv(path, dtype=str, keep_default_na=False), ProblemLog(path.name))


__all__ = ["UnknownUnitError", "read_budget_facts", "read_engagement", "read_minfin_series", "read_turnout"]
