"""Interface language: which one, and loading its Qt translations.

Strings are written in English in the code (``tr()``). Vietnamese, the clerks' language, is
the default and comes from ``motcua_vi.qm``; ``motcua_en.qm`` only carries English plural forms
("1 working day", "3 working days") for the ``%n`` messages. Qt's own
catalogue (``qtbase_vi.qm``: "Cancel", "Yes", file-dialog labels) is installed too when the
Qt build ships it, so standard dialogs do not fall back to English mid-screen.
"""

from __future__ import annotations

import contextlib
import importlib.resources
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES: tuple[str, ...] = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
SETTING_KEY = "ui.language"
"""Key in the settings table: lets IT staff switch a counter to English without a flag."""


def choose_language(cli_lang: str | None, setting: str | None) -> str:
    """The command-line option wins over the stored setting; anything unknown means Vietnamese."""
    for candidate in (cli_lang, setting):
        if candidate:
            code = candidate.strip().lower()
            if code in LANGUAGES:
                return code
    return DEFAULT_LANGUAGE


@contextlib.contextmanager
def _translations_dir() -> Iterator[Path]:
    """The packaged ``resources/translations`` folder as a real path (extracted if zipped)."""
    folder = importlib.resources.files("resources") / "translations"
    with importlib.resources.as_file(folder) as path:
        yield Path(path)


def app_translation_file(lang: str) -> str:
    return f"motcua_{lang}.qm"


@dataclass
class InstalledTranslations:
    """Translators currently installed on the application, kept alive while installed.

    QTranslator objects must outlive their installation, otherwise Qt silently falls back to
    the source strings; holding them here (not in a module global) ties their life to the
    caller that installed them.
    """

    language: str
    translators: list[QTranslator] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def remove(self) -> None:
        for translator in self.translators:
            QCoreApplication.removeTranslator(translator)
        self.translators.clear()


def install_translations(lang: str) -> InstalledTranslations:
    """Install the translators for ``lang`` on the running QCoreApplication.

    A missing Qt catalogue is normal (PySide6-Essentials may not ship one); a missing app
    catalogue is recorded in ``missing`` for diagnostics rather than
    raised, since an English window is better than no window at the counter.
    """
    installed = InstalledTranslations(language=lang)
    QLocale.setDefault(
        QLocale(QLocale.Language.Vietnamese if lang == "vi" else QLocale.Language.English)
    )
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalogue in ("qtbase", "qt"):
        translator = QTranslator()
        if translator.load(f"{catalogue}_{lang}", qt_dir):
            QCoreApplication.installTranslator(translator)
            installed.translators.append(translator)
            break

    translator = QTranslator()
    with _translations_dir() as folder:
        qm_path = folder / app_translation_file(lang)
        if qm_path.is_file() and translator.load(str(qm_path)):
            QCoreApplication.installTranslator(translator)
            installed.translators.append(translator)
        else:
            installed.missing.append(app_translation_file(lang))
    return installed
