"""Webhook secrets encrypted at rest: what PostgreSQL keeps is the secret sealed with a server key, never the secret.

The signature of a webhook body is an HMAC with the user's secret (`signing`), so the worker needs the secret back:
it is encrypted (Fernet: AES-128-CBC with an HMAC-SHA256 tag, from `cryptography`), not hashed. A stored value is
`fernet:<token>`; a value without that prefix is a secret stored in plain text before encryption existed, which
`AlertService.seal_plain_secrets` re-stores sealed when a process starts.

The key: SKILLGAP_WEBHOOK_SECRET_KEY (Fernet keys, comma-separated: the first seals, every one opens, so a key is
rotated by putting the new one first and dropping the old one once the secrets were re-sealed, i.e. rotated by their
users), else `<data_dir>/webhook-secret.key`, made once with 32 random bytes and readable by its owner only. A
deployment whose server and workers do not share a data dir sets the variable: each process would otherwise make
its own key and the workers could not open what the server sealed (they say so in the delivery's error).
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

log = logging.getLogger(__name__)

KEY_SETTING: Final = "SKILLGAP_WEBHOOK_SECRET_KEY"
KEY_FILE: Final = "webhook-secret.key"
SEALED_PREFIX: Final = "fernet:"


class SecretUnreadable(Exception):
    """A sealed secret this server's keys cannot open (another key sealed it, or the value was altered)."""


class SecretBox:
    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ValueError(f"{KEY_SETTING}: no key given")
        try:
            self._fernet = MultiFernet([Fernet(key.strip().encode("ascii")) for key in keys])
        except (ValueError, UnicodeEncodeError) as exc:
            raise ValueError(
                f"{KEY_SETTING}: each key must be 32 url-safe base64-encoded bytes (make one with: "
                "python -c 'from skillgap.alerts.secret_box import SecretBox; print(SecretBox.new_key())')"
            ) from exc

    @staticmethod
    def new_key() -> str:
        """A fresh key, as SKILLGAP_WEBHOOK_SECRET_KEY takes it."""
        return Fernet.generate_key().decode("ascii")

    @classmethod
    def from_setting(cls, value: str) -> SecretBox:
        """The box of SKILLGAP_WEBHOOK_SECRET_KEY's keys (comma-separated; the first seals)."""
        return cls([key for key in value.split(",") if key.strip()])

    def seal(self, secret: str) -> str:
        """What is stored for `secret`: a fresh token each time (a random IV), so equal secrets look unrelated."""
        return SEALED_PREFIX + self._fernet.encrypt(secret.encode("utf-8")).decode("ascii")

    def open(self, stored: str) -> str:
        """The secret of a stored value; a value stored in plain text (before encryption) as it is."""
        if not is_sealed(stored):
            return stored
        try:
            return self._fernet.decrypt(stored.removeprefix(SEALED_PREFIX).encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError) as exc:
            raise SecretUnreadable(
                f"the webhook signing secret cannot be opened with this server's key ({KEY_SETTING}): "
                "make a new one with RotateWebhookSecret"
            ) from exc


def is_sealed(stored: str) -> bool:
    return stored.startswith(SEALED_PREFIX)


def secret_box(configured: str | None, data_dir: Path) -> SecretBox:
    """The box of the configured keys, else of the key kept in `data_dir` (made now if there is none)."""
    if configured and configured.strip():
        return SecretBox.from_setting(configured)
    return SecretBox([_kept_key(data_dir.expanduser() / KEY_FILE)])


def _kept_key(path: Path) -> str:
    """The key in `path`, made now when there is none. Written whole to a file of its own first and then linked in
    place: of two processes starting at once, one links its key and the other reads that one, never a half file."""
    if path.is_file():
        return _read_key(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(SecretBox.new_key() + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process made it first: its key it is
        else:
            log.info(
                "made the key that seals webhook secrets: %s (set %s to share one between hosts)", path, KEY_SETTING
            )
    finally:
        draft.unlink(missing_ok=True)
    return _read_key(path)


def _read_key(path: Path) -> str:
    key = path.read_text(encoding="ascii").strip()
    if not key:
        raise ValueError(f"{path} is empty: remove it (no webhook secret was sealed with it) or set {KEY_SETTING}")
    return key
