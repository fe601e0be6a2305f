"""Sync in the running app: which central, who is signed in, and the engine's thread.

:class:`SyncController` decides at start-up, after the store is open:

- **a central URL configured** (``sync.central_url``, not the demo one): the sign-in dialog
  opens, modal over the window. A clerk must be signed in to work at a counter connected to
  central, so *cancelling it quits the app* (exit code 0) - the same as closing any desktop
  sign-in window; nothing is lost (drafts are in the store). When central is out of reach the
  dialog signs in offline against the local verifier, and the engine starts anyway: it sends
  once the line returns. After sign-in the engine and the auto-lock start.
- **nothing configured** and ``sync.embedded_central`` not ``false`` (``make run`` on a fresh
  machine): the demo central (:mod:`app.sync.local_central`) starts as a child process on a
  worker thread, the app points at it for this session, signs the demo clerk in, sets up an
  unconfigured counter as that clerk's, leases numbers and starts the engine. If the demo
  central cannot start, the counter runs standalone and the status bar says why.
- otherwise: standalone, as before.

Nothing here touches the network or the store on the GUI thread: sign-in, start-up of the
demo central, leasing and "retry now" run on the task runner; the engine runs on its own
thread and reports through :attr:`SyncController.status_changed`, a signal queued to the GUI
thread. Leasing: after sign-in and after each cycle that reached central (at most every few
minutes), numbers are leased for today and tomorrow when fewer than ``LEASE_BELOW`` are left.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from app.ui.services import ConnectionState
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.config import AppPaths
    from app.store.database import Store
    from app.sync.auth import AuthService, SignInOutcome
    from app.sync.client import CentralClient
    from app.sync.engine import CycleReport, SyncEngine, SyncStatus
    from app.sync.local_central import LocalCentral, SyncConfig
    from app.ui.dialogs.sign_in_dialog import SignInDialog
    from app.ui.lock import LockController
    from app.ui.store_queries import StoreHolder

log = logging.getLogger(__name__)

LEASE_BELOW = 50
"""Lease more numbers for a day when fewer than this are left in its blocks."""
LEASE_SIZE = 100
LEASE_CHECK_EVERY_S = 300.0


@dataclass(frozen=True)
class EngineOptions:
    """What tests tune: how often a cycle runs when idle."""

    interval: float = 30.0
    offline_interval: tuple[float, float] = (2.0, 300.0)


def top_up_code_blocks(
    store: Store, engine: SyncEngine, below: int = LEASE_BELOW, size: int = LEASE_SIZE
) -> int:
    """Lease numbers for today and tomorrow where fewer than ``below`` are left; returns how
    many blocks were leased. Network and store work: call it on a worker thread."""
    from app.store.counter import load_counter_identity, office_today
    from app.store.sync_views import SyncViews

    today = office_today()
    days = [today, today + timedelta(days=1)]
    with store.read_session() as session:
        identity = load_counter_identity(session)
        if identity is None:
            return 0
        views = SyncViews(session)
        runway = views.code_runway(identity.agency_code, identity.counter_code, today)
    wanted = [
        day for day, left in zip(days, (runway.today, runway.tomorrow), strict=True) if left < below
    ]
    if not wanted:
        return 0
    return len(engine.lease_blocks(wanted, size))


class SyncController(QObject):
    """Owns the sync side of the running app: demo central, sign-in, engine, auto-lock."""

    state_changed = Signal(object)
    """:class:`ConnectionState`, on the GUI thread."""
    status_changed = Signal(object)
    """The engine's ``SyncStatus`` after each cycle, queued to the GUI thread."""
    signed_in = Signal(object)
    """The ``SignInOutcome`` of a sign-in (dialog or demo)."""
    engine_started = Signal()
    quit_requested = Signal()
    """The clerk cancelled the start-up sign-in: the app closes."""

    _engine_report = Signal(object, object)

    def __init__(
        self,
        holder: StoreHolder,
        paths: AppPaths,
        tasks: TaskRunner,
        window: QWidget,
        *,
        embedded_allowed: bool = True,
        engine_options: EngineOptions | None = None,
        local_central: Callable[[AppPaths], LocalCentral] | None = None,
    ) -> None:
        super().__init__(window)
        self._holder = holder
        self._paths = paths
        self._tasks = tasks
        self._window = window
        self._embedded_allowed = embedded_allowed
        self._engine_options = engine_options or EngineOptions()
        self._make_local_central = local_central
        self._state = ConnectionState("standalone")
        self._status: SyncStatus | None = None
        self._config: SyncConfig | None = None
        self._local: LocalCentral | None = None
        self._auth: AuthService | None = None
        self._reauth_asked = False
        self._client: CentralClient | None = None
        self._engine: SyncEngine | None = None
        self._lock: LockController | None = None
        self._dialog: SignInDialog | None = None
        self._closing = False
        self._leasing = False
        self._last_lease_check = 0.0
        self._engine_report.connect(self._on_engine_report, Qt.ConnectionType.QueuedConnection)

    # --- what others read ---------------------------------------------------------------------

    @property
    def state(self) -> ConnectionState:
        return self._state

    @property
    def status(self) -> SyncStatus | None:
        return self._status

    @property
    def engine(self) -> SyncEngine | None:
        return self._engine

    @property
    def auth(self) -> AuthService | None:
        return self._auth

    @property
    def local_central(self) -> LocalCentral | None:
        return self._local

    @property
    def lock(self) -> LockController | None:
        return self._lock

    @property
    def sign_in_dialog(self) -> SignInDialog | None:
        return self._dialog

    def _set_state(self, state: ConnectionState) -> None:
        self._state = state
        self.state_changed.emit(state)

    # --- start-up -----------------------------------------------------------------------------

    def start(self) -> None:
        """Read the settings (and, on the demo path, set up a fresh counter) on the database
        thread; what follows depends on them. Call before the screens' first queries, so a
        counter the demo sets up is already there when reception starts."""
        holder = self._holder
        embedded_allowed = self._embedded_allowed

        def read() -> SyncConfig:
            from app.sync.local_central import (
                configure_demo_counter,
                demo_clerk,
                leave_embedded,
                read_sync_config,
            )

            config = read_sync_config(holder.store)
            if config.embedded and embedded_allowed:
                try:
                    configure_demo_counter(holder.store, demo_clerk())
                except Exception as error:  # the demo's counter; the clerk can set it up
                    log.warning("the demo counter could not be set up: %s", error)
            elif not config.configured and config.central_url is not None:
                leave_embedded(holder.store)  # last session's demo URL, not started now
            return config

        self._tasks.run_db(read, on_done=self._configured, on_error=self._config_failed)

    def _config_failed(self, error: BaseException) -> None:
        log.error("sync settings could not be read", exc_info=error)
        self._set_state(
            ConnectionState(
                "unavailable",
                problem=str(error),
                problem_vi=getattr(error, "message_vi", None) or str(error),
            )
        )

    def _configured(self, config: SyncConfig) -> None:
        self._config = config
        if self._closing:
            return
        if config.configured:
            assert config.central_url is not None
            self._set_state(ConnectionState("signed_out", url=config.central_url))
            self._tasks.run_db(
                lambda: self._build_auth(config.central_url or "", config.ca_bundle),
                on_done=lambda _auth: self.ask_sign_in(),
                on_error=self._sign_in_unavailable,
            )
        elif config.embedded and self._embedded_allowed:
            self._set_state(ConnectionState("starting", embedded=True))
            self._tasks.run_io(
                self._start_embedded, on_done=self._embedded_ready, on_error=self._embedded_failed
            )
        else:
            self._set_state(ConnectionState("standalone"))

    def _build_auth(self, url: str, ca_bundle: str | None) -> AuthService:
        """AuthService and the engine's client for ``url`` (reads the policy: DB thread)."""
        from app.sync.auth import AuthPolicy, AuthService, make_secret_store
        from app.sync.client import CentralClient

        store = self._holder.store
        policy = AuthPolicy.from_store(store)
        auth = AuthService(
            store,
            make_secret_store(policy),
            lambda tokens: CentralClient(
                url, token_provider=tokens, ca_bundle=ca_bundle, max_attempts=1
            ),
            policy=policy,
        )
        self._client = CentralClient(
            url,
            token_provider=auth.token_or_none,
            on_unauthorized=auth.refresh_now,
            ca_bundle=ca_bundle,
        )
        self._auth = auth
        return auth

    def _sign_in_unavailable(self, error: BaseException) -> None:
        log.error("sign-in could not be prepared", exc_info=error)
        self._set_state(
            ConnectionState(
                "signed_out",
                url=self._config.central_url if self._config else None,
                problem=str(error),
                problem_vi=getattr(error, "message_vi", None),
            )
        )

    # --- the configured path: the sign-in dialog ---------------------------------------------

    def ask_sign_in(self, username: str = "") -> SignInDialog | None:
        """Open the sign-in dialog (modal over the window) unless one is open."""
        from app.ui.dialogs.sign_in_dialog import SignInDialog

        auth = self._auth
        if auth is None or self._closing:
            return None
        if self._dialog is not None and self._dialog.isVisible():
            return self._dialog
        dialog = SignInDialog(auth.sign_in, self._tasks, self._window, username=username)
        dialog.signed_in.connect(self._dialog_signed_in)
        dialog.rejected.connect(self._dialog_cancelled)
        self._dialog = dialog
        dialog.open()
        return dialog

    def _dialog_signed_in(self, outcome: SignInOutcome) -> None:
        self._signed_in(outcome, embedded=False)

    def _dialog_cancelled(self) -> None:
        if self._closing or self._engine is not None:
            return
        log.info("start-up sign-in cancelled: the app closes")
        self.quit_requested.emit()

    # --- the demo path ------------------------------------------------------------------------

    def _start_embedded(self) -> SignInOutcome:
        """Worker thread: start the demo central, point the counter at it, sign in."""
        from app.sync.local_central import LocalCentral, demo_clerk, use_embedded_url

        factory = self._make_local_central or (lambda paths: LocalCentral(paths.data_dir))
        local = factory(self._paths)
        self._local = local
        url = local.start()
        if self._closing:
            raise RuntimeError("the app is closing")
        store = self._holder.store
        use_embedded_url(store, url)
        auth = self._build_auth(url, None)
        clerk = demo_clerk()
        return auth.sign_in(clerk.username, clerk.password)

    def _embedded_ready(self, outcome: SignInOutcome) -> None:
        if self._closing:
            return
        self._signed_in(outcome, embedded=True)

    def _embedded_failed(self, error: BaseException) -> None:
        if self._closing:
            return
        message = getattr(error, "message", None) or f"{type(error).__name__}: {error}"
        message_vi = getattr(error, "message_vi", None) or message
        log.warning("the demo central is not available: %s", message)
        local, self._local = self._local, None
        holder = self._holder

        def back_to_standalone() -> None:
            from app.sync.local_central import leave_embedded

            if local is not None:
                local.stop()
            leave_embedded(holder.store)

        self._tasks.run_db(back_to_standalone, on_error=lambda e: log.warning("%s", e))
        self._set_state(ConnectionState("unavailable", problem=message, problem_vi=message_vi))

    # --- signed in: engine and lock ------------------------------------------------------------

    def _signed_in(self, outcome: SignInOutcome, *, embedded: bool) -> None:
        from app.sync.engine import SyncEngine

        assert self._client is not None and self._auth is not None
        url = self._client.base_url
        user = outcome.user
        self._set_state(
            ConnectionState("running", url=url, embedded=embedded, user_name=user.full_name)
        )
        self.signed_in.emit(outcome)
        self._reauth_asked = False
        if self._engine is not None:  # signed in again (tokens lost): the engine goes on
            self._engine.wake()
            return
        options = self._engine_options
        self._engine = SyncEngine(
            self._holder.store,
            self._client,
            interval=options.interval,
            offline_interval=options.offline_interval,
            on_change=self._from_engine,
        )
        self._engine.start()
        self._start_lock()
        self.engine_started.emit()
        self._check_code_blocks(force=True)

    def _start_lock(self) -> None:
        from app.ui.lock import LockController

        auth = self._auth
        if auth is None:
            return
        if self._lock is not None:
            self._lock.start()
            return
        self._lock = LockController(
            self._window,
            self._tasks,
            auth.unlock,
            timeout_ms=auth.policy.lock_after_minutes * 60_000,
            on_lock=auth.lock,
            user_text=lambda: auth.current_user.full_name if auth.current_user else "",
        )
        self._lock.switch_user_requested.connect(self.switch_user)
        self._lock.start()

    def switch_user(self) -> None:
        """From the lock screen: stop syncing, sign out (worker thread), ask again."""
        auth = self._auth
        engine, self._engine = self._engine, None
        self._dispose_lock()
        url = self._client.base_url if self._client is not None else None
        self._set_state(ConnectionState("signed_out", url=url))

        def sign_out() -> None:
            if engine is not None:
                engine.stop()
            if auth is not None:
                auth.sign_out()

        self._tasks.run_io(
            sign_out, on_done=lambda _r: self.ask_sign_in(), on_error=lambda _e: self.ask_sign_in()
        )

    def _dispose_lock(self) -> None:
        """Drop the lock (its overlay would swallow the sign-in dialog's input); a new one is
        made at the next sign-in."""
        from PySide6.QtWidgets import QApplication

        lock, self._lock = self._lock, None
        if lock is None:
            return
        lock.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(lock)
        lock.overlay.hide()
        lock.overlay.deleteLater()
        lock.deleteLater()

    # --- the engine's reports ------------------------------------------------------------------

    def _from_engine(self, status: SyncStatus, report: CycleReport) -> None:
        """The engine's thread: hand over to the GUI thread (queued signal)."""
        self._engine_report.emit(status, report)

    def _on_engine_report(self, status: SyncStatus, report: Any) -> None:
        if self._closing:
            return
        self._status = status
        self.status_changed.emit(status)
        if status.online:
            self._check_code_blocks()
            self._ask_again_if_tokens_lost()

    def _ask_again_if_tokens_lost(self) -> None:
        """Central answers but will not take our tokens (it refused the refresh, or the clerk
        signed in offline): ask once for an online sign-in. Work goes on meanwhile; the
        changes wait in the outbox."""
        auth = self._auth
        if auth is None or self._reauth_asked:
            return
        if auth.needs_online_sign_in or not auth.has_tokens():
            self._reauth_asked = True
            user = auth.current_user
            self.ask_sign_in(username=user.username if user is not None else "")

    def _check_code_blocks(self, force: bool = False) -> None:
        engine = self._engine
        if engine is None or self._leasing or self._closing:
            return
        now = time.monotonic()
        if not force and now - self._last_lease_check < LEASE_CHECK_EVERY_S:
            return
        self._leasing = True
        self._last_lease_check = now
        store = self._holder.store

        def done(count: object) -> None:
            self._leasing = False
            if count:
                log.info("%s block(s) of dossier numbers leased", count)

        def failed(error: BaseException) -> None:
            self._leasing = False
            log.info("numbers not leased now: %s", error)

        self._tasks.run_io(lambda: top_up_code_blocks(store, engine), on_done=done, on_error=failed)

    # --- actions from the screens ---------------------------------------------------------------

    def wake(self) -> None:
        """A dossier was saved: send it now rather than at the next interval (sets an event;
        safe on the GUI thread)."""
        if self._engine is not None:
            self._engine.wake()

    def retry_now_blocking(self) -> None:
        """ "Retry now": for a worker thread (it writes to the store)."""
        engine = self._engine
        if engine is not None:
            engine.retry_now()

    def retry_now(self) -> None:
        self._tasks.run_db(self.retry_now_blocking)

    # --- shutdown -------------------------------------------------------------------------------

    def begin_close(self) -> None:
        """Before the task runner shuts down: nothing new starts, answers are ignored, the
        engine stops (its thread writes to the store, which closes next)."""
        self._closing = True
        if self._dialog is not None:
            self._dialog.close()
        self._dispose_lock()
        engine, self._engine = self._engine, None
        if engine is not None:
            engine.stop()

    def close(self) -> None:
        """After the task runner has shut down (a demo central still starting has finished
        or failed by then): close the client and end the demo central. Blocking: exit only."""
        self.begin_close()
        if self._client is not None:
            self._client.close()
        local, self._local = self._local, None
        if local is not None:
            local.stop()
            # "For this session": a closed app is standalone again for tools such as doctor;
            # the next start points it at the new demo central.
            try:
                from app.sync.local_central import leave_embedded

                leave_embedded(self._holder.store)
            except Exception as error:  # the store may be gone after a failed start
                log.warning("the demo central's address was not cleared: %s", error)
