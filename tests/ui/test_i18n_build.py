"""``make translations`` on a copy of the tree: regenerating must not lose translations."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from app.ui.i18n_build import TRANSLATIONS_DIR, UI_DIR, build
from tests.conftest import REPO_ROOT


def _copy_tree(target: Path) -> None:
    shutil.copytree(REPO_ROOT / UI_DIR, target / UI_DIR)
    shutil.copytree(REPO_ROOT / TRANSLATIONS_DIR, target / TRANSLATIONS_DIR)


def _translations(ts: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None
        forms = [form.text or "" for form in translation.iter("numerusform")]
        found[message.findtext("source", "")] = forms or [translation.text or ""]
    return found


def test_rebuilding_keeps_plural_forms_and_every_vietnamese_string(tmp_path: Path) -> None:
    _copy_tree(tmp_path)
    build(tmp_path)
    english = _translations(tmp_path / TRANSLATIONS_DIR / "motcua_en.ts")
    vietnamese = _translations(tmp_path / TRANSLATIONS_DIR / "motcua_vi.ts")
    assert english["%n working day(s)"] == ["%n working day", "%n working days"]
    assert vietnamese["%n working day(s)"] == ["%n ngày làm việc"]
    untranslated = [source for source, forms in vietnamese.items() if not all(forms)]
    assert untranslated == []
    assert (tmp_path / TRANSLATIONS_DIR / "motcua_vi.qm").stat().st_size > 1000
