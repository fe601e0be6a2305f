"""A real, migrated SQLite store and a main window over it, in the language under test."""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.config import AppPaths
from app.store.database import Store, open_database
from app.store.receipt_keys import read_known_keys
from app.store.secrets import SecretStore
from app.ui.dossier_queries import StoreDossierQueries
from app.ui.i18n import InstalledTranslations, install_translations
from app.ui.main_window import MainWindow, MainWindowDeps
from app.ui.reception_queries import StoreReceptionServices
from app.ui.store_queries import StoreCatalogueQueries, StoreHolder, StoreStatusQueries
from app.ui.tasks import TaskRunner
from tests.memory_keyring import MemoryKeyring

FIXTURE_PROCEDURES = [
    # code, name, field, unit, value, fee, agency, documents
    (
        "1.001193",
        "Đăng ký khai sinh",
        "Hộ tịch",
        "same_day",
        0,
        "Miễn lệ phí nếu đăng ký đúng hạn",
        "Ủy ban nhân dân cấp xã",
        [("Tờ khai đăng ký khai sinh", "original"), ("Giấy chứng sinh", "original")],
    ),
    (
        "1.004884",
        "Đăng ký lại khai sinh",
        "Hộ tịch",
        "working_days",
        5,
        "Theo nghị quyết HĐND thành phố",
        "Ủy ban nhân dân cấp xã",
        [("Tờ khai đăng ký lại khai sinh", "original")],
    ),
    (
        "1.000894",
        "Đăng ký kết hôn",
        "Hộ tịch",
        "same_day",
        0,
        "Theo nghị quyết HĐND thành phố",
        "Ủy ban nhân dân cấp xã",
        [("Tờ khai đăng ký kết hôn", "original"), ("Giấy tờ tùy thân", "present")],
    ),
    (
        "2.000815",
        "Chứng thực bản sao từ bản chính",
        "Chứng thực",
        "working_hours",
        8,
        "2.000 đồng/trang",
        "Ủy ban nhân dân cấp xã",
        [("Bản chính giấy tờ", "present"), ("Bản sao cần chứng thực", "copy")],
    ),
]


def _real_catalogue_available() -> bool:
    try:
        import app.store.seed  # noqa: F401
    except ImportError:
        return False
    source = importlib.resources.files("resources") / "catalogue" / "procedures.json"
    return source.is_file()


def _seed_fixture_catalogue(store: Store) -> None:
    """Used only while the real catalogue seed is not in the tree: a few real procedures."""
    from app.store.catalogue import index_procedure
    from app.store.models import Procedure, ProcedureVersion, RequiredDocument

    with store.session() as session:
        for code, name, field, unit, value, fee, agency, documents in FIXTURE_PROCEDURES:
            procedure = Procedure(code=code, name=name, field=field, level="commune")
            version = ProcedureVersion(
                procedure=procedure,
                effective_from=date(2025, 7, 1),
                processing_unit=unit,
                processing_value=value,
                fee_text=fee,
                deciding_agency=agency,
            )
            for position, (doc_name, form) in enumerate(documents, start=1):
                version.documents.append(
                    RequiredDocument(position=position, name=doc_name, form=form, copies=1)
                )
            session.add_all([procedure, version])
            session.flush()
            index_procedure(session, procedure)


@pytest.fixture
def store(app_paths: AppPaths) -> Iterator[Store]:
    opened = open_database(app_paths)
    if _real_catalogue_available():
        from app.store.seed import seed_from_resources

        seed_from_resources(opened)
    else:
        _seed_fixture_catalogue(opened)
    yield opened
    opened.close()


@pytest.fixture
def tasks(qapp: object) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture(params=["vi"])
def language(request: pytest.FixtureRequest, qapp: object) -> Iterator[InstalledTranslations]:
    installed = install_translations(request.param)
    yield installed
    installed.remove()


@pytest.fixture
def window(
    qtbot: QtBot, store: Store, tasks: TaskRunner, language: InstalledTranslations
) -> Iterator[MainWindow]:
    holder = StoreHolder(store)
    deps = MainWindowDeps(
        tasks=tasks,
        catalogue=StoreCatalogueQueries(holder),
        status=StoreStatusQueries(holder),
        reception=StoreReceptionServices(holder, secrets=SecretStore(MemoryKeyring())),
        dossiers=StoreDossierQueries(holder),
        receipt_keys=lambda: read_known_keys(holder.store),
    )
    main = MainWindow(deps)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    with qtbot.waitSignals(
        [
            main.catalogue_screen.results_shown,
            main.status.refreshed,
            main.reception_screen.started,
            main.dossiers_screen.results_shown,
        ],
        timeout=10000,
    ):
        main.start()
    yield main
    main.status.stop()
    tasks.shutdown()
