"""«🏅 Аттестация» for teachers and «🏅 Аттестация педагогов» for staff: screens, the notices'
renderers and the XLSX of who is due. Screens only; the data comes from `bot.services.attestation`."""

from __future__ import annotations

from datetime import date
from html import escape

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest

from bot.callbacks import (
    AttAction,
    AttCD,
    AttStaffAction,
    AttStaffCD,
    MenuCD,
    ReviewAction,
    ReviewCD,
    RouteAction,
    RouteCD,
    Section,
)
from bot.delivery import Rendered, renders
from bot.domain.attestation import SUPPORT_STEPS, AttStatus, Category, Reminder
from bot.i18n import Translator
from bot.services.attestation import (
    QUEUE_PAGE,
    Applied,
    Card,
    ClaimDecided,
    DueView,
    ExpiryReminder,
    Home,
    Preview,
    Queue,
    Rejected,
    SupportChosen,
    Supported,
)
from bot.services.attestation_check import BadRow
from bot.services.reports import results_xlsx
from bot.ui.diagnosis import clip
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from storage.models import AttestationRecord

EXAMPLES = 5  # rows of each kind in the import's preview
DUE_GROUPS = 15  # municipalities or schools on the due screen
DUE_NAMES = 20  # teachers named on a school's due screen


def d(day: date | None) -> str:
    return f"{day:%d.%m.%Y}" if day is not None else "—"


def category(code: Category | str, _: Translator) -> str:
    return _(f"att-cat-{Category(code).value}")


def _menu(kb: Keyboard, _: Translator) -> None:
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))


# --- the teacher ---------------------------------------------------------------------------------


def home_screen(home: Home, _: Translator) -> Screen:
    lines = [_("att-title"), ""]
    current = home.current
    if current is not None:
        lines.append(_("att-current", category=category(current.category, _), awarded=d(current.awarded_on)))
        if current.expires_on is not None:
            days = (current.expires_on - home.today).days
            key = "att-expires" if days >= 0 else "att-expired"
            lines.append(_(key, date=d(current.expires_on), days=max(days, 0)))
    else:
        lines.append(_("att-no-current"))
    if home.pending is not None:
        p = home.pending
        lines += ["", _("att-pending", category=category(p.category, _), awarded=d(p.awarded_on))]
    if home.orderless is not None:
        lines += ["", _("att-orderless", category=category(home.orderless.category, _))]
    if home.rejected is not None:
        r = home.rejected
        lines += [
            "",
            _(
                "att-rejected",
                category=category(r.category, _),
                awarded=d(r.awarded_on),
                reason=escape(r.reject_reason or "—"),
            ),
        ]
    lines += ["", _("att-hint")]
    kb = Keyboard()
    kb.button(text=_("att-btn-claim"), callback_data=AttCD(action=AttAction.CLAIM))
    sizes = [1]
    if home.support_offer and current is not None:
        kb.button(text=_("att-btn-support"), callback_data=AttCD(action=AttAction.SUPPORT, r=current.id))
        sizes.append(1)
    kb.button(text=_("att-btn-history"), callback_data=AttCD(action=AttAction.HISTORY))
    _menu(kb, _)
    kb.adjust(*sizes, 2)
    return "\n".join(lines), kb.as_markup()


def categories_screen(_: Translator) -> Screen:
    kb = Keyboard()
    for code in Category:
        kb.button(text=category(code, _), callback_data=AttCD(action=AttAction.CAT, v=code.value))
    kb.button(text=_("att-btn-cancel"), callback_data=AttCD(action=AttAction.CANCEL))
    kb.adjust(1)
    return _("att-ask-category"), kb.as_markup()


def _cancel(_: Translator) -> Keyboard:
    kb = Keyboard()
    kb.button(text=_("att-btn-cancel"), callback_data=AttCD(action=AttAction.CANCEL))
    return kb


