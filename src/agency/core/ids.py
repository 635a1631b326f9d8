"""12-character URL-safe ids, as in the original schema."""

from __future__ import annotations

import secrets
import string

ALPHABET = string.ascii_letters + string.digits + "-_"
ID_LENGTH = 12


def new_id() -> str:
    """A random 12-character URL-safe id (72 bits of entropy)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(ID_LENGTH))


def is_id(value: str) -> bool:
    """True when ``value`` has the shape of an id."""
    return len(value) == ID_LENGTH and all(ch in ALPHABET for ch in value)
