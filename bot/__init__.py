"""Методист: a Telegram bot for the regional system of methodological support of teachers."""
