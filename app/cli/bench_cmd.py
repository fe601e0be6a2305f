"""``python -m app bench NAME``: one JSON line on stdout, with its baseline and ratio."""

from __future__ import annotations

import json


def run_bench(name: str, *, runs: int) -> int:
    if name == "startup":
        from app.bench.startup import bench_startup

        result = bench_startup(runs=runs)
    else:  # argparse restricts the choices; this guards a new name added without a branch
        raise ValueError(f"unknown benchmark {name!r}")
    print(json.dumps(result, ensure_ascii=False))
    return 0
