"""Dossier states, the transitions between them, and timeliness.

The table is explicit (not derived) so that a reviewer can compare it line by line with the
one-stop rules (Decree 118/2025/NĐ-CP): what is not listed is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum

from app.domain.errors import IllegalTransition


class DossierState(StrEnum):
    """Where a dossier is; values are stored and synced, so never rename them."""

    RECEIVED = "received"
    #: In a handover batch waiting for the branch deputy's approval.
    AWAITING_APPROVAL = "awaiting_approval"
    #: Handed to the agency competent to decide.
    TRANSFERRED = "transferred"
    #: The applicant must complete the dossier; the statutory clock is paused.
    SUPPLEMENT_REQUESTED = "supplement_requested"
    RESULT_READY = "result_ready"
    RETURNED = "returned"
    #: Refused at reception (form 03).
    REFUSED = "refused"
    #: Processing stopped at the applicant's request (form 05).
    STOPPED = "stopped"
    WITHDRAWN = "withdrawn"


S = DossierState

TERMINAL_STATES: frozenset[DossierState] = frozenset(
    {S.RETURNED, S.REFUSED, S.STOPPED, S.WITHDRAWN}
)
OPEN_STATES: frozenset[DossierState] = frozenset(set(DossierState) - TERMINAL_STATES)

_SIDE_EXITS: frozenset[DossierState] = frozenset({S.STOPPED, S.WITHDRAWN})

ALLOWED_TRANSITIONS: Mapping[DossierState, frozenset[DossierState]] = {
    S.RECEIVED: frozenset({S.AWAITING_APPROVAL, S.REFUSED}) | _SIDE_EXITS,
    # The deputy approves the batch (transferred) or rejects it (back to received).
    S.AWAITING_APPROVAL: frozenset({S.TRANSFERRED, S.RECEIVED}) | _SIDE_EXITS,
    S.TRANSFERRED: frozenset({S.SUPPLEMENT_REQUESTED, S.RESULT_READY}) | _SIDE_EXITS,
    S.SUPPLEMENT_REQUESTED: frozenset({S.TRANSFERRED}) | _SIDE_EXITS,
    S.RESULT_READY: frozenset({S.RETURNED}) | _SIDE_EXITS,
    S.RETURNED: frozenset(),
    S.REFUSED: frozenset(),
    S.STOPPED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

STATE_LABEL_VI: Mapping[DossierState, str] = {
    S.RECEIVED: "Đã tiếp nhận",
    S.AWAITING_APPROVAL: "Chờ phê duyệt bàn giao",
    S.TRANSFERRED: "Đã chuyển xử lý",
    S.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung",
    S.RESULT_READY: "Đã có kết quả",
    S.RETURNED: "Đã trả kết quả",
    S.REFUSED: "Từ chối tiếp nhận",
    S.STOPPED: "Dừng xử lý",
    S.WITHDRAWN: "Rút hồ sơ",
}


def can_transition(current: DossierState, target: DossierState) -> bool:
    """Whether ``current -> target`` is in the table."""
    return target in ALLOWED_TRANSITIONS[current]


def check_transition(current: DossierState, target: DossierState) -> None:
    """Raise :class:`IllegalTransition` unless ``current -> target`` is allowed."""
    if not can_transition(current, target):
        raise IllegalTransition(
            current.value, target.value, STATE_LABEL_VI[current], STATE_LABEL_VI[target]
        )


def is_open(state: DossierState) -> bool:
    """An open dossier still counts against its due date."""
    return state in OPEN_STATES


def is_clock_paused(state: DossierState) -> bool:
    """While a supplement is awaited the statutory time does not run."""
    return state is S.SUPPLEMENT_REQUESTED


class Timeliness(StrEnum):
    """Early / on time / late for finished dossiers; within time / overdue for open ones."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"
    WITHIN_TIME = "within_time"
    OVERDUE = "overdue"


TIMELINESS_LABEL_VI: Mapping[Timeliness, str] = {
    Timeliness.EARLY: "Trước hạn",
    Timeliness.ON_TIME: "Đúng hạn",
    Timeliness.LATE: "Quá hạn",
    Timeliness.WITHIN_TIME: "Trong hạn",
    Timeliness.OVERDUE: "Quá hạn",
}


def timeliness(due_at: datetime, finished_at: datetime | None, now: datetime) -> Timeliness:
    """Classify a dossier against its due moment.

    Finished dossiers: *early* when finished on a calendar day before the due day, *on time*
    when finished on the due day no later than the due moment, *late* after the due moment.
    (Reports count "đúng hạn" per day, as the tracking book does; a result one hour early on
    the due day is on time, not early.) Open dossiers: *within time* up to and including the
    due moment, *overdue* after it. ``now`` is passed in so the rule is testable.
    """
    if finished_at is None:
        return Timeliness.WITHIN_TIME if now <= due_at else Timeliness.OVERDUE
    if finished_at > due_at:
        return Timeliness.LATE
    if finished_at.date() < due_at.date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME
