"""The process the sync benchmark times: ``python -m app.bench.sync_child DATA_DIR URL BATCH``.

It is the app's side of a reconnect and nothing else: open the counter's store, build the
real :class:`CentralClient` and :class:`SyncEngine`, and run cycles until the outbox holds no
entry waiting. Running it in a process of its own keeps the figures clean: the peak memory
read at the end (``VmHWM``) is the sync's own, not the preparation's nor central's. The access
token comes in the environment (:data:`TOKEN_ENV`), never on the command line, where any
user of the machine could read it.

It prints one JSON line: seconds, cycles, the peak resident memory in MB and the summed
cycle reports. A cycle that ends in an error is repeated (a reconnect meets them), up to
:data:`MAX_CYCLES`; the parent checks the outcome.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

TOKEN_ENV = "MOTCUA_BENCH_TOKEN"
MAX_CYCLES = 50


def peak_rss_mb() -> float:
    """This process's peak resident memory: ``VmHWM`` where Linux has it, else getrusage
    (kilobytes on Linux, bytes on macOS)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def run(data_dir: Path, url: str, batch_size: int, token: str) -> dict[str, Any]:
    from app.config import AppPaths
    from app.store.database import open_database
    from app.store.outbox import OutboxRepository
    from app.sync.client import CentralClient
    from app.sync.engine import SyncEngine

    store = open_database(AppPaths(data_dir))
    client = CentralClient(url, token_provider=lambda: token, backoff_base=0.05)
    engine = SyncEngine(store, client, batch_size=batch_size)
    totals: dict[str, int] = {}
    errors: list[str] = []
    cycles = 0
    waiting = -1
    try:
        started = time.perf_counter()
        while cycles < MAX_CYCLES:
            report = engine.run_cycle()
            cycles += 1
            for key, value in report.as_json().items():
                if isinstance(value, int) and not isinstance(value, bool) and key != "cursor":
                    totals[key] = totals.get(key, 0) + value
            if report.error is not None:
                errors.append(str(report.error))
            with store.read_session() as session:
                waiting = OutboxRepository(session).pending_count()
            if waiting == 0 and report.error is None:
                break
        seconds = time.perf_counter() - started
    finally:
        client.close()
        store.close()
    return {
        "seconds": seconds,
        "cycles": cycles,
        "waiting": waiting,
        "peak_rss_mb": peak_rss_mb(),
        "totals": totals,
        "errors": errors[:5],
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 3:
        print("usage: python -m app.bench.sync_child DATA_DIR URL BATCH_SIZE", file=sys.stderr)
        return 2
    token = os.environ.get(TOKEN_ENV, "")
    if not token:
        print(f"sync_child: {TOKEN_ENV} is not set", file=sys.stderr)
        return 2
    result = run(Path(args[0]), args[1], int(args[2]), token)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
