"""The `llm` rewrite mode with tiny models the test builds: accepted only when every check passes.

A randomly initialised model answers garbage (must fall back); a model trained here to answer one
clean rewrite is accepted; one trained to answer a rewrite that keeps a surname falls back.
"""

from __future__ import annotations

from typing import Any

import pytest

from pseudonym_core import Pseudonymizer

CLEAN_TEXT = "Zbigniew Kowalczyk from Gdańsk booked the late train to the coast."
CLEAN_ANSWER = "A man from a city in Poland booked the late train to the coast."
LEAKY_TEXT = "Marta Wiśniewska from Kraków cancelled the hotel room for the conference."
LEAKY_ANSWER = "A woman called Wiśniewska cancelled the hotel room for the conference."


def _train(model: Any, tok: Any, pairs: list[tuple[str, str]], steps: int = 400) -> Any:
    """Teach a tiny model to answer each prompt of `rewrite` with its target (loss on the answer only)."""
    import torch

    from pseudonym_core.llm.chat import chat_prompt
    from pseudonym_lab.anonymize.llm import EXAMPLES, INSTRUCTION, SYSTEM

    rows = []
    for text, answer in pairs:
        prompt = chat_prompt(tok, INSTRUCTION + text, system=SYSTEM, examples=EXAMPLES)
        target = [*tok(answer, add_special_tokens=False)["input_ids"], tok.convert_tokens_to_ids("<|im_end|>")]
        rows.append((torch.tensor([prompt + target]), torch.tensor(target)))
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    last = [float("inf")] * len(rows)
    for step in range(steps):
        ids, target = rows[step % len(rows)]
        # logits of the answer positions only: the long prompt's would cost most of the step
        logits = model(input_ids=ids, logits_to_keep=len(target) + 1).logits[0, :-1]
        loss = torch.nn.functional.cross_entropy(logits, target)
        last[step % len(rows)] = loss.item()
        if max(last) < 0.01:  # every answer learnt
            break
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    return model


@pytest.fixture(scope="module")
def trained_lm() -> Any:
    from tiny_models import tiny_llama

    from pseudonym_core.llm.local import LocalLM

    model, tok = tiny_llama()
    _train(model, tok, [(CLEAN_TEXT, CLEAN_ANSWER), (LEAKY_TEXT, LEAKY_ANSWER)])
    return LocalLM(model, tok, name="tiny-trained")


def test_a_clean_rewrite_is_accepted(trained_lm: Any, pseudonymizer: Pseudonymizer) -> None:
    from pseudonym_lab.anonymize import Anonymizer

    a = Anonymizer("llm", pseudonymizer=pseudonymizer, lm=trained_lm)
    assert a._llm_answer(CLEAN_TEXT) == (CLEAN_ANSWER, False)  # the model learnt its answer
    out = a.anonymize(CLEAN_TEXT)
    assert (out.mode, out.text, out.notes) == ("llm", CLEAN_ANSWER, ())


def test_a_rewrite_that_keeps_a_surname_falls_back(trained_lm: Any, pseudonymizer: Pseudonymizer) -> None:
    from pseudonym_lab.anonymize import Anonymizer

    a = Anonymizer("llm", pseudonymizer=pseudonymizer, lm=trained_lm)
    assert a._llm_answer(LEAKY_TEXT) == (LEAKY_ANSWER, False)
    assert a._llm_answer(LEAKY_TEXT, a.detect(LEAKY_TEXT))[1]  # with the guard watching, it stops early
    out = a.anonymize(LEAKY_TEXT)
    assert out.mode == "generalize" and "Wiśniewska" not in out.text
    assert out.text == a.generalize(LEAKY_TEXT, a.detect(LEAKY_TEXT)).text
    assert out.notes == ("llm rewrite fell back: an original remained; used generalize",)
    assert a.stats.snapshot() == {"calls": 1, "fallback:an original remained; used generalize": 1}


def test_garbage_falls_back_with_a_reason(pseudonymizer: Pseudonymizer) -> None:
    from tiny_models import tiny_llama

    from pseudonym_core.llm.local import LocalLM
    from pseudonym_lab.anonymize import Anonymizer

    model, tok = tiny_llama()
    a = Anonymizer("llm", pseudonymizer=pseudonymizer, lm=LocalLM(model, tok, name="tiny-random"))
    out = a.anonymize(CLEAN_TEXT)
    assert out.mode == "generalize" and out.text == "A man from a city in Poland booked the late train to the coast."
    assert len(out.notes) == 1 and out.notes[0].startswith("llm rewrite fell back: ")
    assert "Kowalczyk" not in out.notes[0]
