"""Command line: `python -m bot` (run), `python -m bot migrate`, `python -m bot import-directory FILE`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from pathlib import Path

from pydantic import ValidationError

from bot.config import SUPPORTED_LOCALES, DatabaseSettings, Settings
from bot.i18n import I18n, Translator


def _translator() -> Translator:
    locale = os.environ.get("DEFAULT_LOCALE", "ru")
    return I18n(locale if locale in SUPPORTED_LOCALES else "ru").get(None)


def _settings_or_exit(_: Translator, kind: type[DatabaseSettings] = Settings) -> DatabaseSettings:
    try:
        return kind()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']).upper()}: "
            + (_(f"cli-invalid-{err['type']}") if _.has(f"cli-invalid-{err['type']}") else err["msg"])
            for err in exc.errors()
        )
        print(_("cli-config-error", problems=problems), file=sys.stderr)
        raise SystemExit(2) from None


async def _migrate(url: str) -> None:
    from storage.db import create_engine
    from storage.migrate import upgrade

    engine = create_engine(url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


async def _import(url: str, path: Path, replace: bool, _: Translator) -> int:
    from bot.services.directory import import_directory, parse_directory_file
    from storage.db import create_engine, create_sessionmaker
    from storage.migrate import upgrade
    from storage.repositories import Repos

    parsed = parse_directory_file(path)
    engine = create_engine(url)
    try:
        await upgrade(engine)
        async with create_sessionmaker(engine)() as session:
            repos = Repos(session)
            report = await import_directory(repos, parsed, replace=replace)
            await repos.commit()
    finally:
        await engine.dispose()
    print(
        _(
            "cli-import-report",
            m_added=report.municipalities_added,
            m_updated=report.municipalities_updated,
            s_added=report.schools_added,
            s_updated=report.schools_updated,
            unchanged=report.unchanged,
        )
    )
    if replace:
        if parsed.errors:
            print(_("cli-import-replace-skipped"))
        else:
            print(
                _(
                    "cli-import-removed",
                    schools=report.removed_schools,
                    municipalities=report.removed_municipalities,
                    kept=report.kept_in_use,
                )
            )
    if report.errors:
        print(_("cli-import-errors", count=len(report.errors)), file=sys.stderr)
        for line in report.errors:
            print("  " + line, file=sys.stderr)
        return 1
    return 0


async def _run(settings: Settings) -> None:
    from bot.app import build_app
    from handlers import setup_routers

    app = await build_app(settings, routers=setup_routers)
    # Until polling installs its own handlers: SIGTERM or Ctrl+C stop the wait for Telegram.
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, app.request_stop)
    await app.run_polling(handle_signals=True)


def main(argv: list[str] | None = None) -> int:
    _ = _translator()
    parser = argparse.ArgumentParser(prog="python -m bot", description=_("cli-description"))
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help=_("cli-help-run"))
    sub.add_parser("migrate", help=_("cli-help-migrate"))
    imp = sub.add_parser("import-directory", help=_("cli-help-import"))
    imp.add_argument("file", type=Path)
    imp.add_argument("--replace", action="store_true", help=_("cli-help-replace"))
    args = parser.parse_args(argv)

    if args.command == "migrate":
        # Migrations and imports need no token: only DATABASE_URL (env or .env).
        url = _settings_or_exit(_, DatabaseSettings).database_url
        asyncio.run(_migrate(url))
        print(_("cli-migrated"))
        return 0
    if args.command == "import-directory":
        if not args.file.exists():
            print(_("cli-no-file", path=str(args.file)), file=sys.stderr)
            return 2
        url = _settings_or_exit(_, DatabaseSettings).database_url
        return asyncio.run(_import(url, args.file, args.replace, _))

    settings = _settings_or_exit(_)
    assert isinstance(settings, Settings)
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    from bot.app import TokenRefused

    try:
        asyncio.run(_run(settings))
    except TokenRefused as exc:
        print(_("cli-token-refused", reason=str(exc)), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
