"""Idempotent push: repeats, reused ids, mixed batches, leased and self-granted codes."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta

from tests.central.payloads import TT_AGENCY, code, dossier_entry
from tests.central_fixture import CentralServer, Session


def _clerk(server: CentralServer, day: date, size: int = 10) -> Session:
    clerk = server.sign_in("canbo1", "Q01")
    answer = clerk.post(
        "/code-blocks/lease",
        json={"agency_code": TT_AGENCY, "days": [day.isoformat()], "size": size},
    )
    assert answer.status_code == 200, answer.text
    return clerk


def _push(clerk: Session, *entries: dict[str, object]) -> list[dict[str, object]]:
    answer = clerk.post("/outbox", json={"entries": list(entries)})
    assert answer.status_code == 200, answer.text
    results: list[dict[str, object]] = answer.json()["results"]
    return results


def test_a_repeated_entry_gets_its_original_result(central_server_module: CentralServer) -> None:
    day = date(2030, 2, 1)
    clerk = _clerk(central_server_module, day)
    entry = dossier_entry(code(1, day))
    (first,) = _push(clerk, entry)
    assert first["status"] == "accepted"
    assert (first["version"], first["duplicate"]) == (1, False)
    (again,) = _push(clerk, entry)
    assert again["status"] == "accepted"
    assert again["duplicate"] is True
    assert again["received_at"] == first["received_at"]
    dossier = central_server_module.look_up(code(1, day))
    assert dossier["state"] == "received"
    assert dossier["version"] == 1
    assert dossier["applicant_name"] == "Nguyễn Văn An"
    assert [step["to_state"] for step in dossier["history"]] == ["received"]


def test_an_id_reused_with_other_content_is_refused(central_server_module: CentralServer) -> None:
    day = date(2030, 2, 2)
    clerk = _clerk(central_server_module, day)
    entry = dossier_entry(code(1, day))
    assert _push(clerk, entry)[0]["status"] == "accepted"
    other = copy.deepcopy(entry)
    other["payload"]["applicant"]["full_name"] = "Trần Thị Bình"  # type: ignore[index]
    (result,) = _push(clerk, other)
    assert (result["status"], result["code"]) == ("refused", "id_reused")
    assert result["reason_vi"]
    assert central_server_module.look_up(code(1, day))["applicant_name"] == "Nguyễn Văn An"


def test_one_refusal_does_not_block_the_rest_of_the_batch(
    central_server_module: CentralServer,
) -> None:
    day = date(2030, 2, 3)
    clerk = _clerk(central_server_module, day, size=2)
    outside = dossier_entry(code(50, day))  # not in the leased block 1..2
    unknown = {**dossier_entry(code(2, day)), "kind": "dossier.teleported"}
    results = _push(
        clerk, dossier_entry(code(1, day)), outside, unknown, dossier_entry(code(2, day))
    )
    assert [r["status"] for r in results] == ["accepted", "refused", "refused", "accepted"]
    assert results[1]["code"] == "code_outside_blocks"
    assert results[2]["code"] == "unknown_kind"
    assert central_server_module.look_up(code(1, day))["version"] == 1
    assert central_server_module.look_up(code(2, day))["version"] == 1
    lookup = central_server_module.sign_in("quantri").get(f"/dossiers/{code(50, day)}")
    assert lookup.status_code == 404


def test_a_refused_dossier_arrives_in_state_refused(central_server_module: CentralServer) -> None:
    day = date(2030, 2, 4)
    clerk = _clerk(central_server_module, day)
    (result,) = _push(clerk, dossier_entry(code(1, day), state="refused"))
    assert result["status"] == "accepted"
    dossier = central_server_module.look_up(code(1, day))
    assert dossier["state"] == "refused"
    assert [(s["from_state"], s["to_state"]) for s in dossier["history"]] == [
        (None, "received"),
        ("received", "refused"),
    ]


def test_invalid_payload_is_refused_with_the_field(central_server_module: CentralServer) -> None:
    clerk = central_server_module.sign_in("canbo1", "Q01")
    entry = dossier_entry(code(1, date(2030, 2, 5)))
    del entry["payload"]["applicant"]  # type: ignore[attr-defined]
    (result,) = _push(clerk, entry)
    assert (result["status"], result["code"]) == ("refused", "invalid_payload")
    assert "applicant" in str(result["reason"])


def test_self_granted_codes_are_accepted_once_and_never_leased_again(
    central_server_module: CentralServer,
) -> None:
    """A counter that ran standalone granted itself numbers: central takes them if no other
    dossier holds the code, and leases only numbers after them from then on."""
    day = date(2030, 2, 6)
    clerk = central_server_module.sign_in("canbo1", "Q01")
    standalone = dossier_entry(code(7, day), granted_by="standalone")
    assert _push(clerk, standalone)[0]["status"] == "accepted"
    duplicate = dossier_entry(code(7, day), granted_by="standalone")
    (result,) = _push(clerk, duplicate)
    assert (result["status"], result["code"]) == ("refused", "duplicate_code")
    block = clerk.post(
        "/code-blocks/lease", json={"agency_code": TT_AGENCY, "days": [day.isoformat()], "size": 5}
    ).json()["blocks"][0]
    assert block["first"] == 8
    # A self-granted number inside a block central leased is someone else's number.
    (inside,) = _push(clerk, dossier_entry(code(9, day), granted_by="standalone"))
    assert (inside["status"], inside["code"]) == ("refused", "duplicate_code")


def test_the_counter_clock_is_checked_at_push(central_server_module: CentralServer) -> None:
    clerk = central_server_module.sign_in("canbo1", "Q01")
    late = (datetime.now(UTC) - timedelta(minutes=10)).isoformat()
    answer = clerk.post("/outbox", json={"entries": [], "sent_at": late}).json()
    assert answer["clock_flagged"] is True
    assert answer["clock_drift_s"] < -500
    counters = central_server_module.sign_in("quantri").get("/admin/counters").json()
    q01 = next(c for c in counters if (c["unit_code"], c["counter_code"]) == ("TT", "Q01"))
    assert q01["clock_flagged"] is True
    assert q01["last_push_at"] is not None
    on_time = clerk.post(
        "/outbox", json={"entries": [], "sent_at": datetime.now(UTC).isoformat()}
    ).json()
    assert on_time["clock_flagged"] is False


def test_more_than_200_entries_a_call_is_a_validation_error(
    central_server_module: CentralServer,
) -> None:
    clerk = central_server_module.sign_in("canbo1", "Q01")
    entries = [dossier_entry(code(1, date(2030, 2, 7))) for _ in range(201)]
    answer = clerk.post("/outbox", json={"entries": entries})
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "validation_error"
