"""Screens for roles, invites, the audit log and the directory status."""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData

from bot.callbacks import (
    InviteAction,
    InviteCD,
    MenuCD,
    ReviewAction,
    ReviewCD,
    RolesAction,
    RolesCD,
    Section,
)
from bot.delivery import Rendered, renders
from bot.domain.roles import INVITE_DAYS, INVITE_USES, Role
from bot.i18n import Translator
from bot.services.role_admin import (
    MANAGED_ROLES,
    DirectoryCounts,
    NewMethodist,
    PersonCard,
    RoleRevoked,
    RouteHandedOver,
)
from bot.services.routes import Handover
from bot.ui.directory_upload import upload_button
from bot.ui.keyboard import Keyboard, share_url, shorten
from bot.ui.messaging import Screen
from bot.ui.wizard import Nav, cancelled, chosen, with_nav
from storage.models import Invite, Municipality, RoleAudit, User

PEOPLE_PAGE = 8


def _menu_row(builder: Keyboard, _: Translator, *, back_to_roles: bool = True) -> None:
    if back_to_roles:
        builder.button(text=_("btn-back"), callback_data=RolesCD(action=RolesAction.HOME))
    builder.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))


def roles_home(_: Translator) -> Screen:
    builder = Keyboard()
    builder.button(text=_("roles-new-invite"), callback_data=InviteCD(action=InviteAction.NEW))
    builder.button(text=_("roles-invites"), callback_data=InviteCD(action=InviteAction.LIST))
    builder.button(text=_("roles-people"), callback_data=RolesCD(action=RolesAction.PEOPLE))
    builder.button(text=_("roles-audit"), callback_data=RolesCD(action=RolesAction.AUDIT))
    _menu_row(builder, _, back_to_roles=False)
    builder.adjust(1)
    return _("roles-home"), builder.as_markup()


def _invite_nav(back: CallbackData) -> Nav:
    return Nav(back=back, cancel=InviteCD(action=InviteAction.CANCEL))


def pick_role(roles: list[Role], _: Translator, mine: str = "") -> Screen:
    """The invite's first step; `mine` — the role chosen before (the person came back)."""
    builder = Keyboard()
    for role in roles:
        builder.button(
            text=chosen(_(f"role-{role.value}"), mine == role.value),
            callback_data=InviteCD(action=InviteAction.ROLE, role=role.value),
        )
    builder.adjust(1)
    return _("invite-pick-role"), with_nav(builder, _invite_nav(RolesCD(action=RolesAction.HOME)), _)


def pick_scope(
    role: str, municipalities: list[Municipality], _: Translator, mine: int | None = None
) -> Screen:
    builder = Keyboard()
    builder.button(
        text=chosen(_("invite-scope-region"), mine == 0),
        callback_data=InviteCD(action=InviteAction.SCOPE, role=role, scope=0),
    )
    for muni in municipalities:
        builder.button(
            text=chosen(muni.name, mine == muni.id),
            callback_data=InviteCD(action=InviteAction.SCOPE, role=role, scope=muni.id),
        )
    builder.adjust(1)
    nav = _invite_nav(InviteCD(action=InviteAction.NEW, role=role))
    return _(f"invite-pick-scope-{role}"), with_nav(builder, nav, _)


def pick_uses(role: str, scope: int, _: Translator, mine: int = 0) -> Screen:
    builder = Keyboard()
    for uses in INVITE_USES:
        builder.button(
            text=chosen(_("invite-uses-option", count=uses), mine == uses),
            callback_data=InviteCD(action=InviteAction.USES, role=role, scope=scope, uses=uses),
        )
    builder.adjust(len(INVITE_USES))
    # Back to the scope (or, for a role without one, to the role): the earlier answer ticked.
    nav = _invite_nav(InviteCD(action=InviteAction.ROLE, role=role, scope=scope, again=1))
    return _("invite-pick-uses", role=_(f"role-{role}")), with_nav(builder, nav, _)


def pick_days(role: str, scope: int, uses: int, _: Translator) -> Screen:
    builder = Keyboard()
    for days in INVITE_DAYS:
        builder.button(
            text=_("invite-days-option", count=days),
            callback_data=InviteCD(action=InviteAction.DAYS, role=role, scope=scope, uses=uses, days=days),
        )
    builder.adjust(len(INVITE_DAYS))
    nav = _invite_nav(InviteCD(action=InviteAction.SCOPE, role=role, scope=scope, uses=uses))
    return _("invite-pick-days"), with_nav(builder, nav, _)


def invite_cancelled(_: Translator) -> Screen:
    back = (_("wz-btn-to-roles"), RolesCD(action=RolesAction.HOME))
    return cancelled(_("wz-invite-cancelled"), _, back_to=back)


