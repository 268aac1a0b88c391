"""Payload budgets: bytes are deterministic where seconds are not, so the speed work is guarded by sizes.

No browser and no timing: the app's own Flask test client. The callback requests are built the way Dash's
renderer builds them, from /_dash-dependencies and the values in the served layout, for the interaction a
presenter repeats most: one step back in time (the ◀ button, `period-prev`). Sizes are raw (uncompressed)
bytes; the gzip sizes are printed for the record (`pytest -s`). The budgets sit about 25 % above what was
measured when they were set (figures in docs/benchmarks.md); a change that grows a payload past its budget
should say why, or send less.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from lsgdash.webapp import create_app

ROOT = Path(__file__).resolve().parents[1]
GEO = ROOT / "data" / "geo"
PAGE = "http://localhost/?lang=en&indicator=transfer_share&year=2024"
LANG = {"Accept-Language": "en"}

# Measured 2026-11-28 at commit dc7d2ac (lang=en, transfer_share 2024, one step back to 2023): index 65.3 KB raw
# (10.6 KB gzip; 56 KB of it is the `validation_layout` copy of the whole page that Dash embeds in the index
# when the layout is a function), layout 49.4 KB (7.0 KB gzip; the panels are built into it so no callback
# runs on page open), geometry 88-99 KB per file (30-34 KB gzip), map patch 3.4 KB (0.9 KB gzip), a whole
# year change 33.2 KB raw (5.1 KB gzip) over 6 requests, 23.3 KB of it the data table.
BUDGET_INDEX = 80_000  # GET / : Dash's index page (script tags, config incl. validation layout)
BUDGET_LAYOUT = 60_000  # GET /_dash-layout : the whole page for the URL's state, map figure and panels included
BUDGET_GEOMETRY = 200 * 1024  # each boundary file (the limit)
BUDGET_MAP_PATCH = 4 * 1024  # the map's answer to a year change (the limit)
BUDGET_YEAR_CHANGE = 42_000  # every callback answer caused by one year step, together
BUDGET_YEAR_CHANGE_REQUESTS = 6  # round trips per year step (the hub, then what depends on the state)


@pytest.fixture(scope="module")
def client():
    app = create_app()
    return app.server.test_client()


@pytest.fixture(scope="module")
def dependencies(client) -> list[dict]:
    return client.get("/_dash-dependencies").get_json()


@pytest.fixture(scope="module")
def layout_bytes(client) -> bytes:
    response = client.get("/_dash-layout", headers={"Referer": PAGE, **LANG})
    assert response.status_code == 200
    return response.data


def components(node: object, found: dict | None = None) -> dict:
    """Every component of a serialised layout by id (a dict id becomes its sorted JSON)."""
    found = {} if found is None else found
    if isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and "namespace" in node and "id" in props:
            key = props["id"] if isinstance(props["id"], str) else json.dumps(props["id"], sort_keys=True)
            found[key] = props
        for value in node.values():
            components(value, found)
    elif isinstance(node, list):
        for value in node:
            components(value, found)
    return found


def outputs_of(output: str) -> list[dict] | dict:
    """The `outputs` field the renderer sends for a callback's output string."""
    def one(spec: str) -> dict:
        cid, prop = spec.rsplit(".", 1)
        return {"id": json.loads(cid) if cid.startswith("{") else cid, "property": prop.split("@")[0]}

    if output.startswith(".."):
        return [one(part) for part in output.split("@")[0][2:-2].split("...")]
    return one(output)


def values(specs: list[dict], props_by_id: dict, overrides: dict) -> list:
    """Input or state entries with the values the page holds (pattern ids: every matching component)."""
    out = []
    for spec in specs:
        cid, prop = spec["id"], spec["property"]
        if cid.startswith("{"):
            pattern = json.loads(cid)
            fixed = {k: v for k, v in pattern.items() if not isinstance(v, list)}
            matches = []
            for key, props in props_by_id.items():
                if key.startswith("{"):
                    ident = json.loads(key)
                    if set(ident) == set(pattern) and all(ident[k] == v for k, v in fixed.items()):
                        entry = {"id": ident, "property": prop}
                        if prop in props:
                            entry["value"] = props[prop]
                        matches.append(entry)
            out.append(matches)
            continue
        entry = {"id": cid, "property": prop}
        key = f"{cid}.{prop}"
        if key in overrides:
            entry["value"] = overrides[key]
        elif prop in props_by_id.get(cid, {}):
            entry["value"] = props_by_id[cid][prop]
        out.append(entry)
    return out


