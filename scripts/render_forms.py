"""Render the demo slips to the PNG previews committed under ``docs/forms/``.

    .venv/bin/python scripts/render_forms.py [--out docs/forms] [--dpi 80]

Each slip goes through the real renderer to PDF, then ``pdftoppm`` (poppler-utils) turns the
first page into a PNG, so the preview shows exactly what a printer or PDF viewer gets.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from app.documents.forms import Paper  # noqa: E402
from app.documents.render import render_pdf  # noqa: E402
from app.documents.samples import demo_receipt, demo_refusal, demo_supplement  # noqa: E402
from app.documents.slips import SlipContext  # noqa: E402

PAPER_WIDTH_MM = {"A4": 210, "A5": 148}

PREVIEWS: list[tuple[str, SlipContext, Paper]] = [
    ("mau01-a4", demo_receipt(), "A4"),
    ("mau01-a5", demo_receipt(), "A5"),
    ("mau01-a4-tam-thoi", demo_receipt(provisional=True, reprinted=True), "A4"),
    ("mau02-a4", demo_supplement(), "A4"),
    ("mau03-a4", demo_refusal(), "A4"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "forms")
    parser.add_argument("--dpi", type=int, default=80, help="resolution of the A4 previews")
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication([])
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for name, slip, paper in PREVIEWS:
            pdf = render_pdf(slip.form, slip, paper, Path(scratch) / f"{name}.pdf")
            # A5 previews get as many pixels across as A4 ones, so both read alike on screen.
            dpi = round(args.dpi * PAPER_WIDTH_MM["A4"] / PAPER_WIDTH_MM[paper])
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    str(dpi),
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(pdf),
                    str(args.out / name),
                ],
                check=True,
            )
            png = args.out / f"{name}.png"
            print(
                f"{png.relative_to(REPO_ROOT) if png.is_relative_to(REPO_ROOT) else png}: "
                f"{png.stat().st_size // 1024} KB"
            )
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
