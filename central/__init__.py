"""The reference central server: the other side of the sync contract (docs/sync-api.md).

A FastAPI application over SQLAlchemy (SQLite for one machine and the tests, PostgreSQL in
production, chosen by URL). It imports nothing from ``app`` but the pure domain rules, so it can
be deployed without Qt or the counter's store.
"""

API_VERSION = 1
API_PREFIX = "/api/v1"
