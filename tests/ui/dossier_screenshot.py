"""Render the Dossiers screen with 30 demo dossiers to a PNG (docs/dossiers.png).

    QT_QPA_PLATFORM=offscreen python -m tests.ui.dossier_screenshot docs/dossiers.png

Everything is real: a fresh store in a temporary folder, migrated and seeded with the shipped
catalogue, dossiers written through the repositories with appointments from the working
calendar, the screen built as the app builds it, in Vietnamese, at 1366x768, judged at a fixed
moment so the colours are the same on every run. The names are invented.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.config import AppPaths
from app.domain.clock import OFFICE_TZ
from app.store.calendar import load_working_calendar
from app.store.database import open_database
from app.store.models import Procedure, ProcedureVersion
from app.store.seed import seed_from_resources
from app.ui.dossier_queries import StoreDossierQueries
from app.ui.i18n import install_translations
from app.ui.screens.dossiers import DossiersScreen
from app.ui.store_queries import StoreHolder
from app.ui.tasks import TaskRunner
from tests.dossier_seed import DemoDossier, Step, add_dossiers

NOW = datetime(2026, 3, 11, 3, 20, tzinfo=UTC)  # Wednesday 11 March 2026, 10:20 office time
SIZE = (1366, 768)

NAMES = [
    "Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Nam", "Phạm Thu Hà", "Hoàng Minh Đức",
    "Vũ Thị Lan", "Đặng Quốc Huy", "Bùi Thị Mai", "Đỗ Văn Long", "Ngô Thị Thảo",
    "Dương Văn Khánh", "Lý Thị Hồng", "Phan Thanh Tùng", "Trịnh Thị Yến", "Đinh Công Sơn",
    "Công ty TNHH Hoa Sen", "Nguyễn Thị Phương", "Trần Văn Quang", "Lê Thị Thu Trang",
    "Phạm Văn Hùng", "Hoàng Thị Vân", "Nguyễn Đức Thắng", "Võ Thị Kim Oanh", "Tạ Văn Bình",
    "Mai Thị Hạnh", "Đào Văn Tiến", "Chu Thị Ngân", "Hà Văn Phúc", "Kiều Thị Loan",
    "Lương Văn Toàn",
]  # fmt: skip


def _demos(store_paths: AppPaths) -> list[DemoDossier]:
    store = open_database(store_paths)
    try:
        seed_from_resources(store)
        calendar = load_working_calendar(store)
        with store.read_session() as session:
            versions = session.execute(
                select(
                    Procedure.code,
                    ProcedureVersion.processing_unit,
                    ProcedureVersion.processing_value,
                )
                .join(ProcedureVersion)
                .where(Procedure.code.is_not(None))
                .order_by(Procedure.id)
            ).all()
    finally:
        store.close()
    demos: list[DemoDossier] = []
    office_now = NOW.astimezone(OFFICE_TZ)
    for number, name in enumerate(NAMES):
        code, unit, value = versions[(number * 7) % len(versions)]
        # Eight today, the rest over the past three weeks, newest first.
        if number < 8:
            received = office_now - timedelta(minutes=11 + number * 17)
        else:
            received = office_now.replace(hour=8, minute=5) - timedelta(
                days=number - 6, minutes=-23 * (number % 9)
            )
            while received.weekday() >= 5:
                received -= timedelta(days=1)
        if unit == "same_day":
            due = calendar.appointment(received, same_day=True)
        elif unit == "working_hours":
            due = calendar.appointment(received, hours=value)
        else:
            due = calendar.appointment(received, days=value)
        age = (office_now - received).days
        steps: list[Step] = []
        if age >= 1:
            steps = [Step("awaiting_approval", timedelta(hours=2))]
        if age >= 2:
            steps.append(Step("transferred", timedelta(days=1), actor="Phó Giám đốc chi nhánh"))
        if age >= 2 and due.astimezone(UTC) < NOW and number % 3:
            ready = min(due - timedelta(hours=3), office_now - timedelta(hours=1))
            ready = max(ready, received + timedelta(days=1, hours=2))
            steps.append(Step("result_ready", ready - received, actor="Sở Tư pháp"))
            if number % 2:
                steps.append(Step("returned", ready - received + timedelta(hours=20)))
        if number == 12:
            supplement = Step("supplement_requested", timedelta(days=2), note="Thiếu bản sao")
            steps = [*steps[:2], supplement]
        if number == 5:
            steps = [Step("refused", timedelta(minutes=9), note="Không thuộc thẩm quyền")]
        demos.append(
            DemoDossier(
                code=f"999.00.00.H26-{received:%y%m%d}-{number + 1:04d}",
                name=name,
                received_at=received.astimezone(UTC),
                due_at=due.astimezone(UTC),
                phone=f"09{(number * 7919) % 100000000:08d}",
                id_number=None if name.startswith("Công ty") else f"0010{number:02d}0{number:06d}",
                steps=steps,
                procedure_code=code,
                received_by="Nguyễn Thị Lan",
            )
        )
    return demos


def render(target: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    translations = install_translations("vi")
    with tempfile.TemporaryDirectory() as folder:
        paths = AppPaths(data_dir=Path(folder))
        demos = _demos(paths)
        store = open_database(paths)
        tasks = TaskRunner()
        try:
            add_dossiers(store, demos)
            screen = DossiersScreen(
                StoreDossierQueries(StoreHolder(store)),
                tasks,
                reprint=lambda _id: None,
                clock=lambda: NOW,
            )
            screen.resize(*SIZE)
            screen.show()
            shown: list[int] = []
            screen.results_shown.connect(shown.append)
            screen.refresh()
            while not shown or screen.model.dossier_count is None:
                app.processEvents()
            screen.select_row(9)
            details: list[int] = []
            screen.detail_shown.connect(details.append)
            while not details:
                app.processEvents()
            app.processEvents()
            target.parent.mkdir(parents=True, exist_ok=True)
            if not screen.grab().save(str(target)):
                raise SystemExit(f"could not write {target}")
            screen.close()
        finally:
            tasks.shutdown()
            store.close()
            translations.remove()


if __name__ == "__main__":
    render(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/dossiers.png"))
