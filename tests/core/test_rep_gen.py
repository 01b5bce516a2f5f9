"""REP_gen: forced-copy replacement with the local causal LM (pointer, forcing, KV cache, fallback)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from pseudonym_core.replace.base import direct, guard  # noqa: E402
from pseudonym_core.replace.gen import GenReplacer, restore_gen  # noqa: E402
from pseudonym_core.replace.gen_copy import Copier, adaptation, crossing, rejoin  # noqa: E402
from pseudonym_core.types import Entity  # noqa: E402

torch.set_num_threads(1)


def _smollm2():
    from pseudonym_core.errors import ConfigError
    from pseudonym_core.llm import shared_lm

    try:
        return shared_lm()
    except ConfigError as exc:
        pytest.skip(f"SmolLM2 not available: {exc}")


@pytest.fixture(scope="module")
def tiny_lm():
    """A randomly initialised 2-layer Llama with SmolLM2's tokenizer: its output is garbage."""
    from tiny_models import tiny_llama

    from pseudonym_core.llm.local import LocalLM

    model, tok = tiny_llama(max_position_embeddings=1024, tie_word_embeddings=False)
    return LocalLM(model, tok, "tiny")


def _entities(text: str, pairs: list[tuple[str, str, str]]) -> list[Entity]:
    out = []
    for original, surrogate, label in pairs:
        start = text.index(original)
        out.append(Entity(start, start + len(original), original, label, surrogate, 0.9, "test"))
    return out


TEXTS = [
    (
        "John Smith is an engineer in Berlin and he likes it there.",
        [("John Smith", "Mark Novak", "PERSON"), ("Berlin", "Lyon", "LOCATION")],
    ),
    (
        "Please call Anna Weber at 030 1234567 before Friday, she is waiting.",
        [("Anna Weber", "Lena Roth", "PERSON"), ("030 1234567", "040 7654321", "PHONE_NUMBER")],
    ),
    (
        "Dear Mr. Brown, your order for Oslo has shipped today.",
        [("Brown", "Clarke", "PERSON"), ("Oslo", "Bergen", "LOCATION")],
    ),
]


def test_alignment_helpers_on_token_strings() -> None:
    src = "I met John Smith today."
    target = (6, 16, "Mark Novak")
    assert crossing(src, 5, target, " John")  # " John" from the space runs into the entity
    assert crossing(src, 5, target, " Jim")  # synced: whatever the name, the surrogate is forced there
    assert not crossing(src, 5, target, " Jim", strict=True)  # deviating: only the source's own start counts
    assert not crossing(src, 3, target, " met")  # ends before the entity
    assert not crossing(src, 4, target, "et J")  # does not match the gap
    # "a" adapted to "an" rejoins at " engineer"; a dropped phrase or a skipped entity does not
    assert adaptation(" an", " a") and adaptation("He", "she") and adaptation(" Mr.", " Mrs.")
    assert (
        not adaptation("Can", "can")
        and not adaptation(" to", " by")
        and not adaptation(", Germany.", ".")
        and not adaptation(" an", " a the")
    )
    s2 = "She is a engineer at the annual fair."
    assert rejoin(s2, 6, len(s2), 16, " an engineer", " engineer") == s2.index(" at")
    assert rejoin(s2, 6, len(s2), 16, " fair", " fair") is None  # would drop " a engineer at the annual"
    assert rejoin(s2, 6, 12, 16, " an engineer", " engineer") is None  # the next target starts at 12
    assert rejoin(s2, 6, len(s2), 16, " an", " an") is None  # nothing to anchor on yet
    assert rejoin(s2, 6, len(s2), 16, " a good engineer", " engineer") is None  # an added word
    assert rejoin(s2, 6, len(s2), 16, " the engineer", " engineer") is None  # not an agreement word
    assert rejoin(s2, 0, len(s2), 16, "He is", " is") == s2.index(" a")  # pronoun follows the surrogate
    assert rejoin(s2, 0, len(s2), 16, "she is", " is") == s2.index(" a")  # a pronoun's case


def test_garbage_model_always_falls_back_to_direct(tiny_lm) -> None:
    rep = GenReplacer(lm=tiny_lm)
    for text, pairs in TEXTS:
        ents = _entities(text, pairs)
        result = rep.replace(text, ents)
        assert result.text == direct(text, ents)
        assert len(result.notes) == 1 and result.notes[0].startswith("REP_gen fell back")
        assert not any(original in note for original, _, _ in pairs for note in result.notes)
    snap = rep.stats.snapshot()
    assert snap["calls"] == len(TEXTS) and snap["fell_back"] == len(TEXTS) and "used" not in snap


