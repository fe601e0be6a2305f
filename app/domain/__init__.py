"""Pure domain rules: no Qt, no SQL, no network. Everything here is testable with plain pytest."""
