"""Figure builders: what a reader of each chart would check, without a browser."""

from __future__ import annotations

import json
import math

import plotly.graph_objects as go
import pytest

from lsgdash.figures.charts import ranking_figure, scatter_figure, trend_figure
from lsgdash.figures.choropleth import SOURCE_CAPTION, map_figure, map_update
from lsgdash.figures.common import class_colours, nice_bins, short_source
from lsgdash.store.dataset import load_dataset


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def test_map_shows_values_and_lists_no_data_units_separately(dataset) -> None:
    view = dataset.view("transfer_share", "2023", lang="en")
    figure = go.Figure(map_figure(view, "2022", "transfer_share", "en", ("KZ-61",)))
    values, missing, selected = figure.data
    assert set(missing.locations) == {"KZ-10", "KZ-33", "KZ-62"}
    assert "KZ-10" not in values.locations
    assert round(values.z[list(values.locations).index("KZ-61")], 1) == 86.3
    assert missing.name == "No data" and missing.showlegend
    assert list(selected.locations) == ["KZ-61"]
    assert figure.layout.map.style == "white-bg"
    assert figure.data[0].geojson == "/geo/kz_adm1_2022.geojson", "geometry goes by URL, never inline"
    texts = [a.text for a in figure.layout.annotations]
    assert "© OpenStreetMap contributors" in texts[0]
    assert texts[1] == "Source: Ministry of Finance, Statistical Bulletin. lsgdash"


def test_map_legend_is_binned_with_the_unit_in_its_title(dataset) -> None:
    view = dataset.view("transfer_share", "2024", lang="ru")
    update = map_update(view, "2022", "transfer_share", "ru", ())
    assert update["data[0].colorbar.title.text"] == "Доля трансфертов, %"
    assert update["data[0].colorbar.ticktext"] == ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"]
    scale = update["data[0].colorscale"]
    assert len({colour for _, colour in scale}) == 5, "five classes, each one flat colour"


def test_older_years_are_drawn_on_their_own_layout(dataset) -> None:
    view = dataset.view("transfer_share", "2016", lang="en")
    assert len(view) == 16 + 1
    update = map_update(view, "pre2018", "transfer_share", "en", ())
    assert update["data[0].geojson"] == "/geo/kz_adm1_pre2018.geojson"
    assert "South Kazakhstan Region (incl. Shymkent)" in [row[0] for row in update["data[0].customdata"]]


def test_a_year_change_update_is_small_and_has_no_geometry(dataset) -> None:
    view = dataset.view("transfer_share", "2023", lang="kk")
    payload = json.dumps(map_update(view, "2022", "transfer_share", "kk", ("KZ-61",)), ensure_ascii=False)
    assert len(payload.encode()) < 3000
    assert "coordinates" not in payload


def test_turnout_hover_carries_status_and_outlet(dataset) -> None:
    view = dataset.view("turnout", election="mazhilis-2023-03-19", lang="en")
    update = map_update(view, "2022", "turnout", "en", ())
    assert "election night" in update["data[0].hovertemplate"]
    assert "CEC (Kazinform)" in update["data[0].hovertemplate"]
    assert update[SOURCE_CAPTION] == "Source: CEC (Kazinform). lsgdash"


def test_conflicting_sources_appear_in_the_hover(dataset) -> None:
    view = dataset.view("turnout", election="presidential-2019-06-09", lang="en")
    national = view[view["region"] == "KZ"].iloc[0]
    assert national["value"] == 77.5 and national["status"] == "final"
    assert "77.4 (election-night" in national["alternatives"]


def test_binary_donor_map_has_a_yes_no_legend(dataset) -> None:
    view = dataset.view("donor", "2024", lang="en")
    update = map_update(view, "2022", "donor", "en", (), binary=True)
    assert update["data[0].colorbar.ticktext"] == ["no", "yes"]
    donors = [row[0] for row, z in zip(update["data[0].customdata"], update["data[0].z"], strict=True) if z == 1]
    assert "Atyrau Region" in donors and "Almaty" in donors


def test_trend_has_national_line_boundary_markers_and_open_partial_markers(dataset) -> None:
    series = dataset.series("transfer_share", ["KZ-61", "KZ"], include_partial=True)
    figure = trend_figure(series, "transfer_share", "en", ("KZ-61",), {"KZ-61": "Turkistan", "KZ": "Kazakhstan"},
                          "2024")
    names = [trace.name for trace in figure.data]
    assert names == ["Turkistan", "Kazakhstan"]
    national = figure.data[1]
    assert national.line.dash == "dash"
    turkistan = figure.data[0]
    assert "circle-open" in turkistan.marker.symbol, "partial years are open markers"
    texts = [a.text for a in figure.layout.annotations]
    assert "2018: Shymkent split off" in texts and "2022: Abai, Zhetysu, Ulytau" in texts
    assert any(text.startswith("Source: Ministry of Finance") for text in texts)


def test_ranking_prints_every_value_and_names_no_data_units(dataset) -> None:
    view = dataset.view("transfer_share", "2022", lang="en")
    figure = ranking_figure(view, "transfer_share", "en", ("KZ-61",), "2022")
    bar = figure.data[0]
    assert len(bar.x) == len(bar.text) == 17
    assert bar.marker.color[list(bar.customdata).index("KZ-61")] != bar.marker.color[0]
    texts = " ".join(a.text for a in figure.layout.annotations)
    assert "No data: Abai Region, Zhetysu Region, Ulytau Region" in texts


def test_scatter_reports_n_and_an_interval_and_claims_no_cause(dataset) -> None:
    fiscal = dataset.view("own_source_share", "2023", lang="en")
    turnout = dataset.view("turnout", election="mazhilis-2023-03-19", lang="en")
    figure, sentence = scatter_figure(fiscal, turnout, "2023", "mazhilis-2023-03-19", "en", ("KZ-75",))
    assert len(figure.data[0].x) == 17, "Abai, Zhetysu and Ulytau have no 2023 budget figures"
    assert sentence.startswith("n = 17 regions; Pearson r = ")
    assert "An association, not a cause." in sentence
    almaty = list(figure.data[0].customdata).index("KZ-75")
    assert figure.data[0].text[almaty] == "Almaty"


@pytest.mark.parametrize(("values", "unit", "expected"), [
    ([4.8, 82.9], "%", [0, 20, 40, 60, 80, 100]),
    ([25.8, 67.2], "%", [20, 30, 40, 50, 60, 70]),
    ([61.0], "%", [60, 65, 70, 75]),
    ([math.nan], "%", [0, 100]),
])
def test_class_edges_are_round_numbers(values: list[float], unit: str, expected: list[float]) -> None:
    assert nice_bins(values, unit) == expected


def test_class_colours_spread_over_the_palette() -> None:
    assert len(class_colours(5)) == 5 and class_colours(5)[0] == "#ffffcc" and class_colours(5)[-1] == "#0c2c84"


def test_short_source_names() -> None:
    assert short_source("minfin-bulletin", "", "kk") == "ҚР Қаржымині, Статистикалық бюллетень"
    agency = "Central Election Commission of the Republic of Kazakhstan (as reported: Kazinform)"
    assert short_source("src-1", agency, "ru") == "ЦИК (Kazinform)"
