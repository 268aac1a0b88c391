"""The Dash application: assets served locally, page built per request from the URL, callbacks wired."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import dash
import flask
from flask import request

from lsgdash import callbacks
from lsgdash.i18n import best_lang, t
from lsgdash.server import routes, security
from lsgdash.store.dataset import load_dataset
from lsgdash.store.files import PROJECT_ROOT
from lsgdash.ui.layout import page
from lsgdash.ui.urlstate import decode


def page_query() -> str:
    """The query of the page being opened. Dash's renderer fetches the layout from `/_dash-layout` without
    it, so the page URL comes from the Referer (same-origin requests carry it under our Referrer-Policy)."""
    if request.path.endswith("_dash-layout") and request.referrer:
        return urlsplit(request.referrer).query
    return request.query_string.decode("utf-8", "replace")


def serve_layout() -> object:
    """The page for the URL being opened; outside a request (Dash's validation) the default view."""
    from lsgdash.callbacks.common import current_dataset

    dataset = current_dataset()
    try:
        query = page_query()
        hint = best_lang([lang for lang, _ in request.accept_languages])
    except RuntimeError:
        query, hint = "", None
    state, notes = decode(query, dataset, hint)
    return page(state, dataset, notes, dataset.store.notice)


def create_app() -> dash.Dash:
    load_dataset()  # before gunicorn forks: workers share the frames
    server = flask.Flask(__name__)
    # Flask-Compress reads its types once, when Dash attaches it: the boundaries must be listed before that.
    server.config["COMPRESS_MIMETYPES"] = [
        "text/html", "text/css", "text/plain", "text/javascript", "application/javascript", "application/json",
        "application/geo+json", "image/svg+xml"]
    app = dash.Dash(
        __name__,
        server=server,
        title="lsgdash",
        assets_folder=str(PROJECT_ROOT / "assets"),
        serve_locally=True,
        compress=True,
        suppress_callback_exceptions=False,
        update_title=None,
        eager_loading=True,  # plotly.js downloads with the other bundles, not after the layout arrives
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
                   {"name": "description", "content": t("app.subtitle", "en")}],
    )
    app.layout = serve_layout
    app.server.config["MAX_CONTENT_LENGTH"] = 30 * 1024 * 1024  # a 20 MB upload arrives base64-encoded
    callbacks.register(app)
    routes.register(app.server)
    security.register(app.server)
    return app


def run(app: dash.Dash) -> None:
    debug = os.environ.get("LSGDASH_DEBUG") == "1"
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8050")), debug=debug)
