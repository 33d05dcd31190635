"""Screens of the practice bank: its home, search results and filters, a practice's card, «Мои
практики», and the steps of the wizard that writes a practice (with the shared back and cancel)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from bot.callbacks import ExpertAction, ExpertCD, MenuCD, PracticeAction, PracticeCD, Section
from bot.domain import practice_bank as rules
from bot.domain.practice_bank import Field
from bot.domain.practices import PracticeForm, PracticeStatus
from bot.domain.profile import SUBJECTS
from bot.i18n import Translator
from bot.services.practices import CardView, SearchView
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from bot.ui.wizard import Nav, chosen, current, with_nav
from storage.models import Practice
from storage.repositories.practice_bank import Filters

A = PracticeAction
FILTER_SUBJECT, FILTER_GRADE, FILTER_FORM = 1, 2, 3


def cd(action: PracticeAction, p: int = 0, v: str = "", n: int = 0) -> PracticeCD:
    return PracticeCD(action=action, p=p, v=v, n=n)


# --- filters as callback data ---------------------------------------------------------------------


def pack_filters(f: Filters) -> str:
    grade = "" if f.grade is None else str(f.grade)
    return f"{f.subject}.{grade}.{f.form.value if f.form else ''}"


def unpack_filters(code: str) -> Filters:
    """ "math.5.lesson" → the filters; anything unknown is dropped (an old or forged button)."""
    parts = [*code.split("."), "", "", ""][:3]
    subject = parts[0] if parts[0] in SUBJECTS else ""
    grade = int(parts[1]) if parts[1].isdigit() and int(parts[1]) in rules.GRADES else None
    form = PracticeForm(parts[2]) if parts[2] in {f.value for f in PracticeForm} else None
    return Filters(subject, grade, form)


def words_of(query: str) -> list[str]:
    """The searchable words of a query (none: nothing to search by)."""
    return rules.words(query)


# --- words for values ---------------------------------------------------------------------------


def grades_text(grades: Sequence[int], _: Translator) -> str:
    parts = []
    if rules.PRESCHOOL in grades:
        parts.append(_("pb-preschool"))
    ranges = rules.grade_ranges(grades)
    if ranges:
        spans = ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in ranges)
        count = sum(b - a + 1 for a, b in ranges)
        parts.append(_("pb-grades-value", grades=spans, count=count))
    return ", ".join(parts) or _("wz-none")


def subjects_text(subjects: Sequence[str], _: Translator) -> str:
    return ", ".join(_(f"subject-{s}") for s in subjects if s in SUBJECTS) or _("wz-none")


def form_text(form: PracticeForm | None, _: Translator) -> str:
    return _(f"pb-form-{form.value}") if form else _("wz-none")


def status_text(status: PracticeStatus, _: Translator) -> str:
    return _(f"pb-status-{status.value}")


def filters_text(query: str, f: Filters, _: Translator) -> str:
    parts = []
    if query:
        parts.append(_("pb-filter-words", words=escape(query)))
    if f.subject:
        parts.append(_(f"subject-{f.subject}"))
    if f.grade is not None:
        parts.append(grades_text([f.grade], _))
    if f.form is not None:
        parts.append(form_text(f.form, _))
    return " · ".join(parts)


# --- the bank --------------------------------------------------------------------------------------


def home_screen(teaches: bool, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("pb-btn-find"), callback_data=cd(A.FIND))
    kb.button(text=_("pb-btn-newest"), callback_data=cd(A.NEWEST, v=".."))
    if teaches:
        kb.button(text=_("pb-btn-new"), callback_data=cd(A.NEW))
        kb.button(text=_("pb-btn-mine"), callback_data=cd(A.MINE))
        kb.button(text=_("xr-btn-become"), callback_data=ExpertCD(action=ExpertAction.APPLY))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return _("pb-home", teaches=str(teaches).lower()), kb.as_markup()


def find_prompt(code: str, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("pb-btn-newest"), callback_data=cd(A.NEWEST, v=code))
    kb.button(text=_("pb-btn-bank"), callback_data=cd(A.HOME))
    kb.adjust(1)
    return _("pb-find-prompt"), kb.as_markup()


def _line(index: int, practice: Practice, author: str, _: Translator) -> str:
    return _(
        "pb-list-line",
        number=index,
        title=escape(practice.title),
        author=escape(author or _("pb-author-unknown")),
        details=escape(
            " · ".join(
                [
                    subjects_text(practice.subjects, _),
                    grades_text(practice.grades, _),
                    form_text(practice.form, _),
                ]
            )
        ),
    )


def list_screen(view: SearchView, _: Translator) -> Screen:
    code = pack_filters(view.filters)
    head = filters_text(view.query, view.filters, _)
    if view.total:
        lines = [
            _line(view.page * rules.PAGE_SIZE + i + 1, p, view.names.get(p.author_id, ""), _)
            for i, p in enumerate(view.practices)
        ]
        text = _("pb-list-found", count=view.total, page=view.page + 1, pages=view.pages, filters=head or "-")
        text += "\n\n" + "\n\n".join(lines)
    else:
        text = _("pb-list-empty", filters=head or "-")
    kb = Keyboard()
    sizes: list[int] = []
    for i, practice in enumerate(view.practices):
        number = view.page * rules.PAGE_SIZE + i + 1
        kb.button(
            text=f"{number}. {shorten(practice.title, 40)}",
            callback_data=cd(A.CARD, practice.id, code, view.page),
        )
        sizes.append(1)
    paged = kb.pager(view.page, view.pages, lambda page: cd(A.LIST, v=code, n=page))
    if paged:
        sizes.append(paged)
    f = view.filters
    kb.button(
        text=_("pb-btn-filter-subject", value=_(f"subject-{f.subject}") if f.subject else _("pb-any")),
        callback_data=cd(A.FILTER, FILTER_SUBJECT, code),
    )
    kb.button(
        text=_(
            "pb-btn-filter-grade", value=grades_text([f.grade], _) if f.grade is not None else _("pb-any")
        ),
        callback_data=cd(A.FILTER, FILTER_GRADE, code),
    )
    kb.button(
        text=_("pb-btn-filter-form", value=form_text(f.form, _) if f.form else _("pb-any")),
        callback_data=cd(A.FILTER, FILTER_FORM, code),
    )
    sizes += [1, 2]
    extra = 1
    if code != "..":
        kb.button(text=_("pb-btn-filters-clear"), callback_data=cd(A.LIST, v=".."))
        extra += 1
    kb.button(text=_("pb-btn-other-words"), callback_data=cd(A.FIND, v=code))
    kb.button(text=_("pb-btn-bank"), callback_data=cd(A.HOME))
    sizes += [extra, 1]
    kb.adjust(*sizes)
    return text, kb.as_markup()


def filter_screen(kind: int, code: str, _: Translator) -> Screen:
    f = unpack_filters(code)
    kb = Keyboard()
    options: list[tuple[str, Filters, bool]] = []
    if kind == FILTER_SUBJECT:
        title = _("pb-filter-subject")
        options = [(_(f"subject-{s}"), Filters(s, f.grade, f.form), f.subject == s) for s in SUBJECTS]
        options.append((_("pb-any"), Filters("", f.grade, f.form), not f.subject))
    elif kind == FILTER_GRADE:
        title = _("pb-filter-grade")
        options = [(grade_label(g, _), Filters(f.subject, g, f.form), f.grade == g) for g in rules.GRADES]
        options.append((_("pb-any"), Filters(f.subject, None, f.form), f.grade is None))
    else:
        title = _("pb-filter-form")
        options = [(form_text(x, _), Filters(f.subject, f.grade, x), f.form is x) for x in PracticeForm]
        options.append((_("pb-any"), Filters(f.subject, f.grade, None), f.form is None))
    for label, value, on in options:
        kb.button(text=chosen(label, on), callback_data=cd(A.LIST, v=pack_filters(value)))
    kb.button(text=_("wz-btn-back"), callback_data=cd(A.LIST, v=code))
    kb.adjust(*([4] * 3 if kind == FILTER_GRADE else [2] * 10), 1, 1)
    return title, kb.as_markup()


def grade_label(grade: int, _: Translator) -> str:
    return _("pb-preschool") if grade == rules.PRESCHOOL else str(grade)


# --- a practice's card ---------------------------------------------------------------------------


def _card_text(view: CardView, own: bool, _: Translator) -> str:
    p = view.practice
    lines = [_("pb-card-title", title=escape(p.title or _("pb-untitled")))]
    if view.author:
        lines.append(_("pb-card-author", name=escape(view.author)))
    if own:
        lines.append(_("pb-card-status", status=status_text(p.status, _)))
    lines.append(_("pb-card-subjects", value=subjects_text(p.subjects, _)))
    lines.append(_("pb-card-grades", value=grades_text(p.grades, _)))
    lines.append(_("pb-card-form", value=form_text(p.form, _)))
    lines.append("")
    lines.append(escape(p.description) if p.description else _("pb-card-no-description"))
    if p.links:
        lines.append("")
        lines.append(_("pb-card-links"))
        lines += [escape(link) for link in p.links]
    if view.files:
        lines.append("")
        lines.append(_("pb-card-files", count=len(view.files)))
    if view.comments:
        lines.append("")
        lines.append(_("pb-card-comments"))
        lines += [f"— {escape(c)}" for c in view.comments]
    elif own and p.status is PracticeStatus.RETURNED:
        lines.append("")
        lines.append(_("pb-card-returned-no-comments"))
    return "\n".join(lines)


def card_screen(view: CardView, own: bool, back: PracticeCD, _: Translator) -> Screen:
    p = view.practice
    kb = Keyboard()
    if view.files:
        kb.button(text=_("pb-btn-files", count=len(view.files)), callback_data=cd(A.FILES, p.id))
    if own and p.status in rules.EDITABLE:
        label = "pb-btn-revise" if p.status is PracticeStatus.RETURNED else "pb-btn-continue"
        kb.button(text=_(label), callback_data=cd(A.RESUME, p.id))
    if own and p.status is PracticeStatus.DRAFT:
        kb.button(text=_("pb-btn-drop"), callback_data=cd(A.DROP, p.id))
    if own and p.status is PracticeStatus.PUBLISHED:
        # The certificate of the expert review (the expert review's handler checks it is theirs).
        kb.button(text=_("xr-btn-cert"), callback_data=ExpertCD(action=ExpertAction.CERT, p=p.id))
    kb.button(text=_("wz-btn-back"), callback_data=back)
    kb.adjust(1)
    return _card_text(view, own, _), kb.as_markup()


def mine_screen(practices: Sequence[Practice], _: Translator) -> Screen:
    kb = Keyboard()
    if practices:
        lines = [
            _("pb-mine-line", title=escape(p.title or _("pb-untitled")), status=status_text(p.status, _))
            for p in practices
        ]
        text = _("pb-mine", count=len(practices)) + "\n\n" + "\n".join(lines)
        for p in practices[:30]:
            kb.button(
                text=f"{_(f'pb-icon-{p.status.value}')} {shorten(p.title or _('pb-untitled'), 40)}",
                callback_data=cd(A.CARD, p.id, "mine"),
            )
    else:
        text = _("pb-mine-empty")
    kb.button(text=_("pb-btn-new"), callback_data=cd(A.NEW))
    kb.button(text=_("pb-btn-bank"), callback_data=cd(A.HOME))
    kb.adjust(1)
    return text, kb.as_markup()


# --- the wizard ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Where:
    """The practice a step is about (0 before the title made it) and whether the person came from the
    preview to change one thing (then «Назад» and every answer lead back to the preview)."""

    practice: int
    editing: bool = False


def _previous(step: str) -> str | None:
    index = rules.STEPS.index(step)
    return rules.STEPS[index - 1] if index else None


def nav(step: str, where: Where, *, keep: bool = False) -> Nav:
    p = where.practice
    if where.editing:
        back: PracticeCD | None = cd(A.PREVIEW, p)
    else:
        prev = _previous(step)
        back = cd(A.STEP, p, prev) if prev and p else (cd(A.HOME) if not p else cd(A.MINE))
    return Nav(
        back=back,
        cancel=cd(A.CANCEL, p),
        keep=cd(A.NEXT, p, step, int(where.editing)) if keep and p else None,
    )


def title_prompt(practice: Practice | None, where: Where, _: Translator) -> Screen:
    text = _("pb-ask-title", min=rules.TITLE_MIN, max=rules.TITLE_MAX)
    if practice is not None and practice.title:
        text += "\n\n" + current(escape(practice.title), _)
    return text, with_nav(None, nav(Field.TITLE, where, keep=bool(practice and practice.title)), _)


def subjects_screen(practice: Practice, where: Where, _: Translator) -> Screen:
    kb = Keyboard()
    for subject in SUBJECTS:
        kb.button(
            text=chosen(_(f"subject-{subject}"), subject in practice.subjects),
            callback_data=cd(A.SUBJ, practice.id, subject, int(where.editing)),
        )
    kb.button(
        text=_("pb-btn-done"), callback_data=cd(A.NEXT, practice.id, Field.SUBJECTS, int(where.editing))
    )
    kb.adjust(*([2] * ((len(SUBJECTS) + 1) // 2)), 1)
    return _("pb-ask-subjects"), with_nav(kb, nav(Field.SUBJECTS, where), _)


def grades_screen(practice: Practice, where: Where, _: Translator) -> Screen:
    kb = Keyboard()
    for grade in rules.GRADES:
        kb.button(
            text=chosen(grade_label(grade, _), grade in practice.grades),
            callback_data=cd(A.GRADE, practice.id, str(grade), int(where.editing)),
        )
    kb.button(text=_("pb-btn-done"), callback_data=cd(A.NEXT, practice.id, Field.GRADES, int(where.editing)))
    kb.adjust(1, 4, 4, 3, 1)
    return _("pb-ask-grades"), with_nav(kb, nav(Field.GRADES, where), _)


def form_screen(practice: Practice, where: Where, _: Translator) -> Screen:
    kb = Keyboard()
    for form in PracticeForm:
        kb.button(
            text=chosen(form_text(form, _), practice.form is form),
            callback_data=cd(A.FORM, practice.id, form.value, int(where.editing)),
        )
    kb.adjust(1)
    return _("pb-ask-form"), with_nav(kb, nav(Field.FORM, where, keep=practice.form is not None), _)


def description_prompt(practice: Practice, where: Where, _: Translator) -> Screen:
    text = _("pb-ask-description", min=rules.DESCRIPTION_MIN, max=rules.DESCRIPTION_MAX)
    if practice.description:
        text += "\n\n" + current(escape(shorten(practice.description, 300)), _)
    return text, with_nav(None, nav(Field.DESCRIPTION, where, keep=bool(practice.description)), _)


def files_prompt(practice: Practice, count: int, where: Where, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(
        text=_("pb-btn-files-next") if count else _("pb-btn-skip"),
        callback_data=cd(A.NEXT, practice.id, Field.FILES, int(where.editing)),
    )
    if count:
        kb.button(
            text=_("pb-btn-files-drop"), callback_data=cd(A.FILES_DROP, practice.id, n=int(where.editing))
        )
    kb.adjust(1)
    text = _("pb-ask-files", max=rules.MAX_FILES, count=count)
    return text, with_nav(kb, nav(Field.FILES, where), _)


def links_prompt(practice: Practice, where: Where, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(
        text=_("pb-btn-links-next") if practice.links else _("pb-btn-skip"),
        callback_data=cd(A.NEXT, practice.id, Field.LINKS, int(where.editing)),
    )
    if practice.links:
        kb.button(
            text=_("pb-btn-links-clear"), callback_data=cd(A.LINKS_CLEAR, practice.id, n=int(where.editing))
        )
    kb.adjust(1)
    text = _("pb-ask-links", max=rules.MAX_LINKS)
    if practice.links:
        text += "\n\n" + current(escape(", ".join(practice.links)), _)
    return text, with_nav(kb, nav(Field.LINKS, where), _)


def preview_screen(view: CardView, missing: Sequence[str], _: Translator) -> Screen:
    p = view.practice
    text = _("pb-preview") + "\n\n" + _card_text(view, True, _)
    if missing:
        text += "\n\n" + _("pb-missing", steps=", ".join(_(f"pb-step-{m}") for m in missing))
    kb = Keyboard()
    if not missing:
        label = "pb-btn-resubmit" if p.status is PracticeStatus.RETURNED else "pb-btn-submit"
        kb.button(text=_(label), callback_data=cd(A.SUBMIT, p.id))
    if view.files:
        kb.button(text=_("pb-btn-files", count=len(view.files)), callback_data=cd(A.FILES, p.id))
    kb.button(text=_("pb-btn-edit"), callback_data=cd(A.EDIT, p.id))
    if p.status is PracticeStatus.DRAFT:
        kb.button(text=_("pb-btn-drop"), callback_data=cd(A.DROP, p.id))
    kb.button(text=_("pb-btn-later"), callback_data=cd(A.CANCEL, p.id))
    kb.adjust(1)
    return text, kb.as_markup()


def edit_menu(practice: Practice, _: Translator) -> Screen:
    kb = Keyboard()
    for step in rules.STEPS:
        kb.button(text=_(f"pb-step-{step}").capitalize(), callback_data=cd(A.STEP, practice.id, step, 1))
    kb.button(text=_("wz-btn-back"), callback_data=cd(A.PREVIEW, practice.id))
    kb.adjust(2, 2, 2, 1, 1)
    return _("pb-edit-which"), kb.as_markup()


def drop_confirm(practice: Practice, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("pb-btn-drop-yes"), callback_data=cd(A.DROP_YES, practice.id))
    kb.button(text=_("wz-btn-back"), callback_data=cd(A.CARD, practice.id, "mine"))
    kb.adjust(1)
    return _("pb-drop-ask", title=escape(practice.title)), kb.as_markup()


def after_screen(note: str, _: Translator) -> Screen:
    """Where the wizard ends (sent, put aside, deleted): the note and the ways on."""
    kb = Keyboard()
    kb.button(text=_("pb-btn-mine"), callback_data=cd(A.MINE))
    kb.button(text=_("pb-btn-bank"), callback_data=cd(A.HOME))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return note, kb.as_markup()
