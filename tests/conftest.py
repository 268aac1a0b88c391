"""Shared test setup.

Browser tests (marked `browser`) need Debian's chromium and chromium-driver. Locally they skip with a
reason when those are missing; under CI=true a skipped browser test fails the run, so a green CI always
means the journeys were driven in a real browser.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def browser_available() -> bool:
    return bool(shutil.which("chromedriver")) and bool(shutil.which("chromium") or shutil.which("chromium-browser"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "dash_duo" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
    if browser_available():
        return
    skip = pytest.mark.skip(reason="chromium and chromium-driver are not installed (apt-get install chromium "
                                   "chromium-driver)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and "browser" in item.keywords:
        report.outcome = "failed"
        report.longrepr = f"browser test skipped under CI=true: {report.longrepr}"


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of data/ that the code under test reads and writes (LSGDASH_DATA)."""
    from lsgdash.store.dataset import load_dataset

    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns(".uploads", "processed.old"))
    monkeypatch.setenv("LSGDASH_DATA", str(target))
    load_dataset.cache_clear()
    yield target
    load_dataset.cache_clear()
