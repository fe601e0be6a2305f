"""The change feed: a monotonic cursor, pages, and what each unit may see."""

from __future__ import annotations

from datetime import date

from tests.central.payloads import CN01_AGENCY, TT_AGENCY, code, dossier_entry
from tests.central_fixture import CentralServer, Session


def _all(session: Session, cursor: int = 0, limit: int = 500) -> list[dict[str, object]]:
    changes: list[dict[str, object]] = []
    while True:
        page = session.get("/changes", params={"cursor": cursor, "limit": limit}).json()
        changes.extend(page["changes"])
        assert page["next_cursor"] >= cursor
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return changes


def test_feed_pages_follow_the_cursor_and_units_see_their_own(
    central_server: CentralServer,
) -> None:
    server = central_server
    day = date(2030, 4, 1)
    centre = server.sign_in("canbo1", "Q01")
    branch = server.sign_in("canbo2", "Q01")
    centre.post("/code-blocks/lease", json={"agency_code": TT_AGENCY, "days": [day.isoformat()]})
    branch.post("/code-blocks/lease", json={"agency_code": CN01_AGENCY, "days": [day.isoformat()]})
    centre.post(
        "/outbox", json={"entries": [dossier_entry(code(1, day)), dossier_entry(code(2, day))]}
    )
    branch_code = code(1, day, CN01_AGENCY)
    branch_entry = dossier_entry(branch_code, unit="CN01", agency=CN01_AGENCY)
    assert (
        branch.post("/outbox", json={"entries": [branch_entry]}).json()["results"][0]["status"]
        == "accepted"
    )

    seen = _all(centre)
    cursors = [change["cursor"] for change in seen]
    assert cursors == sorted(cursors) and len(set(cursors)) == len(cursors)
    kinds = {change["kind"] for change in seen}
    # The seed published the calendar and catalogue: everybody sees them.
    assert {"calendar.published", "catalogue.published", "code_block.leased"} <= kinds
    status = [c for c in seen if c["kind"] == "dossier.status"]
    assert [c["entity_id"] for c in status] == [code(1, day), code(2, day)]
    assert status[0]["data"]["state"] == "received"
    assert status[0]["data"]["unit_code"] == "TT"
    assert branch_code not in {c["entity_id"] for c in seen}
    branch_leases = [c for c in _all(branch) if c["kind"] == "code_block.leased"]
    assert [c["data"]["agency_code"] for c in branch_leases] == [CN01_AGENCY]

    # Small pages give the same feed, and a cursor resumes after what was applied.
    assert _all(centre, limit=1) == seen
    tail = _all(centre, cursor=int(seen[-2]["cursor"]))
    assert tail == seen[-1:]
    empty = centre.get("/changes", params={"cursor": seen[-1]["cursor"]}).json()
    assert empty == {"changes": [], "next_cursor": seen[-1]["cursor"], "has_more": False}


def test_publications_reach_every_unit(central_server: CentralServer) -> None:
    server = central_server
    admin = server.sign_in("quantri")
    branch = server.sign_in("canbo2")
    before = _all(branch)[-1]["cursor"]
    days = [{"date": "2031-01-02", "working": False, "note": "Nghỉ bù"}]
    answer = admin.put("/admin/calendar/2031", json={"days": days})
    assert answer.status_code == 200
    catalogue = admin.put("/admin/catalogue", json={"version": "2031-1", "procedures": []})
    assert catalogue.status_code == 200
    new = _all(branch, cursor=int(before))
    assert [(c["kind"], c["entity_id"]) for c in new] == [
        ("calendar.published", "2031"),
        ("catalogue.published", "2031-1"),
    ]
    assert new[0]["data"] == {"year": 2031, "days": days}
    clerk_try = branch.put("/admin/catalogue", json={"version": "x", "procedures": []})
    assert clerk_try.status_code == 403
    wrong_year = admin.put(
        "/admin/calendar/2031", json={"days": [{**days[0], "date": "2030-01-01"}]}
    )
    assert wrong_year.status_code == 422
