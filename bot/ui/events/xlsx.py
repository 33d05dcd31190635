"""The event's spreadsheet: who registered, came, rated and said what; and how the broadcast went."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import Translator
from bot.services import reports
from bot.services.broadcasts import Delivery
from bot.ui.events.common import zone_words
from bot.ui.sheet_time import local_cell
from storage.models import Event, EventRegistration, User


def event_xlsx(
    event: Event,
    rows: Sequence[tuple[EventRegistration, User]],
    delivery: Delivery | None,
    _: Translator,
) -> bytes:
    """Who registered, came, rated and said what; and how the broadcast went. Through the one safe
    writer: a name or a comment that looks like a formula stays text."""
    people = [
        [
            person.full_name or "",
            person.municipality.name if person.municipality else "",
            (person.school.short_name or person.school.name) if person.school else "",
            _(f"es-reg-{row.status}"),
            _("mts-yes") if row.attended else "",
            row.rating,
            row.feedback or "",
        ]
        for row, person in rows
    ]
    summary: list[list[object]] = [
        [_("es-col-event"), event.title],
        [_("es-col-when", zone=zone_words(event, _)), local_cell(event.starts_at, event.timezone)],
    ]
    if delivery is not None:
        summary += [
            [_("es-col-total"), delivery.total],
            [_("es-col-sent"), delivery.sent],
            [_("es-col-failed"), delivery.failed],
            [_("es-col-blocked"), delivery.blocked],
            [_("es-col-pending"), delivery.pending],
        ]
    header = [
        _("es-col-name"),
        _("es-col-municipality"),
        _("es-col-school"),
        _("es-col-status"),
        _("es-col-attended"),
        _("es-col-rating"),
        _("es-col-feedback"),
    ]
    return reports.workbook(
        [
            reports.Sheet(_("es-sheet-people"), header, people),
            reports.Sheet(_("es-sheet-delivery"), [], summary, table=False, bold_first=True),
        ]
    )
