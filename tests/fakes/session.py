"""In-process aiogram session talking to :class:`~tests.fakes.telegram.FakeTelegram`.

It serialises every method exactly like ``AiohttpSession.build_form_data`` (same
``prepare_value`` calls, same skipping of empty values, InputFile contents read into
file parts), runs it through the fake and feeds the JSON answer to
``BaseSession.check_response`` - so aiogram raises its real exceptions.
"""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator
from enum import Enum
from typing import TYPE_CHECKING, Any, cast

from aiogram.client.session.base import BaseSession
from aiogram.methods.base import TelegramMethod, TelegramType
from aiogram.types import InputFile

from tests.fakes.telegram import FakeTelegram, FileUpload, TelegramApiError

if TYPE_CHECKING:
    from aiogram import Bot

__all__ = ["FakeSession"]

_FILE_URL_RE = re.compile(r"/file/bot[^/]+/(?P<path>.+)$")


class FakeSession(BaseSession):
    def __init__(self, fake: FakeTelegram, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fake = fake

    async def build_request(
        self,
        bot: Bot,
        method: TelegramMethod[Any],
    ) -> tuple[dict[str, Any], dict[str, FileUpload]]:
        """The params/files an ``AiohttpSession`` would put into its multipart form."""
        params: dict[str, Any] = {}
        input_files: dict[str, InputFile] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=input_files)
            if not prepared:
                continue
            if isinstance(prepared, Enum):  # multipart sends str enums as their value
                prepared = prepared.value
            params[key] = prepared
        files: dict[str, FileUpload] = {}
        for key, input_file in input_files.items():
            chunks = [chunk async for chunk in input_file.read(bot)]
            files[key] = FileUpload(content=b"".join(chunks), filename=input_file.filename or key)
        return params, files

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109
    ) -> TelegramType:
        params, files = await self.build_request(bot, method)
        try:
            result = await self.fake.handle_async(method.__api_method__, params, files)
        except TelegramApiError as error:
            status_code, body = error.error_code, error.to_response()
        else:
            status_code, body = 200, {"ok": True, "result": result}
        response = self.check_response(
            bot=bot,
            method=method,
            status_code=status_code,
            content=self.json_dumps(body),
        )
        return cast(TelegramType, response.result)

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        match = _FILE_URL_RE.search(url)
        stored = self.fake.file_by_path(match.group("path")) if match else None
        if stored is None:
            raise FileNotFoundError(f"the fake Telegram has no file at {url}")
        content = stored.content
        for start in range(0, len(content), chunk_size):
            yield content[start : start + chunk_size]

    async def close(self) -> None:
        return None
