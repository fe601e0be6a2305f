"""Reusable widgets of the data-entry screens (no business rules: those are in app.domain)."""
