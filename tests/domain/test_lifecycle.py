"""The transition table, checked pair by pair, and timeliness at its boundaries."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from app.domain.errors import DomainError, IllegalTransition
from app.domain.lifecycle import (
    ALLOWED_TRANSITIONS,
    STATE_LABEL_VI,
    TIMELINESS_LABEL_VI,
    DossierState,
    Timeliness,
    check_transition,
    is_clock_paused,
    is_open,
    timeliness,
)

S = DossierState

EXPECTED = {
    (S.RECEIVED, S.AWAITING_APPROVAL),
    (S.AWAITING_APPROVAL, S.TRANSFERRED),
    (S.AWAITING_APPROVAL, S.RECEIVED),
    (S.TRANSFERRED, S.SUPPLEMENT_REQUESTED),
    (S.SUPPLEMENT_REQUESTED, S.TRANSFERRED),
    (S.TRANSFERRED, S.RESULT_READY),
    (S.RESULT_READY, S.RETURNED),
    (S.RECEIVED, S.REFUSED),
} | {
    (state, exit_)
    for state in (
        S.RECEIVED,
        S.AWAITING_APPROVAL,
        S.TRANSFERRED,
        S.SUPPLEMENT_REQUESTED,
        S.RESULT_READY,
    )
    for exit_ in (S.STOPPED, S.WITHDRAWN)
}

ALL_PAIRS = list(itertools.product(DossierState, repeat=2))


def test_values_are_snake_case_english() -> None:
    assert [s.value for s in DossierState] == [
        "received",
        "awaiting_approval",
        "transferred",
        "supplement_requested",
        "result_ready",
        "returned",
        "refused",
        "stopped",
        "withdrawn",
    ]


def test_table_is_exactly_the_designed_one() -> None:
    table = {(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets}
    assert table == EXPECTED


@pytest.mark.parametrize(("current", "target"), sorted(EXPECTED))
def test_allowed_transition_passes(current: DossierState, target: DossierState) -> None:
    check_transition(current, target)


@pytest.mark.parametrize(
    ("current", "target"), [pair for pair in ALL_PAIRS if pair not in EXPECTED]
)
def test_other_transition_raises_naming_both_states(
    current: DossierState, target: DossierState
) -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_transition(current, target)
    assert isinstance(caught.value, DomainError)
    assert current.value in str(caught.value) and target.value in str(caught.value)
    assert STATE_LABEL_VI[current] in caught.value.message_vi
    assert STATE_LABEL_VI[target] in caught.value.message_vi


def test_terminal_states_are_closed_and_only_supplement_pauses_the_clock() -> None:
    closed = {S.RETURNED, S.REFUSED, S.STOPPED, S.WITHDRAWN}
    assert {s for s in DossierState if not is_open(s)} == closed
    assert all(not ALLOWED_TRANSITIONS[s] for s in closed)
    assert [s for s in DossierState if is_clock_paused(s)] == [S.SUPPLEMENT_REQUESTED]


def test_every_state_and_timeliness_has_a_vietnamese_label() -> None:
    assert set(STATE_LABEL_VI) == set(DossierState)
    assert set(TIMELINESS_LABEL_VI) == set(Timeliness)
    assert TIMELINESS_LABEL_VI[Timeliness.EARLY] == "Trước hạn"
    assert TIMELINESS_LABEL_VI[Timeliness.ON_TIME] == "Đúng hạn"
    assert TIMELINESS_LABEL_VI[Timeliness.LATE] == "Quá hạn"


DUE = datetime(2026, 5, 6, 16, 10)


@pytest.mark.parametrize(
    ("finished", "now", "expected"),
    [
        (datetime(2026, 5, 5, 16, 0), DUE, Timeliness.EARLY),
        (datetime(2026, 5, 6, 8, 0), DUE, Timeliness.ON_TIME),
        (DUE, DUE, Timeliness.ON_TIME),
        (datetime(2026, 5, 6, 16, 11), DUE, Timeliness.LATE),
        (None, DUE, Timeliness.WITHIN_TIME),
        (None, datetime(2026, 5, 6, 16, 11), Timeliness.OVERDUE),
    ],
)
def test_timeliness(finished: datetime | None, now: datetime, expected: Timeliness) -> None:
    assert timeliness(DUE, finished, now) is expected
