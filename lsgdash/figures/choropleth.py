"""The choropleth: MapLibre with no base map (no tiles, no network), boundaries fetched once by URL.

`map_figure` builds the first figure; `map_update` gives the few arrays that change with year, indicator
or selection, which the callback sends as a Patch, so geometry never travels again.
"""

from __future__ import annotations

import pandas as pd

from lsgdash.figures.common import (
    BINARY_COLOURS,
    HIGHLIGHT,
    NO_DATA_COLOUR,
    base_layout,
    bin_labels,
    class_colours,
    nice_bins,
    short_source,
    stepped_colourscale,
)
from lsgdash.i18n import format_value, indicator_name, status_name, t, unit_label

CENTER = {"lat": 48.3, "lon": 66.9}
GEO_URL = "/geo/kz_adm1_{layout}.geojson"
SOURCE_CAPTION = "layout.annotations[1].text"  # the source line, so a PNG of the map says where it comes from


def _hover(lang: str, status: str | None = None, source: str | None = None, alternatives: bool = True) -> str:
    """Hover text; a status or source shared by every region is written once instead of per region."""
    status_part = _escape(status) if status is not None else "%{customdata[2]}"
    source_part = _escape(source) if source is not None else "%{customdata[3]}"
    return ("<b>%{customdata[0]}</b><br>" + t("hover.value", lang) + ": %{customdata[1]}<br>"
            + t("hover.status", lang) + f": {status_part}<br>" + t("hover.source", lang)
            + f": {source_part}" + ("%{customdata[4]}" if alternatives else "") + "<extra></extra>")


def _escape(text: str) -> str:
    """Literal text inside a plotly hovertemplate: braces and markup neutralised."""
    return text.replace("%", "%%").replace("{", "(").replace("}", ")").replace("<", "‹").replace(">", "›")


def _compact(rows: list[list[str]]) -> tuple[list[list[str]], str | None, str | None]:
    """Drops the status and source columns when they are the same for every row (they go in the template)."""
    statuses, sources = {r[2] for r in rows}, {r[3] for r in rows}
    status = statuses.pop() if len(statuses) == 1 else None
    source = sources.pop() if len(sources) == 1 else None
    if status is None and source is None:
        return rows, None, None
    compact = [[r[0], r[1], "" if status is not None else r[2], "" if source is not None else r[3], r[4]]
               for r in rows]
    trimmed = [row[:2] if not any(row[2:]) else row for row in compact]
    return trimmed, status, source


def map_update(view: pd.DataFrame, layout_id: str, indicator: str, lang: str, selected: tuple[str, ...],
               binary: bool = False) -> dict:
    """Property paths and values of the map that depend on the data: numbers and short strings only."""
    regions = view[view["region"] != "KZ"]
    has = regions[regions["value"].notna()]
    missing = regions[regions["value"].isna()]
    unit = str(view["unit"].iloc[0]) if len(view) else ""
    if binary:
        edges, colours = [-0.5, 0.5, 1.5], BINARY_COLOURS
        tick_values, tick_text = [0, 1], [t("no", lang), t("yes", lang)]
    else:
        edges = nice_bins(list(has["value"]), unit)
        colours = class_colours(len(edges) - 1)
        tick_values, tick_text = edges, bin_labels(edges, unit, lang)
    custom = [[row.region_name, _value_text(row.value, row.unit, lang, binary), _status_text(row, lang),
               short_source(row.source_id, row.source_agency, lang),
               f"<br>{t('hover.also', lang)}: {row.alternatives}" if row.alternatives else ""]
              for row in has.itertuples(index=False)]
    custom, shared_status, shared_source = _compact(custom)
    nodata_custom = [[row.region_name] for row in missing.itertuples(index=False)]
    nodata_hover = "<b>%{customdata[0]}</b><br>" + t("map.nodata", lang) + "<extra></extra>"
    unit_text = unit_label(unit, lang)
    geo = GEO_URL.format(layout=layout_id)
    sources = dict.fromkeys(short_source(s, a, lang) for s, a in zip(has["source_id"], has["source_agency"],
                                                                     strict=True))
    return {
        SOURCE_CAPTION: t("caption.source", lang, source="; ".join(sources) or "—"),
        "data[0].geojson": geo, "data[1].geojson": geo, "data[2].geojson": geo,
        "data[0].locations": list(has["region"]), "data[0].z": [round(float(v), 4) for v in has["value"]],
        "data[0].customdata": custom,
        "data[0].hovertemplate": _hover(lang, shared_status, shared_source, any(len(r) > 2 for r in custom)),
        "data[0].colorscale": stepped_colourscale(colours), "data[0].zmin": edges[0], "data[0].zmax": edges[-1],
        "data[0].colorbar.tickvals": tick_values, "data[0].colorbar.ticktext": tick_text,
        "data[0].colorbar.title.text": f"{indicator_name(indicator, lang)}" + (f", {unit_text}" if unit_text else ""),
        "data[1].locations": list(missing["region"]), "data[1].z": [0] * len(missing),
        "data[1].customdata": nodata_custom, "data[1].hovertemplate": nodata_hover,
        "data[1].name": t("map.nodata", lang), "data[1].showlegend": bool(len(missing)),
        "data[2].locations": list(selected), "data[2].z": [0] * len(selected),
    }


