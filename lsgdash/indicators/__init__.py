"""Indicator definitions and maths (pure functions, no I/O)."""

from lsgdash.indicators.catalog import CATALOG, DEFAULT_INDICATOR, GROUPS, Indicator
from lsgdash.indicators.compute import (
    SumCheck,
    correlation,
    fiscal_indicators,
    harmonise,
    indicator_table,
    preferred,
    regions_sum_check,
    wilson_interval,
)

__all__ = [
    "CATALOG", "DEFAULT_INDICATOR", "GROUPS", "Indicator", "SumCheck", "correlation", "fiscal_indicators", "harmonise",
    "indicator_table", "preferred", "regions_sum_check", "wilson_interval",
]
