"""Regenerate the interface translations: ``python -m app.ui.i18n_build`` (``make translations``).

``pyside6-lupdate`` scans every module of ``app/ui`` for ``tr()`` and
``QCoreApplication.translate()`` calls and merges new strings into ``motcua_vi.ts`` without
losing existing translations; ``pyside6-lrelease`` then compiles the ``.qm`` the app loads.
Both files are committed, so a checkout runs in Vietnamese without Qt's tools.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
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


def build(root: Path = REPO_ROOT) -> list[Path]:
    outputs: list[Path] = []
    files = sources(root)
    for lang in LANGUAGES:
        ts = TRANSLATIONS_DIR / f"motcua_{lang}.ts"
        qm = TRANSLATIONS_DIR / f"motcua_{lang}.qm"
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
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], cwd=root, check=True)
        outputs.extend([root / ts, root / qm])
    return outputs


def main() -> int:
    for path in build():
        print(path.relative_to(REPO_ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
