"""Regenerate the interface translations: ``python -m app.ui.i18n_build`` (``make translations``).

``pyside6-lupdate`` scans every module of ``app/ui`` for ``tr()`` and
``QCoreApplication.translate()`` calls and merges new strings into ``motcua_vi.ts`` without
losing existing translations; ``pyside6-lrelease`` then compiles the ``.qm`` the app loads.
Both files are committed, so a checkout runs in Vietnamese without Qt's tools.

PySide6 6.11's ``lupdate`` recognises a plural (``%n``) message only when its count is a literal,
so every ``translate(ctx, "%n …", None, count)`` comes out as a plain message and the plural
forms already translated would be lost; :func:`restore_plurals` puts them back after each run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
UI_DIR = Path("app") / "ui"
TRANSLATIONS_DIR = Path("resources") / "translations"
LANGUAGES = ("vi", "en")


def _tool(name: str) -> str:
    """Prefer the tool installed beside this interpreter (the project's venv)."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def sources(root: Path = REPO_ROOT) -> list[str]:
    """Relative paths, so the .ts file records locations that mean something on any machine."""
    return sorted(str(path.relative_to(root)) for path in (root / UI_DIR).rglob("*.py"))


MessageKey = tuple[str, str]


def _messages(tree: ET.ElementTree) -> dict[MessageKey, ET.Element]:
    found: dict[MessageKey, ET.Element] = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            found[(name, message.findtext("source", ""))] = message
    return found


def restore_plurals(ts: Path, previous_text: str | None) -> int:
    """Mark every ``%n`` message as plural again, keeping its earlier plural forms.

    Returns how many messages were repaired.
    """
    tree = ET.parse(ts)
    previous = _messages(ET.ElementTree(ET.fromstring(previous_text))) if previous_text else {}
    repaired = 0
    for key, message in _messages(tree).items():
        if "%n" not in key[1] or message.get("numerus") == "yes":
            continue
        message.set("numerus", "yes")
        old_translation = previous.get(key, ET.Element("message")).find("translation")
        new_translation = message.find("translation")
        if new_translation is not None:
            message.remove(new_translation)
        if old_translation is not None and old_translation.find("numerusform") is not None:
            message.append(old_translation)
        else:
            fresh = ET.SubElement(message, "translation", {"type": "unfinished"})
            ET.SubElement(fresh, "numerusform")
        repaired += 1
    if repaired:
        body = ET.tostring(tree.getroot(), encoding="unicode")
        header = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        ts.write_text(header + body + "\n", encoding="utf-8")
    return repaired


def build(root: Path = REPO_ROOT) -> list[Path]:
    outputs: list[Path] = []
    files = sources(root)
    for lang in LANGUAGES:
        ts = TRANSLATIONS_DIR / f"motcua_{lang}.ts"
        qm = TRANSLATIONS_DIR / f"motcua_{lang}.qm"
        previous = (root / ts).read_text(encoding="utf-8") if (root / ts).exists() else None
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                "-no-obsolete",
                "-locations",
                "relative",
                "-target-language",
                lang,
                *files,
                "-ts",
                str(ts),
            ],
            cwd=root,
            check=True,
        )
        restore_plurals(root / ts, previous)
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], cwd=root, check=True)
        outputs.extend([root / ts, root / qm])
    return outputs


def main() -> int:
    for path in build():
        print(path.relative_to(REPO_ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
