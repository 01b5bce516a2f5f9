"""A lower-case name no list knows, after a greeting or thanks in a chat ("hi huong!"), and known
rare names after "ask"/"call"; chat words after a greeting stay words."""

from __future__ import annotations

import pytest

from pseudonym_core.detect.cues import CueDetector


def _people(text: str) -> list[str]:
    return [text[s.start : s.end] for s in CueDetector().detect(text) if s.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("dana.p  10:45  hi huong! looking. did anyone", "huong"),
        ("hi ananya, checking. your emp id is", "ananya"),
        ("gracias juanca. el radicado de la superfinanciera", "juanca"),
    ],
)
def test_an_unknown_word_after_a_greeting_is_the_person_greeted(text: str, name: str) -> None:
    assert name in _people(text)


@pytest.mark.parametrize(
    "text",
    [
        "hi guys! hi team, hi all. thanks everyone! hi bro! thx pls.",
        "thanks asap! i am fine. i am okkk. hi guysss!",
        "it is ok, i am sooo tired. thanks again.",
    ],
)
def test_chat_words_after_a_greeting_are_no_name(text: str) -> None:
    assert _people(text) == []
