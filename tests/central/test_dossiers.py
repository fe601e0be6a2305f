"""Look-up by code and the department's actions: the lifecycle end to end over HTTP."""

from __future__ import annotations

from datetime import date

from tests.central.payloads import TT_AGENCY, code, dossier_entry
from tests.central_fixture import CentralServer


def _received(server: CentralServer, day: date) -> str:
    clerk = server.sign_in("canbo1", "Q01")
    clerk.post("/code-blocks/lease", json={"agency_code": TT_AGENCY, "days": [day.isoformat()]})
    dossier = code(1, day)
    result = clerk.post("/outbox", json={"entries": [dossier_entry(dossier)]}).json()["results"]
    assert result[0]["status"] == "accepted"
    return dossier


def test_the_lifecycle_runs_end_to_end(central_server_module: CentralServer) -> None:
    server = central_server_module
    dossier = _received(server, date(2030, 6, 1))
    clerk = server.sign_in("canbo1", "Q01")
    start = clerk.get("/changes").json()["next_cursor"]

    server.act(dossier, "accept_handover", note="Đã nhận hồ sơ giấy")
    server.act(dossier, "request_supplement", note="Thiếu bản sao giấy chứng sinh")
    server.act(dossier, "supplement_received")
    final = server.act(dossier, "result_ready", note="Đã ký")

    assert (final["state"], final["version"]) == ("result_ready", 5)
    assert final["deciding_unit_code"] == "PTP"
    assert [(s["from_state"], s["to_state"], s["version"]) for s in final["history"]] == [
        (None, "received", 1),
        ("received", "transferred", 2),
        ("transferred", "supplement_requested", 3),
        ("supplement_requested", "transferred", 4),
        ("transferred", "result_ready", 5),
    ]
    assert final["history"][2]["note"] == "Thiếu bản sao giấy chứng sinh"
    assert final["history"][1]["by"] == "Phạm Quốc Huy"

    # The receiving counter learns each step from its feed, in order.
    feed = clerk.get("/changes", params={"cursor": start}).json()["changes"]
    steps = [(c["data"]["state"], c["version"]) for c in feed if c["entity_id"] == dossier]
    assert steps == [
        ("transferred", 2),
        ("supplement_requested", 3),
        ("transferred", 4),
        ("result_ready", 5),
    ]


def test_a_stale_version_is_a_conflict_with_the_current_record(
    central_server_module: CentralServer,
) -> None:
    server = central_server_module
    dossier = _received(server, date(2030, 6, 2))
    server.act(dossier, "accept_handover")
    officer = server.sign_in("chuyenvien1")
    answer = officer.post(
        f"/dossiers/{dossier}/actions", json={"action": "result_ready", "expected_version": 1}
    )
    assert answer.status_code == 409
    error = answer.json()["error"]
    assert error["code"] == "conflict"
    assert (error["current"]["state"], error["current"]["version"]) == ("transferred", 2)
    assert server.look_up(dossier)["state"] == "transferred"


def test_actions_outside_the_lifecycle_are_refused(central_server_module: CentralServer) -> None:
    server = central_server_module
    dossier = _received(server, date(2030, 6, 3))
    officer = server.sign_in("chuyenvien1")

    def act(action: str, version: int) -> tuple[int, str]:
        answer = officer.post(
            f"/dossiers/{dossier}/actions", json={"action": action, "expected_version": version}
        )
        return answer.status_code, answer.json().get("error", {}).get("code", "")

    assert act("result_ready", 1) == (422, "invalid_transition")
    assert act("accept_handover", 1)[0] == 200
    assert act("request_supplement", 2)[0] == 200
    assert act("supplement_received", 3)[0] == 200
    # A supplement may be requested only once.
    assert act("request_supplement", 4) == (422, "invalid_transition")
    assert server.look_up(dossier)["version"] == 4


def test_look_up_by_code_city_wide(central_server_module: CentralServer) -> None:
    server = central_server_module
    dossier = _received(server, date(2030, 6, 4))
    branch_clerk = server.sign_in("canbo2")  # another unit finds it too
    found = branch_clerk.get(f"/dossiers/{dossier.lower()}")
    assert found.status_code == 200
    body = found.json()
    assert (body["code"], body["state"], body["unit_code"]) == (dossier, "received", "TT")
    assert body["procedure"] == {"code": "1.001193", "name": "Đăng ký khai sinh"}
    missing = branch_clerk.get(f"/dossiers/{code(99, date(2030, 6, 4))}")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
