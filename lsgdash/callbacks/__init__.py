"""Callbacks: wiring only; the logic lives in ui.transitions, figures and store."""

from lsgdash.callbacks import state, upload, views


def register(app: object) -> None:
    state.register(app)
    views.register(app)
    upload.register(app)
