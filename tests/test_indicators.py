"""Indicator maths: survey intervals, preferred figures, shares that need both parts, harmonised layouts."""

from __future__ import annotations

import math
import warnings

import pandas as pd
import pytest
from conftest_helpers import DATA

from lsgdash.indicators import (
    correlation,
    fiscal_indicators,
    harmonise,
    indicator_table,
    preferred,
    regions_sum_check,
    wilson_interval,
)
from lsgdash.registry import LAYOUTS
from lsgdash.store.files import read_store
from lsgdash.store.schema import coerce


@pytest.fixture(scope="module")
def observations() -> pd.DataFrame:
    return read_store(DATA / "processed").observations


@pytest.fixture(scope="module")
def table(observations: pd.DataFrame) -> pd.DataFrame:
    return indicator_table(observations)


def obs(*rows: dict) -> pd.DataFrame:
    base = {"unit_name": "", "level": "region", "settlement": "all", "year": 2024, "period": "2024",
            "partial": False, "election": "", "unit": "million KZT", "status": "final", "sample_n": None,
            "source_id": "minfin-bulletin", "note": ""}
    return coerce(pd.DataFrame([{**base, **r} for r in rows]))


# --- Wilson interval -----------------------------------------------------------------------------------------

def test_wilson_interval_of_the_survey_awareness_figure() -> None:
    low, high = wilson_interval(61, 120)
    assert (round(low, 1), round(high, 1)) == (52.1, 69.3)


@pytest.mark.parametrize(("percent", "n"), [(0, 120), (100, 120), (14, 120), (50, 10)])
def test_wilson_interval_stays_within_0_100_and_contains_the_share(percent: float, n: int) -> None:
    low, high = wilson_interval(percent, n)
    assert 0 <= low <= percent + 1e-9 and percent <= high + 1e-9 and high <= 100
    assert high - low > 0


def test_wilson_interval_narrows_with_sample_size() -> None:
    small, large = wilson_interval(41, 120), wilson_interval(41, 1200)
    assert large[1] - large[0] < small[1] - small[0]


# --- preferred -----------------------------------------------------------------------------------------------

def test_preferred_picks_final_over_election_night_and_lists_the_alternative() -> None:
    frame = obs({"indicator": "turnout", "region": "KZ", "level": "national", "period": "2019-06-09",
                 "election": "presidential-2019-06-09", "unit": "%", "value": 77.4, "status": "election-night",
                 "source_id": "src-a"},
                {"indicator": "turnout", "region": "KZ", "level": "national", "period": "2019-06-09",
                 "election": "presidential-2019-06-09", "unit": "%", "value": 77.5, "status": "final",
                 "source_id": "src-b"})
    chosen = preferred(frame)
    assert len(chosen) == 1
    row = chosen.iloc[0]
    assert (row["value"], row["status"]) == (77.5, "final")
    assert "77.4" in row["alternatives"] and "election-night" in row["alternatives"] and "src-a" in row["alternatives"]


def test_preferred_prefers_the_bulletin_at_equal_status_and_keeps_plans_apart() -> None:
    frame = obs({"indicator": "rev_total", "region": "KZ-61", "value": 1.0, "source_id": "src-user"},
                {"indicator": "rev_total", "region": "KZ-61", "value": 2.0},
                {"indicator": "rev_total", "region": "KZ-61", "value": 3.0, "status": "plan", "source_id": "src-law"})
    chosen = preferred(frame).set_index("basis")
    assert chosen.loc["execution", "value"] == 2.0
    assert "src-user" in chosen.loc["execution", "alternatives"]
    assert chosen.loc["plan", "value"] == 3.0 and chosen.loc["plan", "alternatives"] == ""


def test_preferred_on_the_bundled_2019_presidential_vote(table: pd.DataFrame) -> None:
    row = table[(table["indicator"] == "turnout") & (table["election"] == "presidential-2019-06-09")
                & (table["region"] == "KZ")].iloc[0]
    assert (row["value"], row["status"]) == (77.5, "final")
    assert "77.4 (election-night" in row["alternatives"]


# --- fiscal indicators ---------------------------------------------------------------------------------------

def test_share_needs_both_parts_never_zero() -> None:
    frame = obs({"indicator": "rev_total", "region": "KZ-61", "value": 200.0},
                {"indicator": "rev_transfers", "region": "KZ-61", "value": 166.0},
                {"indicator": "rev_total", "region": "KZ-23", "value": 100.0})
    derived = fiscal_indicators(preferred(frame))
    shares = derived[derived["indicator"] == "transfer_share"].set_index("region")["value"]
    assert shares.to_dict() == {"KZ-61": pytest.approx(83.0)}
    own = derived[derived["indicator"] == "own_source_share"].set_index("region")["value"]
    assert own.to_dict() == {"KZ-61": pytest.approx(17.0)}


