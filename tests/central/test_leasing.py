"""Code-block leasing: central never gives the same number twice for an agency and day,
even when counters ask at the same moment."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

from tests.central.payloads import TT_AGENCY
from tests.central_fixture import CentralServer


def test_leases_never_overlap_even_when_concurrent(central_server_module: CentralServer) -> None:
    server = central_server_module
    days = ["2030-05-01", "2030-05-02"]
    sessions = [server.sign_in("canbo1", f"Q0{n}") for n in range(1, 5)]

    def lease(index: int) -> list[dict[str, object]]:
        session = sessions[index % len(sessions)]
        answer = session.post(
            "/code-blocks/lease", json={"agency_code": TT_AGENCY, "days": days, "size": 25}
        )
        assert answer.status_code == 200, answer.text
        blocks: list[dict[str, object]] = answer.json()["blocks"]
        return blocks

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lease, range(16)))
    for day in days:
        numbers: list[int] = []
        for blocks in results:
            (block,) = [b for b in blocks if b["day"] == day]
            assert int(block["last"]) - int(block["first"]) + 1 == 25
            numbers.extend(range(int(block["first"]), int(block["last"]) + 1))
        assert len(numbers) == len(set(numbers)) == 16 * 25
        assert min(numbers) == 1 and max(numbers) == 400


def test_the_last_block_of_a_day_is_short_then_exhausted(
    central_server_module: CentralServer,
) -> None:
    clerk = central_server_module.sign_in("canbo1", "Q01")
    day = date(2030, 5, 3).isoformat()
    for _ in range(9):
        clerk.post(
            "/code-blocks/lease", json={"agency_code": TT_AGENCY, "days": [day], "size": 1000}
        )
    last = clerk.post(
        "/code-blocks/lease", json={"agency_code": TT_AGENCY, "days": [day], "size": 1000}
    )
    assert last.status_code == 200
    (block,) = last.json()["blocks"]
    assert (block["first"], block["last"]) == (9001, 9999)
    none_left = clerk.post("/code-blocks/lease", json={"agency_code": TT_AGENCY, "days": [day]})
    assert none_left.status_code == 409
    assert none_left.json()["error"]["code"] == "numbers_exhausted"


def test_a_lease_needs_a_counter(central_server_module: CentralServer) -> None:
    clerk = central_server_module.sign_in("canbo1")  # signed in without a counter code
    answer = clerk.post(
        "/code-blocks/lease", json={"agency_code": TT_AGENCY, "days": ["2030-05-04"]}
    )
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "counter_required"