def local_time(moment: datetime, tz: str) -> str:
    return moment.astimezone(ZoneInfo(tz)).strftime("%d.%m.%Y %H:%M")


def invite_link(username: str, invite: Invite) -> str:
    return f"https://t.me/{username}?start=i-{invite.code}"


def invite_share(invite: Invite, link: str, _: Translator) -> str:
    """The share button's link: the invite with a line saying what it is for."""
    return share_url(link, _("invite-share-text", role=_(f"role-{invite.role}")))


def invite_created(invite: Invite, link: str, scope_name: str | None, tz: str, _: Translator) -> Screen:
    builder = Keyboard()
    builder.link(text=_("invite-share"), url=invite_share(invite, link, _))
    builder.button(text=_("roles-new-invite"), callback_data=InviteCD(action=InviteAction.NEW))
    builder.button(text=_("roles-invites"), callback_data=InviteCD(action=InviteAction.LIST))
    _menu_row(builder, _)
    builder.adjust(1, 1, 1, 2)
    text = _(
        "invite-created",
        role=_(f"role-{invite.role}"),
        link=escape(link),
        uses=invite.max_uses,
        until=local_time(invite.expires_at, tz),
    )
    if scope_name:
        text += "\n" + _("invite-scope-line", name=escape(scope_name))
    return text, builder.as_markup()


def invites_list(invites: list[Invite], username: str, tz: str, _: Translator) -> Screen:
    builder = Keyboard()
    if not invites:
        text = _("invites-empty")
    else:
        lines = [_("invites-title")]
        for number, invite in enumerate(invites, 1):
            link = invite_link(username, invite)
            lines.append(
                _(
                    "invites-line",
                    number=number,
                    role=_(f"role-{invite.role}"),
                    used=invite.uses,
                    uses=invite.max_uses,
                    until=local_time(invite.expires_at, tz),
                    link=escape(link),
                )
            )
            # One row per invite: forward it, or revoke it.
            builder.link(text=_("invites-share", number=number), url=invite_share(invite, link, _))
            builder.button(
                text=_("invites-revoke", number=number),
                callback_data=InviteCD(action=InviteAction.REVOKE, id=invite.id),
            )
        text = "\n\n".join(lines)
    builder.button(text=_("roles-new-invite"), callback_data=InviteCD(action=InviteAction.NEW))
    _menu_row(builder, _)
    builder.adjust(*([2] * len(invites)), 1, 2)
    return text, builder.as_markup()


def person_label(user: User, _: Translator) -> str:
    held = {x.role for x in user.roles}
    roles = [r for r in MANAGED_ROLES if r in held]
    names = ", ".join(_(f"role-{r.value}") for r in roles)
    return shorten(f"{user.full_name or _('person-no-name')} — {names}", 64)


