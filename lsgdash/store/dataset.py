"""The read-only dataset every view and download draws from, loaded once per process.

`view` answers "one figure per unit for this indicator and period", listing every unit of the period's
layout, so a unit with no figure appears as no data instead of vanishing or becoming zero.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from lsgdash.indicators import CATALOG, indicator_table
from lsgdash.registry import BY_ISO, NATIONAL, Layout, layout_for_date, layout_for_year, unit_name
from lsgdash.store.build import load_or_build
from lsgdash.store.files import Store, StoreError, data_root

VIEW_COLUMNS = ["indicator", "region", "region_name", "period", "settlement", "election", "value", "unit", "status",
                "partial", "sample_n", "source_id", "source_agency", "source_title", "source_url", "note",
                "alternatives"]
NO_DATA = "no data"


def memo(method: Callable) -> Callable:
    """Remembers a method's answers on its (read-only) dataset: the hub asks for the same periods, votes and
    rows on every step, and each answer filters the whole table."""

    @functools.wraps(method)
    def cached(self: Dataset, *args: object, **kwargs: object) -> object:
        store = self.__dict__.setdefault("_memo", {})
        key = (method.__name__, args, tuple(sorted(kwargs.items())))
        if key not in store:
            store[key] = method(self, *args, **kwargs)
        return store[key]

    return cached


@dataclass
class Dataset:
    store: Store

    @cached_property
    def table(self) -> pd.DataFrame:
        return indicator_table(self.store.observations)

    @cached_property
    def sources(self) -> pd.DataFrame:
        return self.store.sources.set_index("source_id")

    @memo
    def region_rows(self, indicator: str, settlement: str = "all", basis: str = "execution") -> pd.DataFrame:
        t = self.table
        return t[(t["indicator"] == indicator) & (t["unit_name"] == "") & (t["settlement"] == settlement)
                 & (t["basis"] == basis)]

    @memo
    def periods(self, indicator: str, include_partial: bool = False, settlement: str = "all") -> list[str]:
        """Periods with a figure for some region (a national-only year is trend material, not a map), oldest
        first; partial years only when asked for."""
        rows = self.region_rows(indicator, settlement)
        rows = rows[rows["region"] != NATIONAL]
        if not include_partial:
            rows = rows[~rows["partial"]]
        return sorted(rows["period"].unique())

    @memo
    def elections(self, settlement: str | None = None) -> list[str]:
        """Election ids with turnout figures, newest first."""
        rows = self.table[(self.table["indicator"] == "turnout") & (self.table["unit_name"] == "")]
        if settlement:
            rows = rows[rows["settlement"] == settlement]
        return sorted(rows["election"].unique(), key=lambda e: e[-10:], reverse=True)

    @memo
    def settlements(self, indicator: str) -> list[str]:
        t = self.table
        return sorted(t.loc[t["indicator"] == indicator, "settlement"].unique())

    def layout_of(self, period: str) -> Layout:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", period):
            return layout_for_date(date.fromisoformat(period))
        if re.fullmatch(r"\d{4}-\d{2}", period):
            return layout_for_date(date(int(period[:4]), int(period[5:7]), 28))
        return layout_for_year(int(period[:4]))

    def view(self, indicator: str, period: str | None = None, election: str | None = None, settlement: str = "all",
             lang: str = "en", regions: list[str] | None = None, basis: str = "execution") -> pd.DataFrame:
        """One row per unit of the layout (plus the national row), with value, status and source."""
        if indicator not in CATALOG and indicator not in set(self.table["indicator"]):
            raise KeyError(indicator)
        rows = self.region_rows(indicator, settlement, basis)
        if election:
            rows = rows[rows["election"] == election]
            period = election[-10:]
        elif period:
            rows = rows[rows["period"] == period]
        if period is None:
            raise ValueError("a period or an election is needed")
        layout = self.layout_of(period)
        codes = list(regions) if regions else [*layout.codes, NATIONAL]
        found = rows.drop_duplicates("region").set_index("region")
        out = []
        for code in codes:
            base = {"indicator": indicator, "region": code, "region_name": self.region_label(code, layout, lang),
                    "period": period, "settlement": settlement, "election": election or ""}
            if code in found.index:
                row = found.loc[code]
                out.append({**base, **{c: row[c] for c in ("value", "unit", "status", "partial", "sample_n",
                                                             "source_id", "note", "alternatives")},
                            **self.citation(row["source_id"])})
            else:
                out.append({**base, "value": float("nan"), "unit": CATALOG[indicator].unit if indicator in CATALOG
                            else "", "status": NO_DATA, "partial": False, "sample_n": float("nan"), "source_id": "",
                            "source_agency": "", "source_title": "", "source_url": "", "note": "",
                            "alternatives": ""})
        return pd.DataFrame(out, columns=VIEW_COLUMNS)

    def units(self, indicator: str, period: str | None, settlement: str, lang: str = "en",
              basis: str = "execution") -> pd.DataFrame:
        """Figures for single districts, towns and rural okrugs (below the map's regions), with citations."""
        t = self.table
        rows = t[(t["indicator"] == indicator) & (t["unit_name"] != "") & (t["basis"] == basis)]
        if settlement != "all":
            rows = rows[rows["settlement"] == settlement]
        if period:
            rows = rows[rows["period"] == period]
        out = rows.sort_values(["region", "unit_name", "period"]).copy()
        out["region_name"] = [f"{u} ({unit_name(r, lang)})" for u, r in zip(out["unit_name"], out["region"],
                                                                           strict=True)]
        citations = [self.citation(s) for s in out["source_id"]]
        for key in ("source_agency", "source_title", "source_url"):
            out[key] = [c[key] for c in citations]
        return out.reindex(columns=VIEW_COLUMNS).reset_index(drop=True)

    def series(self, indicator: str, regions: list[str], settlement: str = "all", include_partial: bool = False,
               basis: str = "execution") -> pd.DataFrame:
        """All periods of an indicator for some units, with each row's source agency, for a trend."""
        rows = self.region_rows(indicator, settlement, basis)
        rows = rows[rows["region"].isin(regions)]
        if not include_partial:
            rows = rows[~rows["partial"]]
        rows = rows.sort_values(["region", "period"]).copy()
        rows["source_agency"] = [self.citation(s)["source_agency"] for s in rows["source_id"]]
        return rows.reset_index(drop=True)

    def region_label(self, code: str, layout: Layout, lang: str) -> str:
        if lang == "en" and code in layout.names_en:
            return layout.names_en[code]
        return unit_name(code, lang) if code in BY_ISO else code

    def citation(self, source_ids: str) -> dict[str, str]:
        """Agency, title and URL of one source or of several joined with '+'."""
        parts = [self.sources.loc[s] for s in source_ids.split("+") if s in self.sources.index]
        return {"source_agency": " + ".join(dict.fromkeys(p["agency"] for p in parts)),
                "source_title": " + ".join(dict.fromkeys(p["title"] for p in parts)),
                "source_url": " ".join(dict.fromkeys(p["url"] for p in parts if p["url"]))}


_last_good: dict[str, Dataset] = {}


@lru_cache(maxsize=4)
def load_dataset(data_dir: Path | None = None) -> Dataset:
    """The process-wide dataset; called before gunicorn forks so workers share it.

    When the store on disk is replaced by a damaged one that cannot be rebuilt while the app runs, the app
    keeps serving the store it had, with a notice, rather than failing every page.
    """
    key = str(data_dir or data_root())
    try:
        dataset = Dataset(load_or_build(data_dir))
    except StoreError as err:
        previous = _last_good.get(key)
        if previous is None:
            raise
        reason = str(err).replace(key + os.sep, "").replace(key, "the data folder")  # public: no server paths
        dataset = Dataset(replace(previous.store, notice=f"{reason}; serving the store loaded before"))
    _ = dataset.table
    _last_good[key] = dataset
    return dataset
