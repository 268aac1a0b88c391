"""Units, their names in every spelling, and the boundary layouts."""

from lsgdash.registry.layouts import BOUNDARY_CHANGES, LAYOUTS, Layout, layout_for_date, layout_for_year
from lsgdash.registry.names import UnknownUnitError, normalise, resolve, suggest
from lsgdash.registry.units import BY_BULLETIN_CODE, BY_ISO, NATIONAL, UNIT_CODES, UNITS, Unit, unit_name

__all__ = [
    "BOUNDARY_CHANGES", "BY_BULLETIN_CODE", "BY_ISO", "LAYOUTS", "NATIONAL", "UNITS", "UNIT_CODES", "Layout",
    "Unit", "UnknownUnitError", "layout_for_date", "layout_for_year", "normalise", "resolve", "suggest",
    "unit_name",
]
