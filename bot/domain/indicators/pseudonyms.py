"""Pseudonyms of the anonymised file: stable, keyed, not derived from the bot token."""

from __future__ import annotations

import base64
import hashlib
import hmac

# --- pseudonyms -----------------------------------------------------------------------------------


def pseudonym(user_id: int, key: bytes) -> str:
    """A stable code for a teacher in the anonymised file: «T-» and ten base32 characters (50 bits
    of HMAC-SHA256), so collisions stay unlikely even for a region of 100,000 teachers."""
    digest = hmac.new(key, str(user_id).encode(), hashlib.sha256).digest()
    return "T-" + base64.b32encode(digest[:10]).decode()[:10]


def pseudonym_key(secret: str) -> bytes:
    """The key of the pseudonyms, derived from the installation's pseudonym secret (see
    `bot.services.indicators.pseudonym_key`)."""
    return hashlib.sha256(b"metodist/indicators/pseudonym/v1\x00" + secret.encode()).digest()
