"""Run ``python -m app`` as IT staff would: a real subprocess with a private data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

import pytest

from app.config import DATA_DIR_ENV, AppPaths

RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli(app_paths: AppPaths) -> RunCli:
    def run(
        *args: str, stdin: str | None = None, timeout: float = 120, env_data_dir: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, **{DATA_DIR_ENV: env_data_dir or str(app_paths.data_dir)})
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return subprocess.run(
            [sys.executable, "-m", "app", *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            check=False,
        )

    return run
