"""Choosing strategies in the config: registries, the replacement guard rail and fallback reporting.

The model-backed strategies have their own test files; here a user-defined replacer plugged in
through the public registry shows that any strategy reaches the pipeline and its fallbacks reach
the result, with the real detectors, session and restorer underneath.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.errors import ConfigError
from pseudonym_core.replace import Replaced, guard, register_replacer
from pseudonym_core.replace.base import _REGISTRY, checked, direct
from pseudonym_core.stats import StrategyStats
from pseudonym_core.types import Entity

TEXT = "Maria Keller flew from Lisbon to see Maria."


def _entities(p: Pseudonymizer, text: str = TEXT) -> list[Entity]:
    return p.pseudonymize(text).entities


def test_unknown_strategies_fail_at_construction_and_list_the_available_ones() -> None:
    with pytest.raises(ConfigError, match=r"unknown generator 'nope'.*'prompt', 'rand'"):
        Pseudonymizer(generator="nope")
    with pytest.raises(ConfigError, match=r"unknown replacer 'nope'.*'direct', 'gen', 'prompt'"):
        Pseudonymizer(replacer="nope")


def test_llm_strategies_construct_instantly_without_loading_a_model() -> None:
    import sys

    before = "torch" in sys.modules
    Pseudonymizer(generator="prompt", replacer="gen", detectors=["prompt"])
    assert ("torch" in sys.modules) == before  # nothing heavy imported until first use


def test_guard_accepts_a_rewrite_that_keeps_every_surrogate(pseudonymizer: Pseudonymizer) -> None:
    ents = _entities(pseudonymizer)
    baseline = direct(TEXT, ents)
    assert guard(baseline, TEXT, ents) is None
    reworded = baseline.replace(" flew from ", " travelled from ")
    assert guard(reworded, TEXT, ents) is None


def test_guard_rejects_missing_surrogates_and_extra_originals(pseudonymizer: Pseudonymizer) -> None:
    ents = _entities(pseudonymizer)
    baseline = direct(TEXT, ents)
    city = next(e for e in ents if e.text == "Lisbon")
    assert guard(baseline.replace(city.surrogate, "a city"), TEXT, ents) == "a surrogate is missing from the output"
    assert guard(baseline + " Lisbon", TEXT, ents) == "an original is present in the output"
    assert guard(baseline + " LISBON", TEXT, ents) == "an original is present in the output"  # any case
    assert guard("   ", TEXT, ents) == "empty output"


def test_guard_does_not_blame_a_rewrite_for_what_the_detectors_missed() -> None:
    text = "Ann met Bob."
    ents = [Entity(0, 3, "Ann", "PERSON", "Eva", 1.0, "test")]  # "Bob" was not detected
    assert guard("Eva met Bob.", text, ents) is None  # REP_direct leaves "Bob" too
    assert guard("Eva met Ann and Bob.", text, ents) is not None


def test_checked_falls_back_to_direct_and_counts_why(pseudonymizer: Pseudonymizer) -> None:
    ents = _entities(pseudonymizer)
    stats = StrategyStats()
    bad = checked("REP_x", stats, TEXT, ents, "nothing useful")
    assert bad.text == direct(TEXT, ents)
    assert bad.notes == ("REP_x fell back: a surrogate is missing from the output",)
    crashed = checked("REP_x", stats, TEXT, ents, None, failure="model output was cut off")
    assert crashed.text == direct(TEXT, ents) and "cut off" in crashed.notes[0]
    assert stats.snapshot() == {
        "calls": 2,
        "fallback:a surrogate is missing from the output": 1,
        "fallback:model output was cut off": 1,
    }
    for note in (*bad.notes, *crashed.notes):  # notes never carry input text
        assert not any(e.text in note or e.surrogate in note for e in ents)


class _Shouting:
    """A user strategy: upper-cases the text around the surrogates (a rewrite the guard accepts)
    unless asked to drop the surrogates (one it must refuse)."""

    name = "shout"

    def __init__(self, drop: bool) -> None:
        self.stats = StrategyStats()
        self.drop = drop

    def replace(self, text: str, entities: Sequence[Entity]) -> Replaced:
        spliced = direct(text, entities)
        out = spliced
        for e in entities:
            out = out.replace(e.surrogate, "\0")
        out = out.upper()
        for e in entities:
            out = out.replace("\0", "someone" if self.drop else e.surrogate, 1)
        return checked("REP_shout", self.stats, text, entities, out)


@pytest.fixture()
def shouting() -> Iterator[None]:
    register_replacer("shout", lambda cfg: _Shouting(drop=False))
    register_replacer("shout-drop", lambda cfg: _Shouting(drop=True))
    yield
    _REGISTRY.pop("shout")
    _REGISTRY.pop("shout-drop")


def test_a_registered_replacer_is_used_and_still_restores(shouting: None) -> None:
    p = Pseudonymizer(replacer="shout")
    r = p.pseudonymize(TEXT)
    assert r.notes == ()
    assert "FLEW FROM" in r.text and "Maria" not in r.text and "Lisbon" not in r.text
    assert all(e.surrogate in r.text for e in r.entities)
    restored = p.restore(r.text, r.session_id)
    assert "Maria" in restored and "Lisbon" in restored
    assert p.strategy_stats() == {"replacer:shout": {"calls": 1}}


def test_a_replacer_that_drops_surrogates_falls_back_and_says_so(shouting: None) -> None:
    p = Pseudonymizer(replacer="shout-drop")
    results = p.pseudonymize_many([TEXT, "No personal data here."])
    first, second = results
    assert first.notes == ("REP_shout fell back: a surrogate is missing from the output",)
    assert first.text == direct(TEXT, first.entities)
    assert p.restore(first.text, first.session_id) == TEXT  # nothing lost: the mapping was committed
    assert second.notes == () and second.text == "No personal data here."  # no entity, replacer not called
    assert p.strategy_stats()["replacer:shout"] == {
        "calls": 1,
        "fallback:a surrogate is missing from the output": 1,
    }


def test_fallbacks_are_logged_without_input_text(shouting: None, caplog: pytest.LogCaptureFixture) -> None:
    p = Pseudonymizer(replacer="shout-drop")
    with caplog.at_level("WARNING", logger="pseudonym_core.strategies"):
        r = p.pseudonymize(TEXT)
    assert caplog.records, "a fallback must be visible in the log"
    logged = caplog.text
    assert "Maria" not in logged and "Lisbon" not in logged
    assert not any(e.surrogate in logged for e in r.entities)
