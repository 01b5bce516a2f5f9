"""The disk cache behind a fast cold start: same answer as building, rebuilt when its inputs change."""

from __future__ import annotations

from pathlib import Path

import pytest

from pseudonym_core.wordcache import cached_words


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "llm-pseudonym"


def test_second_call_reads_the_cache_and_inputs_change_the_key(tmp_path: Path, cache_home: Path) -> None:
    source = tmp_path / "derive.py"
    source.write_text("RULES = 1\n")
    calls: list[int] = []

    def build() -> frozenset[str]:
        calls.append(1)
        return frozenset({"leipzig", "são paulo", "new york"})

    first = cached_words("places", build, packages=["faker"], sources=[source])
    again = cached_words("places", build, packages=["faker"], sources=[source])
    assert first == again == {"leipzig", "são paulo", "new york"} and len(calls) == 1
    source.write_text("RULES = 2\n")  # the deriving code changed: derive afresh
    assert cached_words("places", build, packages=["faker"], sources=[source]) == first and len(calls) == 2
    assert len(list(cache_home.glob("places-*.txt"))) == 2


def test_unwritable_cache_still_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert cached_words("x", lambda: frozenset({"a"})) == {"a"}


def test_city_names_from_cache_equal_a_fresh_derivation(cache_home: Path) -> None:
    from pseudonym_core.detect.places import _city_names, _place_names, city_names, place_names

    city_names.cache_clear()
    place_names.cache_clear()
    try:
        assert city_names() == _city_names(5000)
        assert place_names() == _place_names()
        assert len(list(cache_home.glob("*.txt"))) == 2
    finally:
        city_names.cache_clear()
        place_names.cache_clear()
