"""Wiring between the controls, the map clicks, the keyboard and the URL: one hub callback owns the state."""

from __future__ import annotations

from dash import ALL, Input, Output, State, callback_context, html, no_update
from dash.exceptions import PreventUpdate

from lsgdash.callbacks.common import current_dataset, guarded
from lsgdash.i18n import t
from lsgdash.ui import ids
from lsgdash.ui.panels import (
    CONTROL_OUTPUTS,
    STEP_OUTPUTS,
    control_props,
    controls_key,
    slider_position,
    step_props,
)
from lsgdash.ui.transitions import apply, settle
from lsgdash.ui.urlstate import State as ViewState
from lsgdash.ui.urlstate import decode, encode

_CONTROL_EVENTS = {
    ids.INDICATOR: "indicator", ids.PERIOD: "period", ids.ELECTION: "election", ids.SETTLEMENT: "settlement",
    ids.REGIONS: "regions", ids.PARTIAL: "partial", ids.VIEW_TABS: "view", ids.SPEED: "speed",
    ids.PREV: "prev", ids.NEXT: "next", ids.TICKER: "tick", ids.CLEAR: "clear",
}
_CLICKABLE = (ids.MAP, ids.RANKING, ids.SCATTER)


def _clicked_region(data: dict | None) -> str | None:
    points = (data or {}).get("points") or []
    if not points:
        return None
    point = points[0]
    return point.get("location") or point.get("customdata")


def _event(trigger: object, value: object) -> tuple[str, object]:
    if isinstance(trigger, dict) and trigger.get("type") == ids.REGION_BUTTON:
        return "toggle", trigger.get("iso")
    if trigger in _CLICKABLE:
        return "toggle", _clicked_region(value)  # type: ignore[arg-type]
    if trigger == ids.PARTIAL:
        return "partial", bool(value)
    return _CONTROL_EVENTS.get(trigger, ""), value  # type: ignore[arg-type]


def _step_values(current: ViewState, state: ViewState, dataset: object) -> tuple:
    """The controls key (only when it changes, so the controls callback fires only then) and the step props."""
    key = controls_key(state)
    props = step_props(state, dataset)  # type: ignore[arg-type]
    return (key if key != controls_key(current) else no_update, *(props[k] for k in STEP_OUTPUTS))


def _control_values(state: ViewState, dataset: object) -> tuple:
    return (state.indicator, slider_position(state, dataset),  # type: ignore[arg-type]
            state.election or None, state.settlement, list(state.regions), ["partial"] if state.partial else [],
            state.view, state.speed)


def register(app: object) -> None:
    control_outputs = [Output(ids.INDICATOR, "value"), Output(ids.PERIOD, "value"), Output(ids.ELECTION, "value"),
                       Output(ids.SETTLEMENT, "value"), Output(ids.REGIONS, "value"), Output(ids.PARTIAL, "value"),
                       Output(ids.VIEW_TABS, "active_tab"), Output(ids.SPEED, "value")]

    @app.callback(  # type: ignore[attr-defined]
        Output(ids.STATE, "data"), Output(ids.URL, "search"), *control_outputs, Output(ids.NOTES, "children"),
        Output(ids.CONTROLS_KEY, "data"), *[Output(component, prop) for component, prop in STEP_OUTPUTS],
        Input(ids.URL, "search"),
        Input(ids.INDICATOR, "value"), Input(ids.PERIOD, "value"), Input(ids.ELECTION, "value"),
        Input(ids.SETTLEMENT, "value"), Input(ids.REGIONS, "value"), Input(ids.PARTIAL, "value"),
        Input(ids.VIEW_TABS, "active_tab"), Input(ids.SPEED, "value"),
        Input(ids.MAP, "clickData"), Input(ids.RANKING, "clickData"), Input(ids.SCATTER, "clickData"),
        Input(ids.PREV, "n_clicks"), Input(ids.NEXT, "n_clicks"), Input(ids.TICKER, "n_intervals"),
        Input(ids.CLEAR, "n_clicks"), Input({"type": ids.REGION_BUTTON, "iso": ALL}, "n_clicks"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    @guarded(lambda *args: (no_update,) * (12 + len(STEP_OUTPUTS)))
    def sync(search: str, *args: object) -> tuple:
        """Moves the state one step and writes it to the URL, or (on back/forward) reads it from the URL."""
        current = ViewState.from_dict(args[-1])
        dataset = current_dataset()
        trigger = callback_context.triggered_id
        if trigger == ids.URL:
            state, notes = decode(search or "", dataset, current.lang)
            if state == current:
                raise PreventUpdate
            note_children = [html.Div(t("note.fallback", state.lang, param=p, value=v),
                                      className="alert alert-warning py-1 mb-1", role="status") for p, v in notes]
            return (state.to_dict(), no_update, *_control_values(state, dataset), note_children,
                    *_step_values(current, state, dataset))
        if trigger in _CLICKABLE or isinstance(trigger, dict):
            value = callback_context.triggered[0]["value"] if trigger in _CLICKABLE else None
            if isinstance(trigger, dict) and not callback_context.triggered[0]["value"]:
                raise PreventUpdate  # a button being drawn, not pressed
        else:
            value = callback_context.triggered[0]["value"]
        event, payload = _event(trigger, value)
        state = settle(apply(current, dataset, event, payload), dataset)
        if state == current:
            raise PreventUpdate
        return (state.to_dict(), encode(state), *_control_values(state, dataset), no_update,
                *_step_values(current, state, dataset))

    @app.callback(  # type: ignore[attr-defined]
        *[Output(component, prop) for component, prop in CONTROL_OUTPUTS], Input(ids.CONTROLS_KEY, "data"),
        State(ids.STATE, "data"), prevent_initial_call=True,
    )
    @guarded(lambda *args: (no_update,) * len(CONTROL_OUTPUTS))
    def controls(_key: list, data: dict) -> tuple:
        """Options and disabled states; they depend only on `controls_key`, so a year step leaves them be."""
        props = control_props(ViewState.from_dict(data), current_dataset())
        return tuple(props[key] for key in CONTROL_OUTPUTS)

    @app.callback(  # type: ignore[attr-defined]
        Output(ids.TICKER, "disabled"), Output(ids.PLAY, "children"), Output(ids.PLAY, "aria-pressed"),
        Input(ids.PLAY, "n_clicks"), State(ids.TICKER, "disabled"), State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def play(_clicks: int, stopped: bool, data: dict) -> tuple:
        """Play/pause: the ticker steps the year through the hub, so the URL follows the animation."""
        lang = data.get("lang", "en")
        playing = bool(stopped)
        return not playing, t("ctl.pause" if playing else "ctl.play", lang), "true" if playing else "false"
