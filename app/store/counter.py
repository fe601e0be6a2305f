"""Who and where this machine is: its organisation unit, its counter (quầy) and its clerk.

A counter code alone is ambiguous (every branch has a "Q01"), so the identity is the pair of
settings ``counter.unit`` (the unit's code) and ``counter.code``, plus ``clerk.name``, the name
printed as the receiving clerk. Everything else (agency code for dossier codes, names for the
printed slips) is read from the organisation tables on demand, so a catalogue update from
central is picked up without setting the counter up again.

The organisation *profile* (the parent authority printed in the slips' header, the place name
of the date line, the public look-up address and the hotline) is the setting
``organisation.profile``, written by the seed from ``resources/organisation/organisation.json``
and later by central.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.clock import to_office_time
from app.domain.dossier_code import is_valid_agency_code
from app.domain.text import nfc
from app.store.errors import CounterNotConfigured, CounterSetupError
from app.store.models import Counter, OrgUnit, Setting
from app.store.settings import SettingsRepository
from app.store.types import utcnow

COUNTER_UNIT_KEY = "counter.unit"
COUNTER_CODE_KEY = "counter.code"
CLERK_NAME_KEY = "clerk.name"
ORGANISATION_PROFILE_KEY = "organisation.profile"
CLERK_NAME_MAX = 255
"""``dossiers.received_by`` is a String(255)."""

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class OrganisationProfile:
    """What the printed slips need about the organisation as a whole."""

    authority: str = ""
    """The parent authority in the slips' header, e.g. "UBND THÀNH PHỐ HÀ NỘI"."""
    place_name: str = ""
    """For the date line: "Hà Nội, ngày … tháng … năm …"."""
    lookup_url: str = ""
    """The public address where a citizen looks a dossier up (printed and in the QR)."""
    hotline: str = ""
    demo: bool = False
    """The values are demonstration data, not the organisation's real ones."""

    def to_json(self) -> dict[str, Any]:
        return {
            "authority": self.authority,
            "place_name": self.place_name,
            "lookup_url": self.lookup_url,
            "hotline": self.hotline,
            "demo": self.demo,
        }

    @classmethod
    def from_json(cls, value: object) -> OrganisationProfile:
        """Tolerant: a missing or malformed setting gives empty fields, never an exception."""
        if not isinstance(value, dict):
            return cls()

        def text(key: str) -> str:
            item = value.get(key)
            return nfc(item).strip() if isinstance(item, str) else ""

        return cls(
            authority=text("authority"),
            place_name=text("place_name"),
            lookup_url=text("lookup_url"),
            hotline=text("hotline"),
            demo=value.get("demo") is True,
        )


def load_organisation_profile(session: Session) -> OrganisationProfile:
    return OrganisationProfile.from_json(SettingsRepository(session).get(ORGANISATION_PROFILE_KEY))


@dataclass(frozen=True)
class CounterIdentity:
    """This machine's unit, counter and clerk, with what dossier codes and slips need."""

    org_unit_id: int
    org_unit_code: str
    org_unit_name: str
    agency_code: str
    """The unit's electronic ID code, the first part of every dossier code it issues."""
    counter_id: int
    counter_code: str
    counter_name: str
    clerk_name: str
    authority_name: str
    province_name: str


@dataclass(frozen=True)
class CounterChoice:
    """One line of the set-up picker."""

    unit_code: str
    unit_name: str
    unit_kind: str
    agency_code: str
    counter_code: str
    counter_name: str


def office_today() -> date:
    """The office's calendar day now (UTC+7), whatever the machine's time zone."""
    return to_office_time(utcnow()).date()


def _valid_on(day: date) -> Any:
    return (OrgUnit.valid_from <= day) & or_(OrgUnit.valid_to.is_(None), OrgUnit.valid_to >= day)


