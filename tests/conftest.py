"""Fixtures shared by every test tree: where the reference data is, a private data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.config import DATA_DIR_ENV, AppPaths

REPO_ROOT = Path(__file__).resolve().parents[1]

#: The real central server (a subprocess on 127.0.0.1) for the tests that sync.
pytest_plugins = ["tests.central_fixture"]


def _find_reference_dir() -> Path:
    """``shared/reference`` sits beside the checkout, in CI and on developers' machines."""
    candidates = [REPO_ROOT.parent / "shared" / "reference", REPO_ROOT / "shared" / "reference"]
    override = os.environ.get("MOTCUA_REFERENCE_DIR")
    if override:
        candidates.insert(0, Path(override))
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise RuntimeError(
        "The public reference data (shared/reference) is not beside the checkout; "
        "set MOTCUA_REFERENCE_DIR to its folder."
    )


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    return _find_reference_dir()


@pytest.fixture
def app_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    """A data folder private to the test, also exported so subprocesses use it."""
    data_dir = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(data_dir))
    return AppPaths(data_dir=data_dir)