def ask_date_screen(code: Category, _: Translator, problem: str | None = None) -> Screen:
    text = _("att-ask-date", category=category(code, _))
    if problem:
        text = _(problem) + "\n\n" + text
    return text, _cancel(_).as_markup()


def ask_order_screen(_: Translator, problem: str | None = None) -> Screen:
    text = _("att-ask-order")
    if problem:
        text = _(problem) + "\n\n" + text
    return text, _cancel(_).as_markup()


def ask_scan_screen(_: Translator, problem: str | None = None) -> Screen:
    text = _("att-ask-scan")
    if problem:
        text = _(problem) + "\n\n" + text
    kb = Keyboard()
    kb.button(text=_("att-btn-skip"), callback_data=AttCD(action=AttAction.SKIP))
    kb.button(text=_("att-btn-cancel"), callback_data=AttCD(action=AttAction.CANCEL))
    kb.adjust(1)
    return text, kb.as_markup()


def _home_kb(_: Translator) -> Keyboard:
    kb = Keyboard()
    kb.button(text=_("att-btn-home"), callback_data=AttCD(action=AttAction.HOME))
    _menu(kb, _)
    kb.adjust(2)
    return kb


def claimed_screen(record: AttestationRecord, already: bool, _: Translator) -> Screen:
    key = "att-claim-already" if already else "att-claimed"
    text = _(
        key,
        category=category(record.category, _),
        awarded=d(record.awarded_on),
        expires=d(record.expires_on),
        order=escape(record.order_number or "—"),
    )
    return text, _home_kb(_).as_markup()


def cancelled_screen(_: Translator) -> Screen:
    return _("att-cancelled"), _home_kb(_).as_markup()


def history_screen(records: list[AttestationRecord], _: Translator) -> Screen:
    lines = [_("att-history-title"), ""]
    if not records:
        lines.append(_("att-history-empty"))
    for r in records:
        lines.append(
            _(
                "att-history-line",
                category=category(r.category, _),
                awarded=d(r.awarded_on),
                expires=d(r.expires_on),
                order=escape(r.order_number or "—"),
                status=_(f"att-status-{r.status.value}"),
            )
        )
    kb = Keyboard()
    for r in records:
        if r.scan_file_id:
            kb.button(
                text=_("att-btn-own-scan", awarded=d(r.awarded_on)),
                callback_data=AttCD(action=AttAction.SCAN, r=r.id),
            )
    kb.button(text=_("att-btn-home"), callback_data=AttCD(action=AttAction.HOME))
    _menu(kb, _)
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def supported_screen(done: Supported, _: Translator) -> Screen:
    text = _("att-support-already") if done.already else _("att-support-done", count=done.added)
    kb = Keyboard()
    if done.route_id:
        kb.button(text=_("att-btn-route"), callback_data=RouteCD(action=RouteAction.VIEW, r=done.route_id))
    kb.button(text=_("att-btn-home"), callback_data=AttCD(action=AttAction.HOME))
    _menu(kb, _)
    kb.adjust(1)
    return text, kb.as_markup()


def support_titles(_: Translator) -> dict[str, str]:
    return {step.key: _(f"att-step-{step.key}") for step in SUPPORT_STEPS}


async def send_scan(bot: Bot, chat_id: int, record: AttestationRecord) -> bool:
    """The order's scan, sent as it came (a photo or a file); False when there is none."""
    if not record.scan_file_id:
        return False
    try:
        if record.scan_kind == "photo":
            await bot.send_photo(chat_id, record.scan_file_id)
        else:
            await bot.send_document(chat_id, record.scan_file_id)
    except TelegramBadRequest:  # the file is gone from Telegram (or the id was never valid)
        return False
    return True


# --- notices -------------------------------------------------------------------------------------


