"""How the state moves when a user acts: pure functions, so every rule is tested without a browser."""

from __future__ import annotations

from lsgdash.indicators import CATALOG
from lsgdash.registry import UNIT_CODES
from lsgdash.store.dataset import Dataset
from lsgdash.ui.urlstate import SPEEDS, VIEWS, State, default_election, periods_for, with_changes


def time_steps(state: State, dataset: Dataset) -> list[str]:
    """The sequence ←/→ and play move through: votes (oldest first) for turnout, periods otherwise."""
    if CATALOG[state.indicator].uses_election:
        return sorted(dataset.elections(state.settlement), key=lambda e: e[-10:])
    return periods_for(dataset, state.indicator, state.partial, state.settlement)


def _current(state: State) -> str:
    return state.election or state.period


def step(state: State, dataset: Dataset, delta: int, wrap: bool = False) -> State:
    steps = time_steps(state, dataset)
    if not steps:
        return state
    index = steps.index(_current(state)) if _current(state) in steps else len(steps) - 1
    target = index + delta
    target = target % len(steps) if wrap else max(0, min(len(steps) - 1, target))
    return _at(state, steps[target])


def _at(state: State, value: str) -> State:
    return with_changes(state, election=value) if CATALOG[state.indicator].uses_election else \
        with_changes(state, period=value)


def settle(state: State, dataset: Dataset) -> State:
    """Makes a state consistent after a change: the period or vote exists for the indicator and settlement."""
    spec = CATALOG.get(state.indicator)
    if spec is None:
        return settle(with_changes(state, indicator="transfer_share"), dataset)
    settlement = state.settlement if (spec.uses_settlement and state.settlement in dataset.settlements(
        state.indicator)) else "all"
    state = with_changes(state, settlement=settlement)
    if spec.uses_election:
        elections = dataset.elections(settlement)
        election = state.election if state.election in elections else (
            default_election(dataset, settlement) or (elections[0] if elections else ""))
        return with_changes(state, election=election, period="")
    periods = periods_for(dataset, state.indicator, state.partial, settlement)
    if state.period in periods:
        return with_changes(state, election="")
    full = [p for p in periods if len(p) == 4] or periods
    # Keep the year the user was looking at when the new indicator has it (e.g. turnout 2023 → budgets 2023).
    year = (state.period or state.election[-10:])[:4]
    same_year = [p for p in full if p[:4] == year]
    return with_changes(state, period=(same_year or full or [""])[-1], election="")


def apply(state: State, dataset: Dataset, event: str, value: object) -> State:
    """The next state after one user event."""
    if event == "indicator" and value in CATALOG:
        return settle(with_changes(state, indicator=str(value)), dataset)
    if event == "period" and isinstance(value, int):
        periods = periods_for(dataset, state.indicator, state.partial, state.settlement)
        if 0 <= value < len(periods) and not state.election:
            return with_changes(state, period=periods[value])
        return state
    if event in ("prev", "next"):
        return step(state, dataset, -1 if event == "prev" else 1)
    if event == "tick":
        return step(state, dataset, 1, wrap=True)
    if event == "election" and value in dataset.elections(state.settlement):
        return with_changes(state, election=str(value))
    if event == "settlement" and isinstance(value, str):
        return settle(with_changes(state, settlement=value), dataset)
    if event == "partial":
        return settle(with_changes(state, partial=bool(value)), dataset)
    if event == "regions" and isinstance(value, list):
        return with_changes(state, regions=tuple(dict.fromkeys(v for v in value if v in UNIT_CODES)))
    if event == "toggle" and value in UNIT_CODES:
        regions = tuple(r for r in state.regions if r != value) if value in state.regions else \
            (*state.regions, str(value))
        return with_changes(state, regions=regions)
    if event == "clear":
        return with_changes(state, regions=())
    if event == "view" and value in VIEWS:
        return with_changes(state, view=str(value))
    if event == "speed" and value in SPEEDS:
        return with_changes(state, speed=str(value))
    return state
