"""Shared fixtures: one real Pseudonymizer per test run (loading spaCy costs seconds)."""

from __future__ import annotations

import os
import sys

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def pseudonymizer():
    from pseudonym_core import Pseudonymizer

    return Pseudonymizer()


# -- the local OpenAI-compatible server (tests/openai_server.py) for the real-client tests --------

sys.path.insert(0, os.path.dirname(__file__))  # openai_server, leakcheck: importable from every test folder


@pytest.fixture
def openai_server(monkeypatch: pytest.MonkeyPatch):
    """A fresh local OpenAI-compatible server; the process may reach nothing but 127.0.0.1.

    Every client library reads its address from the environment or from `server.base_url`; the
    socket guard turns any other connection (a tokenizer download, telemetry) into a failure.
    """
    import socket

    from openai_server import OpenAIServer

    real_connect = socket.socket.connect

    def loopback_only(sock: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if sock.family in (socket.AF_INET, socket.AF_INET6) and host not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"a test tried to reach {host!r}; only the local server is allowed")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", loopback_only)
    with OpenAIServer() as server:
        for name in ("OPENAI_BASE_URL", "OPENAI_API_BASE"):
            monkeypatch.setenv(name, server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-local")
        yield server
