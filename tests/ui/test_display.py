"""display_problem(): catch a missing display before Qt aborts with a libxcb message."""

from __future__ import annotations

import pytest

from app.ui.display import display_problem


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"QT_QPA_PLATFORM": "xcb"},
        {"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"},
        {"DISPLAY": ""},
    ],
)
def test_no_display_on_linux_is_explained(env: dict[str, str]) -> None:
    message = display_problem(env, platform="linux")
    assert message is not None
    assert "no graphical display" in message
    assert "xvfb-run" in message
    assert "QT_QPA_PLATFORM=offscreen" in message
    assert "libxcb" not in message


@pytest.mark.parametrize(
    "env",
    [
        {"DISPLAY": ":0"},
        {"WAYLAND_DISPLAY": "wayland-0"},
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "wayland"},
        {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":99"},
    ],
)
def test_usable_display_or_explicit_platform_passes(env: dict[str, str]) -> None:
    assert display_problem(env, platform="linux") is None


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_native_platforms_are_never_blocked(platform: str) -> None:
    assert display_problem({}, platform=platform) is None


def test_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert display_problem() is not None
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert display_problem() is None
