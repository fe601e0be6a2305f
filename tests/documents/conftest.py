"""The printed slips need a QGuiApplication (Qt's text engine and fonts)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _qt_application(qapp: object) -> None:
    """Every slip test runs with pytest-qt's application object."""
