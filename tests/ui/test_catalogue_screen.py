"""Catalogue screen behaviour that needs control over query timing: stale answers dropped."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.ui.screens.catalogue import CatalogueScreen
from app.ui.services import RequiredDocument
from app.ui.tasks import TaskRunner

from .keys import type_text


@dataclass(frozen=True)
class Row:
    procedure_id: int
    version_id: int
    code: str
    name: str
    field: str = "Hộ tịch"
    processing_unit: str = "same_day"
    processing_value: float = 0
    fee_text: str = ""
    deciding_agency: str = ""


class GatedQueries:
    """Answers each search with the text searched; the first waits until released."""

    def __init__(self) -> None:
        self.release_first = threading.Event()
        self.searched: list[str] = []

    def search(self, text: str) -> Sequence[Row]:
        self.searched.append(text)
        if len(self.searched) == 1:
            self.release_first.wait(5)
        return [Row(len(self.searched), 0, "X", text)]

    def documents(self, version_id: Any) -> Sequence[RequiredDocument]:
        return []


@pytest.fixture
def tasks(qapp: object) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def test_only_the_latest_search_is_shown(qtbot: QtBot, tasks: TaskRunner) -> None:
    queries = GatedQueries()
    screen = CatalogueScreen(queries, tasks)
    qtbot.addWidget(screen)
    shown: list[int] = []
    screen.results_shown.connect(shown.append)

    screen.search_edit.setText("khai")
    screen.refresh()  # slow: held until released
    screen.search_edit.setText("kết hôn")
    screen.refresh()
    queries.release_first.set()
    qtbot.waitUntil(lambda: len(queries.searched) == 2 and shown == [1])
    qtbot.wait(50)
    assert shown == [1]
    assert screen.model.index(0, 1).data() == "kết hôn"


def test_typing_is_debounced_into_one_search(qtbot: QtBot, tasks: TaskRunner) -> None:
    queries = GatedQueries()
    queries.release_first.set()
    screen = CatalogueScreen(queries, tasks)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.results_shown, timeout=3000):
        type_text(screen.search_edit, "Nguyễn Văn Đức")
    assert queries.searched == ["Nguyễn Văn Đức"]
