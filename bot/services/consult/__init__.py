"""«Вопрос методисту»: asking, routing, the conversation through the bot, closing, rating, the FAQ.

Who reaches what is decided here, from the database as it is now: a teacher reaches their own
questions, a methodist the questions assigned to them while they hold the role and its scope covers
the question's municipality; anything else is refused with `Refusal` before anything is written.
Every change that two taps or two people could race for (sending a draft, closing, rating,
publishing) is one conditional statement whose row count decides. Notices go to the outbox in the
update's transaction.

For the staff side (h3's screens, the SLA jobs): `reassign`, and the columns kept here —
`waiting_on`, `first_answer_at` (the methodist's first message), `last_activity_at` (any message),
`closed_at` / `closed_by`, `rating`, `faq_consent`, `due_at` (`bot.domain.consult.answer_due`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.consult import (
    ConsultTopic,
    Lane,
    MessageKind,
    QuestionStatus,
    QueueItem,
    Side,
    answer_due,
    lane,
    pick_for_question,
    queue_order,
    search_text,
    stems,
)
from bot.domain.errors import Refusal
from bot.domain.roles import Role, scope_covers
from bot.domain.routes import MethodistCandidate
from bot.domain.time import Clock, zone_of
from bot.services.base import UnitOfWork
from bot.services.consult.notices import QuestionArrived, QuestionClosed, ReplyArrived
from bot.services.notices import Notifier
from storage.models import ConsultFaq, ConsultMessage, ConsultQuestion, User
from storage.repositories.consult import ConsultRepo
from storage.repositories.routes import AssignmentRepo
from storage.repositories.users import UserRepo

PAGE = 8
FAQ_PAGE = 8
SIMILAR = 3
FAQ_TEXT_MAX = 3000


@dataclass(frozen=True, slots=True)
class Draft:
    """One message of the conversation as the person sent it."""

    kind: MessageKind
    text: str | None = None
    file_id: str | None = None
    file_name: str | None = None


@dataclass(frozen=True, slots=True)
class Thread:
    """A question with its conversation, as either side sees it."""

    question: ConsultQuestion
    teacher: User | None
    methodist: User | None
    messages: list[ConsultMessage]
    published: bool
    timezone: str  # the viewer's

    @property
    def files(self) -> list[ConsultMessage]:
        return [m for m in self.messages if m.file_id]


@dataclass(frozen=True, slots=True)
class QueueRow:
    question: ConsultQuestion
    lane: Lane
    teacher: User | None


@dataclass(frozen=True, slots=True)
class Queue:
    rows: list[QueueRow]  # this page's
    page: int
    pages: int
    total: int
    timezone: str


def methodist_scope(person: User | None) -> tuple[bool, int | None]:
    """(holds the methodist role, its scope: None regional)."""
    held = [r for r in person.roles if r.role == Role.METHODIST] if person is not None else []
    return bool(held), held[0].scope_municipality_id if held else None


def may_answer(person: User | None, roles: frozenset[Role], question: ConsultQuestion) -> bool:
    """The methodist assigned to the question, holding the role now, its scope covering the
    question's municipality."""
    if person is None or Role.METHODIST not in roles or question.methodist_id != person.id:
        return False
    held, scope = methodist_scope(person)
    return held and scope_covers(scope, question.municipality_id)


