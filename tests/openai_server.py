"""A local OpenAI-compatible HTTP server for tests: the cloud model is the only thing replaced.

The real client libraries (`langchain-openai`, `llama-index-llms-openai`, the `openai` SDK under
both) talk HTTP to it on 127.0.0.1, so a test sees the **raw request bodies** that would have left
the machine, byte for byte, after every framework and client layer has done its serialization.

Answers come from a per-test script (`server.script(...)`), each entry a `Reply`, a plain string
or a function of the decoded request; when the script runs out, `server.default` answers (by
default an echo of the last user or tool message, which repeats whatever surrogates the model
was shown, so restoration is exercised on every call). Implemented:
`POST /v1/chat/completions` (JSON and SSE streaming, tool calls with streamed argument deltas,
`response_format` passed through to the script), `POST /v1/completions` (JSON and SSE) and
`POST /v1/embeddings` (deterministic bag-of-words vectors).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class ToolCall:
    name: str
    arguments: dict[str, Any] | str
    id: str = ""

    def arguments_json(self) -> str:
        return self.arguments if isinstance(self.arguments, str) else json.dumps(self.arguments)


@dataclass
class Reply:
    """One scripted answer: text, tool calls, or both."""

    content: str | None = None
    tool_calls: list[ToolCall] = field(default_factory=list)
    reasoning: str | None = None  # sent as `reasoning_content`, as OpenAI-compatible reasoning servers do


Answer = Reply | str | Callable[[dict[str, Any]], "Reply | str"]


@dataclass
class Request:
    path: str
    raw: bytes

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.raw)


def message_text(message: dict[str, Any]) -> str:
    """The text of one OpenAI chat message (string content or a list of text parts)."""
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return ""


def last_message(body: dict[str, Any], roles: tuple[str, ...] = ("user", "tool")) -> str:
    for message in reversed(body.get("messages") or []):
        if message.get("role") in roles:
            return message_text(message)
    return str(body.get("prompt") or "")


def echo(body: dict[str, Any]) -> Reply:
    """Repeat the last user or tool message: the answer carries exactly the surrogates sent."""
    return Reply(content=f"You wrote: {last_message(body)}")


class OpenAIServer:
    """Start with `with OpenAIServer() as server:`; `server.base_url` ends in `/v1`."""

    def __init__(self, default: Callable[[dict[str, Any]], Reply | str] = echo, piece: int = 3) -> None:
        self.default = default
        self.piece = piece  # streamed characters per chunk: small, so surrogates split across chunks
        self.requests: list[Request] = []
        self._script: deque[Answer] = deque()
        self._lock = threading.Lock()
        self._calls = 0
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    # -- lifecycle ----------------------------------------------------------------------------
    def __enter__(self) -> OpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    # -- script and records -------------------------------------------------------------------
    def script(self, *answers: Answer) -> OpenAIServer:
        with self._lock:
            self._script.extend(answers)
        return self

    def bodies(self) -> list[str]:
        """Every request body as the client sent it (UTF-8 text of the raw bytes)."""
        return [r.raw.decode("utf-8") for r in self.requests]

    def chat_bodies(self) -> list[dict[str, Any]]:
        return [r.json for r in self.requests if r.path.endswith("/chat/completions")]

    def _next_reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            answer: Answer = self._script.popleft() if self._script else self.default
            self._calls += 1
            n = self._calls
        if callable(answer):
            answer = answer(body)
        reply = Reply(content=answer) if isinstance(answer, str) else answer
        for i, call in enumerate(reply.tool_calls):
            call.id = call.id or f"call_{n}_{i}"
        return reply

    # -- responses ----------------------------------------------------------------------------
    def chat_completion(self, body: dict[str, Any], reply: Reply) -> dict[str, Any]:
        message: dict[str, Any] = {"role": "assistant", "content": reply.content}
        if reply.reasoning:
            message["reasoning_content"] = reply.reasoning
        if reply.tool_calls:
            message["tool_calls"] = [
                {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments_json()}}
                for c in reply.tool_calls
            ]
        return {
            **self._envelope("chat.completion", body),
            "choices": [{"index": 0, "message": message, "finish_reason": _finish(reply), "logprobs": None}],
            "usage": _usage(body, reply),
        }

    def chat_chunks(self, body: dict[str, Any], reply: Reply) -> list[dict[str, Any]]:
        base = self._envelope("chat.completion.chunk", body)

        def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
            return {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}]}

        out = [chunk({"role": "assistant", "content": ""})]
        thought = reply.reasoning or ""
        out += [chunk({"reasoning_content": thought[i : i + self.piece]}) for i in range(0, len(thought), self.piece)]
        text = reply.content or ""
        out += [chunk({"content": text[i : i + self.piece]}) for i in range(0, len(text), self.piece)]
        for index, call in enumerate(reply.tool_calls):
            head = {"index": index, "id": call.id, "type": "function", "function": {"name": call.name, "arguments": ""}}
            out.append(chunk({"tool_calls": [head]}))
            args = call.arguments_json()
            for i in range(0, len(args), self.piece):
                piece = {"index": index, "function": {"arguments": args[i : i + self.piece]}}
                out.append(chunk({"tool_calls": [piece]}))
        out.append(chunk({}, _finish(reply)))
        if (body.get("stream_options") or {}).get("include_usage"):
            out.append({**base, "choices": [], "usage": _usage(body, reply)})
        return out

    def completion(self, body: dict[str, Any], reply: Reply) -> dict[str, Any]:
        return {
            **self._envelope("text_completion", body),
            "choices": [{"index": 0, "text": reply.content or "", "finish_reason": "stop", "logprobs": None}],
            "usage": _usage(body, reply),
        }

    def completion_chunks(self, body: dict[str, Any], reply: Reply) -> list[dict[str, Any]]:
        base = self._envelope("text_completion", body)
        text = reply.content or ""
        pieces = [text[i : i + self.piece] for i in range(0, len(text), self.piece)] or [""]
        return [
            {**base, "choices": [{"index": 0, "text": p, "finish_reason": None, "logprobs": None}]} for p in pieces
        ] + [{**base, "choices": [{"index": 0, "text": "", "finish_reason": "stop", "logprobs": None}]}]

    @staticmethod
    def embeddings(body: dict[str, Any]) -> dict[str, Any]:
        inputs = body.get("input")
        texts = [inputs] if isinstance(inputs, str) else list(inputs or [])
        data = [{"object": "embedding", "index": i, "embedding": _embed(str(t))} for i, t in enumerate(texts)]
        return {"object": "list", "data": data, "model": body.get("model", "stub"), "usage": _usage(body, Reply(""))}

    @staticmethod
    def _envelope(kind: str, body: dict[str, Any]) -> dict[str, Any]:
        return {"id": "stub-1", "object": kind, "created": int(time.time()), "model": body.get("model", "stub")}


def _finish(reply: Reply) -> str:
    return "tool_calls" if reply.tool_calls else "stop"


def _usage(body: dict[str, Any], reply: Reply) -> dict[str, int]:
    prompt = len(json.dumps(body)) // 4
    completion = len(reply.content or "") // 4 + sum(len(c.arguments_json()) // 4 for c in reply.tool_calls)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _embed(text: str, dim: int = 64) -> list[float]:
    vec = [0.0] * dim
    for word in re.findall(r"\w{3,}", text.lower()):
        vec[int(hashlib.sha1(word.encode()).hexdigest(), 16) % dim] += 1.0
    norm = math.sqrt(sum(v * v for v in vec)) or 1.0
    return [v / norm for v in vec]


def _handler(server: OpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
            return

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            path = self.path.split("?", 1)[0]
            server.requests.append(Request(path, raw))
            body = json.loads(raw or b"{}")
            if path.endswith("/embeddings"):
                self._json(server.embeddings(body))
                return
            if not path.endswith(("/chat/completions", "/completions")):
                self._json({"error": {"message": f"no route {path}"}}, status=404)
                return
            reply = server._next_reply(body)
            chat = path.endswith("/chat/completions")
            if body.get("stream"):
                self._sse(server.chat_chunks(body, reply) if chat else server.completion_chunks(body, reply))
            else:
                self._json(server.chat_completion(body, reply) if chat else server.completion(body, reply))

        def _json(self, payload: dict[str, Any], status: int = 200) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _sse(self, events: list[dict[str, Any]]) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for event in [*(json.dumps(e) for e in events), "[DONE]"]:
                data = f"data: {event}\n\n".encode()
                self.wfile.write(f"{len(data):X}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

    return Handler
