"""Sign-in, refresh and sign-out; health (the only call without a token)."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Response
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from central import API_VERSION
from central.context import CallerDep, Central, CentralDep
from central.errors import ApiError
from central.models import Counter, Token, User
from central.schemas import Health, Refresh, SignIn, Tokens, UserOut, errors
from central.security import dummy_hash, new_token, token_digest, verify_password

router = APIRouter(tags=["auth"])


def _bad_credentials() -> ApiError:
    return ApiError(
        401,
        "bad_credentials",
        "Wrong username or password",
        "Sai tên đăng nhập hoặc mật khẩu",
    )


def _issue(central: Central, session: Session, user: User, counter_code: str | None) -> Tokens:
    now = central.settings.clock()
    access, refresh = new_token(), new_token()
    session.add(
        Token(
            user_id=user.id,
            access_sha256=token_digest(access),
            refresh_sha256=token_digest(refresh),
            counter_code=counter_code,
            created_at=now,
            access_expires_at=now + timedelta(seconds=central.settings.access_ttl_s),
            refresh_expires_at=now + timedelta(seconds=central.settings.refresh_ttl_s),
            revoked=False,
        )
    )
    if counter_code is not None:
        known = session.scalar(
            select(Counter.id).where(
                Counter.unit_code == user.unit_code, Counter.counter_code == counter_code
            )
        )
        if known is None:
            session.add(Counter(unit_code=user.unit_code, counter_code=counter_code))
    session.flush()
    return Tokens(
        access_token=access,
        refresh_token=refresh,
        expires_in=central.settings.access_ttl_s,
        user=UserOut(
            username=user.username,
            full_name=user.full_name,
            roles=list(user.roles),
            unit_code=user.unit_code,
            counter_code=counter_code,
        ),
    )


@router.post("/auth/sign-in", responses=errors(401, 403, 422))
def sign_in(body: SignIn, central: CentralDep) -> Tokens:
    with central.db.transaction() as session:
        user = session.scalar(select(User).where(User.username == body.username))
        if user is None:
            verify_password(body.password, dummy_hash())
            raise _bad_credentials()
        if not verify_password(body.password, user.password_hash):
            raise _bad_credentials()
        if not user.active:
            raise ApiError(
                403,
                "account_disabled",
                f"The account {user.username} is disabled; ask the administrator",
                f"Tài khoản {user.username} đã bị khóa; hãy liên hệ quản trị viên",
            )
        return _issue(central, session, user, body.counter_code)


@router.post("/auth/refresh", responses=errors(401, 422))
def refresh(body: Refresh, central: CentralDep) -> Tokens:
    now = central.settings.clock()
    with central.db.transaction() as session:
        token = session.scalar(
            select(Token)
            .where(Token.refresh_sha256 == token_digest(body.refresh_token))
            .with_for_update()
        )
        user = None if token is None else session.get(User, token.user_id)
        if (
            token is None
            or user is None
            or token.revoked
            or token.refresh_expires_at <= now
            or not user.active
        ):
            raise ApiError(
                401,
                "bad_refresh_token",
                "The refresh token is unknown, spent or expired; sign in again",
                "Mã làm mới không hợp lệ, đã dùng hoặc đã hết hạn; hãy đăng nhập lại",
            )
        token.revoked = True
        return _issue(central, session, user, token.counter_code)


@router.post("/auth/sign-out", status_code=204, responses=errors(401))
def sign_out(caller: CallerDep, central: CentralDep) -> Response:
    with central.db.transaction() as session:
        session.execute(update(Token).where(Token.id == caller.token_id).values(revoked=True))
    return Response(status_code=204)


@router.get("/health", tags=["health"])
def health(central: CentralDep) -> Health:
    return Health(status="ok", server_time=central.settings.clock(), api_version=API_VERSION)
