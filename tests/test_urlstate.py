"""The URL is the state: decoding, encoding, old links, and how user events move the state."""

from __future__ import annotations

import pytest

from lsgdash.store.dataset import load_dataset
from lsgdash.ui.transitions import apply, settle, step, time_steps
from lsgdash.ui.urlstate import State, decode, encode


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def test_the_acceptance_link_decodes_exactly(dataset) -> None:
    state, notes = decode("?lang=kk&indicator=transfer_share&year=2024&regions=KZ-61", dataset)
    assert notes == []
    assert (state.lang, state.indicator, state.period, state.regions) == ("kk", "transfer_share", "2024", ("KZ-61",))


def test_encode_then_decode_gives_the_same_state(dataset) -> None:
    state = State("ru", "turnout", "", "mazhilis-2023-03-19", "all", ("KZ-61", "KZ-23"), "scatter", "briefing",
                  False, "fast")
    assert decode(encode(state), dataset)[0] == state
    assert encode(state).startswith("?v=1&lang=ru&indicator=turnout&election=mazhilis-2023-03-19")


def test_bad_values_fall_back_and_are_reported(dataset) -> None:
    state, notes = decode("?lang=xx&indicator=drop%20table&year=abc&regions=<script>,KZ-61&mode=evil", dataset)
    assert state.lang == "kk" and state.indicator == "transfer_share" and state.period == "2024"
    assert state.regions == ("KZ-61",) and state.mode == "explore"
    assert {p for p, _ in notes} == {"lang", "indicator", "year", "regions", "mode"}


def test_old_and_hand_typed_links_keep_working(dataset) -> None:
    state, notes = decode("?lang=kz&indicator=transfers&mode=presentation&regions=Turkistan,Nur-Sultan", dataset)
    assert notes == []
    assert (state.lang, state.indicator, state.mode) == ("kk", "transfer_share", "briefing")
    assert state.regions == ("KZ-61", "KZ-71")


def test_a_partial_period_in_the_link_turns_partial_years_on(dataset) -> None:
    state, _ = decode("?indicator=own_source_share&year=2025-11", dataset)
    assert state.partial and state.period == "2025-11"


def test_turnout_without_a_vote_opens_the_newest_full_vote(dataset) -> None:
    state, _ = decode("?indicator=turnout", dataset)
    assert state.election == "referendum-2024-10-06" and state.period == ""


def test_stepping_stops_at_the_ends_and_play_wraps(dataset) -> None:
    state = decode("?year=2024", dataset)[0]
    assert step(state, dataset, 1).period == "2024"
    assert apply(state, dataset, "tick", None).period == "2013"
    assert apply(state, dataset, "prev", None).period == "2023"
    first = decode("?year=2013", dataset)[0]
    assert apply(first, dataset, "prev", None).period == "2013"


def test_turnout_steps_through_votes_in_date_order(dataset) -> None:
    state = decode("?indicator=turnout&election=presidential-2019-06-09", dataset)[0]
    votes = time_steps(state, dataset)
    assert votes == sorted(votes, key=lambda e: e[-10:])
    assert apply(state, dataset, "next", None).election == "mazhilis-2021-01-10"


def test_switching_indicator_keeps_the_year_when_it_exists(dataset) -> None:
    turnout = decode("?indicator=turnout&election=mazhilis-2023-03-19", dataset)[0]
    fiscal = apply(turnout, dataset, "indicator", "own_source_share")
    assert fiscal.period == "2023" and fiscal.election == ""
    back = apply(fiscal, dataset, "indicator", "turnout")
    assert back.election and back.period == ""


def test_map_clicks_toggle_regions(dataset) -> None:
    state = decode("?regions=KZ-61", dataset)[0]
    state = apply(state, dataset, "toggle", "KZ-23")
    assert state.regions == ("KZ-61", "KZ-23")
    state = apply(state, dataset, "toggle", "KZ-61")
    assert state.regions == ("KZ-23",)
    assert apply(state, dataset, "toggle", "not-a-region").regions == ("KZ-23",)
    assert apply(state, dataset, "clear", None).regions == ()


def test_settlement_filters_votes_to_those_with_figures(dataset) -> None:
    state = decode("?indicator=turnout", dataset)[0]
    rural = settle(apply(state, dataset, "settlement", "rural"), dataset)
    assert rural.settlement == "rural" and rural.election.startswith("rural_akim-")
    fiscal = settle(apply(rural, dataset, "indicator", "transfer_share"), dataset)
    assert fiscal.settlement == "all", "budgets have region figures for 'all' only"


def test_each_panel_sets_exactly_the_props_its_callback_sends(dataset) -> None:
    from lsgdash.ui.panels import (
        CHART_OUTPUTS,
        CONTROL_OUTPUTS,
        KEY_OUTPUTS,
        TABLE_OUTPUTS,
        chart_props,
        control_props,
        key_props,
        table_props,
    )

    for view in ("trend", "scatter", "ranking"):
        state = decode(f"?indicator=turnout&view={view}&mode=briefing", dataset)[0]
        for keys, build in ((CONTROL_OUTPUTS, control_props), (KEY_OUTPUTS, key_props),
                            (CHART_OUTPUTS, chart_props), (TABLE_OUTPUTS, table_props)):
            assert tuple(build(state, dataset)) == keys