def list_counters(session: Session, on: date | None = None) -> list[CounterChoice]:
    """Active counters of the units in service on ``on`` (the office's today by default),
    by unit code then counter code: what IT staff may pick from."""
    day = on or office_today()
    rows = session.execute(
        select(OrgUnit, Counter)
        .join(Counter, Counter.org_unit_id == OrgUnit.id)
        .where(_valid_on(day), Counter.active.is_(True))
        .order_by(OrgUnit.code, Counter.code)
    ).all()
    return [
        CounterChoice(
            unit_code=unit.code,
            unit_name=unit.name,
            unit_kind=unit.kind,
            agency_code=unit.agency_code,
            counter_code=counter.code,
            counter_name=counter.name,
        )
        for unit, counter in rows
    ]


def read_settings(session: Session, keys: tuple[str, ...]) -> dict[str, Any]:
    """Several settings in one query (the save path reads six); a value that is not valid
    JSON is left out, as if unset."""
    values: dict[str, Any] = {}
    for key, raw in session.execute(
        select(Setting.key, Setting.value).where(Setting.key.in_(keys))
    ):
        try:
            values[key] = json.loads(raw)
        except ValueError:
            continue
    return values


IDENTITY_KEYS = (COUNTER_UNIT_KEY, COUNTER_CODE_KEY, CLERK_NAME_KEY, ORGANISATION_PROFILE_KEY)


def _find(session: Session, unit_code: str, counter_code: str) -> tuple[OrgUnit, Counter] | None:
    row = session.execute(
        select(OrgUnit, Counter)
        .join(Counter, Counter.org_unit_id == OrgUnit.id)
        .where(OrgUnit.code == unit_code, Counter.code == counter_code)
    ).first()
    return None if row is None else (row[0], row[1])


def _resolve(
    session: Session, values: dict[str, Any]
) -> tuple[CounterIdentity, OrgUnit] | CounterNotConfigured:
    unit_code = values.get(COUNTER_UNIT_KEY)
    counter_code = values.get(COUNTER_CODE_KEY)
    clerk = values.get(CLERK_NAME_KEY)
    if not (isinstance(unit_code, str) and isinstance(counter_code, str)):
        return CounterNotConfigured()
    if not (isinstance(clerk, str) and clerk.strip()):
        return CounterNotConfigured(
            "the receiving clerk's name is not set", "chưa có họ tên cán bộ tiếp nhận"
        )
    found = _find(session, unit_code, counter_code)
    if found is None:
        return CounterNotConfigured(
            f"counter {counter_code} of unit {unit_code} is not in the organisation list",
            f"quầy {counter_code} của đơn vị {unit_code} không có trong danh mục đơn vị",
        )
    unit, counter = found
    if not counter.active:
        return CounterNotConfigured(
            f"counter {counter_code} of unit {unit_code} is no longer active",
            f"quầy {counter_code} của đơn vị {unit_code} đã ngừng hoạt động",
        )
    profile = OrganisationProfile.from_json(values.get(ORGANISATION_PROFILE_KEY))
    identity = CounterIdentity(
        org_unit_id=unit.id,
        org_unit_code=unit.code,
        org_unit_name=unit.name,
        agency_code=unit.agency_code,
        counter_id=counter.id,
        counter_code=counter.code,
        counter_name=counter.name,
        clerk_name=clerk,
        authority_name=profile.authority,
        province_name=profile.place_name,
    )
    return identity, unit


def load_counter_identity(session: Session) -> CounterIdentity | None:
    """The configured identity, or ``None`` when the counter is not set up or its unit or
    counter is no longer in the organisation tables (or the counter was deactivated)."""
    resolved = _resolve(session, read_settings(session, IDENTITY_KEYS))
    return None if isinstance(resolved, CounterNotConfigured) else resolved[0]


def require_counter_identity(
    session: Session, on: date, values: dict[str, Any] | None = None
) -> CounterIdentity:
    """The identity to receive dossiers with on ``on`` (an office day), or
    :class:`CounterNotConfigured` saying what is wrong: not set up, unknown or inactive
    counter, or a unit not in service that day. ``values`` may carry the settings already
    read with :func:`read_settings` (at least :data:`IDENTITY_KEYS`)."""
    resolved = _resolve(
        session, values if values is not None else read_settings(session, IDENTITY_KEYS)
    )
    if isinstance(resolved, CounterNotConfigured):
        raise resolved
    identity, unit = resolved
    if unit.valid_from > on or (unit.valid_to is not None and unit.valid_to < on):
        raise CounterNotConfigured(
            f"unit {unit.code} is not in service on {on.isoformat()}",
            f"đơn vị {unit.code} không hoạt động vào ngày {on:%d/%m/%Y}",
        )
    return identity


