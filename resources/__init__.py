"""Packaged data: catalogue seed, form templates, icons and translations."""
