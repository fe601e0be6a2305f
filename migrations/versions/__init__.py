"""Revisions of the local store's schema, oldest first (see ``0001_initial``)."""
