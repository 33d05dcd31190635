"""Screens of the registration dialogue (also used when a profile field is edited)."""

from __future__ import annotations

from html import escape

from aiogram.types import InlineKeyboardMarkup

from bot.callbacks import MenuCD, RegAction, RegCD, Section
from bot.domain.profile import CATEGORIES, LESSONS, POSITIONS, SUBJECTS, WORKS, Step
from bot.i18n import Translator
from bot.ui.keyboard import Keyboard, shorten
from storage.models import Municipality, School

Screen = tuple[str, InlineKeyboardMarkup | None]
PAGE_SIZE = 8
MUNI_PAGE_SIZE = 12


def _nav(builder: Keyboard, step: Step, _: Translator) -> None:
    """Back and Cancel: the last row of every step."""
    builder.button(text=_("btn-back"), callback_data=RegCD(step=step, action=RegAction.BACK))
    builder.button(text=_("btn-cancel"), callback_data=RegCD(step=step, action=RegAction.CANCEL))


def _rows(*sizes: int) -> list[int]:
    return [s for s in sizes if s > 0]


def consent_screen(_: Translator, *, welcome: bool) -> Screen:
    builder = Keyboard()
    builder.button(text=_("consent-yes"), callback_data=RegCD(step=Step.CONSENT, action=RegAction.YES))
    builder.button(text=_("consent-no"), callback_data=RegCD(step=Step.CONSENT, action=RegAction.NO))
    builder.adjust(1)
    text = _("consent-text")
    if welcome:
        text = _("welcome") + "\n\n" + text
    return text, builder.as_markup()


def declined_screen(_: Translator) -> Screen:
    builder = Keyboard()
    builder.button(
        text=_("consent-changed-mind"), callback_data=RegCD(step=Step.CONSENT, action=RegAction.SHOW)
    )
    builder.button(text=_("menu-help"), callback_data=MenuCD(section=Section.HELP))
    builder.adjust(1)
    return _("consent-declined"), builder.as_markup()


def text_step_screen(step: Step, _: Translator, *, hint: str | None = None) -> Screen:
    """Steps answered by typing (name, experience, birth year, school name)."""
    builder = Keyboard()
    if step == Step.EXPERIENCE:
        for years in range(4):
            builder.button(
                text=_("experience-quick", years=years),
                callback_data=RegCD(step=step, action=RegAction.PICK, value=str(years)),
            )
    _nav(builder, step, _)
    builder.adjust(*_rows(4 if step == Step.EXPERIENCE else 0, 2))
    text = _(f"ask-{step}")
    if hint:
        text = hint + "\n\n" + text
    return text, builder.as_markup()


def municipality_screen(
    items: list[Municipality], page: int, total: int, query: str | None, _: Translator
) -> Screen:
    builder = Keyboard()
    for muni in items:
        builder.button(
            text=muni.name, callback_data=RegCD(step=Step.MUNI, action=RegAction.PICK, value=str(muni.id))
        )
    paging = _pager(builder, Step.MUNI, page, total, _, size=MUNI_PAGE_SIZE)
    _nav(builder, Step.MUNI, _)
    builder.adjust(*_rows(*([1] * len(items)), paging, 2))
    text = _("ask-muni-nothing", query=escape(query)) if query and not items else _("ask-muni")
    return text, builder.as_markup()


def school_screen(
    items: list[School], page: int, total: int, query: str | None, municipality: str, _: Translator
) -> Screen:
    builder = Keyboard()
    for school in items:
        label = school.short_name or school.name
        builder.button(
            text=shorten(label, 60),
            callback_data=RegCD(step=Step.SCHOOL, action=RegAction.PICK, value=str(school.id)),
        )
    paging = _pager(builder, Step.SCHOOL, page, total, _)
    extra = 1
    if query:
        builder.button(text=_("btn-show-all"), callback_data=RegCD(step=Step.SCHOOL, action=RegAction.ALL))
        extra += 1
    builder.button(text=_("btn-not-in-list"), callback_data=RegCD(step=Step.SCHOOL, action=RegAction.NONE))
    _nav(builder, Step.SCHOOL, _)
    builder.adjust(*_rows(*([1] * len(items)), paging, *([1] * extra), 2))
    if query and not items:
        text = _("ask-school-nothing", query=escape(query), municipality=escape(municipality))
    elif query:
        text = _("ask-school-found", query=escape(query), count=total, municipality=escape(municipality))
    else:
        text = _("ask-school", municipality=escape(municipality))
    return text, builder.as_markup()


