"""Alembic migrations of the local store, shipped with the app and run at start-up."""
