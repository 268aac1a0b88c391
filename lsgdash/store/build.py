"""Turning `data/sources/` into the store: the bundled datasets, then the user's imported files in order.

A later file overrides an earlier one on the same key (a re-issued Bulletin edition replaces its figures);
within one file a repeated key is an error.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lsgdash.ingest import bundled
from lsgdash.ingest.detect import parse_file
from lsgdash.ingest.problems import IngestError, ProblemLog
from lsgdash.store.files import Store, StoreError, data_root, load_store, processed_dir, serialise, write_store
from lsgdash.store.schema import KEY_COLUMNS, coerce, validate_observations

BUNDLED = (
    ("minfin/regional_budgets_annual.csv", bundled.read_minfin_series),
    ("cec/turnout_by_region.csv", bundled.read_turnout),
    ("cec/engagement_indicators.csv", bundled.read_engagement),
    ("budget_facts/local_budget_facts.csv", bundled.read_budget_facts),
)
SURVEY = "paper/survey_table1.csv"
IMPORTED = "imported"


def collect(sources_dir: Path, extra: list[tuple[Path, str]] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All observations and sources from the source folder, plus `extra` files not yet copied into it."""
    parts = [reader(sources_dir / name) for name, reader in BUNDLED]
    parts.append(parse_file(sources_dir / SURVEY).frames)
    imported = sorted((sources_dir / IMPORTED).glob("*")) if (sources_dir / IMPORTED).exists() else []
    for path in imported:
        if path.is_file() and not path.name.startswith("."):
            parts.append(parse_file(path).frames)
    for path, label in extra or []:
        parts.append(parse_file(path, label).frames)
    obs = pd.concat([p[0] for p in parts], ignore_index=True)
    src = pd.concat([p[1] for p in parts], ignore_index=True).drop_duplicates("source_id", keep="last")
    obs = obs.drop_duplicates(KEY_COLUMNS, keep="last").reset_index(drop=True)
    log = ProblemLog("store")
    validate_observations(obs, src, log)
    log.raise_if_any()
    return coerce(obs), src.reset_index(drop=True)


@contextlib.contextmanager
def store_lock(data_dir: Path) -> Iterator[None]:
    """One writer at a time per data folder, across gunicorn workers: two uploads at once must not both build
    from the sources without the other's file and let the last swap win. The lock is on the folder itself
    (flock on its descriptor), so no lock file is left in it."""
    try:
        import fcntl
    except ImportError:  # not POSIX: a single process is assumed
        yield
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(data_dir, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def build(data_dir: Path | None = None) -> dict:
    """Rebuild `data/processed/` from `data/sources/`; returns the manifest."""
    data_dir = data_dir or data_root()
    with store_lock(data_dir):
        obs, src = collect(data_dir / "sources")
        return write_store(obs, src, processed_dir(data_dir))


@dataclass
class Change:
    added: pd.DataFrame
    changed: pd.DataFrame
    unchanged: int
    kind: str
    report: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{len(self.added)} new, {len(self.changed)} changed, {self.unchanged} unchanged observations"


def diff(current: pd.DataFrame, new: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Rows of `new` not in `current`, rows whose value changes (with the old value), and the count unchanged."""
    merged = new.merge(current[KEY_COLUMNS + ["value"]], on=KEY_COLUMNS, how="left", suffixes=("", "_old"),
                       indicator=True)
    added = merged[merged["_merge"] == "left_only"].drop(columns=["_merge", "value_old"])
    both = merged[merged["_merge"] == "both"]
    changed = both[(both["value"] - both["value_old"]).abs() > 1e-9].drop(columns=["_merge"])
    return added.reset_index(drop=True), changed.reset_index(drop=True), len(both) - len(changed)


def ingest(path: Path, data_dir: Path | None = None, dry_run: bool = False, label: str | None = None) -> Change:
    """Validate a user's file, show what it changes, and (unless dry run) add it to the sources and rebuild.

    The file is copied into `data/sources/imported/` only after the whole new store has been built and
    checked, and the store is swapped in atomically; on any error nothing on disk changes.
    """
    data_dir = data_dir or data_root()
    label = label or path.name
    parsed = parse_file(path, label)
    current = load_store(data_dir).observations
    added, changed, unchanged = diff(current, parsed.frames[0])
    change = Change(added, changed, unchanged, parsed.kind, parsed.report)
    if dry_run or (added.empty and changed.empty):
        return change
    with store_lock(data_dir):
        obs, src = collect(data_dir / "sources", extra=[(path, label)])
        serialise(obs, src)
        imported = data_dir / "sources" / IMPORTED
        imported.mkdir(parents=True, exist_ok=True)
        order = len([p for p in imported.iterdir() if not p.name.startswith(".")]) + 1
        safe = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in Path(label).name)[-80:]
        destination = imported / f"{order:04d}-{safe}"
        staging = imported / f".{destination.name}.tmp"
        shutil.copyfile(path, staging)
        try:
            # The file joins the sources before the store is swapped: a crash in between leaves the sources
            # ahead of the store (the next build includes the file), never the store holding figures that a
            # rebuild would silently drop.
            staging.replace(destination)
            try:
                write_store(obs, src, processed_dir(data_dir))
            except BaseException:
                destination.unlink(missing_ok=True)
                raise
        finally:
            staging.unlink(missing_ok=True)
    return change


def load_or_build(data_dir: Path | None = None) -> Store:
    """The store for the app: what is on disk, else rebuilt from the sources (they hold every figure the store
    held, so the rebuild is the last good store) with a notice saying why; StoreError, on one line, if neither.

    Never a half-loaded store: `read_store` checks every file against the manifest before anything is used.
    """
    data_dir = data_dir or data_root()
    target = processed_dir(data_dir)
    try:
        return load_store(data_dir)
    except StoreError as damaged:
        reason = _short(damaged, data_dir)
        existed = target.exists()
        try:
            build(data_dir)
            store = load_store(data_dir)
        except Exception as err:  # any failure of the rebuild refuses to start, with its reason on one line
            raise StoreError(f"{reason}; rebuilding from {data_dir / 'sources'} failed: {_short(err, data_dir)}") \
                from err
        if existed:
            store.notice = f"{reason}; rebuilt from the source files"
        return store


def _short(error: Exception, data_dir: Path) -> str:
    """An error on one line, paths shown from the data folder (a notice is public: no server paths)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text.replace(str(data_dir) + os.sep, "")[:300]


__all__ = ["Change", "IngestError", "build", "collect", "diff", "ingest", "load_or_build"]
