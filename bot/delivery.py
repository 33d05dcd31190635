"""The one delivery path for messages to someone other than the person acting: the outbox.

`OutboxNotifier` renders a service's `Notice` in the recipient's language with the renderer
`bot/ui` registered for it (`@renders(Kind)`), queues it in the outbox within the current
transaction, and wakes the outbox worker once that transaction has committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar

from aiogram.types import InlineKeyboardMarkup

from bot.commit import after_commit
from bot.domain.time import Clock
from bot.i18n import I18n, Translator
from bot.services.notices import Letter, Notice
from storage.models import User
from storage.repositories.outbox import OutboxRepo, Recipient

N = TypeVar("N", bound=Notice)
Rendered = tuple[str, InlineKeyboardMarkup | None]
Renderer = Callable[[Any, Translator], Rendered]
TypedRenderer = Callable[[N, Translator], Rendered]

_RENDERERS: dict[type[Notice], Renderer] = {}
# The outbox's dedupe column (storage.models.OutboxMessage.dedupe).
DEDUPE_LENGTH = 64


def renders(
    kind: type[N],
) -> Callable[[Callable[[N, Translator], Rendered]], Callable[[N, Translator], Rendered]]:
    """Register the renderer of one kind of notice (in the `bot/ui` module of its area)."""

    def register(func: TypedRenderer[N]) -> TypedRenderer[N]:
        if kind in _RENDERERS and _RENDERERS[kind] is not func:
            raise RuntimeError(f"{kind.__name__} has a renderer already")
        _RENDERERS[kind] = func
        return func

    return register


def render(notice: Notice, _: Translator) -> Rendered:
    try:
        renderer = _RENDERERS[type(notice)]
    except KeyError:
        raise LookupError(f"no renderer for {type(notice).__name__}: decorate one with @renders") from None
    return renderer(notice, _)


class OutboxNotifier:
    """`Notifier` on the outbox: `wake` (the worker's) is called once the transaction has committed
    — at the end of an update (DbSessionMiddleware), or of a job's `JobRuntime.services()`."""

    def __init__(self, outbox: OutboxRepo, i18n: I18n, clock: Clock, wake: Callable[[], None] | None) -> None:
        self.outbox = outbox
        self.i18n = i18n
        self.clock = clock
        self.wake = wake
        self._waking = False

    async def tell(
        self, to: User, notice: Notice, *, dedupe: str | None = None, not_before: datetime | None = None
    ) -> bool:
        return bool(await self.tell_many([Letter(to, notice, dedupe, not_before)]))

    async def tell_many(self, letters: Iterable[Letter]) -> list[Letter]:
        now = self.clock()
        translators: dict[str, Translator] = {}
        keyed: dict[str, Letter] = {}
        chosen: list[tuple[Letter, Recipient]] = []
        for letter in letters:
            dedupe = letter.dedupe
            if dedupe is not None and len(dedupe) > DEDUPE_LENGTH:
                # SQLite would keep a longer key; PostgreSQL refuses it, and the whole transaction
                # with it.
                raise ValueError(f"a dedupe key is {DEDUPE_LENGTH} characters at most: {dedupe!r}")
            to = letter.to
            if to.tg_id is None or (dedupe is not None and dedupe in keyed):
                continue
            if dedupe is not None:
                keyed[dedupe] = letter
            locale = to.locale or self.i18n.default_locale
            if locale not in translators:
                translators[locale] = self.i18n.get(locale)
            text, markup = render(letter.notice, translators[locale])
            recipient = Recipient(
                user_id=to.id,
                chat_id=to.tg_id,
                not_before=letter.not_before or now,
                text=text,
                markup=markup.model_dump(mode="json", exclude_none=True) if markup is not None else None,
                dedupe=dedupe,
            )
            chosen.append((letter, recipient))
        if not chosen:
            return []
        added = set(await self.outbox.enqueue_keyed([r for _l, r in chosen]))
        # Rows without a key are always added; a keyed one only if it was not queued before.
        queued = [letter for letter, r in chosen if r.dedupe is None or r.dedupe in added]
        if queued and self.wake is not None and not self._waking:
            self._waking = True  # once per transaction, however many are told
            await after_commit(self._wake_worker)
        return queued

    async def hold(self, chat_id: int, notice: Notice, *, to: User | None = None) -> None:
        """Keep `notice` for the chat of someone who has not opened the bot yet (or has blocked it):
        Telegram would refuse it now. It is queued when they next write (`UserMiddleware`) and sent
        as any other; rendered in their language if known, else the installation's."""
        locale = (to.locale if to is not None else None) or self.i18n.default_locale
        text, markup = render(notice, self.i18n.get(locale))
        recipient = Recipient(
            user_id=to.id if to is not None else None,
            chat_id=chat_id,
            not_before=self.clock(),
            text=text,
            markup=markup.model_dump(mode="json", exclude_none=True) if markup is not None else None,
            held=True,
        )
        await self.outbox.enqueue(None, [recipient])

    async def _wake_worker(self) -> None:
        self._waking = False
        if self.wake is not None:
            self.wake()
