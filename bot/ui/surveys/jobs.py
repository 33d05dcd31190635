"""«Расписание рассылок»: the scheduler's jobs, their next and last runs, the next survey waves."""

from __future__ import annotations

from html import escape

from bot.callbacks import MenuCD, Section
from bot.i18n import Translator
from bot.services.surveys import JobsView
from bot.ui.diagnosis import clip
from bot.ui.events import when
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from bot.ui.surveys.answering import menu_button
from bot.ui.zones import zone_text


def jobs_screen(view: JobsView, _: Translator) -> Screen:
    """Each job: its next run, its last run (what it did), the last time it did something."""
    tz = view.timezone
    lines = [_("jobs-title", zone=zone_text(_, tz, view.now)), ""]
    for job in view.jobs:
        name = _(f"job-{job.job_id}")
        nxt = when(job.next_at, tz) if job.next_at else "—"
        line = f"<b>{escape(name)}</b>\n   " + _("jobs-next", at=nxt)
        if job.last_at is not None:
            line += "\n   " + _("jobs-last", at=when(job.last_at, tz), done=job.done or 0)
        if job.error:
            line += "\n   ⚠️ " + escape(job.error[:150])
        if job.last_done is not None:
            line += "\n   " + _("jobs-last-done", at=when(job.last_done, tz))
        lines.append(line)
    lines.append("")
    if view.waves:
        lines.append(_("jobs-waves-title"))
        lines.extend(f"• {escape(shorten(title, 60))} — {when(at, tz)}" for title, at in view.waves[:15])
    else:
        lines.append(_("jobs-waves-none"))
    lines.append("")
    lines.append(_("jobs-queued", count=view.queued))
    kb = Keyboard()
    kb.button(text=_("jobs-btn-refresh"), callback_data=MenuCD(section=Section.SCHEDULE))
    menu_button(kb, _)
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()
