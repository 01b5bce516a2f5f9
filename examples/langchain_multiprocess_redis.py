"""Two worker processes serve one chat conversation through one Redis vault.

A chat app behind a load balancer: turn 1 of a conversation lands on worker A, turn 2 on worker B,
and so on. Each worker has its own `PseudonymizedChatModel`, its own Pseudonymizer and its own
connection to one Redis vault; the conversation is named by a session id. Because the vault is
the source of truth (one atomic get-or-create per person, a change feed read before every call),
both workers show the cloud model the same pseudonym for the same person, and each restores
answers that mention people first seen by the other.

Run offline:  python examples/langchain_multiprocess_redis.py
Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) to use your server; otherwise a throw-away
`redis-server` is started on 127.0.0.1 for the run. The key comes from $PSEUDONYM_VAULT_KEY.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout
sys.path.insert(0, str(Path(__file__).resolve().parent))

SESSION = "ticket-4711"
TURNS = [
    "Alice Johnson (alice.johnson@example.com) says her parcel never arrived.",
    "Robert Miller from the depot confirms it was handed to Ms. Johnson's neighbour.",
    "Please draft an apology to Alice Johnson and copy Robert Miller.",
    "Add that Nadia Kowalski will call alice johnson tomorrow.",
]
PEOPLE = ["Alice Johnson", "Robert Miller", "Nadia Kowalski", "alice.johnson@example.com"]


def cloud_reply(messages: list[Any]) -> Any:
    """What a cloud model might answer, written only from the (pseudonymized) text it received:
    it repeats the first request of the conversation and the newest one."""
    from langchain_core.messages import AIMessage

    asks = [m.text for m in messages if m.type == "human"]
    return AIMessage(content=f"Case opened with: {asks[0]} Latest: {asks[-1]}")


def worker(name: str, redis_url: str, key: str, requests: Any, replies: Any) -> None:
    """One web worker: its own model wrapper, pipeline and vault connection, for its whole life."""
    from langchain_cloud_stand_in import ScriptedCloudModel

    from langchain_pseudonym import LeakAudit, PseudonymizedChatModel
    from pseudonym_core import Pseudonymizer
    from pseudonym_core.vault import RedisVault

    audit = LeakAudit()
    cloud = ScriptedCloudModel(reply=cloud_reply, callbacks=[audit])  # e.g. ChatOpenAI(model="gpt-4o-mini")
    llm = PseudonymizedChatModel(llm=cloud, pseudonymizer=Pseudonymizer(), vault=RedisVault(redis_url, key=key))
    while (history := requests.get()) is not None:
        config = {"configurable": {"session_id": SESSION}}
        answer = llm.invoke(history, config=config).text
        seen = [m.text for m in audit.records[-1].messages]
        replies.put((name, answer, seen))
    audit.assert_no_leaks(PEOPLE)


def _redis() -> tuple[str, Any]:
    """REDIS_URL, or a private redis-server on a free local port (stopped at the end)."""
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"], None
    exe = shutil.which("redis-server")
    if exe is None:
        sys.exit("redis-server not found: install it (scripts/services.sh) or set REDIS_URL")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder = tempfile.mkdtemp(prefix="example-redis-")
    args = [exe, "--port", str(port), "--bind", "127.0.0.1", "--dir", folder, "--save", ""]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    for _ in range(200):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    return f"redis://127.0.0.1:{port}/0", proc


def main() -> None:
    from langchain_core.messages import AIMessage, HumanMessage

    url, server = _redis()
    key = os.environ.get("PSEUDONYM_VAULT_KEY", "example key: set PSEUDONYM_VAULT_KEY in real use")
    ctx = multiprocessing.get_context("spawn")
    replies = ctx.Queue()
    inboxes = {name: ctx.Queue() for name in ("A", "B")}
    procs = [ctx.Process(target=worker, args=(n, url, key, q, replies)) for n, q in inboxes.items()]
    try:
        for p in procs:
            p.start()
        history: list[Any] = []
        log = []
        for turn, text in enumerate(TURNS):
            history.append(HumanMessage(text))
            inboxes["AB"[turn % 2]].put(history)  # the load balancer alternates
            name, answer, seen = replies.get(timeout=600)
            history.append(AIMessage(answer))  # the app keeps the restored conversation
            log.append((turn + 1, name, answer, seen))
        for q in inboxes.values():
            q.put(None)
        for p in procs:
            p.join(120)
    finally:
        if server is not None:
            server.kill()
    report(log, all(p.exitcode == 0 for p in procs))


def report(log: list[tuple[int, str, str, list[str]]], audits_passed: bool) -> None:
    print("=== What the cloud model saw ===")
    for turn, name, _, seen in log:
        print(f"--- turn {turn}, worker {name}: {seen[-1]}")
    print("\n=== Restored answers ===")
    for turn, name, answer, _ in log:
        print(f"turn {turn} (worker {name}): {answer}")
    first_seen = [seen[0] for _, _, _, seen in log]  # the first request, pseudonymized by each worker in turn
    same = len(set(first_seen)) == 1
    exact = all(answer.startswith(f"Case opened with: {TURNS[0]} Latest: {TURNS[t - 1]}") for t, _, answer, _ in log)
    leaked = [p for _, _, _, seen in log for text in seen for p in PEOPLE if re.search(re.escape(p), text)]
    print(f"\nSame pseudonyms from both workers in every turn: {'yes' if same else 'NO'}")
    print(f"Every answer restored exactly: {'yes' if exact else 'NO'}")
    print(f"Leak audit: {'passed' if audits_passed and not leaked else 'FAILED'}")


if __name__ == "__main__":
    main()
