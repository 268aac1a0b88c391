"""What every callback needs: the current dataset and a guard that turns a failure into a notice."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from typing import Any

from dash.exceptions import PreventUpdate

from lsgdash.store.dataset import Dataset, load_dataset
from lsgdash.store.files import MANIFEST_FILE, processed_dir

log = logging.getLogger("lsgdash")
_seen: dict[str, int] = {}


def current_dataset() -> Dataset:
    """The loaded dataset, reloaded only when the store on disk was replaced (an upload in any worker)."""
    try:
        stamp = os.stat(processed_dir() / MANIFEST_FILE).st_mtime_ns
    except OSError:
        stamp = 0
    if _seen.get("stamp") not in (None, stamp):
        load_dataset.cache_clear()
    _seen["stamp"] = stamp
    return load_dataset()


def guarded(fallback: Callable[..., Any]) -> Callable:
    """Runs a callback; on an unexpected error logs it and returns `fallback(*args)` instead of a traceback."""

    def wrap(func: Callable) -> Callable:
        @functools.wraps(func)
        def inner(*args: Any) -> Any:
            try:
                return func(*args)
            except PreventUpdate:
                raise
            except Exception:
                log.exception("callback %s failed", func.__name__)
                return fallback(*args)

        return inner

    return wrap
