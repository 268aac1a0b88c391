"""Building observation and source rows the same way in every importer."""

from __future__ import annotations

import hashlib
import re

import pandas as pd

from lsgdash.store.schema import OBS_COLUMNS, SOURCE_COLUMNS, coerce

MINFIN_SOURCE_ID = "minfin-bulletin"
MINFIN_AGENCY = "Ministry of Finance of the Republic of Kazakhstan"
MINFIN_TITLE = ("Statistical Bulletin (Статистический бюллетень): execution of local budgets, tables 12, "
                "12.1-12.20 and 18 (17 before September 2021)")
MINFIN_URL = "https://www.gov.kz/memleket/entities/minfin/documents/details/"
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")


def source_id_for(*parts: str) -> str:
    """A stable id for a source from its identifying text, so re-importing a file gives the same ids."""
    digest = hashlib.sha1("\x1f".join(p.strip() for p in parts).encode("utf-8")).hexdigest()[:10]
    return f"src-{digest}"


def source_row(source_id: str, agency: str, title: str, url: str = "", edition: str = "", retrieved: str = "",
               licence: str = "", note: str = "") -> dict[str, str]:
    return dict(zip(SOURCE_COLUMNS, (source_id, agency, title, edition, url, retrieved, licence, note), strict=True))


def minfin_source(edition: str = "", note: str = "") -> dict[str, str]:
    return source_row(MINFIN_SOURCE_ID, MINFIN_AGENCY, MINFIN_TITLE, MINFIN_URL, edition, "", "Official publication "
                      "of a state body", note)


def fiscal_period(year: int, last_month: int) -> tuple[str, bool]:
    """Period key and partial flag of a year-to-date figure: '2024' for a full year, '2025-11' for Jan-Nov."""
    if last_month == 12:
        return str(year), False
    return f"{year}-{last_month:02d}", True


def period_label_en(period: str) -> str:
    match = re.fullmatch(r"(\d{4})-(\d{2})", period)
    if match:
        return f"January-{_MONTHS_EN[int(match.group(2)) - 1]} {match.group(1)}"
    return period


def frames(observations: list[dict], sources: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    obs = coerce(pd.DataFrame(observations, columns=OBS_COLUMNS))
    src = pd.DataFrame(sources, columns=SOURCE_COLUMNS).drop_duplicates("source_id").fillna("").astype(str)
    return obs, src.reset_index(drop=True)


def observation(**fields: object) -> dict:
    base: dict[str, object] = {"unit_name": "", "level": "region", "settlement": "all", "partial": False,
                               "election": "", "sample_n": None, "note": ""}
    base.update(fields)
    if base.get("region") == "KZ" and base["level"] == "region":
        base["level"] = "national"
    return base
