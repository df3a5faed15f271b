"""A fake OpenAI-compatible server on 127.0.0.1 (the `fake` fixture) whose replies each test scripts, and the
replies the tests script: a completion, a streamed answer, an error or a late answer."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict: sent as JSON; bytes: sent as is
    delay: float = 0.0
    content_type: str = "application/json"  # text/event-stream for a streamed answer


def completion(content: str | dict[str, Any], finish_reason: str = "stop") -> Reply:
    text = content if isinstance(content, str) else json.dumps(content)
    return Reply(
        body={
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 0,
            "model": "fake-model",
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish_reason}
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
    )


@dataclass
class FakeServer:
    reply: Callable[[dict[str, Any]], Reply] = lambda request: Reply(status=500, body={"error": "no reply set"})
    requests: list[dict[str, Any]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    port: int = 0
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
            request_line, *header_lines = head.split("\r\n")
            headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in header_lines if h)}
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            self.paths.append(request_line.split()[1])
            request = json.loads(body) if body else {}
            self.requests.append(request)
            reply = self.reply(request)
            if reply.delay:
                await asyncio.sleep(reply.delay)
            payload = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
            writer.write(
                f"HTTP/1.1 {reply.status} X\r\nContent-Type: {reply.content_type}\r\n"
                f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n".encode()
                + payload
            )
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
            self._tasks.discard(task)

    async def stop_handlers(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


@pytest.fixture
async def fake() -> AsyncIterator[FakeServer]:
    server = FakeServer()
    listener = await asyncio.start_server(server.handle, "127.0.0.1", 0)
    server.port = listener.sockets[0].getsockname()[1]
    try:
        yield server
    finally:
        listener.close()
        await server.stop_handlers()
        await listener.wait_closed()


WORDS = ["You ", "need ", "Terraform."]  # a streamed answer, word by word


def streamed(words: list[str]) -> Reply:
    """An OpenAI-compatible streamed answer: one server-sent event per word."""
    events = [
        {"id": "c", "object": "chat.completion.chunk", "created": 0, "model": "fake-model",
         "choices": [{"index": 0, "delta": {"content": word}, "finish_reason": None}]}
        for word in words
    ]  # fmt: skip
    body = b"".join(f"data: {json.dumps(event)}\n\n".encode() for event in events) + b"data: [DONE]\n\n"
    return Reply(body=body, content_type="text/event-stream")
