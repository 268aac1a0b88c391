"""What every figure shares: a small template, colour bins, captions and short source names.

Pure: frames in, plotly objects out; no Dash imports.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go

from lsgdash.i18n import format_number, t

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
# ColorBrewer YlGnBu, 7 classes: colour-blind safe and printable; darker = higher. Fewer classes take an
# evenly spread subset.
BINS_COLOURS = ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84")
BINARY_COLOURS = ("#a1dab4", "#253494")
NO_DATA_COLOUR = "#c8c8c8"
HIGHLIGHT = "#d95f02"  # ColorBrewer Dark2 orange: stands out against the blues for every vision type
NATIONAL_COLOUR = "#444444"
SERIES_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d")


def base_layout(font_size: int = 14) -> dict:
    """A minimal template: plotly's default one would add ~8 KB to every figure sent."""
    return {"template": None, "font": {"family": FONT, "size": font_size, "color": "#222"},
            "paper_bgcolor": "white", "plot_bgcolor": "white", "margin": {"l": 8, "r": 8, "t": 40, "b": 56},
            "hoverlabel": {"font": {"family": FONT, "size": font_size}}}


def axis(title: str = "", **extra: object) -> dict:
    return {"title": {"text": title}, "gridcolor": "#e5e5e5", "zeroline": False, "automargin": True, **extra}


def nice_bins(values: list[float], unit: str) -> list[float]:
    """Round class edges over the data's range: shares in steps of 5, 10 or 20 points, 3 to 7 classes."""
    finite = [v for v in values if not math.isnan(v)]
    if not finite:
        return [0.0, 100.0] if unit == "%" else [0.0, 1.0]
    low, high = min(finite), max(finite)
    if unit == "%":
        spread = high - low
        step = 20.0 if spread > 50 else 10.0 if spread > 20 else 5.0
    else:
        raw = max((high - low) / 5, 1e-9)
        magnitude = 10 ** math.floor(math.log10(raw))
        step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    low, high = step * math.floor(low / step), step * math.ceil(high / step)
    while (high - low) / step < 3:
        high += step
    while (high - low) / step > 7:
        step *= 2
        low, high = step * math.floor(low / step), step * math.ceil(high / step)
    count = round((high - low) / step)
    return [low + i * step for i in range(count + 1)]


def class_colours(classes: int) -> tuple[str, ...]:
    """`classes` colours spread over the palette, light to dark."""
    if classes >= len(BINS_COLOURS):
        return BINS_COLOURS
    last = len(BINS_COLOURS) - 1
    return tuple(BINS_COLOURS[round(i * last / (classes - 1))] for i in range(classes)) if classes > 1 else \
        (BINS_COLOURS[3],)


def stepped_colourscale(colours: tuple[str, ...]) -> list[list]:
    """A colourscale that jumps between classes, so the legend reads as bins, not a gradient."""
    scale = []
    n = len(colours)
    for i, colour in enumerate(colours):
        scale.append([i / n, colour])
        scale.append([(i + 1) / n, colour])
    return scale


def bin_labels(edges: list[float], unit: str, lang: str) -> list[str]:
    decimals = 0 if all(float(e).is_integer() for e in edges) else 1
    return [format_number(e, lang, decimals) + (" %" if unit == "%" and lang != "en" else
                                                "%" if unit == "%" else "") for e in edges]


def short_source(source_id: str, agency: str, lang: str) -> str:
    """A source name short enough for a tooltip or a caption."""
    if source_id == "minfin-bulletin":
        return {"kk": "ҚР Қаржымині, Статистикалық бюллетень", "ru": "Минфин РК, Статистический бюллетень",
                "en": "Ministry of Finance, Statistical Bulletin"}[lang if lang in ("kk", "ru") else "en"]
    if agency.startswith("Central Election Commission"):
        outlet = agency.split("as reported:")[-1].strip(" )") if "as reported:" in agency else ""
        cec = {"kk": "ОСК", "ru": "ЦИК", "en": "CEC"}.get(lang, "CEC")
        return f"{cec} ({outlet})" if outlet else cec
    return agency if len(agency) <= 60 else agency[:57] + "…"


def caption(figure: go.Figure, sources: list[str], lang: str, font_size: int = 11) -> go.Figure:
    """Writes the source line into the figure so a PNG or SVG export carries it."""
    text = t("caption.source", lang, source="; ".join(dict.fromkeys(s for s in sources if s)) or "—")
    figure.add_annotation(text=text, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
                          yshift=-30, showarrow=False, align="left", font={"size": font_size, "color": "#555"})
    return figure