def _pager(
    builder: Keyboard, step: Step, page: int, total: int, _: Translator, *, size: int = PAGE_SIZE
) -> int:
    pages = max(1, (total + size - 1) // size)
    if pages <= 1:
        return 0
    count = 0
    if page > 0:
        builder.button(
            text=_("btn-prev"), callback_data=RegCD(step=step, action=RegAction.PAGE, value=str(page - 1))
        )
        count += 1
    builder.button(
        text=_("page-of", page=page + 1, pages=pages), callback_data=RegCD(step=step, action=RegAction.NOOP)
    )
    count += 1
    if page + 1 < pages:
        builder.button(
            text=_("btn-next"), callback_data=RegCD(step=step, action=RegAction.PAGE, value=str(page + 1))
        )
        count += 1
    return count


def work_screen(_: Translator) -> Screen:
    """«Кем вы работаете?» — the first question: a teacher is asked a teacher's data, the others less."""
    builder = Keyboard()
    for code in WORKS:
        builder.button(
            text=_(f"work-{code}"), callback_data=RegCD(step=Step.WORK, action=RegAction.PICK, value=code)
        )
    _nav(builder, Step.WORK, _)
    builder.adjust(*([1] * len(WORKS)), 2)
    return _("ask-work"), builder.as_markup()


def lessons_screen(work: str | None, _: Translator) -> Screen:
    """«Ведёте ли вы уроки?» — for anyone but a teacher: who gives lessons is a teacher as well."""
    builder = Keyboard()
    for code in LESSONS:
        builder.button(
            text=_(f"lessons-{code}"),
            callback_data=RegCD(step=Step.LESSONS, action=RegAction.PICK, value=code),
        )
    _nav(builder, Step.LESSONS, _)
    builder.adjust(1, 1, 2)
    return _("ask-lessons", work=_(f"work-{work}") if work in WORKS else ""), builder.as_markup()


def position_screen(_: Translator) -> Screen:
    builder = Keyboard()
    for code in POSITIONS:
        builder.button(
            text=_(f"position-{code}"),
            callback_data=RegCD(step=Step.POSITION, action=RegAction.PICK, value=code),
        )
    _nav(builder, Step.POSITION, _)
    builder.adjust(*([1] * len(POSITIONS)), 2)
    return _("ask-position"), builder.as_markup()


def subjects_screen(chosen: tuple[str, ...], _: Translator) -> Screen:
    builder = Keyboard()
    for code in SUBJECTS:
        mark = "✅ " if code in chosen else ""
        builder.button(
            text=mark + _(f"subject-{code}"),
            callback_data=RegCD(step=Step.SUBJECTS, action=RegAction.TOGGLE, value=code),
        )
    builder.button(
        text=_("btn-subjects-done", count=len(chosen)),
        callback_data=RegCD(step=Step.SUBJECTS, action=RegAction.DONE),
    )
    builder.button(
        text=_("btn-subjects-none"), callback_data=RegCD(step=Step.SUBJECTS, action=RegAction.NONE)
    )
    _nav(builder, Step.SUBJECTS, _)
    full, odd = divmod(len(SUBJECTS), 2)
    builder.adjust(*([2] * full), *([1] * odd), 1, 1, 2)
    return _("ask-subjects"), builder.as_markup()


def category_screen(_: Translator) -> Screen:
    builder = Keyboard()
    for code in CATEGORIES:
        builder.button(
            text=_(f"category-{code}"),
            callback_data=RegCD(step=Step.CATEGORY, action=RegAction.PICK, value=code),
        )
    _nav(builder, Step.CATEGORY, _)
    builder.adjust(*([1] * len(CATEGORIES)), 2)
    return _("ask-category"), builder.as_markup()
