"""What the sync benchmark's speed work added to central: small files many to a call
(``POST /files/bundle``), a call's entries in one transaction with a savepoint each, and
dossiers of local procedures that have no national code."""

from __future__ import annotations

import base64
from datetime import date

from tests.central.payloads import TT_AGENCY, code, dossier_entry, files_entry, sha256
from tests.central_fixture import CentralServer, Session


def _lease(clerk: Session, day: date) -> None:
    answer = clerk.post("/code-blocks/lease", json={"agency_code": TT_AGENCY, "days": [str(day)]})
    assert answer.status_code == 200, answer.text


def _bundle(clerk: Session, files: list[tuple[str, bytes]]) -> dict[str, object]:
    answer = clerk.post(
        "/files/bundle",
        json={
            "files": [
                {"sha256": digest, "data": base64.b64encode(data).decode()}
                for digest, data in files
            ]
        },
    )
    assert answer.status_code == 200, answer.text
    body: dict[str, object] = answer.json()
    return body


def test_a_bundle_stores_the_good_files_and_names_the_bad(
    central_server_module: CentralServer,
) -> None:
    clerk = central_server_module.sign_in("canbo1", "Q01")
    good = [b"%PDF-1.4 bundle one", b"%PDF-1.4 bundle two"]
    liar = b"%PDF-1.4 not what its hash says"
    body = _bundle(
        clerk,
        [(sha256(good[0]), good[0]), (sha256(b"other bytes"), liar), (sha256(good[1]), good[1])],
    )
    assert body["stored"] == [sha256(good[0]), sha256(good[1])]
    (rejected,) = body["rejected"]  # type: ignore[misc]
    assert rejected["sha256"] == sha256(b"other bytes")
    assert rejected["code"] == "hash_mismatch"
    assert "SHA-256" in rejected["message_vi"]

    missing = clerk.post(
        "/files/missing", json={"sha256": [sha256(good[0]), sha256(good[1]), sha256(liar)]}
    ).json()["missing"]
    assert missing == [sha256(liar)]
    head = clerk.request("HEAD", f"/files/{sha256(good[0])}")
    assert head.headers["Upload-Complete"] == "true"
    assert head.headers["Upload-Offset"] == str(len(good[0]))

    # Sending the same files again is harmless: they are simply held.
    again = _bundle(clerk, [(sha256(good[0]), good[0])])
    assert again == {"stored": [sha256(good[0])], "rejected": []}


def test_a_bundle_refuses_bad_base64_alone(central_server_module: CentralServer) -> None:
    clerk = central_server_module.sign_in("canbo1", "Q01")
    fine = b"%PDF-1.4 fine"
    answer = clerk.post(
        "/files/bundle",
        json={
            "files": [
                {"sha256": sha256(b"x"), "data": "not base64 at all!"},
                {"sha256": sha256(fine), "data": base64.b64encode(fine).decode()},
            ]
        },
    ).json()
    assert answer["stored"] == [sha256(fine)]
    assert [item["code"] for item in answer["rejected"]] == ["invalid_base64"]


def test_files_sent_by_bundle_let_the_files_entry_in(
    central_server_module: CentralServer,
) -> None:
    server = central_server_module
    clerk = server.sign_in("canbo1", "Q01")
    day = date(2031, 5, 5)
    _lease(clerk, day)
    dossier = code(1, day)
    pdf = b"%PDF-1.4 the applicant's form"
    _bundle(clerk, [(sha256(pdf), pdf)])
    results = clerk.post(
        "/outbox", json={"entries": [dossier_entry(dossier), files_entry(dossier, [pdf])]}
    ).json()["results"]
    assert [result["status"] for result in results] == ["accepted", "accepted"]
    assert server.look_up(dossier)["has_files"] is True


def test_a_refusal_in_a_call_undoes_nothing_else(central_server_module: CentralServer) -> None:
    server = central_server_module
    clerk = server.sign_in("canbo1", "Q01")
    day = date(2031, 5, 6)
    _lease(clerk, day)
    first, second = code(1, day), code(2, day)
    broken = dossier_entry(code(3, day))
    broken["payload"]["applicant"]["full_name"] = ""
    results = clerk.post(
        "/outbox",
        json={"entries": [dossier_entry(first), broken, dossier_entry(second)]},
    ).json()["results"]
    assert [result["status"] for result in results] == ["accepted", "refused", "accepted"]
    assert results[1]["code"] == "invalid_payload"
    assert server.look_up(first)["state"] == "received"
    assert server.look_up(second)["state"] == "received"
    assert clerk.get(f"/dossiers/{code(3, day)}").status_code == 404


def test_a_local_procedure_without_a_national_code_is_accepted(
    central_server_module: CentralServer,
) -> None:
    server = central_server_module
    clerk = server.sign_in("canbo1", "Q01")
    day = date(2031, 5, 7)
    _lease(clerk, day)
    dossier = code(1, day)
    entry = dossier_entry(dossier)
    entry["payload"]["procedure"] = {
        "code": None,
        "name": "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "version_effective_from": "2025-07-01",
    }
    (result,) = clerk.post("/outbox", json={"entries": [entry]}).json()["results"]
    assert result["status"] == "accepted", result
    record = server.look_up(dossier)
    assert record["procedure"] == {"code": None, "name": "Cấp giấy phép xây dựng nhà ở riêng lẻ"}
    assert record["deciding_unit_code"] == "PTP"  # the default route
