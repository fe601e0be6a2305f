"""Sign-in, tokens and the role and unit checks, against the real server."""

from __future__ import annotations

from datetime import date

import requests

from central.db import Database
from central.models import User
from central.security import hash_password
from tests.central.payloads import CN01_AGENCY, TT_AGENCY, code, dossier_entry
from tests.central_fixture import CentralServer


def _sign_in(server: CentralServer, username: str, password: str) -> requests.Response:
    return requests.post(
        f"{server.api_url}/auth/sign-in",
        json={"username": username, "password": password},
        timeout=30,
    )


def test_sign_in_answers_tokens_roles_and_unit(central_server_module: CentralServer) -> None:
    answer = requests.post(
        f"{central_server_module.api_url}/auth/sign-in",
        json={"username": "canbo1", "password": "motcua-demo", "counter_code": "Q01"},
        timeout=30,
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["user"] == {
        "username": "canbo1",
        "full_name": "Nguyễn Thị Lan",
        "roles": ["clerk"],
        "unit_code": "TT",
        "counter_code": "Q01",
    }
    assert body["access_token"] != body["refresh_token"]
    assert body["expires_in"] > 0
    assert "x-server-time" in answer.headers


def test_wrong_password_and_unknown_user_are_the_same_refusal(
    central_server_module: CentralServer,
) -> None:
    wrong = _sign_in(central_server_module, "canbo1", "not-the-password")
    unknown = _sign_in(central_server_module, "nobody", "motcua-demo")
    for answer in (wrong, unknown):
        assert answer.status_code == 401
        error = answer.json()["error"]
        assert error["code"] == "bad_credentials"
        assert error["message_vi"] == "Sai tên đăng nhập hoặc mật khẩu"
        assert "x-server-time" in answer.headers


def test_disabled_account_is_refused(central_server_module: CentralServer) -> None:
    database = Database(central_server_module.db_url)
    try:
        with database.transaction() as session:
            session.add(
                User(
                    username="nghiviec",
                    full_name="Đã nghỉ việc",
                    password_hash=hash_password("motcua-demo"),
                    roles=["clerk"],
                    unit_code="TT",
                    active=False,
                )
            )
    finally:
        database.dispose()
    answer = _sign_in(central_server_module, "nghiviec", "motcua-demo")
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "account_disabled"


def test_calls_without_a_valid_token_are_unauthenticated(
    central_server_module: CentralServer,
) -> None:
    api = central_server_module.api_url
    missing = requests.get(f"{api}/changes", timeout=30)
    bogus = requests.get(f"{api}/changes", headers={"Authorization": "Bearer nope"}, timeout=30)
    for answer in (missing, bogus):
        assert answer.status_code == 401
        assert answer.json()["error"]["code"] == "unauthenticated"


def test_refresh_rotates_the_pair_and_spends_the_old_refresh_token(
    central_server_module: CentralServer,
) -> None:
    session = central_server_module.sign_in("canbo1", "Q01")
    api = central_server_module.api_url
    old = session.tokens
    fresh = requests.post(
        f"{api}/auth/refresh", json={"refresh_token": old["refresh_token"]}, timeout=30
    )
    assert fresh.status_code == 200
    assert fresh.json()["user"]["counter_code"] == "Q01"
    again = requests.post(
        f"{api}/auth/refresh", json={"refresh_token": old["refresh_token"]}, timeout=30
    )
    assert again.status_code == 401
    assert again.json()["error"]["code"] == "bad_refresh_token"
    # The old access token went with its pair; the new one works.
    assert session.get("/changes").status_code == 401
    session.tokens = fresh.json()
    assert session.get("/changes").status_code == 200


def test_sign_out_revokes_the_token(central_server_module: CentralServer) -> None:
    session = central_server_module.sign_in("canbo1")
    assert session.get("/changes").status_code == 200
    assert session.post("/auth/sign-out").status_code == 204
    assert session.get("/changes").status_code == 401


def test_a_clerk_cannot_act_as_an_officer(central_server_module: CentralServer) -> None:
    server = central_server_module
    clerk = server.sign_in("canbo1", "Q01")
    day = date(2030, 1, 2)
    clerk.post("/code-blocks/lease", json={"agency_code": TT_AGENCY, "days": [day.isoformat()]})
    dossier = code(1, day)
    pushed = clerk.post("/outbox", json={"entries": [dossier_entry(dossier)]}).json()
    assert pushed["results"][0]["status"] == "accepted"
    answer = clerk.post(
        f"/dossiers/{dossier}/actions",
        json={"action": "accept_handover", "expected_version": 1},
    )
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "forbidden"
    assert server.look_up(dossier)["state"] == "received"


def test_units_are_checked_on_every_call(central_server_module: CentralServer) -> None:
    server = central_server_module
    branch_clerk = server.sign_in("canbo2", "Q01")  # unit CN01
    # Leasing the centre's numbers.
    lease = branch_clerk.post(
        "/code-blocks/lease", json={"agency_code": TT_AGENCY, "days": ["2030-01-03"]}
    )
    assert lease.status_code == 403
    assert lease.json()["error"]["code"] == "forbidden"
    # Pushing for the centre's counter.
    entry = dossier_entry(code(5, date(2030, 1, 3)))
    result = branch_clerk.post("/outbox", json={"entries": [entry]}).json()["results"][0]
    assert (result["status"], result["code"]) == ("refused", "not_your_counter")
    # Its own agency works.
    own = branch_clerk.post(
        "/code-blocks/lease", json={"agency_code": CN01_AGENCY, "days": ["2030-01-03"]}
    )
    assert own.status_code == 200
    # An officer processes dossiers; pushing reception data is not an officer's job.
    officer = server.sign_in("chuyenvien1")
    assert officer.post("/outbox", json={"entries": [entry]}).status_code == 403
