"""Screens of the expert review: the expert's queue and scoring (`expert`), staff's pool and juries
(`staff`), and the notices (`notices`, imported here so their renderers are registered wherever
these screens are)."""

from __future__ import annotations

from bot.ui.expertise import notices as notices

__all__ = ["notices"]
