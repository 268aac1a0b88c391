"""The naive baseline: the same indicator (transfer share by year), the same data and the same boundaries as
lsgdash, written the way most Dash choropleth apps are.

- the unsimplified boundaries (cleaned, not simplified: ~1.8 MB, see bench/geometry.py) are loaded with
  `json.load` and passed inline to `px.choropleth_map`;
- a year slider drives one server callback that rebuilds the whole figure, geometry included, on every change
  (and once after the page loads, since the graph starts empty);
- Dash defaults otherwise (no compression, assets served locally since this machine has no CDN).

    gunicorn --chdir bench baseline_app:server --workers 2 --bind 127.0.0.1:8060
    .venv/bin/python bench/baseline_app.py     # dev server on 127.0.0.1:8060 (PORT overrides)

Not part of the product: it exists to be measured against (bench/run.py).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import plotly.express as px  # noqa: E402
from dash import Dash, Input, Output, dcc, html  # noqa: E402
from geometry import build  # noqa: E402

from lsgdash.store.dataset import load_dataset  # noqa: E402

INDICATOR = "transfer_share"
dataset = load_dataset()
YEARS = [int(p) for p in dataset.periods(INDICATOR)]
GEOJSON = {}
for layout_id, path in build().items():
    with open(path, encoding="utf-8") as fh:
        GEOJSON[layout_id] = json.load(fh)

app = Dash(__name__, title="baseline", serve_locally=True)
server = app.server
app.layout = html.Div([
    html.H1("Transfers as a share of local budget revenue"),
    html.Label("Year"),
    dcc.Slider(id="year", min=YEARS[0], max=YEARS[-1], step=1, value=YEARS[-1],
               marks={y: str(y) for y in YEARS}),
    dcc.Graph(id="map", style={"height": "62vh"}),
])


@app.callback(Output("map", "figure"), Input("year", "value"))
def update_map(year: int):
    period = str(year)
    df = dataset.view(INDICATOR, period, lang="en")
    df = df[df["region"] != "KZ"]
    geojson = GEOJSON[dataset.layout_of(period).id]
    fig = px.choropleth_map(
        df, geojson=geojson, locations="region", featureidkey="id", color="value",
        hover_name="region_name", hover_data={"region": False, "value": ":.1f", "source_agency": True},
        color_continuous_scale="Blues", range_color=(0, 100), map_style="white-bg",
        center={"lat": 48.3, "lon": 66.9}, zoom=3.75, labels={"value": "Transfers, % of revenue"},
    )
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0})
    return fig


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8060")))
