"""«📚 Банк практик» (part 10): everyone registered reads the bank — search by words in any of their
forms, the newest, filters by subject, grade and form, a practice's card and files (`reading`,
RegisteredOnly); those who teach offer their own practices and follow them in «🗂 Мои практики»
(`writing`, TeachersOnly). A practice in the callback data is loaded and checked by the filters:
published or one's own to read, one's own draft or returned practice to change.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter

from bot.callbacks import MenuCD, PracticeAction, PracticeCD, Section
from bot.middlewares import RegisteredOnly, TeachersOnly, gated
from handlers.practices import reading, writing
from handlers.practices.filters import EditablePractice, OwnPractice, VisiblePractice
from handlers.practices.states import PracticeSearch, PracticeWizard

A = PracticeAction


def build_router() -> Router:
    router = Router(name=__name__)
    readers = gated(f"{__name__}.reading", RegisteredOnly())
    on, typed = readers.callback_query.register, readers.message.register
    cd = PracticeCD.filter
    on(reading.home, MenuCD.filter(F.section == Section.PRACTICES))
    on(reading.home, cd(F.action == A.HOME))
    on(reading.find, cd(F.action == A.FIND))
    typed(reading.got_words, PracticeSearch.words, F.text)
    typed(reading.need_words, PracticeSearch.words)
    on(reading.listing, cd(F.action.in_({A.LIST, A.NEWEST})))
    on(reading.pick_filter, cd(F.action == A.FILTER))
    on(reading.card, cd(F.action == A.CARD), VisiblePractice())
    on(reading.files, cd(F.action == A.FILES), VisiblePractice())

    authors = gated(f"{__name__}.writing", TeachersOnly())
    on, typed = authors.callback_query.register, authors.message.register
    on(writing.new, cd(F.action == A.NEW))
    on(writing.mine, cd(F.action == A.MINE))
    on(writing.resume, cd(F.action == A.RESUME), EditablePractice())
    on(writing.step, cd(F.action == A.STEP), EditablePractice())
    on(writing.next_step, cd(F.action == A.NEXT), EditablePractice())
    on(writing.toggle_subject, cd(F.action == A.SUBJ), EditablePractice())
    on(writing.toggle_grade, cd(F.action == A.GRADE), EditablePractice())
    on(writing.pick_form, cd(F.action == A.FORM), EditablePractice())
    on(writing.drop_files, cd(F.action == A.FILES_DROP), EditablePractice())
    on(writing.clear_links, cd(F.action == A.LINKS_CLEAR), EditablePractice())
    on(writing.preview, cd(F.action == A.PREVIEW), EditablePractice())
    on(writing.edit_menu, cd(F.action == A.EDIT), EditablePractice())
    on(writing.submit, cd(F.action == A.SUBMIT), OwnPractice())
    on(writing.drop, cd(F.action == A.DROP), OwnPractice())
    on(writing.drop_yes, cd(F.action == A.DROP_YES), OwnPractice())
    on(writing.cancel, cd(F.action == A.CANCEL))
    typed(writing.got_title, PracticeWizard.title, F.text)
    typed(writing.got_description, PracticeWizard.description, F.text)
    typed(writing.got_file, PracticeWizard.files, F.photo | F.document)
    typed(writing.need_file, PracticeWizard.files)
    typed(writing.got_links, PracticeWizard.links, F.text)
    typed(
        writing.need_text, StateFilter(PracticeWizard.title, PracticeWizard.description, PracticeWizard.links)
    )
    typed(writing.use_buttons, PracticeWizard.choice)

    router.include_router(readers)
    router.include_router(authors)
    return router


__all__ = ["build_router"]
