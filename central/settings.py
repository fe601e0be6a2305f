"""Central's settings, passed into the app factory (no globals, so tests run several apps)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class CentralSettings:
    db_url: str
    data_dir: Path
    access_ttl_s: int = 3600
    refresh_ttl_s: int = 30 * 24 * 3600
    #: A counter whose clock differs from central's by more than this is flagged.
    drift_bound_s: float = 300.0
    max_file_size: int = 1 << 30
    clock: Callable[[], datetime] = field(default=utcnow)
