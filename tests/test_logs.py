"""Logs carry ids and exception types, never what people typed: names, answers, file names,
search queries, forged button data or the text of an exception that echoes any of them."""

from __future__ import annotations

import logging
from collections.abc import Iterable

import pytest
from aiogram.types import Chat, ErrorEvent, Message, Update, User

from handlers.errors import on_error
from tests.conftest import BotEnv
from tests.flows import invited, open_section, register

SECRET = "ТАЙНА-7731"  # in everything typed below
NAME = "Тайнова Секретина"  # a name as a person would type it


def rendered(records: Iterable[logging.LogRecord]) -> str:
    """Everything a log handler could write: the message, its arguments, tracebacks and stacks."""
    formatter = logging.Formatter()
    parts = []
    for record in records:
        parts.append(record.getMessage())
        if record.exc_info:
            parts.append(formatter.formatException(record.exc_info))
        parts += [record.exc_text or "", record.stack_info or ""]
    return "\n".join(parts)


async def test_hostile_free_text_never_reaches_the_log(env: BotEnv, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    staff = await invited(env, 8101, "сотрудник методической службы", "Сотрудникова Елена")
    teacher = env.user(8102)
    await teacher.send(f"/start i-{SECRET}")  # a made-up invite code
    await register(teacher, name=NAME, experience="20", birth_year="1975")
    await teacher.send(f"{SECRET} <b>не команда</b>")
    await teacher.send(f"/{SECRET}")
    await teacher.click_data(f"md:{SECRET}")  # forged button data
    await teacher.click_data(f"zz:{SECRET}")
    await open_section(teacher, "🤝 Наставничество")
    await teacher.click("🙋 Стать наставником")
    await teacher.click("3")
    await teacher.send(f"О себе: {SECRET}")
    # Content uploads: a refused file whose name and body are the person's own text.
    for who in (staff, teacher):
        await who.send_document(f"{SECRET}.yaml", f"id: [{SECRET}".encode(), "application/x-yaml")
        await who.send_document(f"{SECRET}.yaml", f"{SECRET}: 1\n".encode(), "application/x-yaml")
    await staff.send("/menu")

    assert len(caplog.records) > 10  # the log is on, and the flows did log
    text = rendered(caplog.records)
    assert SECRET not in text
    assert NAME not in text and "Тайнова" not in text


async def test_a_failed_update_is_logged_with_its_ids_and_exception_type_only(
    env: BotEnv, caplog: pytest.LogCaptureFixture
) -> None:
    """An exception whose message echoes the person's text (a validation error, a database error
    with its parameters) is logged by type and traceback lines, not by its message."""
    assert env.app is not None
    caplog.set_level(logging.DEBUG)
    person = User(id=8103, is_bot=False, first_name=NAME)
    message = Message(
        message_id=1, date=0, chat=Chat(id=8103, type="private"), from_user=person, text=f"{SECRET} typed"
    )
    try:
        try:
            raise KeyError(SECRET)
        except KeyError as cause:
            raise ValueError(f"could not parse {message.text!r}") from cause
    except ValueError as exc:
        error = exc
    event = ErrorEvent(update=Update(update_id=42, message=message), exception=error)
    await on_error(event, env.app.bot, env.app.i18n)

    (record,) = [r for r in caplog.records if r.name == "handlers.errors" and r.levelno == logging.ERROR]
    text = rendered([record])
    assert "42" in text and "8103" in text and "ValueError" in text and "KeyError" in text
    assert "raise ValueError" in text  # where it happened stays in the log
    assert SECRET not in text and NAME not in text
