"""`python -m bot` as a newcomer runs it: starts, answers over HTTP, stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
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


def _env(base: str, token: str = TOKEN, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(BOT_TOKEN=token, TELEGRAM_API_URL=base, PYTHONPATH=str(ROOT), LOG_LEVEL="INFO")
    env.update(extra)
    return env


def _unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _lines_until(
    stream: asyncio.StreamReader,
    needle: str,
    seen: list[str],
    timeout: float = 60,  # noqa: ASYNC109
) -> None:
    async def read() -> None:
        while True:
            line = (await stream.readline()).decode()
            if not line:
                raise AssertionError(f"the process ended before {needle!r}: {''.join(seen)}")
            seen.append(line)
            if needle in line:
                return

    await asyncio.wait_for(read(), timeout)


async def test_a_token_telegram_refuses_exits_with_code_2_and_one_line(tmp_path: Path) -> None:
    fake = FakeTelegram(bot_id=int(TOKEN.split(":")[0]))
    server = FakeBotApiServer(fake, token=TOKEN)
    base = await server.start()
    wrong = "987654321:REVOKED-token-for-the-fake-bot-api-000"
    try:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=tmp_path,
            env=_env(base, wrong, LOG_LEVEL="WARNING"),
            stderr=asyncio.subprocess.PIPE,
        )
        _out, err = await asyncio.wait_for(proc.communicate(), 60)
    finally:
        await server.stop()
    assert proc.returncode == 2
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1, lines
    assert (
        "Telegram не принял токен бота" in lines[0] and "Unauthorized" in lines[0] and "BOT_TOKEN" in lines[0]
    )


async def test_without_a_network_the_start_is_retried_until_telegram_answers(tmp_path: Path) -> None:
    port = _unused_port()
    fake = FakeTelegram(bot_id=int(TOKEN.split(":")[0]))
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env=_env(f"http://127.0.0.1:{port}"),
        stderr=asyncio.subprocess.PIPE,
    )
    server = FakeBotApiServer(fake, port=port)
    seen: list[str] = []
    try:
        assert proc.stderr is not None
        await _lines_until(proc.stderr, "Telegram is not reachable", seen)
        await _lines_until(proc.stderr, "Telegram is not reachable", seen)  # and again, later
        await server.start()
        await _lines_until(proc.stderr, "connected to Telegram", seen, timeout=30)
        for _ in range(200):
            if fake.requests_for("getUpdates"):
                break
            await asyncio.sleep(0.05)
        fake.push_update(fake.make_message_update(TgUser(fake, http_deliver_unused, 8).user, "/start"))
        for _ in range(200):
            if any(m.from_bot for m in fake.chat_messages(8)):
                break
            await asyncio.sleep(0.05)
        assert any("Согласие на обработку" in (m.text or "") for m in fake.chat_messages(8))
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), 20) == 0
        seen.append((await proc.stderr.read()).decode())
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await server.stop()
    log = "".join(seen)
    assert "Traceback" not in log and "getMe: Telegram is not reachable" in log


async def test_sigterm_while_waiting_for_telegram_stops_cleanly(tmp_path: Path) -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env=_env(f"http://127.0.0.1:{_unused_port()}"),
        stderr=asyncio.subprocess.PIPE,
    )
    seen: list[str] = []
    try:
        assert proc.stderr is not None
        await _lines_until(proc.stderr, "Telegram is not reachable", seen)
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), 20) == 0
        seen.append((await proc.stderr.read()).decode())
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    log = "".join(seen)
    assert "Traceback" not in log and "stopped before Telegram could be reached" in log
