"""``python -m app doctor``: one line per check of a counter's set-up, each failure with its fix.

The probes live here, apart from the code that uses the tools, so IT staff get one honest
picture of the machine (OCRmyPDF's ``_probe`` idea). Exit code 0 only when every required
check passes; warnings never fail the run.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from app.config import AppPaths

DIST_NAME = "motcua-desk"
APT_TESSERACT = "apt-get install tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd"


class Status(Enum):
    OK = "OK"
    WARN = "WARN"
    FAIL = "FAIL"


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: Status
    detail: str
    fix: str = ""

    def line(self) -> str:
        text = f"{self.status.value:<4} {self.name}: {self.detail}"
        if self.fix and self.status is not Status.OK:
            text += f" — fix: {self.fix}"
        return text


def check_python_packages() -> CheckResult:
    from packaging.requirements import Requirement

    try:
        requirements = importlib.metadata.requires(DIST_NAME) or []
    except importlib.metadata.PackageNotFoundError:
        return CheckResult(
            "python packages",
            Status.FAIL,
            f"{DIST_NAME} is not installed",
            "run the README's command (make run), which installs it into .venv",
        )
    problems: list[str] = []
    checked = 0
    for spec in requirements:
        requirement = Requirement(spec)
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        checked += 1
        try:
            installed = importlib.metadata.version(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            problems.append(f"{requirement.name} missing")
            continue
        if requirement.specifier and not requirement.specifier.contains(
            installed, prereleases=True
        ):
            problems.append(f"{requirement.name} {installed} not in {requirement.specifier}")
    if problems:
        return CheckResult(
            "python packages",
            Status.FAIL,
            "; ".join(problems),
            f"{sys.executable} -m pip install -e .",
        )
    return CheckResult("python packages", Status.OK, f"{checked} required, all present")


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


def check_tesseract(timeout: float) -> CheckResult:
    binary = shutil.which("tesseract")
    if binary is None:
        return CheckResult("tesseract", Status.FAIL, "not found on PATH", APT_TESSERACT)
    try:
        version = _run([binary, "--version"], timeout)
        langs = _run([binary, "--list-langs"], timeout)
    except subprocess.TimeoutExpired:
        return CheckResult(
            "tesseract", Status.FAIL, f"did not answer within {timeout:g} s", APT_TESSERACT
        )
    first_line = (version.stdout or version.stderr).splitlines()[0:1]
    version_text = first_line[0].strip() if first_line else "unknown version"
    available = {line.strip() for line in langs.stdout.splitlines()[1:] if line.strip()}
    missing = [lang for lang in ("vie", "osd") if lang not in available]
    if "vie" in missing:
        return CheckResult(
            "tesseract",
            Status.FAIL,
            f"{version_text}, Vietnamese language pack (vie) missing",
            "apt-get install tesseract-ocr-vie",
        )
    detail = f"{version_text}, languages: {', '.join(sorted(available))}"
    if missing:
        return CheckResult(
            "tesseract",
            Status.WARN,
            detail + " (no osd: page orientation is not detected)",
            "apt-get install tesseract-ocr-osd",
        )
    return CheckResult("tesseract", Status.OK, detail)


def _qt_platforms_dir() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "Qt" / "plugins" / "platforms"


def _missing_shared_libraries(plugin: Path, timeout: float) -> list[str]:
    if not shutil.which("ldd"):
        return []
    result = _run(["ldd", str(plugin)], timeout)
    return sorted({line.split()[0] for line in result.stdout.splitlines() if "not found" in line})


def check_qt(timeout: float) -> CheckResult:
    platforms = _qt_platforms_dir()
    if platforms is None:
        return CheckResult(
            "qt", Status.FAIL, "PySide6 is not installed", f"{sys.executable} -m pip install -e ."
        )
    probe = (
        "from PySide6.QtGui import QGuiApplication; import PySide6;"
        "app = QGuiApplication(['probe']); print(PySide6.__version__, app.platformName())"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        offscreen = subprocess.run(
            [sys.executable, "-c", probe],
            capture_output=True,
            text=True,
            timeout=timeout * 3,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return CheckResult("qt", Status.FAIL, "Qt did not start within the time limit")
    if offscreen.returncode != 0:
        last = (offscreen.stderr.strip().splitlines() or ["no message"])[-1]
        return CheckResult(
            "qt",
            Status.FAIL,
            f"Qt cannot start even offscreen: {last}",
            "apt-get install libgl1 libegl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libdbus-1-3",
        )
    version = offscreen.stdout.split()[0] if offscreen.stdout.split() else "?"
    if not sys.platform.startswith("linux"):
        return CheckResult("qt", Status.OK, f"PySide6 {version}")
    plugin = platforms / "libqxcb.so"
    missing = _missing_shared_libraries(plugin, timeout) if plugin.exists() else []
    if missing:
        return CheckResult(
            "qt",
            Status.FAIL,
            f"PySide6 {version}; the xcb platform plugin lacks: {', '.join(missing)}",
            "apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 "
            "libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1",
        )
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return CheckResult(
            "qt",
            Status.WARN,
            f"PySide6 {version}, xcb plugin complete, but there is no display here "
            "(the window needs a desktop session)",
            "run the app from a desktop session, or under xvfb-run for a virtual screen",
        )
    return CheckResult(
        "qt", Status.OK, f"PySide6 {version}, xcb platform plugin complete, display present"
    )


def check_data_folder(paths: AppPaths) -> CheckResult:
    folder = paths.data_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-", delete=True) as probe:
            probe.write(b"ok")
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as error:
        return CheckResult(
            "data folder",
            Status.FAIL,
            f"{folder} is not writable ({error.strerror})",
            f"give this user write access to {folder}, or set MOTCUA_DATA_DIR to a writable folder",
        )
    free_mb = shutil.disk_usage(folder).free // (1024 * 1024)
    if free_mb < 1024:
        return CheckResult(
            "data folder",
            Status.WARN,
            f"{folder} writable, only {free_mb} MB free",
            "free disk space: scanned pages need room",
        )
    return CheckResult("data folder", Status.OK, f"{folder} writable, {free_mb} MB free")


def check_database(paths: AppPaths) -> CheckResult:
    from app.store.database import StoreError, inspect_revision

    if not paths.database.exists():
        return CheckResult("database", Status.OK, "not created yet; it is created at first start")
    try:
        current, head = inspect_revision(paths)
    except StoreError as error:
        return CheckResult(
            "database", Status.FAIL, str(error), "restore the latest copy from the backups folder"
        )
    if current == head:
        return CheckResult(
            "database", Status.OK, f"{paths.database} at the latest migration ({head})"
        )
    return CheckResult(
        "database",
        Status.WARN,
        f"at migration {current or 'none'}, the app's latest is {head}",
        "start the app once: it copies the database aside, then migrates it",
    )


def _configured_central_url(paths: AppPaths) -> str | None:
    if not paths.database.exists():
        return None
    from app.store.database import StoreError, read_setting

    try:
        value = read_setting(paths, "sync.central_url")
    except StoreError:
        return None
    return value if isinstance(value, str) and value else None


def check_keyring(central_url: str | None) -> CheckResult:
    import keyring
    from keyring.backends import chainer, fail

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    usable = not isinstance(backend, fail.Keyring) and not (
        isinstance(backend, chainer.ChainerBackend) and not backend.backends
    )
    insecure = "plaintext" in name.lower() or "keyrings.alt" in name.lower()
    required = central_url is not None
    failing = Status.FAIL if required else Status.WARN
    why = (
        "needed to sign in to the central server and to sign receipts"
        if required
        else "receipts are printed unsigned; needed once a central server is configured"
    )
    if not usable:
        return CheckResult(
            "keyring",
            failing,
            f"no secure secret store available ({why})",
            "install and unlock a Secret Service (apt-get install gnome-keyring) "
            "or use the desktop's wallet",
        )
    if insecure:
        return CheckResult(
            "keyring",
            failing,
            f"{name} keeps secrets in a plain file ({why})",
            "use the desktop's Secret Service or wallet instead",
        )
    return CheckResult("keyring", Status.OK, f"{name} (secure)")


def check_central(central_url: str | None, timeout: float) -> CheckResult:
    if central_url is None:
        return CheckResult(
            "central server", Status.OK, "not configured: this counter runs standalone"
        )
    import requests

    try:
        response = requests.get(central_url, timeout=timeout)
    except requests.RequestException as error:
        return CheckResult(
            "central server",
            Status.FAIL,
            f"{central_url} unreachable ({type(error).__name__})",
            "check the network and the central URL in the settings",
        )
    return CheckResult(
        "central server", Status.OK, f"{central_url} answered HTTP {response.status_code}"
    )


def collect(paths: AppPaths, timeout: float) -> list[CheckResult]:
    central_url = _configured_central_url(paths)
    checks: list[Callable[[], CheckResult]] = [
        check_python_packages,
        lambda: check_tesseract(timeout),
        lambda: check_qt(timeout),
        lambda: check_data_folder(paths),
        lambda: check_database(paths),
        lambda: check_keyring(central_url),
        lambda: check_central(central_url, timeout),
    ]
    return [check() for check in checks]


def run_doctor(*, timeout: float = 5.0, paths: AppPaths | None = None) -> int:
    results = collect(paths or AppPaths.default(), timeout)
    for result in results:
        print(result.line())
    failed = [result.name for result in results if result.status is Status.FAIL]
    print(
        f"{len(results)} checks, {len(failed)} failed"
        + (f": {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0