def test_surrogates_forced_at_entity_starts(tiny_lm) -> None:
    """With unlimited repairs every source word is forced, so the output must be exactly REP_direct's,
    and each forced piece that carries a surrogate starts at the source gap before its entity."""
    forced: list[tuple[str, str]] = []

    class Recording(Copier):
        def _force(self, text: str) -> None:
            forced.append(("".join(self.out), text))
            super()._force(text)

    from pseudonym_core.replace.gen import copy_prompt

    text, pairs = TEXTS[0]
    ents = _entities(text, pairs)
    targets = [(e.start, e.end, e.surrogate) for e in ents]
    copier = Recording(
        tiny_lm, copy_prompt(tiny_lm.tokenizer, text), text, targets, {e.text for e in ents}, max_repairs=10**6
    )
    assert copier.run() == direct(text, ents)
    for e in ents:
        before, piece = next((b, p) for b, p in forced if p.endswith(e.surrogate))
        gap = piece[: -len(e.surrogate)]
        cut = e.start - len(gap)
        assert text[: e.start].endswith(gap) and before == direct(text[:cut], [x for x in ents if x.end <= cut])
    tok = tiny_lm.tokenizer
    n_forced = sum(len(tok(p, add_special_tokens=False)["input_ids"]) for _, p in forced)
    assert copier.stats.forced == n_forced and copier.stats.repairs > 0


def _fed(lm, kv_cache: bool) -> tuple[list[int], Copier, list[int]]:
    """Input lengths of every forward pass of one forced copy (recorded by a forward hook)."""
    from pseudonym_core.replace.gen import copy_prompt

    lengths: list[int] = []
    hook = lm.model.register_forward_pre_hook(
        lambda _m, args, kwargs: lengths.append(kwargs["input_ids"].shape[1]), with_kwargs=True
    )
    try:
        text, pairs = TEXTS[1]
        ents = _entities(text, pairs)
        prompt = copy_prompt(lm.tokenizer, text)
        targets = [(e.start, e.end, e.surrogate) for e in ents]
        copier = Copier(lm, prompt, text, targets, max_repairs=10**6, kv_cache=kv_cache)
        copier.run()
    finally:
        hook.remove()
    return lengths, copier, prompt


def test_kv_cache_feeds_every_token_once(tiny_lm) -> None:
    lengths, copier, prompt = _fed(tiny_lm, kv_cache=True)
    st = copier.stats
    assert lengths[0] == len(prompt) and lengths[1:] == st.fed_lengths
    # one forward pass per step, and every token (prompt, forced, chosen) goes through the model once
    assert sum(lengths) == len(prompt) + st.forced + st.chosen + st.discarded
    assert st.chosen + st.discarded > 0 and lengths.count(1) >= st.chosen + st.discarded
    # rolled-back deviations are cropped from the cache, so it holds exactly the kept tokens
    assert copier.dec.past.get_seq_length() == len(copier.dec.ids)
    # the reference behaviour re-runs the whole sequence every step: same output, quadratic work
    full, ref, _ = _fed(tiny_lm, kv_cache=False)
    assert "".join(ref.out) == "".join(copier.out)
    assert sum(full) > 5 * sum(lengths)


@pytest.fixture(scope="module")
def gen_pipeline():
    from pseudonym_core import Pseudonymizer
    from pseudonym_core.config import PseudonymizerConfig

    _smollm2()
    return Pseudonymizer(PseudonymizerConfig(replacer="gen", secret_key="rep-gen-test-key"))


SHORT = [
    "Anna Müller said she would call Dr. Peter Brown tomorrow.",
    "John Smith lives in Berlin and works for Siemens.",
    "Please send the contract to maria.garcia@example.com by Monday.",
]


def test_smollm2_gen_replacement_is_safe_and_restorable(gen_pipeline) -> None:
    p = gen_pipeline
    used = 0
    for text in SHORT:
        s = p.session()
        before = p.strategy_stats().get("replacer:gen", {}).get("fell_back", 0)
        r = p.pseudonymize(text, session=s)
        assert r.entities, "the default detectors find these entities"
        assert guard(r.text, text, r.entities) is None  # every surrogate, no original
        fell_back = p.strategy_stats()["replacer:gen"].get("fell_back", 0) - before
        assert bool(r.notes) == (fell_back == 1)
        if r.notes:
            assert r.text == direct(text, r.entities)
        else:
            used += 1
        if r.text == direct(text, r.entities):  # a faithful copy restores exactly
            assert p.restore(r.text, session=s) == text
    assert used >= 1, "SmolLM2 copies at least one of these short texts well enough"


def test_restore_gen_puts_originals_back(gen_pipeline) -> None:
    p = gen_pipeline
    text = SHORT[0]
    s = p.session()
    r = p.pseudonymize(text, session=s)
    back = restore_gen(r.text, s)
    if back.notes:
        assert back.text == p.restore(r.text, session=s)
    assert all(e.text in back.text for e in r.entities)
    assert not any(e.surrogate in back.text for e in r.entities)


def test_smollm2_adapts_pronouns_after_a_forced_surrogate() -> None:
    """The point of REP_gen over REP_direct: words after the surrogate follow it (measured behaviour
    of the packaged SmolLM2-135M-Instruct, greedy, so deterministic)."""
    text = "Mr. Peter Brown called. He wants his money back."
    ents = _entities(text, [("Peter Brown", "Maria Lopez", "PERSON")])
    rep = GenReplacer(lm=_smollm2())
    result = rep.replace(text, ents)
    assert not result.notes and guard(result.text, text, ents) is None
    assert result.text == "Mr. Maria Lopez called. She wants her money back."
    snap = rep.stats.snapshot()
    assert snap["rejoins"] == 2 and snap["tokens_forced"] > 0 and snap["tokens_chosen"] > 0
