"""Test tools shared by several test trees: a fault-injecting HTTP proxy, a crash harness."""
