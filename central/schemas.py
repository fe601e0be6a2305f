"""Request and response bodies: the OpenAPI description is generated from these, so they
are the contract as machines read it (docs/sync-api.md is the one people read)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Role = Literal["clerk", "deputy", "officer", "admin"]
State = Literal[
    "received",
    "awaiting_approval",
    "transferred",
    "supplement_requested",
    "result_ready",
    "returned",
    "refused",
    "stopped",
    "withdrawn",
]


def _has_nul(value: Any) -> bool:
    """Whether any text in a parsed JSON body holds a NUL (a loop, not recursion: a push
    carries thousands of values, and this runs on every one)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class RequestModel(BaseModel):
    """A request body. NUL characters are refused anywhere in it: PostgreSQL cannot store
    them in text, and no field of ours has a use for one."""

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        if _has_nul(data):
            raise ValueError("text must not contain NUL characters")
        return data


class NestedRequestModel(BaseModel):
    """A part of a request body, used only inside a :class:`RequestModel`, whose check
    already covered its text (checking again at each level made it quadratic in depth)."""


class ErrorDetail(BaseModel):
    model_config = ConfigDict(extra="allow")

    code: str
    message: str
    message_vi: str


class ErrorBody(BaseModel):
    error: ErrorDetail


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route: each listed status answers with :class:`ErrorBody`."""
    descriptions = {
        401: "Not signed in (unauthenticated)",
        403: "Role or unit does not allow this (forbidden)",
        404: "Not found",
        409: "Conflict (stale version, offset mismatch, numbers exhausted)",
        422: "Invalid request (validation_error, invalid_transition, hash_mismatch)",
    }
    return {
        status: {"model": ErrorBody, "description": descriptions.get(status, "Error")}
        for status in statuses
    }


# --- auth ---------------------------------------------------------------------------------


class SignIn(RequestModel):
    username: Annotated[str, Field(min_length=1, max_length=64)]
    password: Annotated[str, Field(min_length=1, max_length=1024)]
    counter_code: Annotated[str, Field(min_length=1, max_length=32)] | None = None


class Refresh(RequestModel):
    refresh_token: Annotated[str, Field(min_length=1, max_length=256)]


class UserOut(BaseModel):
    username: str
    full_name: str
    roles: list[Role]
    unit_code: str
    counter_code: str | None


class Tokens(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    user: UserOut


class Health(BaseModel):
    status: Literal["ok"]
    server_time: datetime
    api_version: int


# --- push ---------------------------------------------------------------------------------


class PushEntry(NestedRequestModel):
    id: Annotated[str, Field(min_length=1, max_length=64)]
    seq: int | None = None
    kind: Annotated[str, Field(max_length=64)]
    entity: Annotated[str, Field(max_length=64)]
    entity_id: Annotated[str, Field(max_length=128)]
    created_at: AwareDatetime
    payload: dict[str, Any]


class PushRequest(RequestModel):
    entries: Annotated[list[PushEntry], Field(max_length=200)]
    #: The counter's clock when it sent the call, for the drift check.
    sent_at: AwareDatetime | None = None


class PushResult(BaseModel):
    id: str
    status: Literal["accepted", "missing_files", "conflict", "refused"]
    duplicate: bool = False
    received_at: datetime | None = None
    version: int | None = None
    missing: list[str] | None = None
    current: dict[str, Any] | None = None
    code: str | None = None
    reason: str | None = None
    reason_vi: str | None = None


class PushResponse(BaseModel):
    results: list[PushResult]
    server_time: datetime
    clock_drift_s: float | None = None
    clock_flagged: bool = False


# --- files --------------------------------------------------------------------------------


class MissingRequest(RequestModel):
    sha256: Annotated[list[Sha256], Field(max_length=1000)]


class MissingResponse(BaseModel):
    missing: list[str]


BUNDLE_MAX_FILES = 100
BUNDLE_MAX_FILE_BYTES = 256 * 1024
"""Small files go many to a call (``POST /files/bundle``); larger ones by resumable PATCH."""


class BundleFile(NestedRequestModel):
    sha256: Sha256
    data: Annotated[str, Field(max_length=(BUNDLE_MAX_FILE_BYTES + 2) // 3 * 4)]
    """The file's bytes, base64 (standard alphabet, padded)."""


class BundleRequest(RequestModel):
    files: Annotated[list[BundleFile], Field(max_length=BUNDLE_MAX_FILES)]


BundleCode = Literal["hash_mismatch", "invalid_base64", "too_large"]


class BundleRejection(BaseModel):
    sha256: str
    code: BundleCode
    message: str
    message_vi: str


class BundleResponse(BaseModel):
    stored: list[str]
    """Held complete now (stored by this call or before it)."""
    rejected: list[BundleRejection]


# --- changes ------------------------------------------------------------------------------


class ChangeOut(BaseModel):
    cursor: int
    kind: str
    entity: str
    entity_id: str
    version: int | None
    at: datetime
    data: dict[str, Any]


class ChangesPage(BaseModel):
    changes: list[ChangeOut]
    next_cursor: int
    has_more: bool


# --- code blocks --------------------------------------------------------------------------


class LeaseRequest(RequestModel):
    agency_code: Annotated[str, Field(max_length=32)]
    days: Annotated[list[date], Field(min_length=1, max_length=31)]
    size: Annotated[int, Field(ge=1, le=1000)] = 100


class BlockOut(BaseModel):
    lease_id: str
    agency_code: str
    day: date
    first: int
    last: int
    counter_code: str


class LeaseResponse(BaseModel):
    blocks: list[BlockOut]


# --- dossiers -----------------------------------------------------------------------------


class HistoryStep(BaseModel):
    from_state: State | None
    to_state: State
    version: int
    at: datetime
    by: str
    unit_code: str | None
    note: str


class ProcedureOut(BaseModel):
    code: str | None
    """``None`` for a local procedure without a national code."""
    name: str


class DossierOut(BaseModel):
    code: str
    state: State
    version: int
    procedure: ProcedureOut
    applicant_name: str
    received_at: datetime
    central_received_at: datetime
    due_at: datetime | None
    unit_code: str
    counter_code: str | None
    deciding_unit_code: str | None
    has_files: bool
    history: list[HistoryStep]


Action = Literal["accept_handover", "request_supplement", "supplement_received", "result_ready"]


class ActionRequest(RequestModel):
    action: Action
    note: Annotated[str, Field(max_length=2000)] = ""
    expected_version: Annotated[int, Field(ge=1)]


# --- admin --------------------------------------------------------------------------------


class CalendarDay(NestedRequestModel):
    date: date
    working: bool
    note: Annotated[str, Field(max_length=500)] = ""


class CalendarPublish(RequestModel):
    days: Annotated[list[CalendarDay], Field(max_length=366)]


class CataloguePublish(RequestModel):
    version: Annotated[str, Field(min_length=1, max_length=64)]
    procedures: Annotated[list[dict[str, Any]], Field(max_length=5000)]


class Published(BaseModel):
    kind: Literal["calendar", "catalogue"]
    key: str
    cursor: int


class CounterOut(BaseModel):
    unit_code: str
    counter_code: str
    last_push_at: datetime | None
    clock_drift_s: float | None
    clock_flagged: bool
