"""Alembic environment of the local store.

At run time :mod:`app.store.migration` builds the Alembic config in code and passes the store's
own connection (with its PRAGMAs) in ``config.attributes["connection"]``; nothing depends on an
``alembic.ini`` being present. Developers may still run ``alembic -c migrations/alembic.ini``;
then the database of ``MOTCUA_DATA_DIR`` (or the platform's data folder) is used.

SQLite cannot alter most constraints in place, so every revision runs in batch mode (copy,
swap). Foreign keys are switched off while a revision runs, because recreating a referenced
table would otherwise cascade or fail, and checked again before the migration commits.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from app.config import AppPaths
from app.store.engine import make_engine, set_foreign_keys
from app.store.models import Base
from app.store.schema import include_object

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    set_foreign_keys(connection, False)
    try:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            include_object=include_object,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            problems = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            if problems:
                raise RuntimeError(f"migration left broken foreign keys: {problems[:5]}")
        # Alembic leaves the commit to us when something had already begun the transaction.
        if connection.in_transaction():
            connection.commit()
    except BaseException:
        if connection.in_transaction():
            connection.rollback()
        raise
    finally:
        set_foreign_keys(connection, True)


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or "sqlite://",
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=include_object,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(AppPaths.default().database)
    try:
        with engine.connect() as own_connection:
            _run(own_connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
