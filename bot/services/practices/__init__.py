"""The bank of effective practices (part 10).

- `bank` — the author's and the reader's side: drafts, sending to the experts, revising a returned
  practice, «Мои практики», search and cards (`PracticeBankService`, `services.practices`);
- `published` — `on_published(practice_id)`: a practice that became PUBLISHED is counted once in its
  author's route (ИОМ); the experts' decision calls `services.practices.on_published(practice_id)`.
"""

from __future__ import annotations

from bot.services.practices.bank import CardView, PracticeBankService, SearchView, Submitted
from bot.services.practices.published import Counted, on_published

__all__ = ["CardView", "Counted", "PracticeBankService", "SearchView", "Submitted", "on_published"]
