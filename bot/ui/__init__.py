"""Screens and keyboards: functions from domain objects and the translator to (text, markup)."""
