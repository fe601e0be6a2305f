"""Dossier codes: exact parsing, and issuing only from leased blocks (offline uniqueness)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.dossier_code import (
    AGENCY_CODE_RE,
    CodeBlock,
    DossierCode,
    next_code,
    remaining,
)
from app.domain.errors import InvalidCodeBlock, InvalidDossierCode, NoCodeAvailable

AGENCY = "000.00.53.H48"
DAY = date(2022, 9, 21)

agency_codes = st.from_regex(AGENCY_CODE_RE, fullmatch=True)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
sequences = st.integers(min_value=1, max_value=9999)


def test_real_example_parses_and_prints_back() -> None:
    code = DossierCode.parse("000.00.53.H48-220921-0099")
    assert code == DossierCode(AGENCY, DAY, 99)
    assert str(code) == "000.00.53.H48-220921-0099"


def test_parse_strips_whitespace_and_upper_cases() -> None:
    assert str(DossierCode.parse("  000.00.53.h48-220921-0099\n")) == "000.00.53.H48-220921-0099"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("000.00.53-220921-0099", "agency code"),
        ("000.00.53.48H-220921-0099", "agency code"),
        ("0000.00.53.H48-220921-0099", "agency code"),
        ("000.00.53.H48-220230-0099", "not a real date"),
        ("000.00.53.H48-22092-0099", "6 digits"),
        ("000.00.53.H48-220921-0000", "0000"),
        ("000.00.53.H48-220921-10000", "4 digits"),
        ("000.00.53.H48-220921-099", "4 digits"),
        ("000.00.53.H48_220921_0099", "3 parts"),
        ("000.00.53.H48-220921-0099-1", "3 parts"),
        ("000.00.53.H48/220921/0099", "3 parts"),
    ],
)
def test_parse_rejects_with_the_precise_reason(text: str, reason: str) -> None:
    with pytest.raises(InvalidDossierCode) as caught:
        DossierCode.parse(text)
    assert reason in str(caught.value)
    assert caught.value.message_vi
    assert not DossierCode.is_valid(text)


def test_constructor_validates_too() -> None:
    with pytest.raises(InvalidDossierCode):
        DossierCode(AGENCY, DAY, 0)
    with pytest.raises(InvalidDossierCode):
        DossierCode(AGENCY, DAY, 10000)
    with pytest.raises(InvalidDossierCode):
        DossierCode("H48", DAY, 1)
    with pytest.raises(InvalidDossierCode):
        DossierCode(AGENCY, date(1999, 12, 31), 1)


@given(agency_codes, days, sequences)
def test_format_parse_round_trip(agency: str, day: date, sequence: int) -> None:
    text = str(DossierCode(agency, day, sequence))
    assert str(DossierCode.parse(text)) == text
    assert DossierCode.parse(text) == DossierCode(agency, day, sequence)
    assert DossierCode.is_valid(text)


@pytest.mark.parametrize(("first", "last"), [(0, 5), (5, 4), (1, 10000), (-1, 3)])
def test_block_bounds_are_validated(first: int, last: int) -> None:
    with pytest.raises(InvalidCodeBlock):
        CodeBlock(AGENCY, DAY, first, last, "lease-1")


def test_next_code_takes_the_lowest_free_number_in_block_order() -> None:
    blocks = [CodeBlock(AGENCY, DAY, 51, 53, "b"), CodeBlock(AGENCY, DAY, 1, 2, "a")]
    assert next_code(blocks, set(), AGENCY, DAY).sequence == 51
    assert next_code(blocks, {51, 52}, AGENCY, DAY).sequence == 53
    assert next_code(blocks, {51, 52, 53}, AGENCY, DAY).sequence == 1
    assert remaining(blocks, {51, 52, 53}, AGENCY, DAY) == 2


def test_blocks_of_other_days_or_agencies_are_never_used() -> None:
    blocks = [
        CodeBlock(AGENCY, date(2022, 9, 20), 1, 100, "yesterday"),
        CodeBlock("000.00.53.H49", DAY, 1, 100, "other agency"),
        CodeBlock(AGENCY, DAY, 7, 7, "today"),
    ]
    assert next_code(blocks, set(), AGENCY, DAY) == DossierCode(AGENCY, DAY, 7)
    with pytest.raises(NoCodeAvailable) as caught:
        next_code(blocks, {7}, AGENCY, DAY)
    assert "trung tâm" in caught.value.message_vi
    assert remaining(blocks, {7}, AGENCY, DAY) == 0


def test_no_block_at_all_raises() -> None:
    with pytest.raises(NoCodeAvailable):
        next_code([], set(), AGENCY, DAY)


block_ranges = st.lists(
    st.tuples(st.integers(1, 9999), st.integers(0, 40)).map(
        lambda t: (t[0], min(9999, t[0] + t[1]))
    ),
    min_size=0,
    max_size=4,
)


@settings(max_examples=150)
@given(block_ranges, st.sets(st.integers(1, 9999), max_size=30))
def test_next_code_never_leaves_its_blocks_and_never_repeats(
    ranges: list[tuple[int, int]], already_used: set[int]
) -> None:
    blocks = [CodeBlock(AGENCY, DAY, a, b, f"lease-{i}") for i, (a, b) in enumerate(ranges)]
    leased = {n for a, b in ranges for n in range(a, b + 1)}
    used = set(already_used)
    expected_count = len(leased - used)
    assert remaining(blocks, used, AGENCY, DAY) == expected_count
    issued: list[int] = []
    while True:
        try:
            code = next_code(blocks, used, AGENCY, DAY)
        except NoCodeAvailable:
            break
        assert code.sequence in leased
        assert code.sequence not in used
        used.add(code.sequence)
        issued.append(code.sequence)
    assert len(issued) == len(set(issued)) == expected_count
    assert remaining(blocks, used, AGENCY, DAY) == 0
