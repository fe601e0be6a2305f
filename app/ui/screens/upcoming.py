"""The screens later issues build, and what each notice tells the clerk.

Kept as data apart from the main window so the window stays a thin frame, and so the notices
are updated in one place when an issue lands.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication


@dataclass(frozen=True)
class UpcomingScreen:
    key: str
    title: str
    purpose: str
    arrives_with: str


def upcoming_screens() -> dict[str, UpcomingScreen]:
    """Translated notices, keyed by navigation key; call after translators are installed."""
    entries = [
        UpcomingScreen(
            "handover",
            QCoreApplication.translate("UpcomingScreens", "Handover"),
            QCoreApplication.translate(
                "UpcomingScreens",
                "Group received dossiers into handover batches for the deciding agencies, have the "
                "deputy director approve them, and print the control slips.",
            ),
            QCoreApplication.translate(
                "UpcomingScreens", "It arrives with the handover batches issue."
            ),
        ),
        UpcomingScreen(
            "returns",
            QCoreApplication.translate("UpcomingScreens", "Returns"),
            QCoreApplication.translate(
                "UpcomingScreens",
                "Return results to applicants, record who collected them, and ask for their "
                "satisfaction rating.",
            ),
            QCoreApplication.translate(
                "UpcomingScreens", "It arrives with the result return issue."
            ),
        ),
        UpcomingScreen(
            "reports",
            QCoreApplication.translate("UpcomingScreens", "Reports"),
            QCoreApplication.translate(
                "UpcomingScreens",
                "Figures of this counter: dossiers received, on time and late, digitisation and "
                "satisfaction, and the tracking book.",
            ),
            QCoreApplication.translate("UpcomingScreens", "It arrives with the reports issue."),
        ),
    ]
    return {entry.key: entry for entry in entries}
