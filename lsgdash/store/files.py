"""Writing and reading `data/processed/`: deterministic bytes, atomic replacement, checked on load.

A new store is written to a sibling folder, read back and checked, and only then swapped in, so a failed
or interrupted write never leaves a half-written store where the app reads.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lsgdash.store.schema import OBS_COLUMNS, SOURCE_COLUMNS, coerce, sort_observations

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BUNDLED_DATA = PROJECT_ROOT / "data"


def data_root() -> Path:
    """The data folder: `data/` of the checkout, or LSGDASH_DATA (a writable copy on a server, or a test's)."""
    return Path(os.environ.get("LSGDASH_DATA", BUNDLED_DATA))
OBS_FILE, SOURCES_FILE, MANIFEST_FILE = "observations.csv", "sources.csv", "manifest.json"


class StoreError(RuntimeError):
    """The store on disk is missing or damaged; the message says which file and why, on one line.

    A RuntimeError, so gunicorn refusing to start (`--preload`) prints `Error: <message>` rather than a traceback.
    """


@dataclass
class Store:
    observations: pd.DataFrame
    sources: pd.DataFrame
    manifest: dict = field(default_factory=dict)
    notice: str = ""


def processed_dir(data_dir: Path | None = None) -> Path:
    return (data_dir or data_root()) / "processed"


def serialise(observations: pd.DataFrame, sources: pd.DataFrame) -> dict[str, bytes]:
    """The store's files as bytes; the same frames always give the same bytes."""
    obs = sort_observations(coerce(observations))
    src = sources.reindex(columns=SOURCE_COLUMNS).fillna("").astype(str).sort_values("source_id")
    files = {OBS_FILE: _csv_bytes(obs), SOURCES_FILE: _csv_bytes(src)}
    manifest = {
        "format": 1,
        "observations": len(obs),
        "sources": len(src),
        "sha256": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }
    files[MANIFEST_FILE] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    return files


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def write_store(observations: pd.DataFrame, sources: pd.DataFrame, target: Path) -> dict:
    """Atomically replace the store folder `target`; returns the manifest."""
    files = serialise(observations, sources)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".processed-new-", dir=target.parent))
    staging.chmod(0o755)
    try:
        for name, data in files.items():
            with open(staging / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        read_store(staging)  # what we wrote must load before it replaces anything
        backup = target.parent / (target.name + ".old")
        if backup.exists():
            shutil.rmtree(backup)
        moved = False
        if target.exists():
            os.replace(target, backup)
            moved = True
        try:
            os.replace(staging, target)
        except BaseException:
            if moved and not target.exists():
                os.replace(backup, target)  # the old store goes back where the app reads
            raise
        shutil.rmtree(backup, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return json.loads(files[MANIFEST_FILE])


def read_store(folder: Path) -> Store:
    """Load and check a store folder; StoreError names the file that is wrong."""
    manifest_path = folder / MANIFEST_FILE
    try:
        manifest = json.loads(manifest_path.read_text("utf-8"))
    except FileNotFoundError as err:
        raise StoreError(f"{manifest_path}: missing") from err
    except (OSError, ValueError) as err:
        raise StoreError(f"{manifest_path}: unreadable ({err.__class__.__name__})") from err
    hashes = manifest.get("sha256") if isinstance(manifest, dict) else None
    if not isinstance(hashes, dict):
        raise StoreError(f"{manifest_path}: not a store manifest (no sha256 table)")
    for name in (OBS_FILE, SOURCES_FILE):
        path = folder / name
        try:
            data = path.read_bytes()
        except OSError as err:
            raise StoreError(f"{path}: missing or unreadable") from err
        if hashlib.sha256(data).hexdigest() != hashes.get(name):
            raise StoreError(f"{path}: contents do not match the manifest (damaged or edited by hand)")
    try:
        obs = pd.read_csv(folder / OBS_FILE, dtype={c: str for c in OBS_COLUMNS if c not in
                                                    ("year", "value", "sample_n", "partial")},
                          keep_default_na=False, na_values={"value": [""], "sample_n": [""]})
        src = pd.read_csv(folder / SOURCES_FILE, dtype=str, keep_default_na=False)
        missing = [c for c in OBS_COLUMNS if c not in obs.columns] + [c for c in SOURCE_COLUMNS
                                                                       if c not in src.columns]
        if missing:
            raise ValueError(f"missing columns {', '.join(missing)}")
        return Store(coerce(obs), src, manifest)
    except (ValueError, TypeError, KeyError) as err:  # pandas' parser errors are ValueErrors
        reason = " ".join(str(err).split())[:120]
        raise StoreError(f"{folder}: the store's tables cannot be read ({reason})") from err


def load_store(data_dir: Path | None = None) -> Store:
    """The current store, or the one left by an interrupted swap; StoreError if neither loads."""
    target = processed_dir(data_dir)
    try:
        return read_store(target)
    except StoreError as first:
        backup = target.parent / (target.name + ".old")
        if backup.exists():
            store = read_store(backup)
            reason = str(first).replace(str(target.parent) + os.sep, "")  # a notice is public: no server paths
            store.notice = f"{reason}; serving the previous store"
            return store
        raise
