"""Staff's expert pool: the list with each expert's load, requests, an expert's card (pause, resume,
remove), the invite link, and «🧑‍⚖️ Жюри» (experts on a contest's jury)."""

from __future__ import annotations

from html import escape

from bot.callbacks import MenuCD, PoolAction, PoolCD, Section
from bot.domain.practices import ExpertStatus
from bot.i18n import Translator
from bot.services.expertise.views import ContestJury, ExpertCard, Invited, PoolRow, PoolView
from bot.ui.expertise.common import menu_row, name, subjects_text
from bot.ui.keyboard import Keyboard, share_url, shorten
from bot.ui.messaging import Screen

STATUS_MARK = {ExpertStatus.ACTIVE: "🟢", ExpertStatus.PAUSED: "⏸", ExpertStatus.PENDING: "🕓"}


def _back(kb: Keyboard, _: Translator) -> None:
    kb.button(text=_("btn-back"), callback_data=PoolCD(action=PoolAction.HOME))
    menu_row(kb, _)


def _row_label(row: PoolRow, _: Translator) -> str:
    mark = STATUS_MARK.get(row.expert.status, "")
    return f"{mark} " + _(
        "xp-row", name=shorten(row.person.full_name or "—", 32), load=row.load, done=row.done
    )


def pool_screen(view: PoolView, _: Translator) -> Screen:
    lines = [_("xp-home-title"), _("xp-home-stats", total=view.total, waiting=view.waiting)]
    if not view.rows:
        lines.append(_("xp-home-empty"))
    kb = Keyboard()
    for row in view.rows:
        kb.button(text=_row_label(row, _), callback_data=PoolCD(action=PoolAction.CARD, e=row.expert.id))
    sizes = [1] * len(view.rows)
    paged = kb.pager(view.page, view.pages, lambda page: PoolCD(action=PoolAction.HOME, pg=page))
    if paged:
        sizes.append(paged)
    kb.button(
        text=_("xp-btn-requests", count=view.requests), callback_data=PoolCD(action=PoolAction.REQUESTS)
    )
    kb.button(text=_("xp-btn-invite"), callback_data=PoolCD(action=PoolAction.INVITE))
    kb.button(text=_("xp-btn-juries"), callback_data=PoolCD(action=PoolAction.CONTESTS))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(*sizes, 1)
    return "\n\n".join(lines), kb.as_markup()


def requests_screen(rows: list[PoolRow], _: Translator) -> Screen:
    kb = Keyboard()
    lines = [_("xp-requests-title")]
    if not rows:
        lines.append(_("xp-requests-empty"))
    for row in rows:
        lines.append(f"• {name(row.person.full_name)} — {subjects_text(row.expert.subjects, _)}")
        short = shorten(row.person.full_name or "—", 24)
        kb.button(
            text=_("xp-btn-approve", name=short),
            callback_data=PoolCD(action=PoolAction.APPROVE, e=row.expert.id),
        )
        kb.button(text=_("xp-btn-decline"), callback_data=PoolCD(action=PoolAction.DECLINE, e=row.expert.id))
    sizes = [2] * len(rows)
    _back(kb, _)
    kb.adjust(*sizes, 2)
    return "\n".join(lines), kb.as_markup()


def card_screen(card: ExpertCard, place: str | None, _: Translator) -> Screen:
    expert = card.expert
    lines = [
        _("xp-card-title", name=name(card.person.full_name)),
        _("xp-card-status", status=_(f"xp-status-{expert.status}")),
        _("xp-card-subjects", subjects=subjects_text(expert.subjects, _)),
        _("xp-card-place", place=name(place)),
        _("xp-card-work", load=card.load, done=card.done, juries=card.juries),
    ]
    kb = Keyboard()
    if expert.status is ExpertStatus.ACTIVE:
        kb.button(text=_("xp-btn-pause"), callback_data=PoolCD(action=PoolAction.PAUSE, e=expert.id))
    elif expert.status is ExpertStatus.PAUSED:
        kb.button(text=_("xp-btn-resume"), callback_data=PoolCD(action=PoolAction.RESUME, e=expert.id))
    if expert.status in (ExpertStatus.ACTIVE, ExpertStatus.PAUSED):
        kb.button(text=_("xp-btn-remove"), callback_data=PoolCD(action=PoolAction.REMOVE, e=expert.id))
    _back(kb, _)
    kb.adjust(1, 1, 2)
    return "\n".join(lines), kb.as_markup()


def remove_ask(card: ExpertCard, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(
        text=_("xp-btn-remove-yes"), callback_data=PoolCD(action=PoolAction.REMOVE_YES, e=card.expert.id)
    )
    kb.button(text=_("btn-back"), callback_data=PoolCD(action=PoolAction.CARD, e=card.expert.id))
    return _("xp-remove-ask", name=name(card.person.full_name), load=card.load), kb.as_markup()


def invite_screen(invited: Invited, link: str, _: Translator) -> Screen:
    kb = Keyboard()
    share = invite_share_link(link, _)
    kb.link(text=_("invite-share"), url=share)
    _back(kb, _)
    kb.adjust(1, 2)
    text = _("xp-invite-created", link=escape(link), uses=invited.uses, days=invited.days)
    if invited.scope_name:
        text += "\n" + _("invite-scope-line", name=escape(invited.scope_name))
    return text, kb.as_markup()


def invite_share_link(link: str, _: Translator) -> str:
    return share_url(link, _("invite-share-text", role=_("role-expert")))


def contests_screen(contests: list[tuple[int, str]], _: Translator) -> Screen:
    kb = Keyboard()
    text = (
        _("xp-contests-title") + "\n\n" + (_("xp-contests-empty") if not contests else _("xp-contests-pick"))
    )
    for event_id, title in contests:
        kb.button(text="🏆 " + shorten(title, 48), callback_data=PoolCD(action=PoolAction.JURY, ev=event_id))
    _back(kb, _)
    kb.adjust(*([1] * len(contests)), 2)
    return text, kb.as_markup()


def jury_screen(jury: ContestJury, _: Translator) -> Screen:
    kb = Keyboard()
    on = [r for r in jury.experts if r.expert.id in jury.on_jury]
    lines = [_("xp-jury-title", title=escape(jury.event.title)), _("xp-jury-count", count=len(jury.on_jury))]
    if not jury.experts:
        lines.append(_("xp-home-empty"))
    lines.extend(f"• {name(r.person.full_name)}" for r in on)
    for row in jury.experts:
        mark = "✅ " if row.expert.id in jury.on_jury else "➕ "
        kb.button(
            text=mark + shorten(row.person.full_name or "—", 40),
            callback_data=PoolCD(action=PoolAction.TOGGLE, ev=jury.event.id, e=row.expert.id),
        )
    kb.button(text=_("btn-back"), callback_data=PoolCD(action=PoolAction.CONTESTS))
    menu_row(kb, _)
    kb.adjust(*([1] * len(jury.experts)), 2)
    return "\n".join(lines), kb.as_markup()


__all__ = [
    "card_screen",
    "contests_screen",
    "invite_screen",
    "jury_screen",
    "pool_screen",
    "remove_ask",
    "requests_screen",
]
