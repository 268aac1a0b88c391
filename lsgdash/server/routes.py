"""Plain HTTP routes beside the Dash app: boundaries, downloads, the template and a health check.

Downloads are links, not callbacks: a researcher can copy the URL, and the rows match the view's state.
"""

from __future__ import annotations

import functools
import io
import re

import pandas as pd
from flask import Flask, Response, abort, request

from lsgdash.callbacks.common import current_dataset
from lsgdash.i18n import t
from lsgdash.ingest.tidy import TIDY_COLUMNS
from lsgdash.store.export import citation_lines, comment_line, neutralise, safe_frame, to_csv
from lsgdash.store.files import BUNDLED_DATA
from lsgdash.ui.urlstate import decode

GEO_DIR = BUNDLED_DATA / "geo"
TEMPLATE = BUNDLED_DATA / "templates" / "lsgdash_template.csv"
_LAYOUT_FILE = re.compile(r"^kz_adm1_(2022|2018|pre2018)\.geojson$")
ONE_DAY = 86400


def _view_rows(query: str) -> tuple[pd.DataFrame, str]:
    dataset = current_dataset()
    state, _ = decode(query, dataset)
    rows = dataset.view(state.indicator, state.period or None, state.election or None, state.settlement, state.lang)
    name = f"lsgdash-{state.indicator}-{state.election or state.period}"
    return rows, name


def _all_rows() -> pd.DataFrame:
    dataset = current_dataset()
    obs = dataset.store.observations
    sources = dataset.store.sources.rename(columns={c: f"source_{c}" for c in dataset.store.sources.columns
                                                    if c != "source_id"})
    return obs.merge(sources, on="source_id", how="left")


def _xlsx(frame: pd.DataFrame, lines: list[str], sources: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(frame).to_excel(writer, sheet_name="data", index=False)
        safe_frame(sources).to_excel(writer, sheet_name="sources", index=False)
        pd.DataFrame({"citation": [neutralise(line) for line in lines]}).to_excel(writer, sheet_name="citation",
                                                                                  index=False)
    return buffer.getvalue()


def _attachment(body: bytes | str, filename: str, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def register(server: Flask) -> None:
    @server.get("/geo/<name>")
    def geo(name: str) -> Response:
        if not _LAYOUT_FILE.match(name):
            abort(404)
        # Sent from memory, not streamed from disk, so Flask-Compress gzips it (98 KB becomes about 34 KB).
        response = Response(_geometry(name), mimetype="application/geo+json")
        response.cache_control.public = True
        response.cache_control.max_age = ONE_DAY
        response.add_etag()
        return response.make_conditional(request)

    @server.get("/download/<kind>.<fmt>")
    def download(kind: str, fmt: str) -> Response:
        if kind not in ("view", "all", "template") or fmt not in ("csv", "xlsx"):
            abort(404)
        dataset = current_dataset()
        if kind == "template":
            if fmt != "csv":
                abort(404)
            body = TEMPLATE.read_text("utf-8") if TEMPLATE.exists() else ",".join(TIDY_COLUMNS) + "\n"
            return _attachment(body.encode("utf-8-sig"), "lsgdash_template.csv", "text/csv")
        if kind == "view":
            rows, name = _view_rows(request.query_string.decode("utf-8", "replace"))
        else:
            rows, name = _all_rows(), "lsgdash-all-observations"
        lines = citation_lines(rows, dataset)
        if fmt == "csv":
            body = to_csv(rows, lines) if kind == "view" else _all_csv(rows, lines)
            return _attachment(body.encode("utf-8-sig"), f"{name}.csv", "text/csv")
        used = {s for v in rows["source_id"] for s in str(v).split("+") if s}
        sources = dataset.store.sources[dataset.store.sources["source_id"].isin(used)]
        return _attachment(_xlsx(rows, lines, sources), f"{name}.xlsx",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    @server.get("/health")
    def health() -> Response:
        try:
            dataset = current_dataset()
            count = len(dataset.store.observations)
        except Exception:  # a health check reports, it never raises
            return Response('{"status": "error"}', status=503, mimetype="application/json")
        notice = dataset.store.notice
        return Response(f'{{"status": "{"degraded" if notice else "ok"}", "observations": {count}}}',
                        mimetype="application/json")

    @server.errorhandler(404)
    def not_found(_error: Exception) -> tuple[str, int]:
        return _plain_page(t("error.404", _lang())), 404

    @server.errorhandler(500)
    def server_error(_error: Exception) -> tuple[str, int]:
        return _plain_page(t("error.500", _lang())), 500


@functools.lru_cache(maxsize=4)
def _geometry(name: str) -> bytes:
    return (GEO_DIR / name).read_bytes()


def _all_csv(rows: pd.DataFrame, lines: list[str]) -> str:
    buffer = io.StringIO()
    for line in lines:
        buffer.write(comment_line(line) + "\n")
    safe_frame(rows, for_csv=True).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def _lang() -> str:
    lang = request.args.get("lang", "")
    return lang if lang in ("kk", "ru", "en") else (request.accept_languages.best_match(["kk", "ru", "en"]) or "kk")


def _plain_page(message: str) -> str:
    from markupsafe import escape

    return (f"<!doctype html><meta charset=utf-8><title>lsgdash</title><p>{escape(message)}</p>"
            "<p><a href='/'>lsgdash</a>")

