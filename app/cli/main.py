"""Argument parsing and dispatch. Heavy modules are imported inside each command, so
``--version`` or ``card`` answer instantly and the GUI start-up stays lean."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app import __version__
from app.cli.bench_cmd import add_bench_arguments
from app.cli.sync_cmd import add_sync_arguments


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m app",
        description=(
            "Một Cửa Desk: one-stop counter application. Without a command, opens the window."
        ),
    )
    parser.add_argument("--version", action="version", version=f"motcua-desk {__version__}")
    parser.add_argument("--lang", choices=["vi", "en"], help="interface language (default: vi)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("gui", help="open the main window (the default)")

    doctor = commands.add_parser("doctor", help="check this machine's set-up, one line per check")
    doctor.add_argument("--timeout", type=float, default=5.0, help="seconds per external check")

    calendar = commands.add_parser(
        "calendar",
        help="working-day calendar: 'calendar YEAR' lists non-working days; 'calendar due ...'",
        description=(
            "calendar YEAR: every non-working day of YEAR with its reason.\n"
            "calendar due --received 'YYYY-MM-DD HH:MM' (--days N | --hours N | --same-day): "
            "the appointment time as ISO 8601."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    calendar.add_argument("what", help="a year (e.g. 2026) or 'due'")
    calendar.add_argument("--received", help="reception time, 'YYYY-MM-DD HH:MM' (with 'due')")
    span = calendar.add_mutually_exclusive_group()
    span.add_argument("--days", type=float, help="statutory time in working days")
    span.add_argument("--hours", type=float, help="statutory time in working hours")
    span.add_argument("--same-day", action="store_true", help="a same-day procedure")

    card = commands.add_parser("card", help="parse a chip-ID card QR text and print it as JSON")
    card_source = card.add_mutually_exclusive_group(required=True)
    card_source.add_argument("text", nargs="?", help="the QR text, '|'-separated")
    card_source.add_argument("--stdin", action="store_true", help="read the QR text from stdin")

    verify = commands.add_parser(
        "verify",
        help="check a receipt's QR code offline: exit 0 genuine, 1 not genuine, 2 bad input",
    )
    verify_source = verify.add_mutually_exclusive_group(required=True)
    verify_source.add_argument("text", nargs="?", help="the QR text (quote it: it holds '&')")
    verify_source.add_argument(
        "--stdin", action="store_true", help="read the QR text from stdin (a scanner burst)"
    )
    verify_source.add_argument("--image", metavar="FILE", help="read the QR code from an image")

    setup = commands.add_parser(
        "setup",
        help="this machine's unit, counter and clerk: --list, or --unit U --counter C --clerk NAME",
    )
    setup.add_argument("--list", action="store_true", help="list the counters one can pick")
    setup.add_argument("--unit", help="organisation unit code, e.g. TT")
    setup.add_argument("--counter", help="counter code within the unit, e.g. Q01")
    setup.add_argument("--clerk", help="the receiving clerk's full name, as printed on receipts")
    scanner = setup.add_mutually_exclusive_group()
    scanner.add_argument(
        "--scanner-folder", metavar="DIR", help="folder where the network scanner saves pages"
    )
    scanner.add_argument(
        "--no-scanner-folder", action="store_true", help="stop watching a scanner folder"
    )
    central = setup.add_mutually_exclusive_group()
    central.add_argument(
        "--central-url", metavar="URL", help="the central system's address (https://...)"
    )
    central.add_argument(
        "--standalone", action="store_true", help="no central system: this counter runs alone"
    )
    central.add_argument(
        "--demo-central",
        action="store_true",
        help="the local demo central server started with the app (the default of a new install)",
    )

    ocr = commands.add_parser(
        "ocr",
        help="scanner check: run the app's clean-up + OCR on images/PDFs, one JSON line a page",
    )
    ocr.add_argument("files", nargs="+", metavar="FILE", help="image (JPEG, PNG, TIFF...) or PDF")
    ocr.add_argument("--language", help="Tesseract language, e.g. vie or vie+eng (default: vie)")
    ocr.add_argument("--workers", type=int, help="pages in parallel (default: one per core)")
    ocr.add_argument("--timeout", type=float, help="seconds of OCR per page before giving up")
    ocr.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="STEP",
        help="skip a clean-up step (page_detection, orientation, deskew, illumination, "
        "denoise, resolution, binarise, leaders); repeatable",
    )

    sync = commands.add_parser(
        "sync", help="one sync cycle with the configured central: 'sync --once --username U'"
    )
    add_sync_arguments(sync)

    bench = commands.add_parser("bench", help="benchmarks; each prints one JSON line")
    add_bench_arguments(bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    command = args.command or "gui"
    if command == "gui":
        from app.config import AppPaths
        from app.ui.app import run_gui

        return run_gui(AppPaths.default(), lang=args.lang)
    if command == "doctor":
        from app.cli.doctor import run_doctor

        return run_doctor(timeout=args.timeout)
    if command == "calendar":
        from app.cli.calendar_cmd import run_calendar

        return run_calendar(args)
    if command == "card":
        from app.cli.card_cmd import run_card

        text = sys.stdin.read() if args.stdin else args.text
        return run_card(text)
    if command == "verify":
        from app.cli.verify_cmd import run_verify

        text = sys.stdin.read() if args.stdin else args.text
        return run_verify(text, image=args.image)
    if command == "setup":
        from app.cli.setup_cmd import run_setup

        return run_setup(args)
    if command == "ocr":
        from app.cli.ocr_cmd import run_ocr_files

        return run_ocr_files(
            args.files,
            language=args.language,
            workers=args.workers,
            timeout_s=args.timeout,
            skip=args.skip,
        )
    if command == "sync":
        from app.cli.sync_cmd import run_sync

        return run_sync(args)
    if command == "bench":
        from app.cli.bench_cmd import run_bench_args

        return run_bench_args(args)
    raise AssertionError(f"unhandled command {command!r}")
