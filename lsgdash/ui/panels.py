"""What each part of the page shows for a state: one function per panel, used twice.

The page is built with these values on the server (so opening a link runs no callback before the first
paint), and the callbacks send the same values when the state changes. `SKIP` marks a value that does not
need resending (a hidden chart tab).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from dash import html

from lsgdash.figures.charts import ranking_figure, scatter_figure, trend_figure
from lsgdash.i18n import t, vote_label
from lsgdash.indicators import CATALOG
from lsgdash.store.dataset import Dataset
from lsgdash.ui import ids
from lsgdash.ui.components import (
    data_table,
    key_figure,
    map_caption,
    region_buttons,
    sources_panel,
    summary_text,
    time_text,
)
from lsgdash.ui.transitions import time_steps
from lsgdash.ui.urlstate import SPEEDS, State, default_election, encode, periods_for, with_changes

SKIP = object()
CACHE_LIMIT = 512  # states remembered per panel; each entry is a few KB
LANG_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
Props = dict[tuple[str, str], object]


def per_state(func: Callable) -> Callable:
    """Remembers a panel's values per state and dataset. The data is read-only, so a value never goes stale
    within one dataset (a reloaded dataset is a new object and misses); a presenter stepping through years, or
    a hundred users opening the same link, then cost one computation each."""
    cache: dict[State, tuple[Dataset, object]] = {}

    @functools.wraps(func)
    def cached(state: State, dataset: Dataset) -> object:
        hit = cache.get(state)
        if hit is not None and hit[0] is dataset:
            return hit[1]
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        value = func(state, dataset)
        cache[state] = (dataset, value)
        return value

    return cached


@per_state
def view_of(state: State, dataset: Dataset):
    return dataset.view(state.indicator, state.period or None, state.election or None, state.settlement, state.lang)


def lang_href(state: State, lang: str) -> str:
    return "/" + encode(with_changes(state, lang=lang))


def mode_href(state: State) -> str:
    return "/" + encode(with_changes(state, mode="explore" if state.mode == "briefing" else "briefing"))


def period_marks(periods: list[str]) -> dict[int, str]:
    """Labels for the first, the last and every third period: all twelve years do not fit in the column."""
    last = len(periods) - 1
    return {i: ((p if len(p) == 4 else p[:4] + "*") if i in (0, last) or (last - i) % 3 == 0 else "")
            for i, p in enumerate(periods)}


def lang_links(state: State) -> list:
    return [html.A(LANG_NAMES[code], href=lang_href(state, code), lang=code, hrefLang=code,
                   className="btn btn-sm " + ("btn-dark" if code == state.lang else "btn-outline-dark"),
                   **{"aria-current": "true" if code == state.lang else None})
            for code in LANG_NAMES]


@per_state
def control_props(state: State, dataset: Dataset) -> Props:
    """Options and disabled states that follow the state, each disabled control saying why."""
    lang, spec = state.lang, CATALOG[state.indicator]
    periods = periods_for(dataset, state.indicator, state.partial, state.settlement)
    available = set(dataset.settlements(state.indicator)) if spec.uses_settlement else {"all"}
    return {
        (ids.PERIOD, "marks"): period_marks([] if spec.uses_election else periods),
        (ids.PERIOD, "max"): max(len(periods) - 1, 0),
        (ids.PERIOD, "disabled"): spec.uses_election or len(periods) < 2,
        (ids.PERIOD_WHY, "children"): t("why.year.vote", lang) if spec.uses_election else (
            t("why.year.single", lang) if len(periods) < 2 else ""),
        (ids.ELECTION, "options"): [{"label": vote_label(e, lang), "value": e}
                                    for e in dataset.elections(state.settlement)],
        (ids.ELECTION, "disabled"): not spec.uses_election,
        (ids.ELECTION_WHY, "children"): "" if spec.uses_election else t("why.vote.fiscal", lang),
        (ids.SETTLEMENT, "options"): [{"label": " " + t(f"settlement.{s}", lang), "value": s,
                                       "disabled": s not in available}
                                      for s in ("all", "urban", "rural", "rural_okrug")],
        (ids.SETTLEMENT_WHY, "children"): "" if len(available) > 1 else t("why.settlement.none", lang),
        (ids.TICKER, "interval"): SPEEDS[state.speed],
        (ids.PERIOD_PREFIX, "children"): t("ctl.vote_step" if spec.uses_election else "ctl.year", lang) + ": ",
    }


def controls_key(state: State) -> list:
    """What the controls' options depend on: a plain year step or a selection leaves them alone."""
    return [state.lang, state.indicator, state.settlement, state.partial, state.mode, state.speed]


@per_state
def step_props(state: State, dataset: Dataset) -> Props:
    """What changes with every step: the year (or vote) label, whether ◀/▶ can move, and the language and
    mode links, which carry the whole view."""
    steps = time_steps(state, dataset)
    current = state.election or state.period
    position = steps.index(current) if current in steps else 0
    return {(ids.PERIOD_LABEL, "children"): time_text(state.period, state.election, state.lang),
            (ids.PREV, "disabled"): position <= 0,
            (ids.NEXT, "disabled"): position >= len(steps) - 1,
            (ids.LANG_LINKS, "children"): lang_links(state), (ids.MODE_LINK, "href"): mode_href(state)}


