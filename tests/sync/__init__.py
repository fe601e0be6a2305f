"""Tests of app/sync: the central client, the sync engine, sign-in."""
