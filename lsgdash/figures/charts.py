"""Trend, comparison scatter and ranking bar: small figures that follow the shared selection."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from lsgdash.figures.common import (
    HIGHLIGHT,
    NATIONAL_COLOUR,
    NO_DATA_COLOUR,
    SERIES_COLOURS,
    axis,
    base_layout,
    caption,
    short_source,
)
from lsgdash.i18n import format_number, format_value, indicator_name, period_label, status_name, t, vote_label
from lsgdash.indicators import correlation

BOUNDARY_CHANGES = ((2018.46, "trend.change2018"), (2022.44, "trend.change2022"))


def _x(period: str) -> float:
    """Position of a period on a year axis; a year-to-date period sits at its last month."""
    if len(period) == 7:
        return int(period[:4]) + (int(period[5:7]) - 0.5) / 12
    return float(period[:4])


def trend_figure(series: pd.DataFrame, indicator: str, lang: str, regions: tuple[str, ...], names: dict[str, str],
                 current: str, font_size: int = 13) -> go.Figure:
    """Lines of the selected regions and the national one; open markers for partial years."""
    figure = go.Figure()
    unit = str(series["unit"].iloc[0]) if len(series) else ""
    by_vote = indicator == "turnout"
    for i, code in enumerate([*regions, "KZ"]):
        rows = series[series["region"] == code].sort_values("period")
        if rows.empty:
            continue
        colour = NATIONAL_COLOUR if code == "KZ" else SERIES_COLOURS[i % len(SERIES_COLOURS)]
        x = list(rows["period"]) if by_vote else [_x(p) for p in rows["period"]]
        labels = [vote_label(e, lang) for e in rows["election"]] if by_vote else \
            [period_label(p, lang) + (f" ({t('trend.partial', lang)})" if partial else "")
             for p, partial in zip(rows["period"], rows["partial"], strict=True)]
        figure.add_trace(go.Scatter(
            x=x, y=[round(v, 3) for v in rows["value"]], name=names.get(code, code), mode="lines+markers",
            line={"color": colour, "width": 3 if code != "KZ" else 2, "dash": "dash" if code == "KZ" else "solid"},
            marker={"size": 8, "symbol": ["circle-open" if p else "circle" for p in rows["partial"]]},
            customdata=[[lab, format_value(v, unit, lang), status_name(s, lang)]
                        for lab, v, s in zip(labels, rows["value"], rows["status"], strict=True)],
            hovertemplate="<b>" + names.get(code, code) + "</b><br>%{customdata[0]}<br>%{customdata[1]} "
                          "(%{customdata[2]})<extra></extra>"))
    layout = base_layout(font_size)
    layout["margin"] = {"l": 8, "r": 8, "t": 30 if regions else 56, "b": 70}
    if not regions:
        layout["title"] = {"text": t("trend.none", lang), "font": {"size": font_size}, "x": 0}
    figure.update_layout(**layout, showlegend=True, legend={"orientation": "h", "y": 1.12, "x": 0},
                         yaxis=axis(unit if unit != "million KZT" else t("col.unit", lang) + ": млн ₸"),
                         xaxis=axis(type="date" if by_vote else "linear", dtick=None if by_vote else 1,
                                    tickformat=None if by_vote else "d"))
    if not by_vote:
        for position, key in BOUNDARY_CHANGES:
            figure.add_vline(x=position, line={"color": "#999", "dash": "dot", "width": 1})
            figure.add_annotation(x=position, y=1, yref="paper", text=t(key, lang), showarrow=False, xanchor="left",
                                  yanchor="top", font={"size": max(10, font_size - 3), "color": "#666"})
        if current:
            figure.add_vrect(x0=_x(current) - 0.4, x1=_x(current) + 0.4, fillcolor="#f2e8d5", opacity=0.6,
                             line_width=0, layer="below")
    sources = [short_source(s, a, lang) for s, a in zip(series["source_id"], series["source_agency"], strict=True)]
    return caption(figure, sources, lang)


def ranking_figure(view: pd.DataFrame, indicator: str, lang: str, selected: tuple[str, ...], period_text: str,
                   font_size: int = 13, binary: bool = False) -> go.Figure:
    """Regions sorted by value, the value printed on each bar; no-data units named under the chart."""
    regions = view[(view["region"] != "KZ")]
    has = regions[regions["value"].notna()].sort_values("value")
    national = view.loc[view["region"] == "KZ", "value"]
    unit = str(view["unit"].iloc[0]) if len(view) else ""
    texts = [(t("yes", lang) if v >= 0.5 else t("no", lang)) if binary else format_value(v, unit, lang)
             for v in has["value"]]
    figure = go.Figure(go.Bar(
        x=list(has["value"]), y=list(has["region_name"]), orientation="h", text=texts, textposition="outside",
        cliponaxis=False, marker={"color": [HIGHLIGHT if r in selected else "#2c7fb8" for r in has["region"]]},
        customdata=list(has["region"]), hovertemplate="%{y}: %{text}<extra></extra>"))
    layout = base_layout(font_size)
    layout["margin"] = {"l": 8, "r": 60, "t": 30, "b": 90}
    figure.update_layout(**layout, height=max(360, 26 * len(has) + 150), showlegend=False,
                         title={"text": t("ranking.title", lang, indicator=indicator_name(indicator, lang),
                                          period=period_text), "font": {"size": font_size + 1}, "x": 0},
                         xaxis=axis(showticklabels=not binary), yaxis=axis(automargin=True))
    if len(national) and not math.isnan(float(national.iloc[0])) and not binary:
        value = float(national.iloc[0])
        figure.add_vline(x=value, line={"color": NATIONAL_COLOUR, "dash": "dash", "width": 2})
        figure.add_annotation(x=value, y=1.0, yref="paper", yanchor="bottom", showarrow=False,
                              text=f"{t('trend.national', lang)}: {format_value(value, unit, lang)}",
                              font={"size": max(10, font_size - 2), "color": NATIONAL_COLOUR})
    missing = regions.loc[regions["value"].isna(), "region_name"]
    if len(missing):
        figure.add_annotation(text=t("ranking.nodata", lang, names=", ".join(missing)), xref="paper", yref="paper",
                              x=0, y=0, yshift=-54, xanchor="left", yanchor="top", showarrow=False,
                              font={"size": max(10, font_size - 2), "color": "#555"}, bgcolor=NO_DATA_COLOUR)
    sources = [short_source(s, a, lang) for s, a in zip(has["source_id"], has["source_agency"], strict=True)]
    return caption(figure, sources, lang)


def scatter_figure(fiscal: pd.DataFrame, turnout: pd.DataFrame, fiscal_period: str, election: str, lang: str,
                   selected: tuple[str, ...], font_size: int = 13) -> tuple[go.Figure, str]:
    """Own-source share against turnout, one dot per region with both figures; and the n / r sentence."""
    merged = fiscal[["region", "region_name", "value", "source_id", "source_agency"]].merge(
        turnout[["region", "value", "source_id", "source_agency", "status"]], on="region", suffixes=("_x", "_y"))
    merged = merged[(merged["region"] != "KZ") & merged["value_x"].notna() & merged["value_y"].notna()]
    figure = go.Figure(go.Scatter(
        x=list(merged["value_x"]), y=list(merged["value_y"]), mode="markers+text",
        text=[n if r in selected else "" for r, n in zip(merged["region"], merged["region_name"], strict=True)],
        textposition="top center", customdata=list(merged["region"]),
        marker={"size": [16 if r in selected else 10 for r in merged["region"]],
                "color": [HIGHLIGHT if r in selected else "#2c7fb8" for r in merged["region"]],
                "line": {"color": "white", "width": 1}},
        hovertext=[f"{n}<br>{t('scatter.x', lang)}: {format_number(x, lang)}<br>{t('scatter.y', lang)}: "
                   f"{format_number(y, lang)} ({status_name(s, lang)})"
                   for n, x, y, s in zip(merged["region_name"], merged["value_x"], merged["value_y"],
                                         merged["status"], strict=True)],
        hoverinfo="text"))
    layout = base_layout(font_size)
    layout["margin"] = {"l": 8, "r": 8, "t": 50, "b": 80}
    figure.update_layout(**layout, showlegend=False,
                         title={"text": t("scatter.title", lang, year=period_label(fiscal_period, lang),
                                          vote=vote_label(election, lang)), "font": {"size": font_size}, "x": 0},
                         xaxis=axis(t("scatter.x", lang)), yaxis=axis(t("scatter.y", lang)))
    stats = correlation(list(merged["value_x"]), list(merged["value_y"]))
    if stats is None:
        sentence = t("scatter.few", lang, n=len(merged))
    else:
        r, lo, hi, n = stats
        sentence = t("scatter.stats", lang, n=n, r=format_number(r, lang, 2), lo=format_number(lo, lang, 2),
                     hi=format_number(hi, lang, 2))
    sources = [short_source(s, a, lang) for s, a in
               zip([*merged["source_id_x"], *merged["source_id_y"]], [*merged["source_agency_x"],
                                                                      *merged["source_agency_y"]], strict=True)]
    return caption(figure, sources, lang), sentence
