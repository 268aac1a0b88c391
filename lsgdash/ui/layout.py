"""The page, built on the server for the state in the URL, so the first paint already shows that view.

Both modes carry every component id (briefing hides what it does not use), so one set of callbacks
serves both.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from lsgdash.figures.choropleth import map_figure
from lsgdash.i18n import indicator_name, plotly_locale, t
from lsgdash.indicators import CATALOG, GROUPS
from lsgdash.ingest.tables import MAX_FILE_BYTES
from lsgdash.registry import UNIT_CODES, unit_name
from lsgdash.store.dataset import Dataset
from lsgdash.ui import ids
from lsgdash.ui.panels import (
    chart_props,
    control_props,
    controls_key,
    fill,
    key_props,
    slider_position,
    step_props,
    table_props,
    view_of,
)
from lsgdash.ui.urlstate import SPEEDS, State


def graph_config(lang: str, name: str) -> dict:
    """Graph config: locale inline (no script fetched), PNG export with the source caption in it."""
    return {"displaylogo": False, "responsive": True, "scrollZoom": True,
            "modeBarButtonsToRemove": ["select2d", "lasso2d"],
            "toImageButtonOptions": {"format": "png", "filename": f"lsgdash-{name}", "scale": 2},
            **plotly_locale(lang)}


def dropdown_labels(lang: str) -> dict[str, str]:
    """Dash 4's dropdown texts ('2 selected', 'Search', …) in the page's language."""
    keys = ("select_all", "deselect_all", "selected_count", "search", "clear_search", "clear_selection",
            "no_options_found")
    return {key: t(f"dd.{key}", lang) for key in keys}


def indicator_options(lang: str) -> list[dict]:
    options = []
    for group in GROUPS:
        options.append({"label": html.Strong(t(f"ctl.group.{group}", lang)), "value": f"__{group}",
                        "disabled": True})
        options += [{"label": "  " + indicator_name(i.id, lang), "value": i.id}
                    for i in CATALOG.values() if i.group == group]
    return options


def page(state: State, dataset: Dataset, notes: list[tuple[str, str]], store_notice: str = "") -> html.Div:
    """The whole page for a state: a skeleton of components, then every dynamic prop from `panels`."""
    lang = state.lang
    briefing = state.mode == "briefing"
    layout_id = dataset.layout_of(state.period or state.election[-10:]).id
    figure = map_figure(view_of(state, dataset), layout_id, state.indicator, lang, state.regions,
                        CATALOG[state.indicator].binary, font_size=18 if briefing else 14)
    notices = [html.Div(t("note.fallback", lang, param=p, value=v), className="alert alert-warning py-1 mb-1",
                        role="status") for p, v in notes]
    if store_notice:
        notices.append(html.Div(t("note.store", lang, reason=store_notice), className="alert alert-danger py-1"))

    header = html.Header(className="lsg-header", children=[
        html.A(t("skip.main", lang), href="#map-section", className="visually-hidden-focusable"),
        html.Div([html.H1(t("app.title", lang), className="h4 mb-0"),
                  html.P(t("app.subtitle", lang), className="mb-0 small text-muted")]),
        html.Nav(className="lsg-nav", **{"aria-label": t("lang.label", lang)}, children=[
            html.Span(t("lang.label", lang) + ":", className="me-1 small"),
            html.Div(id=ids.LANG_LINKS),
            html.A(t("mode.explore" if briefing else "mode.briefing", lang), id=ids.MODE_LINK,
                   className="btn btn-sm btn-primary ms-2"),
        ]),
    ])

    controls = html.Section(className="lsg-controls", **{"aria-label": t("ctl.indicator", lang)}, children=[
        html.Label(t("ctl.indicator", lang), htmlFor=ids.INDICATOR, className="form-label"),
        dcc.Dropdown(id=ids.INDICATOR, labels=dropdown_labels(lang), options=indicator_options(lang),
                     value=state.indicator, clearable=False, searchable=False),
        html.Div(className="mt-3", children=[
            html.Div([html.Span(id=ids.PERIOD_PREFIX, className="form-label"), html.Strong(id=ids.PERIOD_LABEL)]),
            dcc.Slider(id=ids.PERIOD, min=0, step=1, included=False, value=slider_position(state, dataset)),
            html.Small(id=ids.PERIOD_WHY, className="text-muted d-block"),
            html.Div(className="btn-group mt-2", role="group", children=[
                html.Button("◀", id=ids.PREV, className="btn btn-outline-secondary btn-sm", n_clicks=0,
                            title=t("ctl.prev", lang), **{"aria-label": t("ctl.prev", lang)}),
                html.Button(t("ctl.play", lang), id=ids.PLAY, className="btn btn-outline-primary btn-sm", n_clicks=0,
                            **{"aria-pressed": "false"}),
                html.Button("▶", id=ids.NEXT, className="btn btn-outline-secondary btn-sm", n_clicks=0,
                            title=t("ctl.next", lang), **{"aria-label": t("ctl.next", lang)}),
            ]),
            html.Div(className="d-flex align-items-center gap-2 mt-2", children=[
                html.Label(t("ctl.speed", lang), htmlFor=ids.SPEED, className="small mb-0"),
                dcc.Dropdown(id=ids.SPEED, labels=dropdown_labels(lang), value=state.speed, clearable=False,
                             searchable=False, className="flex-grow-1",
                             options=[{"label": t(f"ctl.speed.{s}", lang), "value": s} for s in SPEEDS]),
            ]),
            dcc.Checklist(id=ids.PARTIAL, options=[{"label": " " + t("ctl.partial", lang), "value": "partial"}],
                          value=["partial"] if state.partial else [], className="small mt-2"),
            html.Small(t("ctl.keys", lang), className="text-muted d-block mt-1"),
        ]),
        html.Div(className="mt-3", children=[
            html.Label(t("ctl.vote", lang), htmlFor=ids.ELECTION, className="form-label"),
            dcc.Dropdown(id=ids.ELECTION, labels=dropdown_labels(lang), clearable=False,
                         value=state.election or None),
            html.Small(id=ids.ELECTION_WHY, className="text-muted d-block"),
        ]),
        html.Fieldset(className="mt-3", children=[
            html.Legend(t("ctl.settlement", lang), className="form-label fs-6"),
            dcc.RadioItems(id=ids.SETTLEMENT, value=state.settlement, inline=True, className="small"),
            html.Small(id=ids.SETTLEMENT_WHY, className="text-muted d-block"),
        ]),
        html.Div(className="mt-3", children=[
            html.Label(t("ctl.regions", lang), htmlFor=ids.REGIONS, className="form-label"),
            dcc.Dropdown(id=ids.REGIONS, labels=dropdown_labels(lang), multi=True, value=list(state.regions),
                         placeholder=t("ctl.regions.placeholder", lang),
                         options=[{"label": unit_name(c, lang), "value": c} for c in UNIT_CODES]),
            html.Button(t("ctl.clear", lang), id=ids.CLEAR, className="btn btn-link btn-sm px-0", n_clicks=0),
        ]),
    ])

    map_section = html.Section(id="map-section", tabIndex="-1", className="lsg-map", children=[
        html.H2(id=ids.MAP_CAPTION, className="h6 mb-1"),
        dcc.Graph(id=ids.MAP, figure=figure, config=graph_config(lang, "map"), className="map-graph",
                  style={"height": "78vh" if briefing else "62vh"}),
        html.P(id=ids.SUMMARY, className="visually-hidden", **{"aria-live": "polite"}),
    ])
    key = html.Aside(id=ids.KEY_FIGURE, className="lsg-key", **{"aria-live": "polite"})
    buttons = html.Nav(className="lsg-region-buttons" + ("" if briefing else " d-none"),
                       **{"aria-label": t("key.regions_title", lang)}, children=[
                           html.H2(t("key.regions_title", lang), className="h6"),
                           html.Div(id=ids.REGION_LIST),
                       ])

    def graph_tab(name: str, graph_id: str, extra: list | None = None) -> dbc.Tab:
        return dbc.Tab(label=t(f"view.{name}", lang), tab_id=name, children=[
            dcc.Graph(id=graph_id, config=graph_config(lang, name), style={"minHeight": "420px"}),
            *(extra or []),
            html.Button(t("fig.svg", lang), id={"type": ids.SVG_BUTTON, "graph": graph_id},
                        className="btn btn-outline-secondary btn-sm mt-1", n_clicks=0),
        ])

    views = dbc.Tabs(id=ids.VIEW_TABS, active_tab=state.view, className="mt-2", children=[
        graph_tab("trend", ids.TREND),
        graph_tab("scatter", ids.SCATTER, [html.P(id=ids.SCATTER_STATS, className="small", role="note")]),
        graph_tab("ranking", ids.RANKING),
    ])

    downloads = html.Section(className="lsg-downloads", children=[
        html.H2(t("view.download", lang), className="h6"),
        html.Div(className="d-flex flex-wrap gap-2", children=[
            html.A(t(f"dl.{name}", lang), id=component_id, className="btn btn-outline-dark btn-sm", download="")
            for name, component_id in (("view_csv", ids.DOWNLOAD_VIEW_CSV), ("view_xlsx", ids.DOWNLOAD_VIEW_XLSX),
                                       ("all_csv", ids.DOWNLOAD_ALL_CSV), ("all_xlsx", ids.DOWNLOAD_ALL_XLSX),
                                       ("template", ids.DOWNLOAD_TEMPLATE))]),
    ])
    upload = html.Section(className="lsg-upload", children=[
        html.H2(t("view.upload", lang), className="h6"),
        html.P(t("up.kinds", lang), className="small text-muted mb-1"),
        dcc.Upload(id=ids.UPLOAD, max_size=MAX_FILE_BYTES, multiple=False, className="upload-box",
                   children=html.Div(t("up.drop", lang, mb=MAX_FILE_BYTES // (1024 * 1024)))),
        dcc.Loading(html.Div(id=ids.UPLOAD_PREVIEW, className="mt-2")),
        html.Button(t("up.confirm", lang), id=ids.UPLOAD_CONFIRM, className="btn btn-success btn-sm mt-1 d-none",
                    n_clicks=0),
        html.Div(id=ids.UPLOAD_RESULT, className="mt-2", role="status"),
        dcc.Store(id=ids.UPLOAD_TOKEN),
    ])

    root = html.Div(className="lsg-page briefing" if briefing else "lsg-page", lang=lang, children=[
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.STATE, data=state.to_dict()),
        dcc.Store(id=ids.CONTROLS_KEY, data=controls_key(state)),
        dcc.Store(id=ids.DATA_VERSION, data=dataset.store.manifest.get("sha256", {}).get("observations.csv", "")),
        dcc.Interval(id=ids.TICKER, interval=SPEEDS[state.speed], disabled=True),
        header,
        html.Div(notices, id=ids.NOTES, className="lsg-notes"),
        html.Main(className="lsg-main", children=[
            html.Div(controls, className="lsg-side"),
            html.Div(className="lsg-centre", children=[map_section, views]),
            html.Div(className="lsg-right", children=[key, buttons]),
        ]),
        html.Section(className="lsg-lower", children=[
            html.H2(t("view.table", lang), className="h6"),
            html.Div(id=ids.TABLE),
            html.H2(t("view.sources", lang), className="h6 mt-3"),
            html.Div(id=ids.SOURCES, className="lsg-sources"),
            downloads, upload,
        ]),
        html.Footer(t("footer", lang), className="lsg-footer small text-muted"),
    ])
    fill(root, {**control_props(state, dataset), **step_props(state, dataset), **key_props(state, dataset),
                **chart_props(state, dataset), **table_props(state, dataset)})
    return root
