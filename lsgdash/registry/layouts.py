"""The three boundary layouts of first-level units and the date each came into force.

A figure is drawn on the layout of its own date. In an older layout a parent unit keeps its ISO code and
covers the territory of the units later split from it (`members`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lsgdash.registry.units import UNIT_CODES


@dataclass(frozen=True)
class Layout:
    id: str
    valid_from: date | None
    valid_to: date | None
    members: dict[str, tuple[str, ...]]
    names_en: dict[str, str]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.members)

    def parent_of(self, iso: str) -> str | None:
        for parent, parts in self.members.items():
            if iso in parts:
                return parent
        return None


def _members(merged: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    absorbed = {part for parts in merged.values() for part in parts}
    return {code: merged.get(code, (code,)) for code in UNIT_CODES if code not in absorbed or code in merged}


_MERGED_2018 = {"KZ-63": ("KZ-63", "KZ-10"), "KZ-19": ("KZ-19", "KZ-33"), "KZ-35": ("KZ-35", "KZ-62")}
_MERGED_PRE2018 = {**_MERGED_2018, "KZ-61": ("KZ-61", "KZ-79")}

LAYOUT_2022 = Layout("2022", date(2022, 6, 8), None, _members({}), {})
LAYOUT_2018 = Layout(
    "2018", date(2018, 6, 19), date(2022, 6, 7), _members(_MERGED_2018),
    {"KZ-63": "East Kazakhstan Region (incl. Abai)", "KZ-19": "Almaty Region (incl. Zhetysu)",
     "KZ-35": "Karaganda Region (incl. Ulytau)"},
)
LAYOUT_PRE2018 = Layout(
    "pre2018", None, date(2018, 6, 18), _members(_MERGED_PRE2018),
    {**LAYOUT_2018.names_en, "KZ-61": "South Kazakhstan Region (incl. Shymkent)"},
)
LAYOUTS: dict[str, Layout] = {lay.id: lay for lay in (LAYOUT_2022, LAYOUT_2018, LAYOUT_PRE2018)}
BOUNDARY_CHANGES: tuple[date, ...] = (LAYOUT_2018.valid_from, LAYOUT_2022.valid_from)  # type: ignore[assignment]


def layout_for_date(day: date) -> Layout:
    """The layout in force on a day."""
    if day >= LAYOUT_2022.valid_from:  # type: ignore[operator]
        return LAYOUT_2022
    if day >= LAYOUT_2018.valid_from:  # type: ignore[operator]
        return LAYOUT_2018
    return LAYOUT_PRE2018


def layout_for_year(year: int) -> Layout:
    """The layout of a full-year figure: the one in force at the year's end."""
    return layout_for_date(date(year, 12, 31))
