"""Content-addressed, resumable uploads: a cut upload resumes from HEAD's offset, a wrong
hash is dropped, and a ``dossier.files`` entry waits for its files."""

from __future__ import annotations

import os
import socket
from datetime import date
from urllib.parse import urlsplit

import requests

from tests.central.payloads import TT_AGENCY, code, dossier_entry, files_entry, sha256
from tests.central_fixture import CentralServer, Session

UPLOAD = "application/offset+octet-stream"


def _patch(clerk: Session, digest: str, data: bytes, offset: int, total: int) -> requests.Response:
    return clerk.request(
        "PATCH",
        f"/files/{digest}",
        data=data,
        headers={
            "Content-Type": UPLOAD,
            "Upload-Offset": str(offset),
            "Upload-Length": str(total),
        },
    )


def _head(clerk: Session, digest: str) -> requests.Response:
    return clerk.request("HEAD", f"/files/{digest}")


def _cut_upload(server: CentralServer, token: str, digest: str, data: bytes, sent: int) -> None:
    """A PATCH whose connection drops after ``sent`` of its bytes (as a lost line does)."""
    parts = urlsplit(server.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as raw:
        head = (
            f"PATCH /api/v1/files/{digest} HTTP/1.1\r\n"
            f"Host: {parts.netloc}\r\n"
            f"Authorization: Bearer {token}\r\n"
            f"Content-Type: {UPLOAD}\r\n"
            f"Upload-Offset: 0\r\nUpload-Length: {len(data)}\r\n"
            f"Content-Length: {len(data)}\r\n\r\n"
        )
        raw.sendall(head.encode() + data[:sent])
        raw.shutdown(socket.SHUT_WR)


def test_a_cut_upload_resumes_from_the_offset_central_holds(
    central_server_module: CentralServer,
) -> None:
    server = central_server_module
    clerk = server.sign_in("canbo1", "Q01")
    data = os.urandom(300_000)
    digest = sha256(data)
    assert clerk.post("/files/missing", json={"sha256": [digest]}).json() == {"missing": [digest]}
    assert _head(clerk, digest).status_code == 404

    _cut_upload(server, clerk.access_token, digest, data, sent=120_000)
    held = 0
    for _ in range(200):  # the server notices the drop on its own time
        answer = _head(clerk, digest)
        if answer.status_code == 200:
            held = int(answer.headers["Upload-Offset"])
            if held == 120_000:
                break
        requests.get(f"{server.api_url}/health", timeout=5)
    assert held == 120_000
    assert _head(clerk, digest).headers["Upload-Complete"] == "false"

    wrong = _patch(clerk, digest, data[:10], 0, len(data))
    assert wrong.status_code == 409
    assert wrong.json()["error"]["code"] == "offset_mismatch"
    assert wrong.headers["Upload-Offset"] == str(held)

    rest = _patch(clerk, digest, data[held:], held, len(data))
    assert rest.status_code == 204
    assert rest.headers["Upload-Offset"] == str(len(data))
    done = _head(clerk, digest)
    assert (done.status_code, done.headers["Upload-Complete"]) == (200, "true")
    assert done.headers["Upload-Offset"] == str(len(data))
    assert clerk.post("/files/missing", json={"sha256": [digest]}).json() == {"missing": []}
    stored = server.data_dir / "files" / digest[:2] / digest
    assert stored.read_bytes() == data


def test_a_hash_mismatch_drops_the_upload(central_server_module: CentralServer) -> None:
    clerk = central_server_module.sign_in("canbo1", "Q01")
    data = b"real page bytes" * 100
    digest = sha256(b"something else")
    assert _patch(clerk, digest, data[:500], 0, len(data)).status_code == 204
    answer = _patch(clerk, digest, data[500:], 500, len(data))
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "hash_mismatch"
    assert _head(clerk, digest).status_code == 404
    assert clerk.post("/files/missing", json={"sha256": [digest]}).json() == {"missing": [digest]}


def test_files_entry_waits_for_its_files(central_server_module: CentralServer) -> None:
    server = central_server_module
    clerk = server.sign_in("canbo1", "Q01")
    day = date(2030, 3, 1)
    clerk.post("/code-blocks/lease", json={"agency_code": TT_AGENCY, "days": [day.isoformat()]})
    dossier = code(1, day)
    pdfs = [b"%PDF-1.7 first document", b"%PDF-1.7 second document"]
    entry = files_entry(dossier, pdfs)
    results = clerk.post("/outbox", json={"entries": [dossier_entry(dossier), entry]}).json()[
        "results"
    ]
    assert results[0]["status"] == "accepted"
    assert results[1]["status"] == "missing_files"
    assert sorted(results[1]["missing"]) == sorted(sha256(pdf) for pdf in pdfs)
    assert server.look_up(dossier)["has_files"] is False

    assert _patch(clerk, sha256(pdfs[0]), pdfs[0], 0, len(pdfs[0])).status_code == 204
    (still,) = clerk.post("/outbox", json={"entries": [entry]}).json()["results"]
    assert (still["status"], still["missing"]) == ("missing_files", [sha256(pdfs[1])])

    assert _patch(clerk, sha256(pdfs[1]), pdfs[1], 0, len(pdfs[1])).status_code == 204
    (accepted,) = clerk.post("/outbox", json={"entries": [entry]}).json()["results"]
    assert accepted["status"] == "accepted"
    assert server.look_up(dossier)["has_files"] is True


def test_files_for_an_unknown_dossier_are_refused(central_server_module: CentralServer) -> None:
    clerk = central_server_module.sign_in("canbo1", "Q01")
    entry = files_entry(code(9, date(2030, 3, 2)), [b"x"])
    (result,) = clerk.post("/outbox", json={"entries": [entry]}).json()["results"]
    assert (result["status"], result["code"]) == ("refused", "unknown_dossier")


def test_upload_needs_the_upload_content_type(central_server_module: CentralServer) -> None:
    clerk = central_server_module.sign_in("canbo1", "Q01")
    answer = clerk.request(
        "PATCH",
        f"/files/{sha256(b'a')}",
        data=b"a",
        headers={"Content-Type": "text/plain", "Upload-Offset": "0", "Upload-Length": "1"},
    )
    assert answer.status_code == 415
