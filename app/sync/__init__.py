"""Central API client, sync engine, sign-in and keyring, connectivity."""
