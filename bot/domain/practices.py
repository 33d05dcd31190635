"""The bank of effective practices and its expert review: the words a practice's life is told in.

A teacher drafts a practice and submits it; two experts from the pool (not from the author's school)
score it on the published sheet of criteria; the decision — publish, return with comments, decline —
follows the rule in this module's review part. A returned practice is revised and resubmitted as a
new round.
"""

from __future__ import annotations

from enum import StrEnum


class PracticeForm(StrEnum):
    LESSON = "lesson"  # урок
    EXTRACURRICULAR = "extracurricular"  # внеурочное занятие
    PROJECT = "project"  # проект
    UPBRINGING = "upbringing"  # воспитательное мероприятие
    METHODICAL = "methodical"  # методическая разработка
    OTHER = "other"


class PracticeStatus(StrEnum):
    DRAFT = "draft"  # the author is still writing it
    SUBMITTED = "submitted"  # waiting for experts to be assigned
    IN_REVIEW = "in_review"  # experts are scoring it
    RETURNED = "returned"  # back with the experts' comments, to revise and resubmit
    PUBLISHED = "published"  # in the bank, found by search
    DECLINED = "declined"


class ExpertStatus(StrEnum):
    PENDING = "pending"  # asked to join the pool, waiting for staff
    ACTIVE = "active"
    PAUSED = "paused"  # takes no new reviews for now


class ReviewStatus(StrEnum):
    ASSIGNED = "assigned"
    DONE = "done"
    WITHDRAWN = "withdrawn"  # taken from an expert (refused, overdue and reassigned, round superseded)
