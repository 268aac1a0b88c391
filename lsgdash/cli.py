"""`python -m lsgdash …`: build the store, ingest a file, export rows, check sums, write the template."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lsgdash.ingest.problems import IngestError
from lsgdash.store.files import StoreError, processed_dir


def _build(args: argparse.Namespace) -> int:
    from lsgdash.store.build import build

    manifest = build(args.data_dir)
    print(f"built {manifest['observations']} observations from {manifest['sources']} sources into "
          f"{processed_dir(args.data_dir)}")
    return 0


def _ingest(args: argparse.Namespace) -> int:
    from lsgdash.store.build import ingest

    change = ingest(Path(args.file), args.data_dir, dry_run=args.dry_run)
    print(f"{args.file}: read as {change.kind}; {change.summary()}")
    for line in change.report:
        print(f"  check: {line}")
    for _, row in change.changed.head(50).iterrows():
        print(f"  change: {row['indicator']} {row['region']} {row['period']}: {row['value_old']:g} -> {row['value']:g}")
    for _, row in change.added.head(20).iterrows():
        print(f"  new: {row['indicator']} {row['region']} {row['unit_name']} {row['period']} = {row['value']:g} "
              f"{row['unit']} ({row['status']})")
    if args.dry_run:
        print("dry run: nothing written")
    return 0


def _export(args: argparse.Namespace) -> int:
    from lsgdash.store.dataset import load_dataset
    from lsgdash.store.export import citation_lines, export_rows, to_csv

    dataset = load_dataset(args.data_dir)
    try:
        rows = export_rows(dataset, args.indicator, args.year, args.region, args.election, args.settlement,
                           args.lang, args.basis)
    except KeyError:
        print(f"unknown indicator {args.indicator!r}", file=sys.stderr)
        return 2
    if rows.empty:
        print("no rows match", file=sys.stderr)
        return 1
    sys.stdout.write(to_csv(rows, citation_lines(rows, dataset) if args.citations else None))
    return 0


def _check(args: argparse.Namespace) -> int:
    from lsgdash.indicators import regions_sum_check
    from lsgdash.store.dataset import load_dataset

    obs = load_dataset(args.data_dir).store.observations
    obs = obs[obs["source_id"] == "minfin-bulletin"]
    for item in ("rev_total", "rev_tax", "rev_transfers", "expenditure", "subventions"):
        for period in sorted(obs.loc[obs["indicator"] == item, "period"].unique()):
            print(regions_sum_check(obs, item, period))
    return 0


def _template(args: argparse.Namespace) -> int:
    from lsgdash.ingest.tidy import TIDY_COLUMNS

    print(",".join(TIDY_COLUMNS))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lsgdash", description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="data folder (default: ./data or $LSGDASH_DATA)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="rebuild data/processed from data/sources").set_defaults(run=_build)
    p = sub.add_parser("ingest", help="validate a file and add it to the store")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    p.set_defaults(run=_ingest)
    p = sub.add_parser("export", help="print CSV rows with their sources")
    p.add_argument("--indicator", required=True)
    p.add_argument("--year", help="year (2024) or partial period (2025-11)")
    p.add_argument("--region", action="append", help="ISO code, e.g. KZ-61 (repeatable); KZ = national")
    p.add_argument("--election", help="vote id TYPE-YYYY-MM-DD, e.g. mazhilis-2023-03-19")
    p.add_argument("--settlement", default="all", help="all, urban, rural or rural_okrug")
    p.add_argument("--basis", default="execution", choices=["execution", "plan"])
    p.add_argument("--lang", default="en", choices=["kk", "ru", "en"])
    p.add_argument("--citations", action="store_true", help="write citation lines (# …) above the rows")
    p.set_defaults(run=_export)
    sub.add_parser("check", help="regions-vs-national sum check of the Bulletin series").set_defaults(run=_check)
    sub.add_parser("template", help="print the tidy template's header").set_defaults(run=_template)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except IngestError as err:
        print(f"rejected: {len(err.problems)} problem(s); nothing was written", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except (StoreError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
