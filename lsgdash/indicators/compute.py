"""Indicator maths as pure functions over the observations table.

Nothing here fills a gap: a unit with no row has no value, a share needs both of its parts, and a
harmonised series sums the parts only where every part exists.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lsgdash.indicators.catalog import FISCAL_DERIVED
from lsgdash.registry import NATIONAL, Layout
from lsgdash.store.schema import STATUS_PRECEDENCE

FIGURE_KEY = ["indicator", "region", "unit_name", "settlement", "period", "election", "basis"]
PLAN_STATUSES = ("plan", "forecast")
PREFERRED_SOURCE = "minfin-bulletin"
_ITEM_INDEX = ["region", "unit_name", "level", "settlement", "year", "period", "partial", "basis"]


def preferred(obs: pd.DataFrame) -> pd.DataFrame:
    """One row per figure: the most settled status, then the Bulletin, then file order.

    Plans and forecasts (`basis` = plan) are never alternatives to execution: they are kept apart. The
    figures not chosen are listed in `alternatives` so a conflict between sources stays visible.
    """
    obs = obs.assign(basis=np.where(obs["status"].isin(PLAN_STATUSES), "plan", "execution"))
    ranked = obs.assign(_rank=obs["status"].map(STATUS_PRECEDENCE).fillna(99),
                        _src=(obs["source_id"] != PREFERRED_SOURCE).astype(int), _order=np.arange(len(obs)))
    ranked = ranked.sort_values(FIGURE_KEY + ["_rank", "_src", "_order"], kind="mergesort")
    first = ~ranked.duplicated(FIGURE_KEY, keep="first")
    others = ranked[~first]
    alternatives = (others.assign(_text=others.apply(_alternative_text, axis=1))
                    .groupby(FIGURE_KEY, sort=False)["_text"].agg("; ".join))
    chosen = ranked[first].drop(columns=["_rank", "_src", "_order"])
    chosen = chosen.merge(alternatives.rename("alternatives"), left_on=FIGURE_KEY, right_index=True, how="left")
    chosen["alternatives"] = chosen["alternatives"].astype(object).fillna("")
    return chosen.reset_index(drop=True)


def _alternative_text(row: pd.Series) -> str:
    return f"{row['value']:g} ({row['status']}, {row['source_id']})"


def _least_settled(statuses: list[str]) -> str:
    return max(statuses, key=lambda s: STATUS_PRECEDENCE.get(s, 99))


def fiscal_indicators(chosen: pd.DataFrame) -> pd.DataFrame:
    """Shares, donor status and total revenue from the revenue items, each row citing every part it used."""
    items = chosen[chosen["unit"] == "million KZT"]
    if items.empty:
        return chosen.iloc[0:0]
    wide = items.pivot_table(index=_ITEM_INDEX, columns="indicator", values=["value", "status", "source_id", "note"],
                             aggfunc="first")
    frames = []
    for spec in FISCAL_DERIVED:
        for value, used in _derive(spec.id, wide["value"]):
            if value.dropna().empty:
                continue
            keep = value.notna()
            part = wide[keep]
            status = part["status"][used].apply(lambda r: _least_settled(list(r)), axis=1)
            source = part["source_id"][used].apply(lambda r: "+".join(sorted(set(r))), axis=1)
            note = part["note"][used].fillna("").apply(lambda r: " ".join(sorted({n for n in r if n})), axis=1)
            frames.append(pd.DataFrame({"indicator": spec.id, "value": value[keep], "unit": spec.unit,
                                        "status": status, "source_id": source, "note": note}).reset_index())
    if not frames:
        return chosen.iloc[0:0]
    out = pd.concat(frames, ignore_index=True)
    return out.assign(election="", sample_n=np.nan, alternatives="")


def _derive(indicator: str, v: pd.DataFrame) -> list[tuple[pd.Series, list[str]]]:
    """(values, items used) pairs; a value is NaN wherever a part is missing, so it is left out, never zero."""
    col = lambda name: v[name] if name in v else pd.Series(np.nan, index=v.index)  # noqa: E731
    total = col("rev_total").where(col("rev_total") > 0)
    if indicator == "revenue_total":
        return [(col("rev_total"), ["rev_total"])]
    if indicator == "donor":
        withdrawals, subventions = col("withdrawals"), col("subventions")
        listed = (withdrawals > 0).astype(float).where(withdrawals.notna())
        recipient = pd.Series(0.0, index=v.index).where(withdrawals.isna() & (subventions > 0))
        return [(listed, ["withdrawals"]), (recipient, ["subventions"])]
    if indicator == "own_source_share":
        return [(100 * (total - col("rev_transfers")) / total, ["rev_total", "rev_transfers"])]
    numerator = {"transfer_share": "rev_transfers", "tax_share": "rev_tax", "subvention_dependence": "subventions"}
    return [(100 * col(numerator[indicator]) / total, ["rev_total", numerator[indicator]])]


def indicator_table(observations: pd.DataFrame) -> pd.DataFrame:
    """Every figure a view can show: chosen observations plus the fiscal indicators derived from them."""
    chosen = preferred(observations)
    derived = fiscal_indicators(chosen)
    table = pd.concat([chosen, derived], ignore_index=True) if not derived.empty else chosen
    table["year"] = table["year"].astype("int64")
    table["partial"] = table["partial"].astype(bool)
    return table


def harmonise(items: pd.DataFrame, layout: Layout) -> pd.DataFrame:
    """Money items on an older layout: a parent's value is the sum of its parts, only if every part exists.

    `items` has columns region, indicator, period, value (one row each). Parents with a missing part are
    left out (no data), never summed from what happens to be there.
    """
    rows = []
    for (indicator, period), group in items.groupby(["indicator", "period"], sort=True):
        by_region = dict(zip(group["region"], group["value"], strict=True))
        for parent, parts in layout.members.items():
            if all(p in by_region and not math.isnan(by_region[p]) for p in parts):
                rows.append({"region": parent, "indicator": indicator, "period": period,
                             "value": float(sum(by_region[p] for p in parts))})
    return pd.DataFrame(rows, columns=["region", "indicator", "period", "value"])


@dataclass(frozen=True)
class SumCheck:
    indicator: str
    period: str
    national: float | None
    regions_sum: float
    regions: int
    diff_pct: float | None

    def __str__(self) -> str:
        if self.national is None:
            return f"{self.indicator} {self.period}: regions sum {self.regions_sum:,.1f} ({self.regions} regions); " \
                   "no national total to check against"
        return (f"{self.indicator} {self.period}: regions sum {self.regions_sum:,.1f} vs national "
                f"{self.national:,.1f} ({self.regions} regions, diff {self.diff_pct:+.2f} %)")


def regions_sum_check(obs: pd.DataFrame, indicator: str, period: str) -> SumCheck:
    """Σ regions against the national (table 12) figure for one item and period."""
    rows = obs[(obs["indicator"] == indicator) & (obs["period"] == period) & (obs["unit_name"] == "")
               & (obs["settlement"] == "all")]
    regional = rows[rows["region"] != NATIONAL].drop_duplicates("region")
    national = rows.loc[rows["region"] == NATIONAL, "value"]
    total = float(regional["value"].sum())
    nat = float(national.iloc[0]) if len(national) else None
    diff = None if not nat else 100 * (total - nat) / nat
    return SumCheck(indicator, period, nat, total, len(regional), diff)


def wilson_interval(percent: float, n: float, z: float = 1.959964) -> tuple[float, float]:
    """95 % Wilson score interval of a survey share, in percent."""
    p = percent / 100
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return 100 * (centre - half), 100 * (centre + half)


def correlation(x: list[float], y: list[float]) -> tuple[float, float, float, int] | None:
    """Pearson r with a 95 % interval (Fisher z); None when fewer than 4 pairs or no spread."""
    pairs = [(a, b) for a, b in zip(x, y, strict=True) if not (math.isnan(a) or math.isnan(b))]
    n = len(pairs)
    if n < 4:
        return None
    xs, ys = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
    if xs.std() == 0 or ys.std() == 0:
        return None
    r = float(np.corrcoef(xs, ys)[0, 1])
    r_clipped = max(min(r, 0.999999), -0.999999)
    z, se = math.atanh(r_clipped), 1 / math.sqrt(n - 3)
    return r, math.tanh(z - 1.959964 * se), math.tanh(z + 1.959964 * se), n
