"""Mentors, young specialists' requests, pairs, the meeting log, adaptation checks, escalations:
one repository (`repos.mentoring`) put together from its parts."""

from __future__ import annotations

from storage.repositories.mentoring.base import HOLDING, young_filter
from storage.repositories.mentoring.log import LogQueries
from storage.repositories.mentoring.pairs import PairQueries
from storage.repositories.mentoring.people import PeopleQueries


class MentoringRepo(PeopleQueries, PairQueries, LogQueries):
    """Everything mentoring reads and writes (see the parts)."""


__all__ = ["HOLDING", "MentoringRepo", "young_filter"]