@per_state
def key_props(state: State, dataset: Dataset) -> Props:
    view = view_of(state, dataset)
    period_text = time_text(state.period, state.election, state.lang)
    layout_id = dataset.layout_of(state.period or state.election[-10:]).id
    return {
        (ids.MAP_CAPTION, "children"): map_caption(state.indicator, period_text, layout_id, state.lang,
                                                   state.period if len(state.period) == 7 else "",
                                                   view["sample_n"].max()),
        (ids.SUMMARY, "children"): summary_text(view, state.indicator, period_text, state.lang),
        (ids.KEY_FIGURE, "children"): key_figure(view, state.indicator, period_text, state.lang, state.regions),
        # the list of every region is only shown in briefing mode
        (ids.REGION_LIST, "children"): region_buttons(view, state.indicator, state.lang, state.regions)
        if state.mode == "briefing" else SKIP,
    }


def fiscal_year_for_vote(dataset: Dataset, election: str) -> str:
    """The latest full budget year at or before a vote's year, to pair with its turnout."""
    years = [p for p in dataset.periods("own_source_share") if p <= election[-10:-6]]
    return years[-1] if years else ""


@per_state
def chart_props(state: State, dataset: Dataset) -> Props:
    """The visible chart tab only; the others are drawn when their tab is opened."""
    lang = state.lang
    props: Props = {(ids.TREND, "figure"): SKIP, (ids.SCATTER, "figure"): SKIP,
                    (ids.SCATTER_STATS, "children"): SKIP, (ids.RANKING, "figure"): SKIP}
    if state.view == "trend":
        series = dataset.series(state.indicator, [*state.regions, "KZ"], state.settlement, state.partial)
        names = {code: dataset.region_label(code, dataset.layout_of("2024"), lang) for code in state.regions}
        names["KZ"] = t("trend.national", lang)
        props[(ids.TREND, "figure")] = trend_figure(series, state.indicator, lang, state.regions, names,
                                                    state.period)
    elif state.view == "ranking":
        props[(ids.RANKING, "figure")] = ranking_figure(
            view_of(state, dataset), state.indicator, lang, state.regions,
            time_text(state.period, state.election, lang), binary=CATALOG[state.indicator].binary)
    else:
        election = state.election or default_election(dataset)
        fiscal_period = fiscal_year_for_vote(dataset, election) if election else ""
        if not election or not fiscal_period:
            props[(ids.SCATTER_STATS, "children")] = t("scatter.nofiscal" if election else "scatter.novote", lang)
            return props
        fiscal = dataset.view("own_source_share", fiscal_period, None, "all", lang)
        turnout = dataset.view("turnout", None, election, "all", lang)
        figure, sentence = scatter_figure(fiscal, turnout, fiscal_period, election, lang, state.regions)
        props[(ids.SCATTER, "figure")] = figure
        props[(ids.SCATTER_STATS, "children")] = sentence
    return props


@per_state
def table_props(state: State, dataset: Dataset) -> Props:
    view = view_of(state, dataset)
    period_text = time_text(state.period, state.election, state.lang)
    query = encode(state)
    return {
        (ids.TABLE, "children"): data_table(view, state.indicator, period_text, state.lang, state.regions),
        (ids.SOURCES, "children"): sources_panel(view, state.indicator, state.lang, dataset.citation),
        (ids.DOWNLOAD_VIEW_CSV, "href"): f"/download/view.csv{query}",
        (ids.DOWNLOAD_VIEW_XLSX, "href"): f"/download/view.xlsx{query}",
        (ids.DOWNLOAD_ALL_CSV, "href"): f"/download/all.csv?lang={state.lang}",
        (ids.DOWNLOAD_ALL_XLSX, "href"): f"/download/all.xlsx?lang={state.lang}",
        (ids.DOWNLOAD_TEMPLATE, "href"): "/download/template.csv",
    }


def slider_position(state: State, dataset: Dataset) -> int:
    periods = periods_for(dataset, state.indicator, state.partial, state.settlement)
    return periods.index(state.period) if state.period in periods else 0


CONTROL_OUTPUTS = (
    (ids.PERIOD, "marks"), (ids.PERIOD, "max"), (ids.PERIOD, "disabled"), (ids.PERIOD_WHY, "children"),
    (ids.ELECTION, "options"), (ids.ELECTION, "disabled"), (ids.ELECTION_WHY, "children"),
    (ids.SETTLEMENT, "options"), (ids.SETTLEMENT_WHY, "children"), (ids.TICKER, "interval"),
    (ids.PERIOD_PREFIX, "children"),
)
STEP_OUTPUTS = ((ids.PERIOD_LABEL, "children"), (ids.PREV, "disabled"), (ids.NEXT, "disabled"),
                (ids.LANG_LINKS, "children"), (ids.MODE_LINK, "href"))
KEY_OUTPUTS = ((ids.MAP_CAPTION, "children"), (ids.SUMMARY, "children"), (ids.KEY_FIGURE, "children"),
               (ids.REGION_LIST, "children"))
CHART_OUTPUTS = ((ids.TREND, "figure"), (ids.SCATTER, "figure"), (ids.SCATTER_STATS, "children"),
                 (ids.RANKING, "figure"))
TABLE_OUTPUTS = ((ids.TABLE, "children"), (ids.SOURCES, "children"), (ids.DOWNLOAD_VIEW_CSV, "href"),
                 (ids.DOWNLOAD_VIEW_XLSX, "href"), (ids.DOWNLOAD_ALL_CSV, "href"), (ids.DOWNLOAD_ALL_XLSX, "href"),
                 (ids.DOWNLOAD_TEMPLATE, "href"))


def fill(component: object, props: Props) -> None:
    """Sets the given props on the components of a tree, by id (skipping SKIP)."""
    component_id = getattr(component, "id", None)
    if isinstance(component_id, str):
        for (target, prop), value in props.items():
            if target == component_id and value is not SKIP:
                setattr(component, prop, value)
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if hasattr(child, "to_plotly_json"):
            fill(child, props)


