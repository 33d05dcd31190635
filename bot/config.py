"""Application settings, read from the environment and `.env` and validated by pydantic."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_core import PydanticCustomError
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

SUPPORTED_LOCALES = ("ru", "en")
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/metodist.db"
_TOKEN_RE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")


def normalize_database_url(value: str) -> str:
    if value.startswith(("postgres://", "postgresql://")):
        # Accept the common form and pick the async driver ourselves.
        return "postgresql+asyncpg://" + value.split("://", 1)[1]
    if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
        raise PydanticCustomError(
            "database_url", "use sqlite+aiosqlite:///path.db or postgresql+asyncpg://user@host/db"
        )
    return value


class DatabaseSettings(BaseSettings):
    """What `migrate` and `import-directory` need: the database, from the same env and `.env`."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL

    @field_validator("database_url")
    @classmethod
    def _db_url(cls, value: str) -> str:
        return normalize_database_url(value)


class Settings(DatabaseSettings):
    """Everything the bot needs to start; see README «Configuration»."""

    bot_token: SecretStr
    telegram_api_url: str | None = None
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    default_locale: str = "ru"
    default_timezone: str = "Europe/Moscow"
    redis_url: str | None = None
    log_level: str = "INFO"
    # Anti-flood: a user may burst this many updates, refilled at this rate per second.
    throttle_burst: int = Field(default=8, ge=0)
    throttle_rate: float = Field(default=2.0, ge=0)
    # Repeat diagnosis: twice a year (seed 003 §6).
    diagnosis_retake_days: int = Field(default=182, ge=1, le=3650)
    # Broadcasts: messages per second for everyone together (Telegram allows about 30).
    broadcast_rate: float = Field(default=25.0, gt=0, le=1000)
    # Directory loaded when the database has no municipalities at start.
    sample_directory: Path | None = None
    # The key of the codes in the anonymised indicators file; unset: a random key kept in the database.
    pseudonym_key: SecretStr | None = Field(default=None, min_length=16)

    @field_validator("bot_token")
    @classmethod
    def _token_format(cls, value: SecretStr) -> SecretStr:
        if not _TOKEN_RE.match(value.get_secret_value().strip()):
            raise PydanticCustomError(
                "token", "malformed token, expected 123456789:ABC-DEF... from @BotFather"
            )
        return SecretStr(value.get_secret_value().strip())

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, int):
            return frozenset({value})
        if isinstance(value, str):
            parts = [p for p in re.split(r"[,\s;]+", value.strip()) if p]
            try:
                return frozenset(int(p) for p in parts)
            except ValueError:
                raise PydanticCustomError("admin_ids", "Telegram ids separated by commas expected") from None
        return value

    @field_validator("default_locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        if value not in SUPPORTED_LOCALES:
            raise PydanticCustomError("locale", "unsupported locale, use ru or en")
        return value

    @field_validator("default_timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise PydanticCustomError("timezone", "unknown time zone, e.g. Europe/Moscow") from None
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        value = value.upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise PydanticCustomError("log_level", "use DEBUG, INFO, WARNING or ERROR")
        return value
