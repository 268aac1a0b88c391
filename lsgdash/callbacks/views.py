"""Wiring from the state to the map, the charts, the table and the sources panel.

The map gets a Patch (numbers and short strings; the boundaries stay in the browser). Only the visible
chart tab is redrawn.
"""

from __future__ import annotations

from urllib.parse import urlencode

from dash import MATCH, ClientsideFunction, Input, Output, Patch, State, html, no_update

from lsgdash.callbacks.common import current_dataset, guarded
from lsgdash.figures.charts import ranking_figure, scatter_figure, trend_figure
from lsgdash.figures.choropleth import map_update, update_paths
from lsgdash.i18n import t
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
from lsgdash.ui.urlstate import State as ViewState
from lsgdash.ui.urlstate import default_election, encode


def _view(state: ViewState, dataset: Dataset):
    return dataset.view(state.indicator, state.period or None, state.election or None, state.settlement, state.lang)


def _error_note(*args: object) -> html.Div:
    lang = (args[-1] or {}).get("lang", "en") if args and isinstance(args[-1], dict) else "en"
    return html.Div(t("note.error", lang), className="alert alert-danger py-1", role="alert")


def fiscal_year_for_vote(dataset: Dataset, election: str) -> str:
    """The latest full budget year at or before a vote's year, to pair with its turnout."""
    years = [p for p in dataset.periods("own_source_share") if p <= election[-10:-6]]
    return years[-1] if years else ""


def register(app: object) -> None:
    @app.callback(  # type: ignore[attr-defined]
        Output(ids.MAP, "figure"), Input(ids.STATE, "data"), Input(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    @guarded(lambda *args: no_update)
    def update_map(data: dict, _version: str) -> Patch:
        """Only what changed on the map: values, hover texts, colour classes, selection, boundary URL."""
        state = ViewState.from_dict(data)
        dataset = current_dataset()
        view = _view(state, dataset)
        layout_id = dataset.layout_of(state.period or state.election[-10:]).id
        patch = Patch()
        for path, value in map_update(view, layout_id, state.indicator, state.lang, state.regions,
                                      CATALOG[state.indicator].binary).items():
            target = patch
            *steps, last = update_paths(path)
            for step in steps:
                target = target[step]
            target[last] = value
        return patch

    @app.callback(  # type: ignore[attr-defined]
        Output(ids.MAP_CAPTION, "children"), Output(ids.SUMMARY, "children"), Output(ids.KEY_FIGURE, "children"),
        Output("region-list", "children"),
        Input(ids.STATE, "data"), Input(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    @guarded(lambda *args: (no_update, no_update, _error_note(*args[:1]), no_update))
    def update_key_figure(data: dict, _version: str) -> tuple:
        state = ViewState.from_dict(data)
        dataset = current_dataset()
        view = _view(state, dataset)
        period_text = time_text(state.period, state.election, state.lang)
        layout_id = dataset.layout_of(state.period or state.election[-10:]).id
        caption = map_caption(state.indicator, period_text, layout_id, state.lang,
                              state.period if len(state.period) == 7 else "", view["sample_n"].max())
        buttons = region_buttons(view, state.indicator, state.lang, state.regions) if state.mode == "briefing" \
            else no_update  # the list is only shown in briefing mode
        return (caption, summary_text(view, state.indicator, period_text, state.lang),
                key_figure(view, state.indicator, period_text, state.lang, state.regions), buttons)

    @app.callback(  # type: ignore[attr-defined]
        Output(ids.TREND, "figure"), Output(ids.SCATTER, "figure"), Output(ids.SCATTER_STATS, "children"),
        Output(ids.RANKING, "figure"),
        Input(ids.STATE, "data"), Input(ids.DATA_VERSION, "data"),
    )
    @guarded(lambda *args: (no_update, no_update, _error_note(*args[:1]), no_update))
    def update_charts(data: dict, _version: str) -> tuple:
        state = ViewState.from_dict(data)
        dataset = current_dataset()
        lang = state.lang
        period_text = time_text(state.period, state.election, lang)
        if state.view == "trend":
            series = dataset.series(state.indicator, [*state.regions, "KZ"], state.settlement, state.partial)
            names = {code: dataset.region_label(code, dataset.layout_of("2024"), lang) for code in state.regions}
            names["KZ"] = t("trend.national", lang)
            return (trend_figure(series, state.indicator, lang, state.regions, names, state.period),
                    no_update, no_update, no_update)
        if state.view == "ranking":
            return (no_update, no_update, no_update,
                    ranking_figure(_view(state, dataset), state.indicator, lang, state.regions, period_text,
                                   binary=CATALOG[state.indicator].binary))
        election = state.election or default_election(dataset)
        fiscal_period = fiscal_year_for_vote(dataset, election)
        if not election or not fiscal_period:
            return no_update, {}, t("scatter.nofiscal" if election else "scatter.novote", lang), no_update
        fiscal = dataset.view("own_source_share", fiscal_period, None, "all", lang)
        turnout = dataset.view("turnout", None, election, "all", lang)
        figure, sentence = scatter_figure(fiscal, turnout, fiscal_period, election, lang, state.regions)
        return no_update, figure, sentence, no_update

    @app.callback(  # type: ignore[attr-defined]
        Output(ids.TABLE, "children"), Output(ids.SOURCES, "children"),
        Output(ids.DOWNLOAD_VIEW_CSV, "href"), Output(ids.DOWNLOAD_VIEW_XLSX, "href"),
        Output(ids.DOWNLOAD_ALL_CSV, "href"), Output(ids.DOWNLOAD_ALL_XLSX, "href"),
        Output(ids.DOWNLOAD_TEMPLATE, "href"),
        Input(ids.STATE, "data"), Input(ids.DATA_VERSION, "data"),
    )
    @guarded(lambda *args: (_error_note(*args[:1]),) + (no_update,) * 6)
    def update_table(data: dict, _version: str) -> tuple:
        state = ViewState.from_dict(data)
        dataset = current_dataset()
        view = _view(state, dataset)
        period_text = time_text(state.period, state.election, state.lang)
        query = encode(state)
        lang_only = "?" + urlencode({"lang": state.lang})
        return (data_table(view, state.indicator, period_text, state.lang, state.regions),
                sources_panel(view, state.indicator, state.lang, dataset.citation),
                f"/download/view.csv{query}", f"/download/view.xlsx{query}", f"/download/all.csv{lang_only}",
                f"/download/all.xlsx{lang_only}", "/download/template.csv")

    app.clientside_callback(  # type: ignore[attr-defined]
        ClientsideFunction("lsgdash", "downloadSvg"),
        Output({"type": ids.SVG_BUTTON, "graph": MATCH}, "title"),
        Input({"type": ids.SVG_BUTTON, "graph": MATCH}, "n_clicks"),
        State({"type": ids.SVG_BUTTON, "graph": MATCH}, "id"),
        prevent_initial_call=True,
    )
