"""Numbers and units as Kazakhstan's files write them: decimal commas, (no-break) space thousands,
«тыс./млн/млрд тенге», «-» for zero in the Bulletin."""

from __future__ import annotations

import math
import re

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DASHES = {"-", "–", "—", "‒"}


def parse_number(value: object, *, dash_is_zero: bool = False) -> float | None:
    """A float, None for an empty cell, or ValueError for text that is not a number."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("a true/false value is not a number")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("not a finite number")
        return float(value)
    text = str(value).strip().replace("_x000D_", "")
    if text == "" or text.lower() in {"nan", "n/a", "na", "…", "..."}:
        return None
    if text in _DASHES:
        if dash_is_zero:
            return 0.0
        return None
    text = text.replace("\u2212", "-").rstrip("%").strip()
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1]
    text = _SPACES.sub("", text)
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    elif text.count(",") > 1:
        text = text.replace(",", "")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    if not _NUMBER.match(text):
        raise ValueError("not a number")
    number = float(text)
    if not math.isfinite(number):
        raise ValueError("not a finite number")
    return -number if negative else number


# Canonical unit, and the factor that turns the written unit into it.
_MONEY = (
    (re.compile(r"\b(трлн|trillion|трлн\.|trn)"), 1e6),
    (re.compile(r"\b(млрд|billion|bn)"), 1e3),
    (re.compile(r"\b(млн|million|mln|mn)"), 1.0),
    (re.compile(r"\b(тыс|мың|thousand|thous|k kzt)"), 1e-3),
)
_CURRENCY = re.compile(r"(тенге|теңге|kzt|tenge|тг\b|₸)")


def parse_unit(text: object) -> tuple[str, float]:
    """(canonical unit, factor) for a unit as written; ValueError if unknown.

    Money becomes million KZT (the Bulletin's unit); percentages stay percent; counts stay counts.
    """
    raw = str(text or "").strip().lower().replace("ё", "е")
    if raw in {"%", "percent", "pct", "процент", "пайыз", "% of revenue", "%, share"}:
        return "%", 1.0
    if raw in {"persons", "people", "voters", "чел", "чел.", "адам", "человек"}:
        return "persons", 1.0
    if raw in {"count", "number", "seats", "candidates", "units", "ед", "ед.", "шт", "саны", "количество"}:
        return "count", 1.0
    if _CURRENCY.search(raw):
        for pattern, factor in _MONEY:
            if pattern.search(raw):
                return "million KZT", factor
        return "million KZT", 1e-6
    raise ValueError("unknown unit")
