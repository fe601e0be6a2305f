"""``python -m app bench NAME``: one JSON line on stdout, with its baseline and ratio.

The arguments live here, next to the benchmarks they configure: :func:`add_bench_arguments`
fills the ``bench`` sub-command's parser and :func:`run_bench_args` runs what it parsed.
``python -m app.cli.bench_cmd NAME ...`` runs the same without the application's parser.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

BENCHMARKS = ("startup", "reception", "ocr", "sync")
RECEPTION_DOSSIERS = 200
"""Timed saves per store (``app.bench.reception.DEFAULT_DOSSIERS``; kept here so building the
parser on every start of the app imports nothing of the benchmark)."""
RECEPTION_EXISTING = 500_000
SYNC_DOSSIERS = 10_000
SYNC_SMALL = 1_000
"""``app.bench.sync.DEFAULT_DOSSIERS`` and ``DEFAULT_SMALL``, for the same reason."""


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def _at_least_one(text: str) -> int:
    value = _whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _not_negative(text: str) -> int:
    value = _whole_number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, not {value}")
    return value


def add_bench_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``bench`` sub-command's arguments (every benchmark's options, prefixed by name)."""
    parser.add_argument("name", choices=BENCHMARKS, help="which benchmark")
    parser.add_argument(
        "--runs", type=_at_least_one, default=5, help="startup: runs per variant (median)"
    )
    parser.add_argument(
        "--dossiers",
        type=_at_least_one,
        default=None,
        help=f"reception: timed saves per store (default {RECEPTION_DOSSIERS}); "
        f"sync: queued dossiers of the large set (default {SYNC_DOSSIERS})",
    )
    parser.add_argument(
        "--small",
        type=_at_least_one,
        default=SYNC_SMALL,
        help=f"sync: queued dossiers of the small set and the baseline (default {SYNC_SMALL})",
    )
    parser.add_argument(
        "--existing",
        type=_not_negative,
        default=RECEPTION_EXISTING,
        help=f"reception: dossiers already in the large store (default {RECEPTION_EXISTING})",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="reception: generate the large store afresh; neither read nor write the cache",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="ocr: a small run (a few pages, ~30 s) for tests; sync: 50 and 20 dossiers",
    )
    parser.add_argument(
        "--workers",
        type=_at_least_one,
        default=None,
        help="ocr: threads for the all-cores run (default: one per core)",
    )


def run_bench(
    name: str,
    *,
    runs: int = 5,
    dossiers: int | None = None,
    existing: int = RECEPTION_EXISTING,
    small: int = SYNC_SMALL,
    use_cache: bool = True,
    quick: bool = False,
    workers: int | None = None,
) -> int:
    if name == "startup":
        from app.bench.startup import bench_startup

        result = bench_startup(runs=runs)
    elif name == "reception":
        from app.bench.reception import bench_reception

        result = bench_reception(
            dossiers=dossiers or RECEPTION_DOSSIERS, existing=existing, use_cache=use_cache
        )
    elif name == "ocr":
        from app.bench.ocr import bench_ocr

        result = bench_ocr(quick=quick, workers=workers)
    elif name == "sync":
        from app.bench.sync import bench_sync

        result = bench_sync(dossiers=dossiers or SYNC_DOSSIERS, small=small, quick=quick)
    else:  # argparse restricts the choices; this guards a new name added without a branch
        raise ValueError(f"unknown benchmark {name!r}")
    import json

    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


def run_bench_args(args: argparse.Namespace) -> int:
    """Run what :func:`add_bench_arguments` parsed."""
    return run_bench(
        args.name,
        runs=args.runs,
        dossiers=args.dossiers,
        existing=args.existing,
        small=args.small,
        use_cache=not args.no_cache,
        quick=args.quick,
        workers=args.workers,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app bench", description="Benchmarks; each prints one JSON line."
    )
    add_bench_arguments(parser)
    return run_bench_args(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
