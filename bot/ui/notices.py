"""Renderers of the notices of the bot itself (not of one area)."""

from __future__ import annotations

from bot.delivery import Rendered, renders
from bot.i18n import Translator
from bot.services.notices import SampleDirectoryLoaded


@renders(SampleDirectoryLoaded)
def sample_directory_loaded(notice: SampleDirectoryLoaded, _: Translator) -> Rendered:
    return (
        _("directory-sample-loaded", municipalities=notice.municipalities, schools=notice.schools),
        None,
    )
