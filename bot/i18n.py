"""Texts from `locales/<lang>/*.ftl` (Project Fluent: real plural rules for Russian)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import FluentParser, ast

from bot.config import SUPPORTED_LOCALES

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"


class LocaleError(RuntimeError):
    """A locale file does not parse; the message names the file and line."""


class Translator:
    """`_("key", name=...)` → the text in one language, falling back to the default one."""

    def __init__(self, locale: str, bundle: FluentBundle, fallback: FluentBundle | None) -> None:
        self.locale = locale
        self._bundle = bundle
        self._fallback = fallback

    def __call__(self, key: str, /, **args: Any) -> str:
        for bundle in (self._bundle, self._fallback):
            if bundle is not None and bundle.has_message(key):
                message = bundle.get_message(key)
                if message.value is None:
                    break
                text, errors = bundle.format_pattern(message.value, args)
                for error in errors:
                    log.warning("locale %s, message %s: %s", self.locale, key, error)
                return str(text)
        log.error("locale %s: no message %r", self.locale, key)
        return key

    def has(self, key: str) -> bool:
        return self._bundle.has_message(key)


class I18n:
    def __init__(self, default_locale: str = "ru", path: Path = LOCALES_DIR) -> None:
        self.default_locale = default_locale
        self.path = path
        self.message_ids: dict[str, set[str]] = {}
        bundles = {locale: self._load(locale) for locale in SUPPORTED_LOCALES}
        fallback = bundles[default_locale]
        self._translators = {
            locale: Translator(locale, bundle, None if locale == default_locale else fallback)
            for locale, bundle in bundles.items()
        }

    def _load(self, locale: str) -> FluentBundle:
        bundle = FluentBundle([locale], use_isolating=False)
        ids: set[str] = set()
        files = sorted((self.path / locale).glob("*.ftl"))
        if not files:
            raise LocaleError(f"no .ftl files in {self.path / locale}")
        parser = FluentParser()
        for file in files:
            source = file.read_text(encoding="utf-8")
            for entry in parser.parse(source).body:
                if isinstance(entry, ast.Junk):
                    line = source.count("\n", 0, entry.span.start if entry.span else 0) + 1
                    note = entry.annotations[0].message if entry.annotations else "syntax error"
                    raise LocaleError(f"{file}: line {line}: {note}")
                if isinstance(entry, ast.Message):
                    if entry.id.name in ids:
                        raise LocaleError(f"{file}: message {entry.id.name!r} defined twice")
                    ids.add(entry.id.name)
            bundle.add_resource(FluentResource(source))
        self.message_ids[locale] = ids
        return bundle

    @property
    def locales(self) -> tuple[str, ...]:
        return tuple(self._translators)

    def negotiate(self, language_code: str | None) -> str:
        """Telegram's language_code («ru», «en-US», «uk») → a supported locale."""
        if language_code:
            short = language_code.split("-")[0].lower()
            if short in self._translators:
                return short
        return self.default_locale

    def get(self, locale: str | None) -> Translator:
        return self._translators.get(locale or "", self._translators[self.default_locale])
