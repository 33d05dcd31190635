"""Staff's consultation screens (`screens`), the report's spreadsheet (`sheets`) and the service
level's notices (`notices`, registered with `@renders` on import)."""

from __future__ import annotations

from bot.ui.consult_staff import notices as _notices  # noqa: F401 (registers the renderers)
