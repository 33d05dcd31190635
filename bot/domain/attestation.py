"""Attestation (аттестация): a teacher's qualification category, its order, its term, and what is due.

A category is awarded by an order of the regional ministry on a date and holds for five years
(`VALID_YEARS`). The bot keeps it as a record: claimed by the teacher (with the order's number and
date as evidence, a scan optional), confirmed or rejected (with a reason) by staff; a record from
the region's file of orders is confirmed at once. The category typed at registration is a claim
without an order until the teacher gives one.

Reminders go 6 and 3 months before the expiry, each once; a teacher whose category expires within
the school year is «due this year». No aiogram, no database here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.diagnostics import StepForm


class Category(StrEnum):
    CONFORM = "conform"  # соответствие занимаемой должности
    FIRST = "first"
    HIGHEST = "highest"
    METHODIST = "methodist"  # педагог-методист
    MENTOR = "mentor"  # педагог-наставник


# The categories the «first/highest» indicator counts.
QUALIFIED = frozenset({Category.FIRST, Category.HIGHEST})


class AttStatus(StrEnum):
    CLAIMED = "claimed"  # the teacher says so; staff have not looked yet
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class AttSource(StrEnum):
    REGISTRATION = "registration"  # typed at registration: no order, no dates
    TEACHER = "teacher"  # «✏️ Указать категорию», with the order
    IMPORT = "import"  # the region's file of orders


class Reminder(StrEnum):
    SIX = "6"  # six months before the expiry
    THREE = "3"  # three months before


VALID_YEARS = 5
REMINDER_MONTHS = {Reminder.SIX: 6, Reminder.THREE: 3}
ORDER_MAX = 64
REASON_MAX = 300
NAME_MAX = 200


def add_months(day: date, months: int) -> date:
    """The same day `months` later (negative: earlier); the 31st becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def expiry(awarded: date) -> date:
    """The last day the category holds: five years after the order's date (29 February → 28)."""
    return add_months(awarded, 12 * VALID_YEARS)


def reminder_day(expires_on: date, reminder: Reminder) -> date:
    return add_months(expires_on, -REMINDER_MONTHS[reminder])


def reminders_due(expires_on: date, today: date) -> tuple[Reminder, ...]:
    """The reminders whose day has come and which still make sense (before the expiry). When the
    three-month one is due the six-month one is past: only the nearer one is sent, the other is
    marked as done with it (so a category claimed late gets one reminder, not two at once)."""
    if today > expires_on:
        return ()
    if today >= reminder_day(expires_on, Reminder.THREE):
        return (Reminder.THREE,)
    if today >= reminder_day(expires_on, Reminder.SIX):
        return (Reminder.SIX,)
    return ()


def school_year(today: date) -> tuple[date, date]:
    """1 September – 31 August of the school year `today` belongs to."""
    first = today.year if today.month >= 9 else today.year - 1
    return date(first, 9, 1), date(first + 1, 8, 31)


def due_in(expires_on: date | None, year: tuple[date, date]) -> bool:
    return expires_on is not None and year[0] <= expires_on <= year[1]


class InvalidInput(ValueError):
    """A typed answer that cannot be taken; `key` names the locale text that says why."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


_DATE = re.compile(r"^\s*(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$")


def parse_day(text: str) -> date:
    """«15.03.2024» (or 15-03-2024, 2024-03-15); raises InvalidInput(«att-bad-date»)."""
    match = _DATE.match(text or "")
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        iso = _ISO.match(text or "")
        if iso is None:
            raise InvalidInput("att-bad-date")
        year, month, day = (int(g) for g in iso.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInput("att-bad-date") from None


def parse_awarded(text: str, today: date) -> date:
    """The order's date: not in the future, and not so old that the category has expired."""
    day = parse_day(text)
    if day > today:
        raise InvalidInput("att-date-future")
    if expiry(day) < today:
        raise InvalidInput("att-date-expired")
    return day


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text)


def parse_order(text: str) -> str:
    """The order's number as written («№ 1234», «1234-к»): a line of at most 64 characters."""
    number = " ".join((text or "").split())
    if number.startswith("№"):
        number = number[1:].strip()
    if not number:
        raise InvalidInput("att-bad-order")
    if len(number) > ORDER_MAX or _has_control(number) or not any(ch.isalnum() for ch in number):
        raise InvalidInput("att-bad-order")
    return number


def parse_reason(text: str) -> str:
    reason = " ".join((text or "").split())
    if len(reason) < 3:
        raise InvalidInput("att-reason-short")
    if len(reason) > REASON_MAX or _has_control(reason):
        raise InvalidInput("att-reason-long")
    return reason


# --- the region's file of orders --------------------------------------------------------------------

_CATEGORY_WORDS: dict[str, Category] = {
    "соответствие занимаемой должности": Category.CONFORM,
    "соответствие": Category.CONFORM,
    "сзд": Category.CONFORM,
    "первая": Category.FIRST,
    "первая квалификационная категория": Category.FIRST,
    "первая категория": Category.FIRST,
    "1": Category.FIRST,
    "высшая": Category.HIGHEST,
    "высшая квалификационная категория": Category.HIGHEST,
    "высшая категория": Category.HIGHEST,
    "педагог-методист": Category.METHODIST,
    "педагог методист": Category.METHODIST,
    "педагог-наставник": Category.MENTOR,
    "педагог наставник": Category.MENTOR,
}


def fold(text: str) -> str:
    """For comparing names: case, ё/е, spaces and dashes' spacing do not matter."""
    folded = " ".join((text or "").replace("ё", "е").replace("Ё", "Е").split()).casefold()
    return folded.replace(" - ", "-").replace("«", "").replace("»", "").replace('"', "")


def parse_category(text: str) -> Category | None:
    """A category as a file of orders writes it («высшая», «Первая квалификационная категория»,
    «СЗД», «педагог-методист»), or its code; None when it is none of them."""
    folded = fold(text)
    if folded in {c.value for c in Category}:
        return Category(folded)
    return _CATEGORY_WORDS.get(folded)


# --- support before the attestation --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SupportStep:
    """A step of the route offered before the attestation; `key` names its title in the locales."""

    key: str
    form: StepForm
    months: int  # its term from today (0 = until the route's end)


SUPPORT_STEPS = (
    SupportStep("portfolio", StepForm.EXPERIENCE, 2),
    SupportStep("consultation", StepForm.CONSULTATION, 1),
    SupportStep("open_lesson", StepForm.EXPERIENCE, 3),
    SupportStep("course", StepForm.COURSE, 0),
)
