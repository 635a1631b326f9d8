"""Tokens encrypted at rest with Fernet (AES-128-CBC + HMAC-SHA256).

The key comes from ``settings.secret_key``: a Fernet key is used as is, any other
passphrase is stretched with scrypt. With no secret configured, a random key is
generated once into ``data_dir/token.key`` with 0600 permissions. Plaintext tokens
never reach logs: :class:`Secret` redacts itself in ``repr`` and ``str``.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from agency.config import Settings
from agency.core.errors import PolicyViolation

KEY_FILE = "token.key"
_SALT = b"agency.social-tokens.v1"


@dataclass(frozen=True)
class Secret:
    """A plaintext secret that will not print itself."""

    value: str

    def __repr__(self) -> str:
        return "Secret(<redacted>)"

    __str__ = __repr__


def _key_from_passphrase(passphrase: str) -> bytes:
    try:
        Fernet(passphrase.encode())
        return passphrase.encode()
    except (ValueError, TypeError):
        raw = hashlib.scrypt(passphrase.encode(), salt=_SALT, n=2**14, r=8, p=1, dklen=32)
        return base64.urlsafe_b64encode(raw)


def _key_from_file(data_dir: Path) -> bytes:
    path = data_dir / KEY_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        key = Fernet.generate_key()
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_bytes().strip()
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        return key
    return path.read_bytes().strip()


class TokenCipher:
    """Encrypts and decrypts account tokens; built from settings, never a global."""

    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)

    def __repr__(self) -> str:
        return "TokenCipher(<key redacted>)"

    @classmethod
    def from_settings(cls, settings: Settings) -> TokenCipher:
        """The cipher for ``settings.secret_key``, or the generated key file under data_dir."""
        if settings.secret_key is not None and settings.secret_key.get_secret_value():
            return cls(_key_from_passphrase(settings.secret_key.get_secret_value()))
        return cls(_key_from_file(settings.data_dir))

    def encrypt(self, plaintext: str) -> str:
        """Ciphertext (URL-safe text) of ``plaintext``."""
        return self._fernet.encrypt(plaintext.encode("utf-8")).decode("ascii")

    def decrypt(self, ciphertext: str) -> Secret:
        """The plaintext behind ``ciphertext``; a wrong key is a PolicyViolation."""
        try:
            return Secret(self._fernet.decrypt(ciphertext.encode("ascii")).decode("utf-8"))
        except InvalidToken:
            raise PolicyViolation(
                "A stored token cannot be decrypted with the configured key.",
                fix="Restore the AGENCY_SECRET_KEY (or data_dir/token.key) used when the "
                "account was connected, or reconnect the account.",
            ) from None
