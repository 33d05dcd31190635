"""A polite «no» from the domain, said in the person's language by whoever shows it."""

from __future__ import annotations


class Refusal(Exception):
    """What the person may not do or reach, as a locale key and its values.

    Services and the `Owned` filters raise it; handlers let it go up. The error handler
    (`handlers/errors`) answers a tap with an alert (or a short note when `alert` is False) and a
    message with a reply and the menu. Raised before anything is written, or the update's
    transaction is rolled back with it.
    """

    def __init__(self, key: str, /, *, alert: bool = True, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.alert = alert
        self.values = values
        # Set once the tap has been answered with it (SafeCallbackAnswer), so nobody answers twice.
        self.answered = False
