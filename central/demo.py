"""The demo accounts ``python -m central seed`` creates (documented in central/README.md).

Kept apart from the seed code so test fixtures can name them without importing the server."""

from __future__ import annotations

from dataclasses import dataclass

DEMO_PASSWORD = "motcua-demo"
DEPARTMENT = "PTP"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    roles: tuple[str, ...]
    unit_code: str


DEMO_USERS = (
    DemoUser("canbo1", "Nguyễn Thị Lan", ("clerk",), "TT"),
    DemoUser("canbo2", "Trần Văn Minh", ("clerk",), "CN01"),
    DemoUser("phogiamdoc1", "Lê Thị Hồng", ("deputy",), "TT"),
    DemoUser("chuyenvien1", "Phạm Quốc Huy", ("officer",), DEPARTMENT),
    DemoUser("quantri", "Quản trị hệ thống", ("admin",), "TT"),
)
