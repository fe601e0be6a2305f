"""Per-app state handed to the routers through FastAPI dependencies (never module globals),
and the caller resolved from the bearer token."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select

from central.db import Database
from central.errors import ApiError, forbidden, unauthenticated
from central.models import Token, User
from central.security import token_digest
from central.settings import CentralSettings


@dataclass(frozen=True)
class Central:
    settings: CentralSettings
    db: Database

    @property
    def files_dir(self) -> Path:
        return self.settings.data_dir / "files"

    @property
    def partial_dir(self) -> Path:
        return self.settings.data_dir / "partial"


def get_central(request: Request) -> Central:
    central: Central = request.app.state.central
    return central


CentralDep = Annotated[Central, Depends(get_central)]

_bearer = HTTPBearer(auto_error=False, description="The access token from /auth/sign-in")


@dataclass(frozen=True)
class Caller:
    user_id: int
    username: str
    full_name: str
    roles: frozenset[str]
    unit_code: str
    counter_code: str | None
    token_id: int

    def has(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))

    def require(self, roles: Iterable[str]) -> None:
        allowed = tuple(roles)
        if not self.has(*allowed):
            raise forbidden(
                f"This needs the role {' or '.join(allowed)}; "
                f"{self.username} has {', '.join(sorted(self.roles)) or 'none'}",
                f"Việc này cần vai trò {' hoặc '.join(allowed)}; tài khoản {self.username} "
                f"không có vai trò đó",
            )

    @property
    def is_admin(self) -> bool:
        return "admin" in self.roles


def get_caller(
    central: CentralDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise unauthenticated()
    now = central.settings.clock()
    with central.db.transaction() as session:
        row = session.execute(
            select(Token, User)
            .join(User, User.id == Token.user_id)
            .where(Token.access_sha256 == token_digest(credentials.credentials))
        ).first()
        if row is None:
            raise unauthenticated()
        token, user = row
        if token.revoked or token.access_expires_at <= now or not user.active:
            raise unauthenticated()
        return Caller(
            user_id=user.id,
            username=user.username,
            full_name=user.full_name,
            roles=frozenset(user.roles),
            unit_code=user.unit_code,
            counter_code=token.counter_code,
            token_id=token.id,
        )


CallerDep = Annotated[Caller, Depends(get_caller)]


def counter_required(caller: Caller) -> str:
    if caller.counter_code is None:
        raise ApiError(
            403,
            "counter_required",
            "Sign in with a counter code to do this",
            "Cần đăng nhập kèm mã quầy để làm việc này",
        )
    return caller.counter_code
