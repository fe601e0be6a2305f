"""A call's entries are judged together and written with one statement per table (the push's
speed work); these tests hold it to the contract: the answers, the stored dossiers and the
feed are exactly those of the same entries sent one to a call, whatever the mix."""

from __future__ import annotations

import base64
import copy
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

from tests.central.payloads import TT_AGENCY, code, dossier_entry, files_entry, sha256
from tests.central_fixture import CentralServer, Session


def _lease(clerk: Session, day: date) -> None:
    answer = clerk.post("/code-blocks/lease", json={"agency_code": TT_AGENCY, "days": [str(day)]})
    assert answer.status_code == 200, answer.text


def _bundle(clerk: Session, contents: list[bytes]) -> None:
    files = [{"sha256": sha256(data), "data": base64.b64encode(data).decode()} for data in contents]
    answer = clerk.post("/files/bundle", json={"files": files})
    assert answer.status_code == 200, answer.text


def _scenario(day: date, tag: str) -> list[dict[str, Any]]:
    """Every kind of answer, in an order where each depends on the ones before it."""
    first, second, own, outside = code(1, day), code(2, day), code(5000, day), code(9000, day)
    held = f"%PDF-1.4 held {tag}".encode()
    never_sent = f"%PDF-1.4 never sent {tag}".encode()
    received = dossier_entry(first)
    reused = copy.deepcopy(received)
    reused["payload"]["applicant"]["full_name"] = "Trần Thị Bình"
    key = {
        "id": str(uuid.uuid4()),
        "seq": 9,
        "kind": "receipt_key.published",
        "entity": "receipt_key",
        "entity_id": f"key-{tag}",
        "created_at": received["created_at"],
        "payload": {
            "key_id": f"key-{tag}",
            "algorithm": "ed25519",
            "public_key": f"public-{tag}",
            "unit": "TT",
            "counter": "Q01",
        },
    }
    return [
        received,  # accepted
        files_entry(first, [held]),  # accepted: the dossier came earlier in the call
        files_entry(second, [held]),  # refused unknown_dossier: it comes later
        dossier_entry(second),  # accepted
        received,  # the same entry again: its original result, duplicate
        reused,  # refused id_reused
        dossier_entry(first),  # another entry, a code already held: duplicate_code
        dossier_entry(outside),  # refused code_outside_blocks
        dossier_entry(code(3, day), counter="Q02"),  # refused not_your_counter
        key,  # accepted, applied on its own
        files_entry(second, [held, never_sent]),  # missing_files
        dossier_entry(own, granted_by="counter"),  # accepted, the counter's own number
        files_entry(own, [held]),  # accepted: sees the dossier applied just before
        files_entry(first, [held]),  # accepted again: a second files record
    ]


def _outcome(results: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (result["status"], result.get("code"), result.get("duplicate"), result.get("version"))
        for result in results
    ]


def test_a_call_answers_as_the_same_entries_sent_one_by_one(
    central_server_module: CentralServer,
) -> None:
    server = central_server_module
    clerk = server.sign_in("canbo1", "Q01")
    together_day, alone_day = date(2032, 3, 1), date(2032, 3, 2)
    for day, tag in ((together_day, "together"), (alone_day, "alone")):
        _lease(clerk, day)
        _bundle(clerk, [f"%PDF-1.4 held {tag}".encode()])

    together = clerk.post("/outbox", json={"entries": _scenario(together_day, "together")})
    assert together.status_code == 200, together.text
    alone = []
    for entry in _scenario(alone_day, "alone"):
        answer = clerk.post("/outbox", json={"entries": [entry]})
        assert answer.status_code == 200, answer.text
        alone.extend(answer.json()["results"])

    expected = _outcome(alone)
    assert [status for status, *_ in expected] == [
        "accepted",
        "accepted",
        "refused",
        "accepted",
        "accepted",
        "refused",
        "refused",
        "refused",
        "refused",
        "accepted",
        "missing_files",
        "accepted",
        "accepted",
        "accepted",
    ]
    assert _outcome(together.json()["results"]) == expected
    for day in (together_day, alone_day):
        assert server.look_up(code(1, day))["has_files"] is True
        assert server.look_up(code(2, day))["has_files"] is False
        assert server.look_up(code(5000, day))["has_files"] is True
        assert clerk.get(f"/dossiers/{code(9000, day)}").status_code == 404

    # The feed announces each new dossier once, in the order the entries came.
    feed = clerk.get("/changes", params={"cursor": 0, "limit": 500}).json()["changes"]
    for day in (together_day, alone_day):
        announced = [
            change["entity_id"]
            for change in feed
            if change["kind"] == "dossier.status" and f"-{day:%y%m%d}-" in change["entity_id"]
        ]
        assert announced == [code(1, day), code(2, day), code(5000, day)]


def test_two_calls_racing_with_the_same_entries_apply_each_once(
    central_server_module: CentralServer,
) -> None:
    """A counter that timed out and sent its batch again while the first call still ran."""
    server = central_server_module
    clerk = server.sign_in("canbo1", "Q01")
    day = date(2032, 3, 3)
    _lease(clerk, day)
    pdf = b"%PDF-1.4 raced"
    _bundle(clerk, [pdf])
    entries: list[dict[str, Any]] = []
    for sequence in range(1, 41):
        entries += [dossier_entry(code(sequence, day)), files_entry(code(sequence, day), [pdf])]

    def push(_: int) -> list[dict[str, Any]]:
        answer = clerk.post("/outbox", json={"entries": entries})
        assert answer.status_code == 200, answer.text
        results: list[dict[str, Any]] = answer.json()["results"]
        return results

    with ThreadPoolExecutor(max_workers=3) as pool:
        answers = list(pool.map(push, range(3)))
    for index, entry in enumerate(entries):
        outcomes = [answer[index] for answer in answers]
        assert all(result["status"] == "accepted" for result in outcomes), outcomes
        assert [result["duplicate"] for result in outcomes].count(False) == 1, entry["id"]
    for sequence in (1, 20, 40):
        record = server.look_up(code(sequence, day))
        assert record["has_files"] is True
        assert len(record["history"]) == 1
