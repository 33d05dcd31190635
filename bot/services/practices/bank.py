"""The practice bank for teachers: writing a practice (a draft kept in the database, so nothing is
lost to a restart), sending it to the experts, revising a returned one, «Мои практики», and reading
the bank — search by words in any of their forms, filters, a practice's card and files.

Who reaches what: a published practice — everyone registered; anything else — its author alone
(`visible`, `own`, `editable` raise `Refusal` otherwise, before anything is written).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.domain import practice_bank as rules
from bot.domain.errors import Refusal
from bot.domain.practice_bank import EDITABLE, PAGE_SIZE, Problem
from bot.domain.practices import PracticeForm, PracticeStatus
from bot.domain.profile import SUBJECTS
from bot.domain.time import Clock, local_today, zone_of
from bot.i18n import I18n
from bot.services.base import UnitOfWork
from bot.services.practices.published import Counted, PublishedRepos, on_published
from storage.models import Practice, PracticeFile, User
from storage.repositories.practice_bank import Filters


@dataclass(frozen=True, slots=True)
class CardView:
    practice: Practice
    author: str
    files: list[PracticeFile]
    comments: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SearchView:
    query: str
    filters: Filters
    practices: list[Practice]
    total: int
    page: int
    names: dict[int, str]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


@dataclass(frozen=True, slots=True)
class Submitted:
    practice: Practice
    sent: bool  # False: it had been sent already (a double tap) or is not the author's to send
    missing: tuple[str, ...] = ()  # steps still to answer: nothing was sent


class PracticeBankService:
    def __init__(
        self, repos: PublishedRepos, uow: UnitOfWork, i18n: I18n, *, clock: Clock, timezone: str, locale: str
    ) -> None:
        self.repos = repos
        self.bank = repos.practice_bank
        self.uow = uow
        self.i18n = i18n
        self.clock = clock
        self.timezone = timezone
        self.locale = locale

    # --- reach ------------------------------------------------------------------------------------

    async def visible(self, user: User | None, practice_id: int) -> Practice:
        """A published practice, or one's own in any state."""
        practice = await self.bank.get(practice_id) if practice_id else None
        if practice is None or user is None:
            raise Refusal("pb-gone")
        if practice.status is PracticeStatus.PUBLISHED or practice.author_id == user.id:
            return practice
        raise Refusal("pb-gone")

    async def own(self, user: User | None, practice_id: int) -> Practice:
        practice = await self.bank.get(practice_id) if practice_id else None
        if practice is None or user is None or practice.author_id != user.id:
            raise Refusal("pb-gone")
        return practice

    async def editable(self, user: User | None, practice_id: int) -> Practice:
        """One's own draft, or one's own practice returned by the experts: the only ones to change."""
        practice = await self.own(user, practice_id)
        if practice.status not in EDITABLE:
            raise Refusal("pb-not-editable")
        return practice

    # --- writing ------------------------------------------------------------------------------------

    @staticmethod
    def default_subjects(user: User) -> list[str]:
        return [s.subject for s in user.subjects if s.subject in SUBJECTS]

    async def start(self, user: User, title: str) -> Practice | Problem:
        checked = rules.check_title(title)
        if isinstance(checked, Problem):
            return checked
        return await self.bank.create(user.id, checked, self.default_subjects(user))

    async def retitle(self, practice: Practice, title: str) -> Practice | Problem:
        checked = rules.check_title(title)
        if isinstance(checked, Problem):
            return checked
        await self.bank.update(practice, title=checked)
        return practice

    async def toggle_subject(self, practice: Practice, subject: str) -> Practice:
        if subject not in SUBJECTS:
            raise Refusal("pb-stale", alert=False)
        await self.bank.update(practice, subjects=[str(s) for s in rules.toggle(practice.subjects, subject)])
        return practice

    async def toggle_grade(self, practice: Practice, grade: int) -> Practice:
        if grade not in rules.GRADES:
            raise Refusal("pb-stale", alert=False)
        grades = sorted(int(str(g)) for g in rules.toggle(practice.grades, grade))
        await self.bank.update(practice, grades=grades)
        return practice

    async def set_form(self, practice: Practice, form: str) -> Practice:
        try:
            value = PracticeForm(form)
        except ValueError:
            raise Refusal("pb-stale", alert=False) from None
        await self.bank.update(practice, form=value)
        return practice

    async def describe(self, practice: Practice, text: str) -> Practice | Problem:
        checked = rules.check_description(text)
        if isinstance(checked, Problem):
            return checked
        await self.bank.update(practice, description=checked)
        return practice

    async def attach(self, practice: Practice, kind: str, file_id: str, name: str | None) -> int | Problem:
        """A document or a photo; the number of files it now has."""
        count = await self.bank.file_count(practice.id)
        if count >= rules.MAX_FILES:
            return Problem("pb-files-full", (("count", rules.MAX_FILES),))
        await self.bank.add_file(practice.id, file_id, (name or "")[:255] or None, kind)
        await self.bank.update(practice, updated_at=self.clock())
        return count + 1

    async def drop_files(self, practice: Practice) -> None:
        await self.bank.drop_files(practice.id)

    async def add_links(self, practice: Practice, text: str) -> Practice | Problem:
        good, bad = rules.parse_links(text)
        if bad or not good:
            return Problem("pb-link-bad")
        links = list(practice.links)
        for link in good:
            if link not in links:
                links.append(link)
        if len(links) > rules.MAX_LINKS:
            return Problem("pb-links-full", (("count", rules.MAX_LINKS),))
        await self.bank.update(practice, links=links)
        return practice

    async def clear_links(self, practice: Practice) -> Practice:
        await self.bank.update(practice, links=[])
        return practice

    def missing(self, practice: Practice) -> list[str]:
        return rules.missing(
            practice.title, practice.subjects, practice.grades, practice.form, practice.description
        )

    async def card(self, practice: Practice) -> CardView:
        author = await self.bank.author(practice)
        comments: list[str] = []
        if practice.status is PracticeStatus.RETURNED:
            comments = await self.bank.comments(practice.id, practice.round)
        return CardView(
            practice, (author.full_name if author else "") or "", await self.bank.files(practice.id), comments
        )

    async def files(self, practice: Practice) -> list[PracticeFile]:
        return await self.bank.files(practice.id)

    async def submit(self, user: User, practice: Practice) -> Submitted:
        gaps = self.missing(practice)
        if gaps:
            return Submitted(practice, False, tuple(gaps))
        sent = await self.bank.submit(
            practice.id, user.id, user.school_id, user.municipality_id, self.clock()
        )
        return Submitted(practice, sent)

    async def drop_draft(self, user: User, practice: Practice) -> bool:
        return await self.bank.delete_draft(practice.id, user.id)

    async def mine(self, user: User) -> list[Practice]:
        rows = await self.bank.mine(user.id)
        return sorted(rows, key=lambda p: (rules.MINE_ORDER.get(p.status, 9), -p.id))

    # --- reading the bank -------------------------------------------------------------------------

    async def search(self, query: str, filters: Filters, page: int) -> SearchView:
        query = " ".join(query.split())[: rules.QUERY_MAX]
        words = rules.words(query)[:8]
        stems = rules.query_stems(query)
        page = max(0, page)
        found = await self.bank.search(words, stems, filters, page * PAGE_SIZE, PAGE_SIZE)
        if not found.practices and page > 0 and found.total:
            page = (found.total - 1) // PAGE_SIZE
            found = await self.bank.search(words, stems, filters, page * PAGE_SIZE, PAGE_SIZE)
        names = await self.bank.names([p.author_id for p in found.practices])
        return SearchView(query, filters, found.practices, found.total, page, names)

    # --- published --------------------------------------------------------------------------------

    def today(self, user: User | None) -> date:
        return local_today(self.clock(), zone_of(user, self.timezone))

    async def on_published(self, practice_id: int) -> Counted | None:
        """Call whenever a practice becomes PUBLISHED (the experts' decision): counts it in the
        author's route once (see `bot.services.practices.published`). Idempotent."""
        practice = await self.bank.get(practice_id)
        if practice is None:
            return None
        author = await self.bank.author(practice)
        _ = self.i18n.get(author.locale if author and author.locale else self.locale)

        def evidence(p: Practice) -> str:
            return _("pb-evidence", title=p.title, number=p.id)

        return await on_published(self.repos, practice_id, self.clock(), self.today(author), evidence)
