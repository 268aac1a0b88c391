"""Response headers for ministry intranets and public servers.

The Content-Security-Policy allows only this host. Dash's renderer evaluates clientside callbacks and
plotly.js compiles expressions with `new Function`, so 'unsafe-eval' stays; inline scripts are needed for
Dash's config block. Framing is off unless LSGDASH_FRAME_ANCESTORS names who may embed the app.
"""

from __future__ import annotations

import os

from flask import Flask, Response


def content_security_policy(frame_ancestors: str) -> str:
    return "; ".join((
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
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


def register(server: Flask) -> None:
    frame_ancestors = os.environ.get("LSGDASH_FRAME_ANCESTORS", "'none'")
    policy = content_security_policy(frame_ancestors)

    @server.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if frame_ancestors == "'none'":
            response.headers.setdefault("X-Frame-Options", "DENY")
        return response
