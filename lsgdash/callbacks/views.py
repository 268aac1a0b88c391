"""Wiring from the state to the map, the charts, the table and the sources panel.

The map gets a Patch (numbers and short strings; the boundaries stay in the browser). Only the visible
chart tab is redrawn.
"""

from __future__ import annotations

from collections.abc import Callable

from dash import MATCH, ClientsideFunction, Input, Output, Patch, State, html, no_update

from lsgdash.callbacks.common import current_dataset, guarded
from lsgdash.figures.choropleth import map_update, update_paths
from lsgdash.i18n import t
from lsgdash.indicators import CATALOG
from lsgdash.ui import ids
from lsgdash.ui.panels import (
    CHART_OUTPUTS,
    KEY_OUTPUTS,
    SKIP,
    TABLE_OUTPUTS,
    chart_props,
    key_props,
    table_props,
    view_of,
)
from lsgdash.ui.urlstate import State as ViewState


def _error_note(*args: object) -> html.Div:
    lang = (args[-1] or {}).get("lang", "en") if args and isinstance(args[-1], dict) else "en"
    return html.Div(t("note.error", lang), className="alert alert-danger py-1", role="alert")


def register(app: object) -> None:
    def map_patch(state: ViewState, dataset: object) -> dict:
        """Only what changed on the map: values, hover texts, colour classes, selection, boundary URL."""
        view = view_of(state, dataset)  # type: ignore[arg-type]
        layout_id = dataset.layout_of(state.period or state.election[-10:]).id  # type: ignore[attr-defined]
        patch = Patch()
        for path, value in map_update(view, layout_id, state.indicator, state.lang, state.regions,
                                      CATALOG[state.indicator].binary).items():
            target = patch
            *steps, last = update_paths(path)
            for step in steps:
                target = target[step]
            target[last] = value
        return {(ids.MAP, "figure"): patch, **key_props(state, dataset), **table_props(state, dataset)}

    def panel_callback(keys: tuple, build: Callable, error_at: int | None) -> None:
        """A callback that sends a panel's values when the state (or the data) changes."""

        def fallback(*args: object) -> tuple:
            values = [no_update] * len(keys)
            if error_at is not None:
                values[error_at] = _error_note(*args[:1])
            return tuple(values)

        @app.callback(  # type: ignore[attr-defined]
            *[Output(component, prop) for component, prop in keys],
            Input(ids.STATE, "data"), Input(ids.DATA_VERSION, "data"), prevent_initial_call=True,
        )
        @guarded(fallback)
        def update(data: dict, _version: str) -> tuple:
            props = build(ViewState.from_dict(data), current_dataset())
            return tuple(no_update if props[key] is SKIP else props[key] for key in keys)

    # One request brings the map, the key figure and the table (they change together); the chart another.
    panel_callback(((ids.MAP, "figure"), *KEY_OUTPUTS, *TABLE_OUTPUTS), map_patch, 3)
    panel_callback(CHART_OUTPUTS, chart_props, 2)

    app.clientside_callback(  # type: ignore[attr-defined]
        ClientsideFunction("lsgdash", "downloadSvg"),
        Output({"type": ids.SVG_BUTTON, "graph": MATCH}, "title"),
        Input({"type": ids.SVG_BUTTON, "graph": MATCH}, "n_clicks"),
        State({"type": ids.SVG_BUTTON, "graph": MATCH}, "id"),
        prevent_initial_call=True,
    )
