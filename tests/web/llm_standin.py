"""An OpenAI-compatible server on 127.0.0.1 that answers questions about a job slowly, piece by piece, as a real
model streams: so the browser test can see an answer arrive while it is written. Everything else it refuses
with 400, which every LLM feature of SkillGap answers offline (a 400 is not an outage: the next call asks
again), so the rest of the product runs as on its default."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from skillgap.matching.ask_prompts import SYSTEM as ASK_SYSTEM
from tests.local_http import QuietHandler, base_url_of, local_server, running

MODEL = "stand-in"
ANSWER_PIECES = [
    "Start ",
    "with ",
    "the ",
    "skills ",
    "the ",
    "job ",
    "requires ",
    "that ",
    "your ",
    "resume ",
    "does ",
    "not ",
    "show ",
    "yet [J1].",
]
PIECE_SECONDS = 0.25
ANSWER = "".join(ANSWER_PIECES)


def _asks_about_a_job(request: dict[str, Any]) -> bool:
    messages = request.get("messages") or []
    first = messages[0].get("content", "") if messages else ""
    return bool(request.get("stream")) and isinstance(first, str) and first.startswith(ASK_SYSTEM[:60])


class _Handler(QuietHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        request = json.loads(body or b"{}")
        if not self.path.endswith("/chat/completions") or not _asks_about_a_job(request):
            self.send_json({"error": {"message": "the test stand-in answers questions about a job only"}}, 400)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        for piece in ANSWER_PIECES:
            chunk = {
                "id": "chatcmpl-standin",
                "object": "chat.completion.chunk",
                "created": 0,
                "model": MODEL,
                "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
            }
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            self.wfile.flush()
            time.sleep(PIECE_SECONDS)
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()


@contextmanager
def streaming_model() -> Iterator[str]:
    """The stand-in's base URL (for SKILLGAP_LLM_BASE_URL) while it runs."""
    server = local_server(_Handler)
    with running(server):
        yield base_url_of(server) + "/v1"