def clean_clerk_name(name: str) -> str:
    """NFC, spaces collapsed: the name is printed on every receipt."""
    return _SPACES.sub(" ", nfc(name)).strip()


def configure_counter(
    session: Session, unit_code: str, counter_code: str, clerk_name: str, on: date | None = None
) -> CounterIdentity:
    """Set this machine's identity, after checking it against the organisation tables.

    Refuses (:class:`CounterSetupError`) an unknown unit, a unit not in service on ``on``
    (the office's today by default), a counter the unit does not have or that is inactive, a
    unit without a usable agency code, and an empty clerk name. Codes are matched without
    regard to case or surrounding spaces.
    """
    day = on or office_today()
    unit_key = unit_code.strip().upper()
    counter_key = counter_code.strip().upper()
    clerk = clean_clerk_name(clerk_name)
    if not clerk:
        raise CounterSetupError(
            "the clerk's name is empty", "chưa nhập họ tên cán bộ tiếp nhận (in trên giấy hẹn)"
        )
    if len(clerk) > CLERK_NAME_MAX:
        raise CounterSetupError(
            f"the clerk's name is longer than {CLERK_NAME_MAX} characters",
            f"họ tên cán bộ dài quá {CLERK_NAME_MAX} ký tự",
        )
    unit = session.scalar(select(OrgUnit).where(OrgUnit.code == unit_key))
    if unit is None:
        raise CounterSetupError(
            f"there is no unit with code {unit_code.strip()!r} (see 'python -m app setup --list')",
            f"không có đơn vị mã «{unit_code.strip()}» (xem «python -m app setup --list»)",
        )
    if unit.valid_from > day or (unit.valid_to is not None and unit.valid_to < day):
        raise CounterSetupError(
            f"unit {unit.code} is not in service on {day.isoformat()} "
            f"(valid {unit.valid_from.isoformat()} to "
            f"{unit.valid_to.isoformat() if unit.valid_to else '…'})",
            f"đơn vị {unit.code} không hoạt động vào ngày {day:%d/%m/%Y} "
            f"(hiệu lực từ {unit.valid_from:%d/%m/%Y}"
            f"{f' đến {unit.valid_to:%d/%m/%Y}' if unit.valid_to else ''})",
        )
    if not is_valid_agency_code(unit.agency_code):
        raise CounterSetupError(
            f"unit {unit.code} has no valid agency code ({unit.agency_code!r}); "
            "update the organisation list from central",
            f"đơn vị {unit.code} chưa có mã định danh điện tử hợp lệ («{unit.agency_code}»); "
            "hãy cập nhật danh mục đơn vị từ hệ thống trung tâm",
        )
    counter = session.scalar(
        select(Counter).where(Counter.org_unit_id == unit.id, Counter.code == counter_key)
    )
    if counter is None or not counter.active:
        known = ", ".join(
            session.scalars(
                select(Counter.code)
                .where(Counter.org_unit_id == unit.id, Counter.active.is_(True))
                .order_by(Counter.code)
            )
        )
        raise CounterSetupError(
            f"unit {unit.code} has no active counter {counter_code.strip()!r} "
            f"(its counters: {known or 'none'})",
            f"đơn vị {unit.code} không có quầy «{counter_code.strip()}» đang hoạt động "
            f"(các quầy: {known or 'không có'})",
        )
    settings = SettingsRepository(session)
    settings.set(COUNTER_UNIT_KEY, unit.code)
    settings.set(COUNTER_CODE_KEY, counter.code)
    settings.set(CLERK_NAME_KEY, clerk)
    identity = load_counter_identity(session)
    assert identity is not None
    return identity