def test_bundled_transfer_shares(table: pd.DataFrame) -> None:
    share = table[(table["indicator"] == "transfer_share") & (table["unit_name"] == "")
                  & (table["basis"] == "execution") & (table["settlement"] == "all")]
    by = share.set_index(["region", "period"])["value"]
    assert round(by[("KZ-61", "2024")]) == 83
    assert round(by[("KZ", "2024")], 1) == 47.8
    assert round(by[("KZ-23", "2024")]) == 9
    for region in ("KZ-10", "KZ-33", "KZ-62"):
        for period in ("2022", "2023"):
            assert (region, period) not in by.index  # no figure, not zero
        assert (region, "2024") in by.index


# --- harmonise -----------------------------------------------------------------------------------------------

def test_harmonise_sums_only_when_every_part_exists() -> None:
    items = pd.DataFrame([
        {"region": "KZ-63", "indicator": "rev_total", "period": "2024", "value": 10.0},
        {"region": "KZ-10", "indicator": "rev_total", "period": "2024", "value": 5.0},
        {"region": "KZ-19", "indicator": "rev_total", "period": "2024", "value": 7.0},  # KZ-33 missing
        {"region": "KZ-35", "indicator": "rev_total", "period": "2024", "value": 8.0},
        {"region": "KZ-62", "indicator": "rev_total", "period": "2024", "value": math.nan},
        {"region": "KZ-11", "indicator": "rev_total", "period": "2024", "value": 3.0},
    ])
    out = harmonise(items, LAYOUTS["2018"]).set_index("region")["value"].to_dict()
    assert out == {"KZ-63": 15.0, "KZ-11": 3.0}
    pre = harmonise(items, LAYOUTS["pre2018"]).set_index("region")["value"].to_dict()
    assert "KZ-61" not in pre  # no Turkistan and no Shymkent: South Kazakhstan is no data


def test_harmonise_on_the_current_layout_is_the_identity() -> None:
    items = pd.DataFrame([{"region": "KZ-10", "indicator": "x", "period": "2024", "value": 5.0}])
    assert harmonise(items, LAYOUTS["2022"]).to_dict("records") == items.to_dict("records")


# --- regions sum check ---------------------------------------------------------------------------------------

def test_regions_sum_check_2024_revenue_is_exact(observations: pd.DataFrame) -> None:
    bulletin = observations[observations["source_id"] == "minfin-bulletin"]
    check = regions_sum_check(bulletin, "rev_total", "2024")
    assert check.regions == 20
    assert check.diff_pct is not None and f"{check.diff_pct:+.2f}" in ("+0.00", "-0.00")
    assert "+0.00 %" in str(check) or "-0.00 %" in str(check)


def test_regions_sum_check_2023_shows_the_missing_new_regions(observations: pd.DataFrame) -> None:
    bulletin = observations[observations["source_id"] == "minfin-bulletin"]
    check = regions_sum_check(bulletin, "rev_total", "2023")
    assert check.regions == 17
    assert check.diff_pct == pytest.approx(-7.7, abs=0.05)


def test_regions_sum_check_without_national_total() -> None:
    check = regions_sum_check(obs({"indicator": "rev_total", "region": "KZ-61", "value": 2.0}), "rev_total", "2024")
    assert check.national is None and check.diff_pct is None
    assert "no national total" in str(check)


# --- correlation ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("x", "y"), [
    ([], []), ([1.0], [2.0]), ([1.0, 2.0, 3.0], [2.0, 4.0, 7.0]),
    ([1.0, 2.0, 3.0, math.nan], [2.0, 4.0, 7.0, 9.0]),  # 4 pairs but one has a gap: n = 3
])
def test_correlation_needs_four_pairs(x: list[float], y: list[float]) -> None:
    assert correlation(x, y) is None


def test_correlation_without_spread_is_none() -> None:
    assert correlation([1.0, 1.0, 1.0, 1.0, 1.0], [1.0, 2.0, 3.0, 4.0, 5.0]) is None


def test_correlation_with_interval() -> None:
    result = correlation([1.0, 2.0, 3.0, 4.0, 5.0], [2.0, 4.1, 5.9, 8.2, 9.9])
    assert result is not None
    r, low, high, n = result
    assert n == 5 and r > 0.99 and low < r < high <= 1


def test_preferred_without_alternatives_is_warning_free() -> None:
    frame = obs({"indicator": "rev_total", "region": "KZ-61", "value": 200.0})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chosen = preferred(frame)
    assert list(chosen["alternatives"]) == [""]
