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

    Every client library reads its address from the environment or from `server.base_url`. Any
    other name lookup or connection (a tokenizer download, telemetry) is refused and recorded, and
    the test fails at teardown even if a library swallowed the error.
    """
    import socket

    from openai_server import OpenAIServer

    local = ("127.0.0.1", "::1", "localhost")
    attempts: list[str] = []
    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def connect(sock: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if sock.family in (socket.AF_INET, socket.AF_INET6) and host not in local:
            attempts.append(str(host))
            raise OSError(f"tests may only reach the local server, not {host!r}")
        return real_connect(sock, address)

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if host not in (*local, None):
            attempts.append(str(host))
            raise socket.gaierror(f"tests may only reach the local server, not {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    with OpenAIServer() as server:
        for name in ("OPENAI_BASE_URL", "OPENAI_API_BASE"):
            monkeypatch.setenv(name, server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-local")
        yield server
    assert attempts == [], f"the test tried to reach {sorted(set(attempts))}"