@renders(ExpiryReminder)
def expiry_reminder(n: ExpiryReminder, _: Translator) -> Rendered:
    months = 6 if n.reminder is Reminder.SIX else 3
    text = _("att-remind", category=category(n.category, _), date=d(n.expires_on), months=months)
    kb = Keyboard()
    kb.button(text=_("att-btn-support"), callback_data=AttCD(action=AttAction.SUPPORT, r=n.record_id))
    kb.button(text=_("att-btn-home"), callback_data=AttCD(action=AttAction.HOME))
    kb.adjust(1)
    return text, kb.as_markup()


@renders(ClaimDecided)
def claim_decided(n: ClaimDecided, _: Translator) -> Rendered:
    if n.confirmed:
        text = _("att-notice-confirmed", category=category(n.category, _))
    else:
        text = _("att-notice-rejected", category=category(n.category, _), reason=escape(n.reason or "—"))
    kb = Keyboard()
    kb.button(text=_("att-btn-home"), callback_data=AttCD(action=AttAction.HOME))
    return text, kb.as_markup()


@renders(SupportChosen)
def support_chosen(n: SupportChosen, _: Translator) -> Rendered:
    text = _(
        "att-notice-support",
        name=escape(n.teacher or "—"),
        category=category(n.category, _),
        date=d(n.expires_on),
    )
    kb = Keyboard()
    kb.button(text=_("att-btn-open-route"), callback_data=ReviewCD(action=ReviewAction.ROUTE, r=n.route_id))
    return text, kb.as_markup()


# --- staff ---------------------------------------------------------------------------------------


def staff_home_screen(_: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("att-btn-queue"), callback_data=AttStaffCD(action=AttStaffAction.QUEUE))
    kb.button(text=_("att-btn-import"), callback_data=AttStaffCD(action=AttStaffAction.IMPORT))
    kb.button(text=_("att-btn-due"), callback_data=AttStaffCD(action=AttStaffAction.DUE))
    _menu(kb, _)
    kb.adjust(1)
    return _("att-staff-title"), kb.as_markup()


def _staff_back(kb: Keyboard, _: Translator) -> None:
    kb.button(text=_("att-btn-staff-home"), callback_data=AttStaffCD(action=AttStaffAction.HOME))


