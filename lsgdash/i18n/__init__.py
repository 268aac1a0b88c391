"""Kazakh, Russian and English for every text, number and date a user sees.

kk and ru write decimal commas and thin-space thousands (82,9 %; 1 234,5); en writes 82.9 % and 1,234.5.
"""

from __future__ import annotations

import math
import re

from lsgdash.i18n.messages import MESSAGES, MODEBAR, PROBLEMS, WHERE
from lsgdash.i18n.terms import (
    CAVEATS,
    DEFINITIONS,
    INDICATOR_NAMES,
    MONTHS,
    MONTHS_GENITIVE_RU,
    STATUS_NAMES,
    UNIT_NAMES,
    VOTE_TYPES,
)

LANGS = ("kk", "ru", "en")
DEFAULT_LANG = "kk"
_INDEX = {lang: i for i, lang in enumerate(LANGS)}
THIN_SPACE = "\u202f"


def _pick(entry: tuple[str, str, str], lang: str) -> str:
    return entry[_INDEX.get(lang, 2)]


def t(key: str, lang: str, **params: object) -> str:
    """A message in a language, with {placeholders} filled; an unknown key shows as itself."""
    entry = MESSAGES.get(key)
    text = _pick(entry, lang) if entry else key
    return text.format(**params) if params else text


def indicator_name(indicator: str, lang: str) -> str:
    entry = INDICATOR_NAMES.get(indicator)
    return _pick(entry, lang) if entry else indicator.replace("_", " ")


def definition(indicator: str, lang: str) -> str:
    entry = DEFINITIONS.get("survey" if indicator.startswith("survey_") else indicator)
    return _pick(entry, lang) if entry else ""


def caveat(key: str, lang: str) -> str:
    return _pick(CAVEATS[key], lang)


def status_name(status: str, lang: str) -> str:
    entry = STATUS_NAMES.get(status)
    return _pick(entry, lang) if entry else status


def unit_label(unit: str, lang: str) -> str:
    entry = UNIT_NAMES.get(unit)
    return _pick(entry, lang) if entry else unit


def format_number(value: float | None, lang: str, decimals: int = 1) -> str:
    """A number with the language's separators; None or NaN is the language's 'no data'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return status_name("no data", lang)
    text = f"{value:,.{decimals}f}"
    if lang in ("kk", "ru"):
        text = text.replace(",", THIN_SPACE).replace(".", ",")
    return text.replace("-", "−")


def format_value(value: float | None, unit: str, lang: str, decimals: int | None = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return status_name("no data", lang)
    if decimals is None:
        decimals = 1 if unit == "%" else 0
    number = format_number(value, lang, decimals)
    if unit == "%":
        return f"{number}%" if lang == "en" else f"{number} %"
    label = unit_label(unit, lang)
    return f"{number} {label}".strip()


def period_label(period: str, lang: str) -> str:
    """'2024'; a year-to-date period '2025-11' as January-November 2025; a vote date in full."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", period)
    if match:
        year, month = match.group(1), int(match.group(2))
        first, last = _pick(MONTHS[0], lang), _pick(MONTHS[month - 1], lang)
        if lang == "kk":
            return f"{year} ж. {first}–{last}"
        if lang == "ru":
            return f"{first}–{last} {year} г."
        return f"January–{last} {year}"
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", period)
    if match:
        return date_label(period, lang)
    return period


def date_label(iso_date: str, lang: str) -> str:
    year, month, day = int(iso_date[:4]), int(iso_date[5:7]), int(iso_date[8:10])
    if lang == "kk":
        return f"{year} ж. {day} {_pick(MONTHS[month - 1], lang)}"
    if lang == "ru":
        return f"{day} {MONTHS_GENITIVE_RU[month - 1]} {year} г."
    return f"{day} {MONTHS[month - 1][2]} {year}"


def vote_label(election: str, lang: str) -> str:
    """'mazhilis-2023-03-19' as 'Mazhilis and maslikhat elections, 19 March 2023'."""
    kind, day = election[:-11], election[-10:]
    entry = VOTE_TYPES.get(kind)
    name = _pick(entry, lang) if entry else kind.replace("_", " ")
    return f"{name}, {date_label(day, lang)}"


def plotly_locale(lang: str) -> dict:
    """A plotly.js locale passed through the graph config, so no locale script is fetched (kk has none upstream)."""
    if lang == "en":
        return {}
    months = [_pick(m, lang) for m in MONTHS]
    fmt = {"decimal": ",", "thousands": THIN_SPACE, "months": months,
           "shortMonths": [m[:3] for m in months], "date": "%d.%m.%Y"}
    dictionary = {key: _pick(value, lang) for key, value in MODEBAR.items()}
    return {"locale": lang, "locales": {lang: {"dictionary": dictionary, "format": fmt}}}


def best_lang(header_langs: list[str]) -> str:
    for code in header_langs:
        base = code.split("-")[0].lower()
        if base in LANGS:
            return base
    return DEFAULT_LANG


def problem_text(problem: object, lang: str) -> str:
    """An import problem in a language: file, row, column, what is wrong, and the offending text."""
    file, row, column = problem.file, problem.row, problem.column  # type: ignore[attr-defined]
    text, code, message = problem.text, problem.code, problem.message  # type: ignore[attr-defined]
    where = [file]
    if row is not None:
        where.append(_pick(WHERE["row"], lang).format(n=row))
    if column:
        where.append(_pick(WHERE["column"], lang).format(name=column))
    entry = PROBLEMS.get(code)
    what = _pick(entry, lang) if entry else message
    if entry and lang != "en" and "«" in message and code.startswith("bulletin"):
        what += f" ({message.split(':', 1)[0]})"  # the sheet's name
    elif entry and lang != "en" and ";" in message:
        what += " (" + message.split(";", 1)[1].strip() + ")"
    elif entry and lang == "en":
        what = message
    shown = text if len(text) <= 60 else text[:60] + "…"
    suffix = f" ({_pick(WHERE['text'], lang)}: «{shown}»)" if shown else ""
    return ", ".join(where) + ": " + what + suffix
