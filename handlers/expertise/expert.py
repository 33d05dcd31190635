"""The expert: the queue, a practice's card and files, scoring criterion by criterion, the comment,
sending the review, refusing it; and for anyone registered: «Хочу быть экспертом», the certificate."""

from __future__ import annotations

from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.callbacks import ExpertCD
from bot.domain.errors import Refusal
from bot.domain.practices import Verdict
from bot.i18n import Translator
from bot.services.practice_cert import build_certificate
from bot.turn import Turn
from bot.ui.expertise import expert as screens
from bot.ui.expertise.common import criterion_names
from bot.ui.messaging import show
from handlers.expertise.states import ExpertDialog
from storage.models import PracticeReview

BAD_COMMENT = frozenset({"xp-comment-empty", "xp-comment-long"})
AFTER_SUBMIT = {
    None: "xr-sent",
    Verdict.THIRD: "xr-sent",
    Verdict.PUBLISH: "xr-sent-closed",
    Verdict.RETURN: "xr-sent-closed",
    Verdict.DECLINE: "xr-sent-closed",
}


async def home(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.home_screen(await turn.services.expertise.home(turn.user), _))


async def card(query: CallbackQuery, turn: Turn, review: PracticeReview, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.card_screen(await turn.services.expertise.review_card(review), _))


async def files(query: CallbackQuery, turn: Turn, review: PracticeReview) -> None:
    found = await turn.services.expertise.review_card(review)
    for item in found.files:
        if item.kind == "photo":
            await turn.bot.send_photo(query.from_user.id, item.file_id)
        else:
            await turn.bot.send_document(query.from_user.id, item.file_id)


async def criterion(
    query: CallbackQuery, callback_data: ExpertCD, turn: Turn, review: PracticeReview, _: Translator
) -> None:
    found = await turn.services.expertise.review_card(review)
    if not 0 <= callback_data.c < len(found.sheet.criteria):
        raise Refusal("xp-stale")
    await show(query, screens.criterion_screen(found, callback_data.c, _))


async def score(
    query: CallbackQuery, callback_data: ExpertCD, turn: Turn, review: PracticeReview, _: Translator
) -> None:
    found = await turn.services.expertise.score(review, callback_data.c, callback_data.v)
    await show(query, screens.card_screen(found, _))


async def ask_comment(query: CallbackQuery, turn: Turn, review: PracticeReview, _: Translator) -> None:
    await turn.state.set_state(ExpertDialog.comment)
    await turn.state.set_data({"review": review.id})
    await show(query, screens.comment_prompt(_, review.id))


async def got_comment(message: Message, turn: Turn, _: Translator) -> None:
    review_id = int((await turn.state.get_data()).get("review", 0))
    try:
        found = await turn.services.expertise.comment(turn.user, review_id, message.text or "")
    except Refusal as problem:
        if problem.key not in BAD_COMMENT:
            raise
        # The prompt again, with the way back to the card: the comment stays to be written.
        text, markup = screens.comment_prompt(_, review_id)
        await message.answer(_(problem.key, **problem.values) + "\n\n" + text, reply_markup=markup)
        return
    await turn.state.clear()
    await show(message, screens.card_screen(found, _))


async def comment_not_text(message: Message, turn: Turn, _: Translator) -> None:
    review_id = int((await turn.state.get_data()).get("review", 0))
    text, markup = screens.comment_prompt(_, review_id)
    await message.answer(_("xr-need-text") + "\n\n" + text, reply_markup=markup)


async def submit(query: CallbackQuery, turn: Turn, review: PracticeReview, _: Translator) -> None:
    sent = await turn.services.expertise.submit(review)
    await show(query, screens.after_screen(AFTER_SUBMIT[sent.verdict], _))


async def ask_refuse(query: CallbackQuery, review: PracticeReview, _: Translator) -> None:
    await show(query, screens.refuse_screen(review.id, _))


async def refuse(query: CallbackQuery, turn: Turn, review: PracticeReview, _: Translator) -> None:
    await turn.services.expertise.refuse(review)
    await show(query, screens.after_screen("xr-refused", _))


async def apply_offer(event: Message | CallbackQuery, turn: Turn, _: Translator) -> None:
    assert turn.user is not None  # RegisteredOnly
    await show(event, screens.apply_screen(await turn.services.expertise.apply_view(turn.user), _))


async def apply(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    assert turn.user is not None
    await show(query, screens.apply_screen(await turn.services.expertise.apply(turn.user), _))


async def certificate(query: CallbackQuery, callback_data: ExpertCD, turn: Turn, _: Translator) -> None:
    service = turn.services.expertise
    cert = await service.certificate(turn.user, callback_data.p)
    turn.answer.text = _("export-wait")
    content = build_certificate(cert, criterion_names(service.sheet, _), _)
    document = BufferedInputFile(content, filename=f"certificate-{cert.number}.docx")
    await turn.bot.send_document(query.from_user.id, document, caption=_("xr-cert-caption"))