def queue_screen(queue: Queue, _: Translator) -> Screen:
    pages = max(1, -(-queue.total // QUEUE_PAGE))
    lines = [_("att-queue-title", count=queue.total)]
    if not queue.items:
        lines += ["", _("att-queue-empty")]
    elif pages > 1:
        lines.append(_("page-of", page=queue.page + 1, pages=pages))
    kb = Keyboard()
    for record, teacher in queue.items:
        label = f"{shorten(teacher.full_name or '—', 30)} · {category(record.category, _)}"
        kb.button(
            text=label, callback_data=AttStaffCD(action=AttStaffAction.CARD, r=record.id, pg=queue.page)
        )
    paging = kb.pager(queue.page, pages, lambda n: AttStaffCD(action=AttStaffAction.QUEUE, pg=n))
    _staff_back(kb, _)
    kb.adjust(*([1] * len(queue.items)), *([paging] if paging else []), 1)
    return "\n".join(lines), kb.as_markup()


def card_screen(card: Card, _: Translator, page: int = 0, note: str | None = None) -> Screen:
    r, t = card.record, card.teacher
    place = " — ".join(
        x for x in ((t.municipality.name if t.municipality else ""), (t.school.name if t.school else "")) if x
    )
    lines = [
        _(
            "att-card",
            name=escape(t.full_name or "—"),
            place=escape(place or "—"),
            category=category(r.category, _),
            awarded=d(r.awarded_on),
            expires=d(r.expires_on),
            order=escape(r.order_number or "—"),
            status=_(f"att-status-{r.status.value}"),
        )
    ]
    if r.status is AttStatus.REJECTED and r.reject_reason:
        lines.append(_("att-card-reason", reason=escape(r.reject_reason)))
    if note:
        lines = [note, "", *lines]
    kb = Keyboard()
    sizes = []
    if r.status is AttStatus.CLAIMED:
        kb.button(text=_("att-btn-confirm"), callback_data=AttStaffCD(action=AttStaffAction.CONFIRM, r=r.id))
        kb.button(text=_("att-btn-reject"), callback_data=AttStaffCD(action=AttStaffAction.REJECT, r=r.id))
        sizes.append(2)
    if r.scan_file_id:
        kb.button(text=_("att-btn-scan"), callback_data=AttStaffCD(action=AttStaffAction.SCAN, r=r.id))
        sizes.append(1)
    kb.button(text=_("att-btn-queue-back"), callback_data=AttStaffCD(action=AttStaffAction.QUEUE, pg=page))
    sizes.append(1)
    kb.adjust(*sizes)
    return "\n".join(lines), kb.as_markup()


def ask_reason_screen(card: Card, _: Translator, problem: str | None = None) -> Screen:
    text = _("att-ask-reason", name=escape(card.teacher.full_name or "—"))
    if problem:
        text = _(problem) + "\n\n" + text
    kb = Keyboard()
    kb.button(
        text=_("att-btn-cancel"), callback_data=AttStaffCD(action=AttStaffAction.CARD, r=card.record.id)
    )
    return text, kb.as_markup()


def import_prompt_screen(_: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("att-btn-cancel"), callback_data=AttStaffCD(action=AttStaffAction.DROP))
    return _("att-import-prompt"), kb.as_markup()


def not_a_file_screen(_: Translator) -> Screen:
    return _("att-import-not-file"), import_prompt_screen(_)[1]


def rejected_file_screen(rejected: Rejected, _: Translator) -> Screen:
    if rejected.refusal is not None:
        why = _(f"att-refused-{rejected.refusal.key}", **rejected.refusal.args)
    else:
        why = _("att-refused-no-rows", count=len(rejected.bad))
        why += "\n" + _bad_lines(rejected.bad, _)
    text = _("att-import-rejected", name=escape(rejected.name)) + "\n" + why + "\n\n" + _("att-import-again")
    return clip(text), import_prompt_screen(_)[1]


def _bad_lines(bad: list[BadRow], _: Translator) -> str:
    return "\n".join(_("att-bad-line", line=b.line, why=_(f"att-bad-row-{b.key}")) for b in bad[:EXAMPLES])


def preview_screen(preview: Preview, _: Translator) -> Screen:
    m = preview.matching
    lines = [
        _("att-preview-title", name=escape(preview.pending.name)),
        "",
        _(
            "att-preview-matched",
            count=len(m.matched),
            new=preview.new,
            confirm=preview.confirm,
            same=preview.same,
        ),
    ]
    for row in m.matched[:EXAMPLES]:
        lines.append(
            _(
                "att-preview-row",
                line=row.line,
                name=escape(row.name),
                category=category(row.category, _),
                date=d(row.awarded_on),
            )
        )
    if m.unmatched:
        lines += ["", _("att-preview-unmatched", count=len(m.unmatched))]
        for u in m.unmatched[:EXAMPLES]:
            lines.append(_("att-preview-why", line=u.line, name=escape(u.name), why=_(f"att-why-{u.why}")))
    if m.ambiguous:
        lines += ["", _("att-preview-ambiguous", count=len(m.ambiguous))]
        for a in m.ambiguous[:EXAMPLES]:
            lines.append(_("att-preview-many", line=a.line, name=escape(a.name), count=a.count))
    if preview.pending.bad:
        lines += [
            "",
            _("att-preview-bad", count=len(preview.pending.bad)),
            _bad_lines(preview.pending.bad, _),
        ]
    kb = Keyboard()
    if preview.changes:
        lines += ["", _("att-preview-apply-hint")]
        kb.button(
            text=_("att-btn-apply"),
            callback_data=AttStaffCD(action=AttStaffAction.APPLY, t=preview.pending.token),
        )
    else:
        lines += ["", _("att-preview-nothing")]
    kb.button(
        text=_("att-btn-cancel"),
        callback_data=AttStaffCD(action=AttStaffAction.DROP, t=preview.pending.token),
    )
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def applied_screen(applied: Applied, _: Translator) -> Screen:
    kb = Keyboard()
    _staff_back(kb, _)
    text = _(
        "att-applied",
        added=applied.added,
        confirmed=applied.confirmed,
        same=applied.same,
        unmatched=applied.unmatched,
        ambiguous=applied.ambiguous,
        bad=applied.bad,
    )
    return text, kb.as_markup()


def import_cancelled_screen(_: Translator) -> Screen:
    kb = Keyboard()
    _staff_back(kb, _)
    return _("att-import-cancelled"), kb.as_markup()


def due_screen(view: DueView, _: Translator) -> Screen:
    first, last = view.year
    lines = [
        _("att-due-title", first=d(first), last=d(last)),
        _("att-due-scope", scope=escape(view.title or _("att-due-region"))),
        _("att-due-total", count=len(view.rows), supported=sum(r.supported for r in view.rows)),
        "",
    ]
    kb = Keyboard()
    if view.school_id is not None:
        for row in view.rows[:DUE_NAMES]:
            lines.append(
                _(
                    "att-due-person",
                    name=escape(row.full_name),
                    category=category(row.category, _),
                    date=d(row.expires_on),
                    mark="🧭" if row.supported else "▫️",
                )
            )
        if len(view.rows) > DUE_NAMES:
            lines.append(_("att-due-more", count=len(view.rows) - DUE_NAMES))
    else:
        groups = view.groups()
        unknown = _("att-due-unknown")
        for gid, name, count, supported in groups[:DUE_GROUPS]:
            lines.append(_("att-due-group", name=escape(name or unknown), count=count, supported=supported))
            if gid:
                target = (
                    AttStaffCD(action=AttStaffAction.DUE, m=view.municipality_id or 0, s=gid)
                    if view.municipality_id is not None
                    else AttStaffCD(action=AttStaffAction.DUE, m=gid)
                )
                kb.button(text=f"{shorten(name or unknown, 40)} · {count}", callback_data=target)
        if len(groups) > DUE_GROUPS:
            lines.append(_("att-due-more-groups", count=len(groups) - DUE_GROUPS))
    if not view.rows:
        lines.append(_("att-due-nobody"))
    m, s = view.municipality_id or 0, view.school_id or 0
    kb.button(text=_("att-btn-due-xlsx"), callback_data=AttStaffCD(action=AttStaffAction.DUE_XLSX, m=m, s=s))
    if view.school_id is not None:
        kb.button(text=_("att-btn-up"), callback_data=AttStaffCD(action=AttStaffAction.DUE, m=m))
    elif view.municipality_id is not None and view.region:
        kb.button(text=_("att-btn-up"), callback_data=AttStaffCD(action=AttStaffAction.DUE))
    _staff_back(kb, _)
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def due_xlsx(view: DueView, _: Translator) -> bytes:
    header = [
        _("att-x-name"),
        _("att-x-municipality"),
        _("att-x-school"),
        _("att-x-category"),
        _("att-x-awarded"),
        _("att-x-expires"),
        _("att-x-supported"),
    ]
    rows: list[list[object]] = [
        [
            r.full_name,
            r.municipality,
            r.school,
            category(r.category, _),
            r.awarded_on,
            r.expires_on,
            _("att-x-yes") if r.supported else _("att-x-no"),
        ]
        for r in view.rows
    ]
    first, last = view.year
    summary: list[tuple[str, object]] = [
        (_("att-x-scope"), view.title or _("att-due-region")),
        (_("att-x-year"), f"{d(first)} – {d(last)}"),
        (_("att-x-total"), len(view.rows)),
        (_("att-x-supported-total"), sum(r.supported for r in view.rows)),
    ]
    return results_xlsx(header, rows, sheet_title=_("att-x-sheet"), summary=summary)
