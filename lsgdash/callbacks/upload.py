"""Upload wiring: preview what a file would change, write only on confirmation, with the CLI's functions.

The file waits in a private staging folder under a random token between preview and confirmation; the
browser only ever holds the token. Nothing in the file is executed: it is parsed as data.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
import secrets
import time
from pathlib import Path

from dash import Input, Output, State, html, no_update

from lsgdash.callbacks.common import current_dataset, guarded
from lsgdash.i18n import format_number, indicator_name, problem_text, t
from lsgdash.ingest.problems import IngestError, Problem
from lsgdash.ingest.tables import MAX_FILE_BYTES
from lsgdash.store.build import ingest
from lsgdash.store.files import MANIFEST_FILE, data_root, processed_dir
from lsgdash.ui import ids

ALLOWED_SUFFIXES = (".csv", ".xlsx", ".txt", ".tsv")


def uploads_enabled() -> bool:
    return os.environ.get("LSGDASH_UPLOADS", "1") != "0"


def _staged(token: str) -> Path | None:
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        return None
    matches = list((data_root() / ".uploads").glob(f"{token}.*"))
    return matches[0] if matches else None


def forget_stale_previews(staging: Path, max_age_s: float = 3600) -> None:
    """Previews never confirmed are deleted after an hour, so the staging folder does not fill the disk."""
    now = time.time()
    for path in staging.iterdir():
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > max_age_s:
                path.unlink()


def _problems_block(error: IngestError, filename: str, lang: str) -> html.Div:
    shown = error.problems[:30]
    return html.Div(className="alert alert-danger", role="alert", children=[
        html.Strong(t("up.rejected", lang, file=filename, n=len(error.problems))),
        html.Ul([html.Li(problem_text(p, lang)) for p in shown]),
    ])


def _change_list(change: object, lang: str) -> html.Ul:
    items = []
    for _, row in change.changed.head(10).iterrows():  # type: ignore[attr-defined]
        items.append(html.Li(f"{indicator_name(row['indicator'], lang)} · {row['region']} · {row['period']}: "
                             f"{format_number(row['value_old'], lang, 2)} → {format_number(row['value'], lang, 2)}"))
    for _, row in change.added.head(10).iterrows():  # type: ignore[attr-defined]
        items.append(html.Li(f"+ {indicator_name(row['indicator'], lang)} · {row['region']} {row['unit_name']} · "
                             f"{row['period']}: {format_number(row['value'], lang, 2)} {row['unit']}"))
    return html.Ul(items + [html.Li(line) for line in change.report[:10]], className="small")  # type: ignore


def register(app: object) -> None:
    @app.callback(  # type: ignore[attr-defined]
        Output(ids.UPLOAD_PREVIEW, "children"), Output(ids.UPLOAD_TOKEN, "data"),
        Output(ids.UPLOAD_CONFIRM, "className"), Output(ids.UPLOAD_RESULT, "children", allow_duplicate=True),
        Input(ids.UPLOAD, "contents"), State(ids.UPLOAD, "filename"), State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    @guarded(lambda *a: (html.Div(t("note.error", "en"), className="alert alert-danger"), None, no_update, ""))
    def preview(contents: str, filename: str, data: dict) -> tuple:
        lang = data.get("lang", "en")
        hidden = "btn btn-success btn-sm mt-1 d-none"
        if not uploads_enabled():
            return html.Div(t("up.disabled", lang), className="alert alert-secondary"), None, hidden, ""
        name = Path(filename or "upload").name[-120:]
        suffix = Path(name).suffix.lower()
        raw, problem = b"", None
        if suffix not in ALLOWED_SUFFIXES:
            problem = Problem(name, None, None, suffix, "unsupported file type; use CSV or XLSX", "file_type")
        else:
            try:
                raw = base64.b64decode((contents or "").split(",", 1)[1], validate=True)
            except (IndexError, binascii.Error):
                problem = Problem(name, None, None, "", "the upload could not be read", "bad_xlsx")
        if problem is None and len(raw) > MAX_FILE_BYTES:
            problem = Problem(name, None, None, "", "file too large; not read", "too_large")
        if problem is not None:
            return _problems_block(IngestError([problem]), name, lang), None, hidden, ""
        staging = data_root() / ".uploads"
        staging.mkdir(parents=True, exist_ok=True)
        forget_stale_previews(staging)
        token = secrets.token_urlsafe(16)
        path = staging / f"{token}{suffix}"
        path.write_bytes(raw)
        try:
            change = ingest(path, dry_run=True, label=name)
        except IngestError as err:
            path.unlink(missing_ok=True)
            return _problems_block(err, name, lang), None, hidden, ""
        if change.added.empty and change.changed.empty:
            path.unlink(missing_ok=True)
            return html.Div(t("up.nothing", lang), className="alert alert-secondary"), None, hidden, ""
        summary = t("up.preview", lang, file=name, kind=t(f"kind.{change.kind}", lang), new=len(change.added),
                    changed=len(change.changed), same=change.unchanged)
        block = html.Div([html.P(summary), _change_list(change, lang)], className="alert alert-info")
        return block, {"token": token, "name": name}, "btn btn-success btn-sm mt-1", ""

    @app.callback(  # type: ignore[attr-defined]
        Output(ids.UPLOAD_RESULT, "children"), Output(ids.DATA_VERSION, "data"),
        Output(ids.UPLOAD_CONFIRM, "className", allow_duplicate=True),
        Input(ids.UPLOAD_CONFIRM, "n_clicks"), State(ids.UPLOAD_TOKEN, "data"), State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    @guarded(lambda *a: (html.Div(t("note.error", "en"), className="alert alert-danger"), no_update, no_update))
    def confirm(clicks: int, token: dict | None, data: dict) -> tuple:
        lang = data.get("lang", "en")
        hidden = "btn btn-success btn-sm mt-1 d-none"
        path = _staged((token or {}).get("token", ""))
        if not clicks or path is None or not uploads_enabled():
            return html.Div(t("up.expired", lang), className="alert alert-warning"), no_update, hidden
        try:
            change = ingest(path, label=(token or {}).get("name", path.name))
        except IngestError as err:
            return _problems_block(err, (token or {}).get("name", ""), lang), no_update, hidden
        finally:
            path.unlink(missing_ok=True)
        current_dataset()
        version = str(os.stat(processed_dir() / MANIFEST_FILE).st_mtime_ns)
        summary = t("up.preview", lang, file=(token or {}).get("name", ""), kind=t(f"kind.{change.kind}", lang),
                    new=len(change.added), changed=len(change.changed), same=change.unchanged)
        return (html.Div(t("up.saved", lang, summary=summary), className="alert alert-success"), version, hidden)
