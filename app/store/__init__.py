"""Local SQLite store: SQLAlchemy models, repositories, full-text search, outbox, audit log."""
