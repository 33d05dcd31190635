"""Anti-flood buckets: pruned by age with a fake clock (never cleared wholesale), and a note that
says what really happened to the dropped taps."""

from __future__ import annotations

from bot.i18n import I18n
from bot.middlewares import ThrottlingMiddleware

BURST, RATE = 4, 2.0  # a full refill takes 2 s


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def middleware(clock: Clock) -> ThrottlingMiddleware:
    return ThrottlingMiddleware(I18n("ru"), BURST, RATE, clock=clock)


def test_buckets_idle_for_a_full_refill_are_pruned_by_age() -> None:
    clock = Clock()
    throttle = middleware(clock)
    for user_id in range(1, 101):
        assert throttle._allow(user_id) == (True, False)
    assert throttle.tracked() == 100
    clock.now += 1.0  # half a refill: nobody may be forgotten yet
    throttle._allow(500)
    assert throttle.tracked() == 101
    clock.now += 1.5  # the first hundred idle 2.5 s (> 2 s), user 500 only 1.5 s
    throttle._allow(501)
    assert throttle.tracked() == 2


def test_a_flooder_keeps_their_empty_bucket_while_pruning_runs() -> None:
    """Pruning the others must not hand the flooder a fresh burst."""
    clock = Clock()
    throttle = middleware(clock)
    throttle._allow(1)  # someone who goes idle
    for _ in range(BURST):
        assert throttle._allow(7)[0]
    assert throttle._allow(7) == (False, True)  # empty: one note
    for _ in range(20):  # still hammering, 0.1 s apart, across several prune rounds
        clock.now += 0.1
        allowed, warn = throttle._allow(7)
        assert not warn
        if allowed:  # 0.2 token per tap: one tap in five goes through, never a burst
            assert not throttle._allow(7)[0]
    assert throttle.tracked() == 1  # user 1 pruned, user 7 kept


def test_the_flood_note_says_taps_were_skipped_not_kept() -> None:
    i18n = I18n("ru")
    ru, en = i18n.get("ru")("flood-note"), i18n.get("en")("flood-note")
    assert "пропустил" in ru and "все нажатия уже у меня" not in ru
    assert "skipped" in en and "got all your taps" not in en