def body(dep: dict, props_by_id: dict, changed: str, overrides: dict) -> dict:
    return {"output": dep["output"], "outputs": outputs_of(dep["output"]),
            "inputs": values(dep["inputs"], props_by_id, overrides),
            "state": values(dep["state"], props_by_id, overrides), "changedPropIds": [changed]}


def post(client, payload: dict) -> tuple[int, bytes]:
    response = client.post("/_dash-update-component", json=payload, headers={"Referer": PAGE, **LANG})
    return response.status_code, response.data


def gz(data: bytes) -> int:
    return len(gzip.compress(data, mtime=0))


@pytest.fixture(scope="module")
def year_step(client, dependencies, layout_bytes) -> list[tuple[str, int, bytes]]:
    """One ◀ press: the hub callback, then every callback that listens to the state it writes."""
    props = components(json.loads(layout_bytes))
    hub = next(d for d in dependencies if d["output"].startswith("..state.data..."))
    status, data = post(client, body(hub, props, "period-prev.n_clicks",
                                     {"period-prev.n_clicks": 1, "url.search": "?" + PAGE.split("?", 1)[1]}))
    assert status == 200, data[:500]
    new_state = json.loads(data)["response"]["state"]["data"]
    assert new_state["period"] == "2023"
    answers = [("hub", len(data), data)]
    props["state"] = {**props["state"], "data": new_state}
    for dep in dependencies:
        if dep["output"] == hub["output"] or not any(i["id"] == "state" for i in dep["inputs"]):
            continue
        status, data = post(client, body(dep, props, "state.data", {}))
        assert status in (200, 204), (dep["output"], data[:500])
        answers.append((dep["output"], len(data), data))
    return answers


def test_initial_page_and_layout_stay_small(client, layout_bytes) -> None:
    index = client.get("/?lang=en&indicator=transfer_share&year=2024", headers=LANG)
    assert index.status_code == 200
    print(f"\nindex {len(index.data)} B raw ({gz(index.data)} gzip); layout {len(layout_bytes)} B raw "
          f"({gz(layout_bytes)} gzip)")
    assert len(index.data) <= BUDGET_INDEX
    assert len(layout_bytes) <= BUDGET_LAYOUT
    assert b'"coordinates"' not in layout_bytes  # the boundaries travel once, by URL, never inside the page


@pytest.mark.parametrize("layout_id, features", [("2022", 20), ("2018", 17), ("pre2018", 16)])
def test_each_geometry_file_is_under_200_kb(client, layout_id: str, features: int) -> None:
    response = client.get(f"/geo/kz_adm1_{layout_id}.geojson")
    assert response.status_code == 200
    data = response.data if not response.is_streamed else b"".join(response.response)
    assert len(data) <= BUDGET_GEOMETRY
    assert len(json.loads(data)["features"]) == features
    print(f"\ngeo {layout_id}: {len(data)} B raw ({gz(data)} gzip), {features} features")


def test_the_map_layout_references_geometry_by_url(layout_bytes) -> None:
    props = components(json.loads(layout_bytes))
    traces = props["map"]["figure"]["data"]
    assert traces and all(t["geojson"] == "/geo/kz_adm1_2022.geojson" for t in traces)


def test_a_year_change_sends_a_small_patch_and_no_geometry(year_step) -> None:
    print()
    for output, size, data in year_step:
        print(f"  {output[:60]:60s} {size:6d} B raw {gz(data):5d} gzip")
    total = sum(size for _, size, _ in year_step)
    print(f"  year change: {len(year_step)} requests, {total} B raw, {sum(gz(d) for *_, d in year_step)} B gzip")
    for output, _size, data in year_step:
        assert b"coordinates" not in data, output
    map_answer = next(data for output, _, data in year_step if "map.figure" in output)
    patch = json.loads(map_answer)["response"]["map"]["figure"]
    assert len(json.dumps(patch, ensure_ascii=False).encode()) <= BUDGET_MAP_PATCH
    assert patch.get("__dash_patch_update") == "__dash_patch_update"  # a Patch, not a new figure
    assert total <= BUDGET_YEAR_CHANGE
    assert len(year_step) <= BUDGET_YEAR_CHANGE_REQUESTS
