"""Screens of the self-diagnosis: the list, one item per message, results, history.
(Staff and methodists' screens: `bot.ui.diagnosis_staff`.)"""

from __future__ import annotations

from datetime import datetime
from html import escape

from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.callbacks import DiagAction, DiagCD, MenuCD, Section
from bot.domain.diagnostics import AreaChange, AreaResult, Level, Questionnaire
from bot.i18n import Translator
from bot.services import charts
from bot.services.diagnosis import Item, Offer, Outcome, Results
from bot.ui.admin import local_time
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen, show
from storage.models import DiagnosisAttempt

LEVEL_MARK = {Level.HIGH: "🔴", Level.MEDIUM: "🟡", Level.LOW: "🟢"}
NO_MARK = "⚪"  # an area not rated in that attempt
TEXT_LIMIT = 4000  # Telegram's 4096 with a margin


def clip(text: str, limit: int = TEXT_LIMIT) -> str:
    """Cut long text at a line break; content is data and may grow."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit - 2)
    return text[: cut if cut > 0 else limit - 2] + "\n…"


def _date(moment: datetime | None, tz: str) -> str:
    return local_time(moment, tz)[:10] if moment else ""


def list_screen(offers: list[Offer], now: datetime, tz: str, _: Translator) -> Screen:
    kb = Keyboard()
    lines = [_("diag-list-title")]
    for offer in offers:
        q = offer.questionnaire
        lines.append("")
        lines.append(_("diag-list-item", title=escape(q.title), minutes=q.minutes, count=len(q.items)))
        if offer.last_finished:
            lines.append(_("diag-list-last", date=_date(offer.last_finished, tz)))
            if offer.due and offer.due <= now:
                lines.append(_("diag-list-due-now"))
            elif offer.due:
                lines.append(_("diag-list-due", date=_date(offer.due, tz)))
        if offer.open_attempt is not None:
            kb.button(
                text=_(
                    "diag-btn-resume", title=shorten(q.title, 40), answered=offer.answered, count=len(q.items)
                ),
                callback_data=DiagCD(action=DiagAction.OPEN, q=q.id),
            )
        else:
            kb.button(
                text=_("diag-btn-start", title=shorten(q.title, 48)),
                callback_data=DiagCD(action=DiagAction.OPEN, q=q.id),
            )
        if offer.last_finished:
            kb.button(
                text=_("diag-btn-last-result", title=shorten(q.title, 40)),
                callback_data=DiagCD(action=DiagAction.LAST, q=q.id),
            )
    if not offers:
        lines.append(_("diag-list-empty"))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    return clip("\n".join(lines)), kb.as_markup()


def intro_screen(q: Questionnaire, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("diag-btn-begin"), callback_data=DiagCD(action=DiagAction.BEGIN, q=q.id))
    kb.button(text=_("btn-back"), callback_data=DiagCD(action=DiagAction.LIST))
    scale = "\n".join(f"• {escape(o.label)}" for o in q.scale)
    text = _(
        "diag-intro",
        title=escape(q.title),
        description=escape(q.description),
        minutes=q.minutes,
        count=len(q.items),
        scale=scale,
    )
    return clip(text), kb.as_markup()


def item_screen(q: Questionnaire, attempt: DiagnosisAttempt, current: int | None, _: Translator) -> Screen:
    index = attempt.position
    area, item = q.items[index]
    kb = Keyboard()
    for option in q.scale:
        mark = "✓ " if current == option.value else ""
        kb.button(
            text=mark + option.label,
            callback_data=DiagCD(action=DiagAction.ANS, a=attempt.id, i=index, v=option.value),
        )
    sizes = [1] * len(q.scale)
    if item.optional:
        kb.button(
            text=_("diag-btn-skip"), callback_data=DiagCD(action=DiagAction.SKIP, a=attempt.id, i=index)
        )
        sizes.append(1)
    nav = 1
    if index > 0:
        kb.button(text=_("btn-back"), callback_data=DiagCD(action=DiagAction.BACK, a=attempt.id, i=index))
        nav += 1
    kb.button(text=_("diag-btn-later"), callback_data=DiagCD(action=DiagAction.LATER, a=attempt.id, i=index))
    kb.adjust(*sizes, nav)
    text = _(
        "diag-item",
        number=index + 1,
        count=len(q.items),
        area=escape(area.title),
        text=escape(item.text),
    )
    if item.optional:
        text += "\n\n" + _("diag-item-optional")
    return text, kb.as_markup()


def later_screen(q: Questionnaire, attempt: DiagnosisAttempt, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("diag-btn-continue"), callback_data=DiagCD(action=DiagAction.OPEN, q=q.id))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return _(
        "diag-later", title=escape(q.title), answered=attempt.position, count=len(q.items)
    ), kb.as_markup()


def level_word(level: Level | None, _: Translator) -> str:
    return _(f"level-{level.value}") if level else _("level-none")


def area_line(result: AreaResult, _: Translator) -> str:
    if result.score is None or result.level is None:
        return _("diag-area-none", area=escape(result.title))
    return _(
        "diag-area-line",
        mark=LEVEL_MARK[result.level],
        area=escape(result.title),
        score=round(result.score),
        level=level_word(result.level, _),
    )


def change_line(change: AreaChange, _: Translator) -> str:
    direction = change.direction
    return _(
        f"diag-change-{direction}",
        area=escape(change.title),
        before=level_word(change.before, _),
        after=level_word(change.after, _),
    )


def results_text(outcome: Outcome, due: datetime | None, tz: str, _: Translator) -> str:
    ordered = sorted(outcome.results, key=lambda r: (r.score is None, r.score if r.score is not None else 0))
    lines = [
        _(
            "diag-results-title",
            title=escape(outcome.questionnaire.title),
            date=_date(outcome.attempt.finished_at, tz),
        ),
        "",
        _("diag-results-weakest"),
    ]
    lines += [area_line(r, _) for r in ordered[:3]]
    if len(ordered) > 3:
        lines += ["", _("diag-results-rest")]
        lines += [area_line(r, _) for r in ordered[3:]]
    if outcome.changes:
        lines += ["", _("diag-results-changes")]
        lines += [change_line(c, _) for c in outcome.changes]
    levels = outcome.questionnaire.levels
    lines += ["", _("diag-results-legend", high=levels.high_below, medium=levels.medium_below)]
    if due:
        lines += ["", _("diag-results-next", date=_date(due, tz))]
    return clip("\n".join(lines))


def recommendations_screen(outcome: Outcome, share: bool, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("diag-btn-plan"), callback_data=DiagCD(action=DiagAction.PLAN, a=outcome.attempt.id))
    kb.button(
        text=_("diag-btn-history"),
        callback_data=DiagCD(action=DiagAction.HISTORY, q=outcome.questionnaire.id),
    )
    kb.button(
        text=_("diag-btn-share-off") if share else _("diag-btn-share-on"),
        callback_data=DiagCD(action=DiagAction.SHARE, a=outcome.attempt.id, v=0 if share else 1),
    )
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    if not outcome.recommendations:
        return _("diag-recs-none"), kb.as_markup()
    no_gaps = all(result.level is Level.LOW for result, _recs in outcome.recommendations)
    lines = [_("diag-recs-title-no-gaps" if no_gaps else "diag-recs-title")]
    for result, recs in outcome.recommendations:
        lines += ["", _("diag-recs-area", area=escape(result.title), level=level_word(result.level, _))]
        for rec in recs:
            # Course titles often state their hours already («КПК «…» (36 ч)»): don't say it twice.
            stated = rec.hours is not None and f"{rec.hours} ч" in rec.title
            hours = _("diag-recs-hours", hours=rec.hours) if rec.hours and not stated else ""
            line = _("diag-recs-item", form=_(f"form-{rec.form.value}"), title=escape(rec.title), hours=hours)
            line += "\n" + escape(rec.description)
            if rec.link:
                line += "\n" + escape(rec.link)
            lines.append(line)
    return clip("\n".join(lines)), kb.as_markup()


HISTORY_SHOWN = 6  # attempts side by side on an area's line: a phone's width


def history_lines(rows: list[tuple[DiagnosisAttempt, list[AreaResult]]], tz: str, _: Translator) -> list[str]:
    """`rows` newest first → the dates oldest to newest, then a line per area (named) with its mark
    at each of those attempts, and the legend."""
    shown = list(reversed(rows[:HISTORY_SHOWN]))
    by_attempt = [{r.area: r for r in results} for _attempt, results in shown]
    titles: dict[str, str] = {}
    for _attempt, results in rows[:HISTORY_SHOWN]:  # the newest attempt's order and titles first
        for r in results:
            titles.setdefault(r.area, r.title)
    dates = " → ".join(_date(attempt.finished_at, tz) for attempt, _results in shown)
    key = "diag-history-dates" if len(shown) > 1 else "diag-history-date"
    lines = [_(key, dates=dates), ""]
    for area, title in titles.items():
        found = [results.get(area) for results in by_attempt]
        marks = " → ".join(LEVEL_MARK[r.level] if r and r.level else NO_MARK for r in found)
        latest = found[-1]
        lines.append(
            _(
                "diag-history-line",
                area=escape(title),
                marks=marks,
                level=level_word(latest.level if latest else None, _),
            )
        )
    lines += ["", _("diag-history-legend")]
    return lines


def history_screen(
    q_title: str, rows: list[tuple[DiagnosisAttempt, list[AreaResult]]], tz: str, _: Translator
) -> Screen:
    """Each area on its own line, by name: its level at each attempt, oldest to newest, and the
    latest level in words; a legend of the marks under them; a button per attempt to open it."""
    kb = Keyboard()
    lines = [_("diag-history-title", title=escape(q_title))]
    if rows:
        lines += ["", *history_lines(rows, tz, _)]
    for attempt, _results in rows[:10]:
        kb.button(
            text=_("diag-btn-open-attempt", date=_date(attempt.finished_at, tz)),
            callback_data=DiagCD(action=DiagAction.RESULT, a=attempt.id),
        )
    if not rows:
        lines.append(_("diag-history-empty"))
    kb.button(text=_("btn-back"), callback_data=DiagCD(action=DiagAction.LIST))
    kb.adjust(*([2] * (min(len(rows), 10) // 2)), *([1] * (min(len(rows), 10) % 2)), 1)
    return clip("\n".join(lines)), kb.as_markup()


# --- results: the text, the chart, the recommendations ------------------------------------------------


async def render_radar(outcome: Outcome, _: Translator) -> bytes:
    """Drawn in a worker thread (~200 ms of CPU): the bot keeps answering others meanwhile."""
    return await charts.draw(
        charts.radar_png,
        [(r.title, r.score) for r in outcome.results],
        title=outcome.questionnaire.title,
        previous=[(r.title, r.score) for r in outcome.previous] if outcome.previous else None,
        labels=(_("chart-now"), _("chart-before")),
        thresholds=(outcome.questionnaire.levels.high_below, outcome.questionnaire.levels.medium_below),
    )


async def show_results(event: CallbackQuery, results: Results, _: Translator, *, edit: bool = True) -> None:
    """The results of a finished attempt: their text (in place of the screen when `edit`), the
    radar chart, then the recommendations with what to do next."""
    outcome = results.outcome
    await show(event, (results_text(outcome, results.due, results.timezone, _), None), edit=edit)
    png = await render_radar(outcome, _)
    if event.bot is not None:
        await event.bot.send_photo(
            event.from_user.id,
            BufferedInputFile(png, filename="diagnosis.png"),
            caption=_("diag-chart-caption"),
        )
    await show(event, recommendations_screen(outcome, results.shared, _), edit=False)


def item_view(view: Item, _: Translator) -> Screen:
    return item_screen(view.questionnaire, view.attempt, view.current, _)


def has_buttons(query: CallbackQuery) -> bool:
    """The tapped message is a screen with buttons (not an old text whose buttons are gone)."""
    return isinstance(query.message, Message) and query.message.reply_markup is not None