def _value_text(value: float, unit: str, lang: str, binary: bool) -> str:
    if binary:
        return t("yes", lang) if value >= 0.5 else t("no", lang)
    return format_value(value, unit, lang)


def _status_text(row: object, lang: str) -> str:
    text = status_name(row.status, lang)  # type: ignore[attr-defined]
    if getattr(row, "partial", False):
        text += f" · {t('trend.partial', lang)}"
    return text


def map_figure(view: pd.DataFrame, layout_id: str, indicator: str, lang: str, selected: tuple[str, ...],
               binary: bool = False, font_size: int = 14) -> dict:
    """The full map figure for a first render, as a plain dict: built on every page load, and plotly's
    graph-object validation would cost more than the rest of the page."""
    geojson = GEO_URL.format(layout=layout_id)
    base = {"type": "choroplethmap", "geojson": geojson, "featureidkey": "id",
            "marker": {"line": {"color": "white", "width": 1}}}
    note_font = {"size": 11, "color": "#333"}
    figure = {
        "data": [
            {**base, "name": "values", "showscale": True, "showlegend": False,
             "colorbar": {"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.01, "yanchor": "top",
                          "thickness": 14, "len": 0.9, "title": {"side": "top"}}},
            {**base, "name": "no data", "colorscale": [[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]],
             "showscale": False, "zmin": 0, "zmax": 1},
            {"type": "choroplethmap", "geojson": geojson, "featureidkey": "id", "name": "selected",
             "showscale": False, "showlegend": False, "hoverinfo": "skip",
             "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], "zmin": 0, "zmax": 1,
             "marker": {"line": {"color": HIGHLIGHT, "width": 4}}},
        ],
        "layout": {
            **base_layout(font_size),
            "map": {"style": "white-bg", "center": CENTER, "zoom": 3.75},
            "margin": {"l": 0, "r": 0, "t": 0, "b": 78}, "uirevision": "map", "clickmode": "event",
            "legend": {"x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.8)", "itemclick": False,
                       "itemdoubleclick": False},
            "annotations": [
                {"text": t("map.credit", lang), "xref": "paper", "yref": "paper", "x": 1, "y": 0,
                 "xanchor": "right", "yanchor": "bottom", "showarrow": False, "font": note_font,
                 "bgcolor": "rgba(255,255,255,0.8)"},
                # the source line sits a line above the credit, so the two never overlap on a narrow map
                {"text": "", "xref": "paper", "yref": "paper", "x": 1, "y": 0, "xanchor": "right",
                 "yanchor": "bottom", "yshift": 20, "showarrow": False, "align": "right", "font": note_font,
                 "bgcolor": "rgba(255,255,255,0.8)"},
            ],
        },
    }
    apply_update(figure, map_update(view, layout_id, indicator, lang, selected, binary))
    return figure


def update_paths(path: str) -> list[str | int]:
    """'data[0].colorbar.title.text' as ['data', 0, 'colorbar', 'title', 'text']: the steps a Patch takes."""
    return [int(part) if part.isdigit() else part for part in path.replace("[", ".").replace("]", "").split(".")]


def apply_update(figure: dict, update: dict) -> None:
    """Applies `map_update` paths to a full figure dict (the same paths a Patch sets in the browser)."""
    for path, value in update.items():
        steps = update_paths(path)
        target = figure
        for step in steps[:-1]:
            target = target.setdefault(step, {}) if isinstance(step, str) else target[step]
        target[steps[-1]] = value
