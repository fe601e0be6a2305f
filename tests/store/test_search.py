"""Accent-insensitive search over applicants and dossiers, as a clerk types."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.store.applicants import ApplicantRepository
from app.store.database import Store
from app.store.dossiers import DossierRepository
from app.store.models import Applicant
from app.store.search import SearchIndex, match_expression

from .conftest import make_dossier

CODE = "000.00.53.H48-220921-0099"


@pytest.fixture
def populated(seeded_store: Store) -> Store:
    with seeded_store.session() as session:
        applicants = ApplicantRepository(session)
        dao = applicants.add(
            Applicant(
                full_name="Đặng Thị Đào",
                id_number="001303012345",
                phone="0912345678",
                address="Phường Ba Đình, Hà Nội",
            )
        )
        applicants.add(Applicant(full_name="Nguyễn Văn An", id_number="001099000111"))
        DossierRepository(session).add(make_dossier(session, dao, CODE))
    return seeded_store


@pytest.mark.parametrize("query", ["dang thi dao", "ĐẶNG", "đào", "Dang Dao", "thi"])
def test_applicant_found_without_accents_or_case(populated: Store, query: str) -> None:
    with populated.read_session() as session:
        names = [a.full_name for a in ApplicantRepository(session).find(query)]
    assert names == ["Đặng Thị Đào"]


@pytest.mark.parametrize(
    "query", [CODE, "H48-2209", "h48 220921", "0099", "0912 345", "0912345", "5678", "001303"]
)
def test_dossier_found_by_code_phone_or_id_fragment(populated: Store, query: str) -> None:
    with populated.read_session() as session:
        found = DossierRepository(session).find(query)
    assert [d.code for d in found] == [CODE]
    assert found[0].applicant_name == "Đặng Thị Đào"
    assert found[0].procedure_code == "1.001193"


def test_words_are_and_ed(populated: Store) -> None:
    with populated.read_session() as session:
        assert ApplicantRepository(session).find("dao an") == []
        assert [a.full_name for a in ApplicantRepository(session).find("van an")] == [
            "Nguyễn Văn An"
        ]


@pytest.mark.parametrize(
    "query",
    ['"', "'", '"dao', "dao*", "NEAR(dao", "-", "a OR", "AND", "NOT dao", "(", ")", "^", ":", ""],
)
def test_odd_input_never_raises(populated: Store, query: str) -> None:
    with populated.read_session() as session:
        SearchIndex().search(session, query)
        DossierRepository(session).find(query)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=30))
def test_any_text_gives_a_valid_match_expression(query: str) -> None:
    import sqlite3

    expression = match_expression(query)
    if expression is None:
        return
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute(
            "CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')"
        )
        connection.execute("SELECT * FROM t WHERE t MATCH ?", (expression,)).fetchall()
    finally:
        connection.close()


def test_put_replaces_and_remove_deletes(store: Store) -> None:
    index = SearchIndex()
    with store.session() as session:
        index.put(session, "dossier", 1, "Hồ sơ đất đai")
        index.put(session, "dossier", 1, "Giấy phép xây dựng")
        index.put(session, "applicant", 1, "Xây Dựng Minh")  # same number, other kind
        assert index.search(session, "dat dai") == []
        assert [h.entity_id for h in index.search(session, "xay dung", entity="dossier")] == ["1"]
        index.remove(session, "dossier", 1)
        assert index.search(session, "xay dung", entity="dossier") == []
        assert [h.entity for h in index.search(session, "xay dung")] == ["applicant"]
        with pytest.raises(ValueError, match="not an indexed kind"):
            index.put(session, "note", 1, "Ghi chú")


def test_index_rows_roll_back_with_the_change(seeded_store: Store) -> None:
    with pytest.raises(RuntimeError), seeded_store.session() as session:
        ApplicantRepository(session).add(Applicant(full_name="Lê Văn Tạm"))
        raise RuntimeError("cancelled")
    with seeded_store.read_session() as session:
        assert SearchIndex().search(session, "tam") == []
