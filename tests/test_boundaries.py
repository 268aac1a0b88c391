"""The committed boundary files in data/geo/ (built by scripts/build_boundaries.py); no network."""

from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Polygon, box, shape

from lsgdash.registry import LAYOUTS

ROOT = Path(__file__).resolve().parents[1]
GEO = ROOT / "data" / "geo"
LAYOUT_IDS = ("2022", "2018", "pre2018")
EXPECTED_COUNTS = {"2022": 20, "2018": 17, "pre2018": 16}


def _load_script():
    spec = importlib.util.spec_from_file_location("build_boundaries", ROOT / "scripts" / "build_boundaries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def collections() -> dict[str, dict]:
    return {lay: json.loads((GEO / f"kz_adm1_{lay}.geojson").read_text(encoding="utf-8")) for lay in LAYOUT_IDS}


@pytest.fixture(scope="module")
def geoms(collections) -> dict[str, dict[str, shapely.Geometry]]:
    return {lay: {f["id"]: shape(f["geometry"]) for f in fc["features"]} for lay, fc in collections.items()}


@pytest.mark.parametrize("layout_id", LAYOUT_IDS)
def test_file_size(layout_id):
    assert (GEO / f"kz_adm1_{layout_id}.geojson").stat().st_size < 200 * 1024


@pytest.mark.parametrize("layout_id", LAYOUT_IDS)
def test_units_match_layout(collections, layout_id):
    features = collections[layout_id]["features"]
    ids = [f["id"] for f in features]
    assert len(features) == EXPECTED_COUNTS[layout_id]
    assert len(set(ids)) == len(ids)
    assert all(i in LAYOUTS[layout_id].codes for i in ids)
    assert set(ids) == set(LAYOUTS[layout_id].codes)
    assert ids == sorted(ids)
    for f in features:
        props = f["properties"]
        assert props["iso"] == f["id"]
        assert all(props[k] for k in ("name_en", "name_kk", "name_ru"))


def test_merged_parent_names(collections):
    props = {lay: {f["id"]: f["properties"] for f in fc["features"]} for lay, fc in collections.items()}
    for lay in ("2018", "pre2018"):
        for parent, name in LAYOUTS[lay].names_en.items():
            assert props[lay][parent]["name_en"] == name
    assert props["2018"]["KZ-63"]["name_kk"] == "Шығыс Қазақстан облысы (Абаймен)"
    assert props["pre2018"]["KZ-61"]["name_ru"] == "Южно-Казахстанская область"


@pytest.mark.parametrize("layout_id", LAYOUT_IDS)
def test_geometries_valid_2d_polygonal(collections, geoms, layout_id):
    for iso, geom in geoms[layout_id].items():
        assert geom.geom_type in ("Polygon", "MultiPolygon"), iso
        assert shapely.is_valid(geom), (iso, shapely.is_valid_reason(geom))
        assert not shapely.has_z(geom), iso
        assert not geom.is_empty, iso
    for f in collections[layout_id]["features"]:
        coords = f["geometry"]["coordinates"]
        polys = [coords] if f["geometry"]["type"] == "Polygon" else coords
        assert all(len(pt) == 2 for poly in polys for ring in poly for pt in ring)


@pytest.mark.parametrize("layout_id", LAYOUT_IDS)
def test_rings_oriented_rfc7946(geoms, layout_id):
    for iso, geom in geoms[layout_id].items():
        for poly in shapely.get_parts(geom):
            assert poly.exterior.is_ccw, iso
            assert not any(r.is_ccw for r in poly.interiors), iso


@pytest.mark.parametrize("layout_id", LAYOUT_IDS)
def test_no_overlaps(geoms, layout_id):
    items = sorted(geoms[layout_id].items())
    for (a, ga), (b, gb) in itertools.combinations(items, 2):
        assert ga.intersection(gb).area < 1e-6, (a, b)


@pytest.mark.parametrize("layout_id", LAYOUT_IDS)
def test_no_gaps(geoms, layout_id):
    union = shapely.union_all(list(geoms[layout_id].values()))
    holes = [Polygon(r).area for p in shapely.get_parts(union) for r in p.interiors]
    assert sum(holes) < 1e-3
    assert all(h < 1e-4 for h in holes)


@pytest.mark.parametrize("layout_id", LAYOUT_IDS)
def test_shared_edges_match(geoms, layout_id):
    assert shapely.coverage_is_valid(list(geoms[layout_id].values()))


@pytest.mark.parametrize("layout_id", ("2018", "pre2018"))
def test_union_area_matches_2022(geoms, layout_id):
    base = shapely.union_all(list(geoms["2022"].values())).area
    other = shapely.union_all(list(geoms[layout_id].values())).area
    assert abs(other - base) <= 1e-3 * base


def test_notice():
    text = (GEO / "NOTICE.md").read_text(encoding="utf-8")
    assert "OpenStreetMap" in text
    assert "ODbL" in text
    assert "https://opendatacommons.org/licenses/odbl/1-0/" in text
    assert "scripts/build_boundaries.py" in text


# --- the pure pipeline steps of the build script, on a toy coverage -------------------------------------------

def test_pipeline_removes_overlap_and_keeps_shared_edge():
    bb = _load_script()
    left = box(0, 0, 1, 1)
    right = Polygon([(0.999, 0), (2, 0), (2, 1), (0.999, 1)])  # overlaps `left` by a thin strip
    out = bb.clean_pipeline([left, right], tolerance=0.01, decimals=4, gap_width=1e-4)
    assert all(shapely.is_valid(out))
    assert out[0].intersection(out[1]).area < 1e-12
    assert abs(shapely.union_all(out).area - 2.0) < 1e-9
    assert shapely.coverage_is_valid(out)
    assert all(p.exterior.is_ccw for g in out for p in shapely.get_parts(g))


def test_round_and_dissolve():
    bb = _load_script()
    a = Polygon([(0, 0), (1.00004, 0), (1.00004, 1), (0, 1)])
    b = Polygon([(1.00004, 0), (2, 0), (2, 1), (1.00004, 1)])
    rounded = bb.round_coverage([a, b], 4)
    assert rounded[0].bounds[2] == rounded[1].bounds[0] == 1.0
    merged = bb.dissolve({"A": rounded[0], "B": rounded[1], "C": box(2, 0, 3, 1)}, {"A": ("A", "B"), "C": ("C",)})
    assert sorted(merged) == ["A", "C"]
    assert merged["A"].geom_type == "Polygon"
    assert abs(merged["A"].area - 2.0) < 1e-9


def test_unknown_name_fails_loudly():
    bb = _load_script()
    features = [{"properties": {"ADM1_EN": name}, "geometry": {"type": "Point", "coordinates": [0, 0]}}
                for name in bb.ADM1_TO_ISO]
    assert len(bb.raw_geometries({"features": features})) == 20
    with pytest.raises(SystemExit):
        bb.raw_geometries({"features": [*features[:-1], {**features[-1], "properties": {"ADM1_EN": "Nowhere"}}]})
    with pytest.raises(SystemExit):
        bb.raw_geometries({"features": features[:-1]})
