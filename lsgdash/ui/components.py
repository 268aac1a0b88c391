"""HTML pieces built from a view: the data table, the sources panel, the key figure and a text summary.

Text from files (names, titles, notes) is passed as Dash children, which React renders as text: a
`<script>` in a source title shows as those characters and never runs.
"""

from __future__ import annotations

import math

import pandas as pd
from dash import html

from lsgdash.figures.common import short_source
from lsgdash.i18n import (
    caveat,
    definition,
    format_value,
    indicator_name,
    period_label,
    status_name,
    t,
    vote_label,
)
from lsgdash.indicators import CATALOG, wilson_interval
from lsgdash.ui import ids

STATUS_CLASS = {"final": "status-final", "no data": "status-nodata", "plan": "status-plan"}


def value_text(value: float, unit: str, lang: str, indicator: str) -> str:
    if isinstance(value, float) and math.isnan(value):
        return status_name("no data", lang)
    if CATALOG.get(indicator) and CATALOG[indicator].binary:
        return t("yes", lang) if value >= 0.5 else t("no", lang)
    return format_value(value, unit, lang)


def survey_interval(row: pd.Series, lang: str) -> str:
    n = row.get("sample_n")
    if n is None or (isinstance(n, float) and math.isnan(n)) or math.isnan(row["value"]):
        return ""
    low, high = wilson_interval(float(row["value"]), float(n))
    return f" (95 %: {format_value(low, '%', lang)}–{format_value(high, '%', lang)}, n = {int(n)})"


def data_table(view: pd.DataFrame, indicator: str, period_text: str, lang: str, selected: tuple[str, ...]) -> html.Div:
    """Exactly the rows on screen, with status and source; selected rows marked, no-data rows kept."""
    head = html.Thead(html.Tr([html.Th(t(k, lang), scope="col") for k in
                               ("col.region", "col.value", "col.status", "col.source", "col.note")]))
    body = []
    for _, row in view.iterrows():
        classes = ["table-warning" if row["region"] in selected else "",
                   STATUS_CLASS.get(row["status"], "")]
        source = (html.A(short_source(row["source_id"], row["source_agency"], lang), href=row["source_url"],
                         target="_blank", rel="noopener noreferrer", title=row["source_title"])
                  if row["source_url"] else short_source(row["source_id"], row["source_agency"], lang)) \
            if row["source_id"] else "—"
        note = row["note"]
        if row["alternatives"]:
            note = f"{note} {t('hover.also', lang)}: {row['alternatives']}".strip()
        status = status_name(row["status"], lang) + (f" · {t('trend.partial', lang)}" if row["partial"] else "")
        body.append(html.Tr([
            html.Th(row["region_name"], scope="row"),
            html.Td(value_text(row["value"], row["unit"], lang, indicator) + survey_interval(row, lang),
                    className="num"),
            html.Td(status), html.Td(source), html.Td(note, className="note"),
        ], className=" ".join(c for c in classes if c), **{"data-region": row["region"]}))
    caption = t("table.caption", lang, indicator=indicator_name(indicator, lang), period=period_text, n=len(view))
    return html.Div(html.Table([html.Caption(caption), head, html.Tbody(body)],
                               className="table table-sm table-hover lsg-table"), className="table-responsive")


def sources_panel(view: pd.DataFrame, indicator: str, lang: str, dataset_citation: object) -> html.Div:
    """Definition, caveats and every source cited by the rows on screen; mixed statuses said aloud."""
    spec = CATALOG.get(indicator)
    caveats = []
    if spec and spec.group == "fiscal":
        caveats = ["fiscal.new_regions", "fiscal.partial", "fiscal.layout", "fiscal.paper"]
        if indicator == "donor":
            caveats.insert(0, "fiscal.withdrawals")
    elif indicator == "turnout":
        caveats = ["turnout.status", "turnout.joint", "turnout.rural"]
    elif spec and spec.group == "survey":
        caveats = ["survey.scope"]
    statuses = sorted({s for s in view["status"] if s != "no data"})
    children: list = [html.H3(indicator_name(indicator, lang), className="h6"),
                      html.P([html.Strong(t("src.definition", lang) + ": "), definition(indicator, lang)])]
    if len(statuses) > 1:
        children.append(html.P(t("src.mixed", lang, statuses=", ".join(status_name(s, lang) for s in statuses)),
                               className="alert alert-warning py-1", role="status"))
    if (view["alternatives"] != "").any():
        children.append(html.P([t("src.conflict", lang, also=t("col.note", lang)), " ", t("src.rule", lang)],
                               className="alert alert-info py-1"))
    if caveats:
        children.append(html.Strong(t("src.caveats", lang)))
        children.append(html.Ul([html.Li(caveat(key, lang)) for key in caveats]))
    ids_ = sorted({s for v in view["source_id"] for s in str(v).split("+") if s})
    items = []
    for sid in ids_:
        c = dataset_citation(sid)  # type: ignore[operator]
        rows_status = sorted({status_name(s, lang) for s, v in zip(view["status"], view["source_id"], strict=True)
                              if sid in str(v).split("+")})
        link = html.A(c["source_url"], href=c["source_url"], target="_blank", rel="noopener noreferrer") \
            if c["source_url"] else ""
        items.append(html.Li([html.Strong(c["source_agency"]), ". ", c["source_title"], ". ", link,
                              f" ({t('src.status', lang)}: {', '.join(rows_status)})"]))
    children.append(html.Ol(items, className="small"))
    return html.Div(children)


