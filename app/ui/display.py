"""Detect a missing graphical display before Qt gets the chance to abort.

Without a display, Qt's xcb plugin aborts the whole process with a message about libxcb and
"could not load the Qt platform plugin", which sends IT staff looking for missing libraries
when the real cause is an SSH session or a service with no desktop. We check first and
print something a person can act on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

NO_DISPLAY_MESSAGE = (
    "Một Cửa Desk cannot start: there is no graphical display "
    "(neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
    "Run it from a desktop session, or under a virtual display with "
    "`xvfb-run -a motcua-desk`.\n"
    "For automated tests, set QT_QPA_PLATFORM=offscreen."
)


def display_problem(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> str | None:
    """Return a plain English explanation when the GUI cannot open, else ``None``.

    Only Linux (and other X11/Wayland systems) needs the check: Windows and macOS always have
    their native platform plugin. An explicit non-xcb ``QT_QPA_PLATFORM`` (offscreen, wayland,
    vnc...) is the user's choice and is trusted.
    """
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    if system.startswith(("win", "darwin", "cygwin")):
        return None
    qpa = env.get("QT_QPA_PLATFORM", "").strip()
    if qpa and not qpa.startswith("xcb"):
        return None
    if env.get("DISPLAY") or (env.get("WAYLAND_DISPLAY") and not qpa):
        return None
    return NO_DISPLAY_MESSAGE
