"""Fixtures of the sync tests (defined in :mod:`tests.sync.sync_support`)."""

from .sync_support import counter_template, sync_counter

__all__ = ["counter_template", "sync_counter"]