def key_figure(view: pd.DataFrame, indicator: str, period_text: str, lang: str, selected: tuple[str, ...]) -> list:
    """The one number for the selected region (or the country), readable from the back of a room."""
    ranked = view[(view["region"] != "KZ") & view["value"].notna()].sort_values("value", ascending=False)
    national = view[(view["region"] == "KZ") & view["value"].notna()]
    # With nothing selected: the country, or (a single-region survey) the region that has the figure.
    code = selected[0] if selected else ("KZ" if len(national) or ranked.empty else ranked.iloc[0]["region"])
    rows = view[view["region"] == code]
    if rows.empty:
        return []
    row = rows.iloc[0]
    rank = list(ranked["region"]).index(code) + 1 if code in set(ranked["region"]) else None
    name = t("key.national", lang) if code == "KZ" else row["region_name"]
    lines = [html.Div(name, className="key-name"),
             html.Div(value_text(row["value"], row["unit"], lang, indicator), className="key-value"),
             html.Div(f"{indicator_name(indicator, lang)} · {period_text}{survey_interval(row, lang)}",
                      className="key-what")]
    if rank:
        lines.append(html.Div(t("key.rank", lang, rank=rank, n=len(ranked)), className="key-rank"))
    status = status_name(row["status"], lang)
    source = short_source(row["source_id"], row["source_agency"], lang) if row["source_id"] else ""
    lines.append(html.Div(f"{t('col.status', lang)}: {status}" + (f" · {t('col.source', lang)}: {source}"
                                                                 if source else ""), className="key-source"))
    return lines


def summary_text(view: pd.DataFrame, indicator: str, period_text: str, lang: str) -> str:
    """One sentence a screen reader can say about the map."""
    regions = view[view["region"] != "KZ"]
    has = regions[regions["value"].notna()].sort_values("value")
    parts = [f"{indicator_name(indicator, lang)}, {period_text}."]
    if len(has):
        top, low = has.iloc[-1], has.iloc[0]
        parts.append(f"↑ {top['region_name']} {value_text(top['value'], top['unit'], lang, indicator)}; "
                     f"↓ {low['region_name']} {value_text(low['value'], low['unit'], lang, indicator)}.")
    missing = regions.loc[regions["value"].isna(), "region_name"]
    if len(missing):
        parts.append(t("ranking.nodata", lang, names=", ".join(missing)) + ".")
    return " ".join(parts)


def region_buttons(view: pd.DataFrame, indicator: str, lang: str, selected: tuple[str, ...]) -> list:
    """Briefing mode's list of every region with its value, reachable with Tab and chosen with Enter."""
    rows = view[view["region"] != "KZ"].sort_values("value", ascending=False, na_position="last")
    return [html.Button([html.Span(r["region_name"], className="rb-name"),
                         html.Span(value_text(r["value"], r["unit"], lang, indicator), className="rb-value")],
                        id={"type": ids.REGION_BUTTON, "iso": r["region"]},
                        className="region-button" + (" selected" if r["region"] in selected else ""),
                        **{"aria-pressed": "true" if r["region"] in selected else "false"}, n_clicks=0)
            for _, r in rows.iterrows()]


def map_caption(indicator: str, period_text: str, layout_id: str, lang: str, partial_period: str = "",
                sample_n: float | None = None) -> list:
    """The map's heading: what, when, on which boundary layout, and the caveat a partial year or survey needs."""
    notes = []
    if partial_period:
        notes.append(t("note.partial", lang, period=period_label(partial_period, lang)))
    if sample_n and not math.isnan(sample_n):
        notes.append(t("note.survey", lang, n=int(sample_n)))
    return [f"{t('view.map', lang)} — {indicator_name(indicator, lang)}, {period_text}",
            html.Small(" · " + t("map.layout", lang, layout=t(f"layout.{layout_id}", lang)),
                       className="text-muted fw-normal"),
            *[html.Div(note, className="small text-warning-emphasis fw-normal") for note in notes]]


def time_text(state_period: str, election: str, lang: str) -> str:
    return vote_label(election, lang) if election else period_label(state_period, lang)
