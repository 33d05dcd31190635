"""Use cases: domain rules applied through repositories. No aiogram here."""
