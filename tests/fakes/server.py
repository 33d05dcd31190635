"""HTTP front-end of :class:`~tests.fakes.telegram.FakeTelegram` for the real aiogram Bot.

Usage::

    fake = FakeTelegram()
    server = FakeBotApiServer(fake)
    base = await server.start()
    bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(base)))
    ...
    await server.stop()
"""

from __future__ import annotations

import json
import logging
from typing import Any

from aiohttp import web

from tests.fakes.telegram import FakeTelegram, FileUpload, TelegramApiError

__all__ = ["FakeBotApiServer"]

logger = logging.getLogger(__name__)


class FakeBotApiServer:
    """aiohttp server speaking the Bot API wire format on 127.0.0.1:<random port>."""

    def __init__(
        self, fake: FakeTelegram, host: str = "127.0.0.1", port: int = 0, *, token: str | None = None
    ) -> None:
        self.fake = fake
        self.host = host
        self.port = port
        # When set, any other token gets Telegram's 401 Unauthorized (a revoked or mistyped token).
        self.token = token
        self.base_url: str | None = None
        self.internal_errors: list[BaseException] = []
        self._runner: web.AppRunner | None = None
        self._stopping = False

    async def __aenter__(self) -> FakeBotApiServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def start(self) -> str:
        """Start listening; return the base URL for ``TelegramAPIServer.from_base``."""
        if self._runner is not None:
            raise RuntimeError("server already started")
        self._stopping = False
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        # handler_cancellation: a long poll whose client went away (aiogram cancels the
        # request in stop_polling) is cancelled instead of lingering until its timeout.
        runner = web.AppRunner(
            app,
            handler_cancellation=True,
            access_log=None,
            shutdown_timeout=1.0,
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        self._runner = runner
        host, port = runner.addresses[0][:2]
        self.port = port
        self.base_url = f"http://{host}:{port}"
        return self.base_url

    async def stop(self) -> None:
        """Stop the server; waiting long polls return ``[]`` at once."""
        self._stopping = True
        self.fake.wake_waiters()
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    def _should_stop(self) -> bool:
        return self._stopping

    async def _read_params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, FileUpload]]:
        params: dict[str, Any] = dict(request.query)
        files: dict[str, FileUpload] = {}
        if not request.can_read_body:
            return params, files
        content_type = request.content_type
        if content_type in {"multipart/form-data", "application/x-www-form-urlencoded"}:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = FileUpload(
                        content=value.file.read(),
                        filename=value.filename,
                        content_type=value.content_type,
                    )
                else:
                    params[key] = value
        elif content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                params.update(body)
        return params, files

    @staticmethod
    def _json(body: dict[str, Any], status: int) -> web.Response:
        return web.Response(
            text=json.dumps(body, ensure_ascii=False),
            status=status,
            content_type="application/json",
        )

    async def _handle_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if self.token is not None and request.match_info["token"] != self.token:
            return self._json(TelegramApiError(401, "Unauthorized").to_response(), 401)
        try:
            params, files = await self._read_params(request)
        except ValueError:
            return self._json(
                TelegramApiError(400, "Bad Request: can't parse request body").to_response(), 400
            )
        try:
            result = await self.fake.handle_async(method, params, files, should_stop=self._should_stop)
        except TelegramApiError as error:
            return self._json(error.to_response(), error.error_code)
        except Exception as error:
            logger.exception("fake Telegram crashed on %s", method)
            self.internal_errors.append(error)
            body = {
                "ok": False,
                "error_code": 500,
                "description": f"Internal Server Error: fake Telegram crashed: {error!r}",
            }
            return self._json(body, 500)
        return self._json({"ok": True, "result": result}, 200)

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        stored = self.fake.file_by_path(request.match_info["path"])
        if stored is None:
            return self._json({"ok": False, "error_code": 404, "description": "Not Found"}, 404)
        return web.Response(
            body=stored.content,
            content_type=stored.mime_type or "application/octet-stream",
        )
