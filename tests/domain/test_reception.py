"""The checks a reception draft must pass, and the draft's round trip through JSON."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.reception import (
    ApplicantData,
    ApplicantKind,
    DeliveryMethod,
    DocumentForm,
    DocumentLine,
    ReceptionDraft,
    check_date_of_birth,
    check_draft,
    check_email,
    check_phone,
    check_tax_code,
    normalise_phone,
)

TODAY = date(2026, 11, 23)
# 001 Hà Nội, digit 1 = female born 1900s, year 90.
VALID_PERSON = ApplicantData(
    full_name="Nguyễn Thị Hoa",
    id_number="001190012345",
    date_of_birth=date(1990, 5, 17),
    sex="female",
    phone="0912 345 678",
)


def ready_draft(**changes: object) -> ReceptionDraft:
    base = ReceptionDraft(
        applicant=VALID_PERSON,
        procedure_version_id=7,
        procedure_code="2.000815",
        documents=(
            DocumentLine("Tờ khai", received=True),
            DocumentLine("Bản sao giấy tờ", form=DocumentForm.COPY, mandatory=False),
        ),
    )
    return ReceptionDraft(**{**base.__dict__, **changes})


def fields(problems: list) -> list[str]:
    return [problem.field for problem in problems]


def test_a_complete_draft_has_no_problem() -> None:
    assert check_draft(ready_draft(), TODAY) == []


@pytest.mark.parametrize(
    "typed", ["0912345678", "0912.345.678", "+84 912 345 678", "84912345678", "024 3825 1234"]
)
def test_phone_numbers_as_people_write_them_are_accepted(typed: str) -> None:
    assert check_phone(typed) is None


@pytest.mark.parametrize(
    "typed", ["091234567", "09123456789", "0112345678", "abc", "+1 212 555 0100"]
)
def test_phone_numbers_of_the_wrong_shape_are_named_in_vietnamese(typed: str) -> None:
    problem = check_phone(typed)
    assert problem is not None
    assert problem.field == "applicant.phone"
    assert typed in problem.message_vi and "10 chữ số" in problem.message_vi


def test_phone_normalisation_keeps_only_the_national_number() -> None:
    assert normalise_phone("+84 (912) 345-678") == "0912345678"


def test_email_and_tax_code_shapes() -> None:
    assert check_email("lan.nguyen@hanoi.gov.vn") is None
    assert check_email("lan.nguyen@") is not None
    assert check_tax_code("0101234567") is None
    assert check_tax_code("0101234567-001") is None
    assert check_tax_code("010123456") is not None


def test_a_date_of_birth_in_the_future_is_refused() -> None:
    problem = check_date_of_birth(date(2027, 1, 1), TODAY)
    assert problem is not None and "01/01/2027" in problem.message_vi
    assert check_date_of_birth(TODAY, TODAY) is None


def test_an_id_number_that_contradicts_the_birth_year_is_refused_at_its_field() -> None:
    draft = ready_draft(
        applicant=ApplicantData(**{**VALID_PERSON.__dict__, "id_number": "001191012345"})
    )
    problems = check_draft(draft, TODAY)
    assert fields(problems) == ["applicant.id_number"]
    assert "năm sinh" in problems[0].message_vi


def test_missing_mandatory_document_blocks_until_a_reason_is_recorded() -> None:
    missing = ready_draft(documents=(DocumentLine("Tờ khai", received=False),))
    problems = check_draft(missing, TODAY)
    assert fields(problems) == ["documents"]
    assert "Tờ khai" in problems[0].message_vi
    accepted = ready_draft(documents=missing.documents, missing_reason="Công dân bổ sung sau")
    assert check_draft(accepted, TODAY) == []


def test_an_organisation_needs_a_tax_code_and_a_representative_but_no_personal_id() -> None:
    organisation = ApplicantData(kind=ApplicantKind.ORGANISATION, full_name="Công ty TNHH Minh Anh")
    problems = check_draft(ready_draft(applicant=organisation), TODAY)
    assert fields(problems) == ["applicant.tax_code", "applicant.representative"]
    complete = ApplicantData(
        kind=ApplicantKind.ORGANISATION,
        full_name="Công ty TNHH Minh Anh",
        tax_code="0101234567",
        representative="Trần Văn Minh",
    )
    assert check_draft(ready_draft(applicant=complete), TODAY) == []


def test_delivery_by_post_needs_an_address() -> None:
    problems = check_draft(ready_draft(delivery_method=DeliveryMethod.BY_POST), TODAY)
    assert fields(problems) == ["delivery_address"]
    with_address = ready_draft(
        delivery_method=DeliveryMethod.BY_POST, delivery_address="12 Phố Huế"
    )
    assert check_draft(with_address, TODAY) == []


def test_no_procedure_and_no_name_are_both_reported_in_screen_order() -> None:
    draft = ReceptionDraft(applicant=ApplicantData(id_number="001190012345"))
    assert fields(check_draft(draft, TODAY))[:1] == ["applicant.full_name"]
    assert "procedure" in fields(check_draft(draft, TODAY))


def test_an_untouched_draft_is_empty_even_with_a_start_time() -> None:
    started = ReceptionDraft(service_started_at=datetime(2026, 11, 23, 8, 5, tzinfo=UTC))
    assert started.is_empty()
    assert not ready_draft().is_empty()


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(
    name=texts,
    notes=texts,
    copies=st.integers(0, 9),
    received=st.booleans(),
    dob=st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2030, 1, 1))),
    started=st.one_of(st.none(), st.datetimes(timezones=st.just(UTC))),
)
def test_a_draft_survives_its_json_round_trip(
    name: str, notes: str, copies: int, received: bool, dob: date | None, started: datetime | None
) -> None:
    draft = ReceptionDraft(
        applicant=ApplicantData(full_name=name, date_of_birth=dob, sex="male"),
        documents=(DocumentLine(name, DocumentForm.CERTIFIED_COPY, copies, received),),
        notes=notes,
        delivery_method=DeliveryMethod.BY_POST,
        service_started_at=started,
    )
    assert ReceptionDraft.from_json(draft.to_json()) == draft


@pytest.mark.parametrize("text", ["", "[]", '{"schema": 99}', '{"schema": 1}', "not json"])
def test_anything_else_is_not_taken_for_a_draft(text: str) -> None:
    with pytest.raises(ValueError):
        ReceptionDraft.from_json(text)
