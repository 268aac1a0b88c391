"""The URL is the state: decoding a query defensively and encoding a state back.

Parameters (version 1): lang, indicator, year, election, settlement, regions, view, mode, partial, speed.
An unknown or malformed value falls back to its default and leaves a note for the page to show; it never
raises. Older spellings are migrated so links already sent keep working (see `_MIGRATIONS`).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from urllib.parse import parse_qs, urlencode

from lsgdash.i18n import DEFAULT_LANG, LANGS
from lsgdash.indicators import CATALOG, DEFAULT_INDICATOR
from lsgdash.registry import UNIT_CODES, UnknownUnitError, resolve
from lsgdash.store.dataset import Dataset

VERSION = "1"
VIEWS = ("trend", "scatter", "ranking")
MODES = ("explore", "briefing")
SPEEDS = {"slow": 3000, "normal": 1500, "fast": 700}
MAX_PARAM_CHARS = 200
# Spellings of earlier versions and common hand-typed variants, mapped to today's.
_MIGRATIONS = {"lang": {"kz": "kk", "qq": "kk", "rus": "ru", "eng": "en"},
               "indicator": {"transfers": "transfer_share", "own_share": "own_source_share"},
               "mode": {"present": "briefing", "presentation": "briefing"}}


@dataclass(frozen=True)
class State:
    lang: str = DEFAULT_LANG
    indicator: str = DEFAULT_INDICATOR
    period: str = ""
    election: str = ""
    settlement: str = "all"
    regions: tuple[str, ...] = ()
    view: str = "trend"
    mode: str = "explore"
    partial: bool = False
    speed: str = "normal"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["regions"] = list(self.regions)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> State:
        return cls(**{**data, "regions": tuple(data.get("regions") or ())})


def periods_for(dataset: Dataset, indicator: str, partial: bool, settlement: str = "all") -> list[str]:
    return dataset.periods(indicator, include_partial=partial, settlement=settlement)


def default_election(dataset: Dataset, settlement: str = "all") -> str:
    """The newest vote with regional figures for most units, so a bare turnout link shows a full map."""
    table = dataset.table
    turnout = table[(table["indicator"] == "turnout") & (table["unit_name"] == "")
                    & (table["settlement"] == settlement) & (table["region"] != "KZ")]
    counts = turnout.groupby("election")["region"].nunique()
    full = [e for e, n in counts.items() if n >= 14]
    candidates = full or list(counts.index)
    return max(candidates, key=lambda e: e[-10:]) if candidates else ""


def decode(query: str, dataset: Dataset, lang_hint: str | None = None) -> tuple[State, list[tuple[str, str]]]:
    """A valid state from any query string, and the (param, value) pairs that were not understood."""
    raw = parse_qs(query.lstrip("?"), keep_blank_values=True)
    params = {k: v[-1][:MAX_PARAM_CHARS].strip() for k, v in raw.items() if v}
    notes: list[tuple[str, str]] = []

    def take(name: str, allowed: tuple[str, ...] | list[str] | set[str], default: str) -> str:
        value = params.get(name)
        if value is None or value == "":
            return default
        value = _MIGRATIONS.get(name, {}).get(value.lower(), value)
        if value in allowed:
            return value
        notes.append((name, value))
        return default

    lang = take("lang", LANGS, lang_hint if lang_hint in LANGS else DEFAULT_LANG)
    indicator = take("indicator", tuple(CATALOG), DEFAULT_INDICATOR)
    spec = CATALOG[indicator]
    settlements = dataset.settlements(indicator) if spec.uses_settlement else ["all"]
    settlement = take("settlement", settlements, "all")
    partial = params.get("partial", "0") in ("1", "true", "yes")
    period, election = "", ""
    if spec.uses_election:
        elections = dataset.elections(settlement)
        election = take("election", elections, default_election(dataset, settlement) or
                        (elections[0] if elections else ""))
    else:
        requested = params.get("year", "")
        if re.fullmatch(r"\d{4}-\d{2}", requested):
            partial = True
        periods = periods_for(dataset, indicator, partial, settlement)
        full_years = [p for p in periods if len(p) == 4] or periods
        period = take("year", periods, full_years[-1] if full_years else "")
    regions: list[str] = []
    for token in [r for r in params.get("regions", "").split(",") if r.strip()][:20]:
        try:
            code = token.strip().upper() if token.strip().upper() in UNIT_CODES else resolve(token)
        except UnknownUnitError:
            notes.append(("regions", token))
            continue
        if code in UNIT_CODES and code not in regions:
            regions.append(code)
    view = take("view", VIEWS, "trend")
    mode = take("mode", MODES, "explore")
    speed = take("speed", tuple(SPEEDS), "normal")
    if params.get("v", VERSION) not in ("0", VERSION):
        notes.append(("v", params["v"]))
    state = State(lang, indicator, period, election, settlement, tuple(regions), view, mode, partial, speed)
    return state, notes


def encode(state: State) -> str:
    """The query string of a state, defaults left out so links stay short."""
    default = State(lang=state.lang)
    params: dict[str, str] = {"v": VERSION, "lang": state.lang, "indicator": state.indicator}
    if state.election:
        params["election"] = state.election
    elif state.period:
        params["year"] = state.period
    if state.settlement != default.settlement:
        params["settlement"] = state.settlement
    if state.regions:
        params["regions"] = ",".join(state.regions)
    for name in ("view", "mode", "speed"):
        if getattr(state, name) != getattr(default, name):
            params[name] = getattr(state, name)
    if state.partial:
        params["partial"] = "1"
    return "?" + urlencode(params, safe=",")


def with_changes(state: State, **changes: object) -> State:
    return replace(state, **changes)  # type: ignore[arg-type]
