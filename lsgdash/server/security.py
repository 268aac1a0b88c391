"""Response headers for ministry intranets and public servers.

The Content-Security-Policy allows only this host. Dash's renderer evaluates clientside callbacks and
plotly.js compiles expressions with `new Function`, so 'unsafe-eval' stays. The page's one inline script is
Dash's renderer start-up line, allowed by its hash (what `dash.Dash.csp_hashes()` gives), so no other inline
script or event handler can run even if markup got into a page; the config block is JSON, not a script. An
inline clientside callback added later must add its hash here (the browser test in test_web_surface.py fails
until it does). Framing is off unless LSGDASH_FRAME_ANCESTORS names who may embed the app.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re

from flask import Flask, Response

DASH_RENDERER = "var renderer = new DashRenderer();"  # dash.Dash().renderer, inlined in every page
INLINE_SCRIPTS = (DASH_RENDERER,)


def script_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(frame_ancestors: str) -> str:
    return "; ".join((
        "default-src 'self'",
        "script-src 'self' 'unsafe-eval' " + " ".join(script_hash(s) for s in INLINE_SCRIPTS),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ))


def frame_ancestors_setting() -> str:
    """Who may embed the app (CSP source list), from LSGDASH_FRAME_ANCESTORS; 'none' when unset. Separators
    are dropped so the setting cannot add directives or break the header."""
    raw = os.environ.get("LSGDASH_FRAME_ANCESTORS", "")
    return " ".join(re.sub(r"[;,\x00-\x1f\x7f]", " ", raw).split()) or "'none'"


def register(server: Flask) -> None:
    # Debug (Werkzeug's debugger, tracebacks, propagated exceptions) only when asked for: FLASK_DEBUG in the
    # environment of a server must not switch it on. `webapp.run` passes LSGDASH_DEBUG=1 through to Dash.
    debug = os.environ.get("LSGDASH_DEBUG") == "1"
    server.config["DEBUG"] = debug
    frame_ancestors = frame_ancestors_setting()
    policy = content_security_policy(frame_ancestors)

    @server.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if frame_ancestors == "'none'":
            response.headers.setdefault("X-Frame-Options", "DENY")
        return response