class ConsultService:
    def __init__(
        self,
        consult: ConsultRepo,
        users: UserRepo,
        assignments: AssignmentRepo,
        uow: UnitOfWork,
        notifier: Notifier,
        *,
        clock: Clock,
        timezone: str,
    ) -> None:
        self.repo = consult
        self.users = users
        self.assignments = assignments
        self.uow = uow
        self.notifier = notifier
        self.clock = clock
        self.timezone = timezone

    def _zone(self, person: User | None) -> str:
        return zone_of(person, self.timezone)

    # --- asking ------------------------------------------------------------------------------------

    def default_subject(self, teacher: User) -> str | None:
        return teacher.subjects[0].subject if teacher.subjects else None

    def subject_allowed(self, teacher: User, subject: str) -> bool:
        return subject in {s.subject for s in teacher.subjects}

    async def similar(self, topic: ConsultTopic, text: str | None) -> list[ConsultFaq]:
        """FAQ entries a teacher should see before asking: those sharing the most words with the
        question, of its topic before others."""
        found = stems(text or "")
        return await self.repo.faq_search(found, topic, SIMILAR, all_words=False) if found else []

    async def route(self, teacher: User, subject: str | None) -> User | None:
        """The teacher's own methodist (staff's or the automatic assignment of routes) when they can
        still work with the teacher; else, by subject and municipality, the methodist with the
        fewest open questions whose role covers the teacher; None when there is nobody."""
        assignment = await self.assignments.of_teacher(teacher.id)
        if assignment is not None and assignment.methodist_id != teacher.id:
            own = await self.users.by_id(assignment.methodist_id)
            held, scope = methodist_scope(own)
            if own is not None and held and scope_covers(scope, teacher.municipality_id):
                return own
        candidates = [
            MethodistCandidate(m.user_id, m.scope_municipality_id, m.subjects, m.open_questions)
            for m in await self.repo.methodists(teacher.municipality_id)
            if m.user_id != teacher.id
        ]
        chosen = pick_for_question(
            teacher.municipality_id, subject, (s.subject for s in teacher.subjects), candidates
        )
        return await self.users.by_id(chosen) if chosen is not None else None

    async def ask(
        self, teacher: User, topic: ConsultTopic, subject: str | None, draft: Draft, draft_key: str
    ) -> tuple[ConsultQuestion, bool]:
        """Send the question: routed, with its deadline, the methodist told. (question, new): a
        draft sent before (a double tap, a second process) gives the question it made."""
        if subject is not None and not self.subject_allowed(teacher, subject):
            subject = None
        now = self.clock()
        methodist = await self.route(teacher, subject)
        question = await self.repo.create_once(
            teacher_id=teacher.id,
            methodist_id=methodist.id if methodist is not None else None,
            topic=topic,
            subject=subject,
            municipality_id=teacher.municipality_id,
            status=QuestionStatus.OPEN,
            waiting_on=Side.METHODIST,
            created_at=now,
            due_at=answer_due(now, self._zone(teacher)),
            last_activity_at=now,
            draft_key=draft_key,
        )
        if question is None:
            existing = await self.repo.by_draft(teacher.id, draft_key)
            if existing is None:  # pragma: no cover - the conflict names this very row
                raise Refusal("consult-stale")
            return existing, False
        await self.repo.add_message(
            question_id=question.id,
            author_id=teacher.id,
            side=Side.TEACHER,
            kind=draft.kind,
            text=draft.text,
            file_id=draft.file_id,
            file_name=draft.file_name,
            created_at=now,
        )
        if methodist is not None:
            await self._tell_arrived(methodist, question, teacher, draft)
        return question, True

    async def _tell_arrived(
        self,
        methodist: User,
        question: ConsultQuestion,
        teacher: User | None,
        draft: Draft,
    ) -> None:
        due = question.due_at.astimezone(ZoneInfo(self._zone(methodist))) if question.due_at else None
        notice = QuestionArrived(
            question.id,
            teacher.full_name if teacher is not None else None,
            ConsultTopic(question.topic),
            question.subject,
            draft.kind,
            draft.text,
            due,
        )
        await self.notifier.tell(methodist, notice, dedupe=f"cq-new:{question.id}")

    # --- reaching a question -----------------------------------------------------------------------

    async def _thread(self, question: ConsultQuestion, viewer: User) -> Thread:
        teacher = await self.users.by_id(question.teacher_id)
        methodist = await self.users.by_id(question.methodist_id) if question.methodist_id else None
        published = await self.repo.faq_of_question(question.id) is not None
        return Thread(
            question, teacher, methodist, await self.repo.messages(question.id), published, self._zone(viewer)
        )

    async def own(self, teacher: User | None, question_id: int) -> ConsultQuestion:
        """The teacher's own question (a forged id of someone else's is refused)."""
        question = await self.repo.question(question_id)
        if teacher is None or question is None or question.teacher_id != teacher.id:
            raise Refusal("consult-not-yours")
        return question

    async def assigned(
        self, methodist: User | None, roles: frozenset[Role], question_id: int
    ) -> ConsultQuestion:
        """A question assigned to this methodist, while they may answer it."""
        question = await self.repo.question(question_id)
        if question is None or not may_answer(methodist, roles, question):
            raise Refusal("consult-not-yours")
        return question

    async def thread(self, question: ConsultQuestion, viewer: User) -> Thread:
        return await self._thread(question, viewer)

    async def mine(self, teacher: User, page: int) -> tuple[list[ConsultQuestion], int, int]:
        """The teacher's questions, a page of them: (rows, page, pages)."""
        rows = await self.repo.of_teacher(teacher.id)
        pages = max(1, -(-len(rows) // PAGE))
        page = max(0, min(page, pages - 1))
        return rows[page * PAGE : (page + 1) * PAGE], page, pages

    async def queue(self, methodist: User, page: int) -> Queue:
        """The methodist's queue: overdue, new, waiting for the teacher; then closed ones the
        teacher allowed to publish."""
        now = self.clock()
        questions = {q.id: q for q in await self.repo.of_methodist(methodist.id)}
        items = [
            QueueItem(
                q.id,
                QuestionStatus(q.status),
                Side(q.waiting_on),
                q.created_at,
                q.due_at,
                q.first_answer_at,
                q.last_activity_at,
            )
            for q in questions.values()
        ]
        ordered = queue_order(items, now)
        pages = max(1, -(-len(ordered) // PAGE))
        page = max(0, min(page, pages - 1))
        rows = []
        for item in ordered[page * PAGE : (page + 1) * PAGE]:
            question = questions[item.question_id]
            rows.append(QueueRow(question, lane(item, now), await self.users.by_id(question.teacher_id)))
        return Queue(rows, page, pages, len(ordered), self._zone(methodist))

    # --- the conversation --------------------------------------------------------------------------

    async def post(
        self, question_id: int, side: Side, author: User, roles: frozenset[Role], draft: Draft
    ) -> Thread:
        """A message of either side, relayed to the other. A closed question takes none."""
        question = (
            await self.own(author, question_id)
            if side is Side.TEACHER
            else await self.assigned(author, roles, question_id)
        )
        if question.status != QuestionStatus.OPEN:
            raise Refusal("consult-closed")
        now = self.clock()
        other = Side.METHODIST if side is Side.TEACHER else Side.TEACHER
        values: dict[str, object] = {"waiting_on": other, "last_activity_at": now}
        if side is Side.METHODIST and question.first_answer_at is None:
            values["first_answer_at"] = now
        if not await self.repo.change_if(question.id, {"status": QuestionStatus.OPEN}, **values):
            raise Refusal("consult-closed")
        message = await self.repo.add_message(
            question_id=question.id,
            author_id=author.id,
            side=side,
            kind=draft.kind,
            text=draft.text,
            file_id=draft.file_id,
            file_name=draft.file_name,
            created_at=now,
        )
        question = await self.repo.question(question.id) or question
        recipient_id = question.methodist_id if side is Side.TEACHER else question.teacher_id
        recipient = await self.users.by_id(recipient_id) if recipient_id else None
        if recipient is not None:
            notice = ReplyArrived(
                question.id, other, author.full_name, ConsultTopic(question.topic), draft.kind, draft.text
            )
            await self.notifier.tell(recipient, notice, dedupe=f"cq-msg:{message.id}")
        return await self._thread(question, author)

    async def close(self, question_id: int, side: Side, actor: User, roles: frozenset[Role]) -> Thread:
        """«✅ Вопрос решён» (the teacher) or «Закрыть» (the methodist); a second tap changes nothing."""
        question = (
            await self.own(actor, question_id)
            if side is Side.TEACHER
            else await self.assigned(actor, roles, question_id)
        )
        now = self.clock()
        closed = await self.repo.change_if(
            question.id,
            {"status": QuestionStatus.OPEN},
            status=QuestionStatus.CLOSED,
            closed_at=now,
            closed_by=side,
            last_activity_at=now,
        )
        if not closed:
            raise Refusal("consult-closed")
        question = await self.repo.question(question.id) or question
        other_id = question.methodist_id if side is Side.TEACHER else question.teacher_id
        other = await self.users.by_id(other_id) if other_id else None
        if other is not None:
            to = Side.METHODIST if side is Side.TEACHER else Side.TEACHER
            notice = QuestionClosed(question.id, to, actor.full_name, ConsultTopic(question.topic))
            await self.notifier.tell(other, notice, dedupe=f"cq-closed:{question.id}")
        return await self._thread(question, actor)

    async def rate(self, question_id: int, teacher: User, rating: int) -> ConsultQuestion:
        question = await self.own(teacher, question_id)
        if not 1 <= rating <= 5:
            raise Refusal("consult-stale")
        if question.status != QuestionStatus.CLOSED:
            raise Refusal("consult-not-closed")
        if not await self.repo.change_if(question.id, {"rating": None}, rating=rating):
            raise Refusal("consult-rated-already", alert=False)
        return await self.repo.question(question.id) or question

    async def consent(self, question_id: int, teacher: User, allowed: bool) -> ConsultQuestion:
        question = await self.own(teacher, question_id)
        if question.status != QuestionStatus.CLOSED:
            raise Refusal("consult-not-closed")
        if not await self.repo.change_if(question.id, {"faq_consent": None}, faq_consent=allowed):
            raise Refusal("consult-consent-already", alert=False)
        return await self.repo.question(question.id) or question

    # --- the FAQ -----------------------------------------------------------------------------------

    def may_publish(self, thread: Thread) -> bool:
        q = thread.question
        return q.status == QuestionStatus.CLOSED and q.faq_consent is True and not thread.published

    async def publish(
        self, question: ConsultQuestion, methodist: User, question_text: str, answer_text: str
    ) -> ConsultFaq:
        """The methodist's edited question and answer, without the asker's name, into the FAQ; once."""
        thread = await self._thread(question, methodist)
        if question.status != QuestionStatus.CLOSED or question.faq_consent is not True:
            raise Refusal("consult-no-consent")
        question_text, answer_text = question_text.strip(), answer_text.strip()
        if not question_text or not answer_text:
            raise Refusal("consult-faq-empty")
        entry = await self.repo.publish_once(
            question_id=question.id,
            topic=question.topic,
            subject=question.subject,
            question=question_text[:FAQ_TEXT_MAX],
            answer=answer_text[:FAQ_TEXT_MAX],
            search=search_text(question_text, answer_text),
            methodist_id=methodist.id,
            published_at=self.clock(),
        )
        if entry is None or thread.published:
            raise Refusal("consult-published-already")
        return entry

    def faq_defaults(self, thread: Thread) -> tuple[str, str]:
        """What the methodist may keep as it is: the teacher's first words, the methodist's answers."""
        teacher = [m.text for m in thread.messages if m.side == Side.TEACHER and m.text]
        answers = [m.text for m in thread.messages if m.side == Side.METHODIST and m.text]
        return (teacher[0] if teacher else ""), "\n\n".join(answers)

    async def faq_topic(self, topic: ConsultTopic, page: int) -> tuple[list[ConsultFaq], int, int]:
        rows, total = await self.repo.faq_by_topic(topic, max(0, page) * FAQ_PAGE, FAQ_PAGE)
        pages = max(1, -(-total // FAQ_PAGE))
        return rows, min(max(0, page), pages - 1), pages

    async def faq_search(self, text: str) -> list[ConsultFaq]:
        """Entries with every word of `text` in any grammatical form; failing that, with most of them."""
        found = stems(text)
        if not found:
            return []
        rows = await self.repo.faq_search(found, None, FAQ_PAGE, all_words=True)
        return rows or await self.repo.faq_search(found, None, FAQ_PAGE, all_words=False)

    async def faq_entry(self, entry_id: int) -> ConsultFaq:
        entry = await self.repo.faq_entry(entry_id)
        if entry is None:
            raise Refusal("consult-faq-gone")
        return entry

    # --- staff -------------------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock()
