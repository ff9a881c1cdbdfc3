"""The Ed25519 key that signs checkpoints: kept in a file (mode 0600), never in the database, so that someone
who can write the database cannot sign a history of their own. The public key is served and printed."""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


class NoSigningKey(Exception):
    """The key file is missing or unreadable: checkpoints cannot be signed (`ipps signing init`)."""


@dataclass(frozen=True)
class Signer:
    private_key: Ed25519PrivateKey

    @property
    def public_key(self) -> str:
        """The public key as base64 of its 32 raw bytes: what a supervisor pins."""
        raw = self.private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return base64.b64encode(raw).decode()

    def sign(self, message: bytes) -> str:
        return base64.b64encode(self.private_key.sign(message)).decode()


def init_key(path: Path) -> Signer:
    """A new key written to `path` (created with mode 0600, never over an existing file), and its public key
    beside it (`public_key_path`), which is what the API serves: the private key stays with the signer."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(pem)
    signer = Signer(key)
    public_key_path(path).write_text(signer.public_key + "\n", encoding="ascii")
    return signer


def public_key_path(path: Path) -> Path:
    return path.with_name(path.name + ".pub")


def public_key(path: Path) -> str:
    """The public key (base64) of the key at `path`, from the file beside it."""
    try:
        return public_key_path(path).read_text(encoding="ascii").strip()
    except OSError as exc:
        raise NoSigningKey(f"no public key at {public_key_path(path)}: {exc} (`ipps signing init` writes one)") from exc


def load_signer(path: Path) -> Signer:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise NoSigningKey(f"no signing key at {path}: {exc} (`ipps signing init` writes one)") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise NoSigningKey(f"{path} holds no Ed25519 private key")
    return Signer(key)
