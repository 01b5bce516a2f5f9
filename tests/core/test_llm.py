"""pseudonym_core.llm: lenient JSON extraction, chat prompts and KV-cache decoding.

Decoding is checked on a tiny randomly initialised Llama built here (SmolLM2's tokenizer, 2 layers
of width 32): the cached decoder must choose exactly the tokens, with the same logits, that a full
re-computation of the whole sequence chooses at every step.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from pseudonym_core.llm.jsonparse import extract_json


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('```json\n[{"text": "Ann Lee", "type": "person"}]\n```', [{"text": "Ann Lee", "type": "person"}]),
        ('Here: [{"text": "Oslo", "type": "city"}] Hope it helps.', [{"text": "Oslo", "type": "city"}]),
        ("[{'text': 'Ann Lee', 'type': 'person'}]", [{"text": "Ann Lee", "type": "person"}]),
        ('[{"text": "Ann", "type": "person",}, ]', [{"text": "Ann", "type": "person"}]),
        # cut off mid-item: the complete items survive
        (
            '[{"text": "Ann", "type": "person"}, {"text": "Bo", "type": "person"}, {"text": "Os',
            [
                {"text": "Ann", "type": "person"},
                {"text": "Bo", "type": "person"},
            ],
        ),
        ('[{"text": "a ] b", "type": "x"}]', [{"text": "a ] b", "type": "x"}]),  # brackets inside strings
        ('{"entities": []}', {"entities": []}),
        ("[]", []),
    ],
)
def test_extract_json_reads_what_small_models_write(raw: str, expected: Any) -> None:
    assert extract_json(raw) == expected


@pytest.mark.parametrize("raw", ["", "no json here", "[[[[", "{oops", "Schoelz, company that specializes in", "[1, 2"])
def test_extract_json_returns_none_for_garbage(raw: str) -> None:
    assert extract_json(raw) is None


def test_extract_json_type_filter_and_non_strings() -> None:
    assert extract_json('note {"a": 1} then [2]', want=list) == [2]
    assert extract_json('[2] then {"a": 1}', want=dict) == {"a": 1}
    assert extract_json(None) is None  # type: ignore[arg-type]
    assert extract_json("__import__('os').system('true')") is None  # literal_eval never executes code


# ------------------------------------------------------------------------------------------ decoding

pytest.importorskip("torch")
pytest.importorskip("transformers")


@pytest.fixture(scope="module")
def tiny_lm() -> Any:
    from tiny_models import tiny_llama

    from pseudonym_core.llm.local import LocalLM

    # initializer_range 0.5 spreads the logits, so no near-ties make argmax depend on rounding
    model, tok = tiny_llama(max_position_embeddings=256, initializer_range=0.5)
    return LocalLM(model, tok, "tiny")


def test_kv_cache_decoding_equals_full_recomputation(tiny_lm: Any) -> None:
    import torch

    from pseudonym_core.llm.chat import Decoder, chat_prompt

    prompt = chat_prompt(tiny_lm.tokenizer, "Name one city.", system="Be brief.")
    dec = Decoder(tiny_lm, prompt)
    ids = list(prompt)
    for _ in range(8):
        with torch.inference_mode():
            full = tiny_lm.model(input_ids=torch.tensor([ids])).logits[0, -1].float()
        assert torch.allclose(dec.logits, full, atol=1e-4)
        tok = dec.greedy()
        assert tok == int(full.argmax())
        ids.append(tok)
        dec.feed([tok])
    assert dec.ids == ids


def test_generate_greedy_sampled_and_stops(tiny_lm: Any) -> None:
    import torch

    from pseudonym_core.llm.chat import chat_prompt, end_ids, generate

    tok = tiny_lm.tokenizer
    prompt = chat_prompt(tok, "Say something.")
    greedy = generate(tiny_lm, prompt, max_new_tokens=6)
    ids = list(prompt)
    out: list[int] = []
    for _ in range(6):
        with torch.inference_mode():
            nxt = int(tiny_lm.model(input_ids=torch.tensor([ids])).logits[0, -1].argmax())
        if nxt in end_ids(tok):
            break
        ids.append(nxt)
        out.append(nxt)
    assert greedy == tok.decode(out, skip_special_tokens=True)
    # sampling follows the rng: same seed, same text
    a = generate(tiny_lm, prompt, max_new_tokens=6, rng=random.Random(7))
    b = generate(tiny_lm, prompt, max_new_tokens=6, rng=random.Random(7))
    assert a == b
    # a stop string cuts the answer before it
    if len(greedy) > 2:
        stop = greedy[1:3]
        assert generate(tiny_lm, prompt, max_new_tokens=6, stop=(stop,)) == greedy[: greedy.index(stop)]


def test_decoder_refuses_to_overflow_the_context(tiny_lm: Any) -> None:
    from pseudonym_core.llm.chat import Decoder

    dec = Decoder(tiny_lm, [1] * 250)
    assert dec.room == 6
    with pytest.raises(OverflowError):
        dec.feed([1] * 7)


def test_chat_prompt_uses_the_template_or_a_plain_layout(tiny_lm: Any) -> None:
    from pseudonym_core.llm.chat import chat_prompt, end_ids

    tok = tiny_lm.tokenizer
    text = tok.decode(chat_prompt(tok, "hello", system="sys", assistant_prefix="["))
    assert text.startswith("<|im_start|>system\nsys<|im_end|>") and text.endswith("<|im_start|>assistant\n[")
    assert tok.convert_tokens_to_ids("<|im_end|>") in end_ids(tok)

    class Plain:
        chat_template = None

        def __call__(self, text: str, add_special_tokens: bool = False) -> dict[str, list[int]]:
            return {"input_ids": [ord(c) for c in text]}

    assert "".join(map(chr, chat_prompt(Plain(), "hello", system="sys"))) == "sys\n\nhello\n\n"
