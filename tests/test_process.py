"""`python -m bot` as a newcomer runs it: starts, answers over HTTP, stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from tests.conftest import TOKEN
from tests.fakes import FakeBotApiServer, FakeTelegram, TgUser

ROOT = Path(__file__).resolve().parent.parent


async def test_bot_process_answers_and_stops_on_sigterm(tmp_path: Path) -> None:
    fake = FakeTelegram(bot_id=int(TOKEN.split(":")[0]))
    server = FakeBotApiServer(fake)
    base = await server.start()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(BOT_TOKEN=TOKEN, TELEGRAM_API_URL=base, ADMIN_IDS="42", PYTHONPATH=str(ROOT), LOG_LEVEL="INFO")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE
    )
    try:
        for _ in range(600):
            if fake.requests_for("getUpdates") or proc.returncode is not None:
                break
            await asyncio.sleep(0.05)
        assert fake.requests_for("getUpdates"), "the bot never started polling"
        user = TgUser(fake, http_deliver_unused, 7)
        fake.push_update(fake.make_message_update(user.user, "/start"))
        for _ in range(200):
            if any(m.from_bot for m in fake.chat_messages(7)):
                break
            await asyncio.sleep(0.05)
        assert "Согласие на обработку" in (user.last_message.text or "")
        # The default database went under ./data, created on the fly.
        assert (tmp_path / "data" / "metodist.db").exists()
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), 20) == 0
        assert proc.stderr is not None
        log = (await proc.stderr.read()).decode()
        assert "Polling stopped" in log and "Traceback" not in log
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await server.stop()


async def http_deliver_unused(update: dict[str, object]) -> None:
    raise AssertionError("this test pushes updates itself: production polling handles them as tasks")