def people_list(users: list[User], page: int, total: int, _: Translator) -> Screen:
    builder = Keyboard()
    for user in users:
        builder.button(
            text=person_label(user, _),
            callback_data=RolesCD(action=RolesAction.PERSON, user_id=user.id, page=page),
        )
    pages = max(1, (total + PEOPLE_PAGE - 1) // PEOPLE_PAGE)
    nav = 0
    if page > 0:
        builder.button(text=_("btn-prev"), callback_data=RolesCD(action=RolesAction.PEOPLE, page=page - 1))
        nav += 1
    if page + 1 < pages:
        builder.button(text=_("btn-next"), callback_data=RolesCD(action=RolesAction.PEOPLE, page=page + 1))
        nav += 1
    _menu_row(builder, _)
    builder.adjust(*([1] * len(users)), *([nav] if nav else []), 2)
    text = _("people-title", count=total) if total else _("people-empty")
    return text, builder.as_markup()


def person_card(
    user: User, revocable: frozenset[Role], page: int, _: Translator, *, note: str | None = None
) -> Screen:
    """A person with roles; buttons to take the roles the actor may take (`revocable`)."""
    builder = Keyboard()
    held = {r.role for r in user.roles}
    lines = [_("person-title", name=escape(user.full_name or _("person-no-name")))]
    if user.school is not None:
        lines.append(escape(user.school.short_name or user.school.name))
    lines.append(_("person-roles", roles=", ".join(_(f"role-{r.value}") for r in Role if r in held) or "—"))
    if note:
        lines.append("\n" + note)
    count = 0
    for role in MANAGED_ROLES:
        if role in held and role in revocable:
            builder.button(
                text=_("person-revoke", role=_(f"role-{role.value}")),
                callback_data=RolesCD(action=RolesAction.REVOKE, user_id=user.id, role=role.value, page=page),
            )
            count += 1
    builder.button(text=_("btn-back"), callback_data=RolesCD(action=RolesAction.PEOPLE, page=page))
    builder.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    builder.adjust(*([1] * count), 2)
    return _fit("\n".join(lines)), builder.as_markup()


NAMES_SHOWN = 30
TEXT_LIMIT = 4000  # Telegram's 4096 with a margin


def _fit(text: str) -> str:
    """Cut at a line break (tags never span lines here) when a long list would not fit."""
    if len(text) <= TEXT_LIMIT:
        return text
    cut = text.rfind("\n", 0, TEXT_LIMIT - 2)
    return text[: cut if cut > 0 else TEXT_LIMIT - 2] + "\n…"


def _names(users: list[User], _: Translator) -> str:
    names = [escape(u.full_name or _("person-no-name")) for u in users[:NAMES_SHOWN]]
    more = len(users) - len(names)
    return ", ".join(names) + (" " + _("person-handover-more", count=more) if more > 0 else "")


def handover_note(handover: Handover, _: Translator) -> str:
    """What became of a former methodist's teachers, for the staff member who took the role."""
    parts = []
    if handover.rerouted:
        lines = [
            _(
                "person-handover-line",
                teacher=escape(teacher.full_name or _("person-no-name")),
                methodist=escape(methodist.full_name or _("person-no-name")),
            )
            for teacher, methodist, _route in handover.rerouted[:NAMES_SHOWN]
        ]
        more = len(handover.rerouted) - len(lines)
        if more > 0:
            lines.append(_("person-handover-more", count=more))
        parts.append(_("person-handover-rerouted") + "\n" + "\n".join(lines))
    if handover.stranded:
        parts.append(
            _("person-handover-stranded", count=len(handover.stranded), names=_names(handover.stranded, _))
        )
    if handover.released:
        parts.append(_("person-handover-released", names=_names(handover.released, _)))
    return "\n\n".join(parts)


def audit_screen(entries: list[tuple[RoleAudit, str | None, str | None]], tz: str, _: Translator) -> Screen:
    builder = Keyboard()
    _menu_row(builder, _)
    builder.adjust(2)
    if not entries:
        return _("audit-empty"), builder.as_markup()
    lines = [_("audit-title")]
    for entry, target_name, actor_name in entries:
        lines.append(
            _(
                f"audit-{entry.action}",
                at=local_time(entry.at, tz),
                role=_(f"role-{entry.role}"),
                target=escape(_who(target_name, entry.target_tg_id, _)),
                actor=escape(_who(actor_name, entry.actor_tg_id, _)),
                source=audit_source(entry.source, _),
            )
        )
    return "\n".join(lines), builder.as_markup()


def audit_source(source: str, _: Translator) -> str:
    """Where a granted role came from, as bot/services record it: "registration", "manual",
    "invite:<id>", "application:<id>" (a mentor's application approved). Anything else — a record
    from an older version, a role granted from the command line — reads as "another way"."""
    match source.split(":", 1)[0]:
        case "invite":
            return _("audit-source-invite")
        case "application":
            return _("audit-source-application")
        case "registration":
            return _("audit-source-registration")
        case "manual":
            return _("audit-source-manual")
        case _unknown:
            return _("audit-source-other")


def _who(name: str | None, tg_id: int | None, _: Translator) -> str:
    if tg_id is None:
        return _("audit-deleted")
    return name or f"id {tg_id}"


def directory_screen(counts: DirectoryCounts, _: Translator, *, may_upload: bool) -> Screen:
    """The directory's figures; admins load their own from a file (`bot.ui.directory_upload`)."""
    builder = Keyboard()
    if may_upload:
        upload_button(builder, _)
    builder.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    builder.adjust(1)
    status = _(
        "directory-status",
        municipalities=counts.municipalities,
        schools=counts.schools,
        requests=counts.requests,
    )
    hint = _("dirup-hint-admin") if may_upload else _("dirup-hint-staff")
    return status + "\n\n" + hint, builder.as_markup()


def card_screen(card: PersonCard, page: int, _: Translator) -> Screen:
    """A person's card, after a role was taken with a word on what became of their teachers."""
    note = handover_note(card.handover, _) if card.handover else None
    return person_card(card.target, card.revocable, page, _, note=note)


# --- notices -----------------------------------------------------------------------------------


@renders(RoleRevoked)
def role_revoked(notice: RoleRevoked, _: Translator) -> Rendered:
    return _("role-revoked-notice", role=_(f"role-{notice.role.value}")), None


@renders(RouteHandedOver)
def route_handed_over(notice: RouteHandedOver, _: Translator) -> Rendered:
    builder = Keyboard()
    builder.button(
        text=_("notice-btn-open"), callback_data=ReviewCD(action=ReviewAction.ROUTE, r=notice.route_id)
    )
    return _("notice-route-handed-over", name=escape(notice.teacher or "—")), builder.as_markup()


@renders(NewMethodist)
def new_methodist(notice: NewMethodist, _: Translator) -> Rendered:
    return _("notice-new-methodist", name=escape(notice.methodist or "—")), None
