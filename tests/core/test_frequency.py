"""The cached frequency tables answer exactly what wordfreq answers (they only exist for speed)."""

from __future__ import annotations

import random

import pytest
from wordfreq import get_frequency_dict, zipf_frequency

from pseudonym_core.decide import frequency
from pseudonym_core.decide.words import FOREIGN_ZIPF, OTHER_LANGUAGES


def _sample(lang: str, k: int, seed: int) -> list[str]:
    words = sorted(get_frequency_dict(lang))
    rng = random.Random(seed)
    picked = rng.sample(words, k)
    picked += [w.upper() for w in picked[:100]] + [w.title() for w in picked[100:200]]
    # words wordfreq does not know, mixed case, diacritics, digits, apostrophes, several tokens
    picked += ["qzxv", "grant", "Grant", "josé", "o'brien", "b2b", "new york", "zürich", "ß", "", "kowalczyk",
               "straße", "İstanbul", "l’heure", "JOSE\u0301", "dzień", "ıi", "1990s", "42", "co-op", "Łódź", "...", "—"]
    return picked


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    frequency._english.cache_clear()
    frequency._frequent.cache_clear()
    yield tmp_path
    frequency._english.cache_clear()
    frequency._frequent.cache_clear()


def test_english_zipf_equals_wordfreq_built_and_read_back(fresh_cache) -> None:
    words = _sample("en", 3000, seed=1)
    built = [frequency.english_zipf(w) for w in words]
    assert list(fresh_cache.glob("llm-pseudonym/zipf-en-*.marshal")), "the table was not cached"
    frequency._english.cache_clear()
    read = [frequency.english_zipf(w) for w in words]
    expected = [z if (z := zipf_frequency(w, "en")) >= frequency.ENGLISH_FLOOR else 0.0 for w in words]
    assert any(z > 0 for z in expected) and any(z == 0 for z in expected)
    assert built == expected
    assert read == expected


def test_frequent_in_any_equals_wordfreq(fresh_cache) -> None:
    langs = OTHER_LANGUAGES[:4]
    words = [w for lang in langs for w in _sample(lang, 500, seed=2)] + _sample("en", 500, seed=3)
    got = [frequency.frequent_in_any(w, langs, FOREIGN_ZIPF) for w in words]
    expected = [any(zipf_frequency(w, lang) >= FOREIGN_ZIPF for lang in langs) for w in words]
    assert got == expected
    assert any(got) and not all(got)
