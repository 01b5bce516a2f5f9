"""The 'hf_ner' detector (DET_NER with any Hugging Face token classifier), on a tiny model built here.

Nothing is downloaded: the test writes a 20-word vocabulary and a one-layer BERT to tmp_path. Its
weights are set so that each token id always yields one chosen label whatever its position or
context (attention and feed-forward outputs zeroed, position embeddings zeroed, the classifier reading
a per-label direction of the word embedding). That makes a random model's output exact, so word
aggregation, window merging and batching can be checked end to end against known answers.
"""

from __future__ import annotations

import sys
from itertools import pairwise
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from pseudonym_core import ConfigError, Pseudonymizer, PseudonymizerConfig
from pseudonym_core.detect.base import Span
from pseudonym_core.detect.hf_ner import (
    HFTokenClassifierDetector,
    Word,
    aggregate,
    group_words,
    parse_label,
    plan_windows,
)

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-HERO"]
#: token → label the tiny model always predicts for it ("##a" and "##son" disagree with their word's
#: first piece on purpose: the first sub-token must decide).
VOCAB = {
    "[PAD]": "O", "[UNK]": "O", "[CLS]": "O", "[SEP]": "O", "[MASK]": "O",
    "john": "B-PER", "smith": "I-PER", "mary": "B-PER", "ann": "B-PER", "##a": "B-LOC", "##son": "I-LOC",
    "new": "B-LOC", "york": "I-LOC", "berlin": "B-LOC", "batman": "B-HERO",
    "lives": "O", "in": "O", "and": "O", "met": "O", "the": "O", ".": "O", ",": "O",
}  # fmt: skip


def _build(folder: Path) -> Path:
    import torch
    from transformers import BertConfig, BertForTokenClassification, BertTokenizerFast

    folder.mkdir(parents=True, exist_ok=True)
    vocab_file = folder / "vocab.txt"
    vocab_file.write_text("\n".join(VOCAB) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(str(vocab_file), do_lower_case=True)
    config = BertConfig(
        vocab_size=len(VOCAB),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=37,
        max_position_embeddings=512,
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
    )
    model = BertForTokenClassification(config)
    direction = torch.zeros(len(LABELS), 32)
    for k in range(len(LABELS)):
        direction[k, 2 * k], direction[k, 2 * k + 1] = 1.0, -1.0
    with torch.no_grad():
        emb = model.bert.embeddings
        emb.word_embeddings.weight.copy_(torch.stack([direction[LABELS.index(lab)] for lab in VOCAB.values()]))
        emb.position_embeddings.weight.zero_()
        emb.token_type_embeddings.weight.zero_()
        for layer in model.bert.encoder.layer:
            for dense in (layer.attention.output.dense, layer.output.dense):
                dense.weight.zero_()
                dense.bias.zero_()
        model.classifier.weight.copy_(2.0 * direction)
        model.classifier.bias.zero_()
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("tiny-ner"))


@pytest.fixture(scope="module")
def detector(model_dir: Path) -> HFTokenClassifierDetector:
    return HFTokenClassifierDetector(model_dir)


def _found(text: str, spans: list[Span]) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in spans]


def test_words_bio_merging_and_first_subtoken(detector: HFTokenClassifierDetector) -> None:
    text = "John Smith met Mary and Anna in New York, then Johnson met John Mary in Berlin."
    spans = detector.detect(text)
    assert _found(text, spans) == [
        ("John Smith", "PERSON"),  # B-PER I-PER merge
        ("Mary", "PERSON"),
        ("Anna", "PERSON"),  # ann|##a: the first piece decides, the span covers the whole word
        ("New York", "LOCATION"),  # punctuation after the entity stays outside
        ("Johnson", "PERSON"),  # john|##son: whole word, not "John"
        ("John", "PERSON"),  # B-PER B-PER: two people
        ("Mary", "PERSON"),
        ("Berlin", "LOCATION"),
    ]
    assert all(s.source == "hf_ner" and s.score > 0.99 for s in spans)


def test_inside_without_begin_starts_an_entity(detector: HFTokenClassifierDetector) -> None:
    text = "met Smith and York"
    assert _found(text, detector.detect(text)) == [("Smith", "PERSON"), ("York", "LOCATION")]


def test_long_text_windows_give_the_same_spans_without_duplicates(model_dir: Path) -> None:
    sentence = "Johnson lives in New York and met John Smith and Anna. "
    text = sentence * 30  # about 400 tokens: one window for the default detector
    whole = HFTokenClassifierDetector(model_dir)
    small = HFTokenClassifierDetector(model_dir, max_length=12, stride=4)
    assert whole.window >= 400 and small.window == 10
    expected = whole.detect(text)
    assert len(expected) == 4 * 30
    got = small.detect(text)
    assert [(s.start, s.end, s.label) for s in got] == [(s.start, s.end, s.label) for s in expected]
    assert all(a.end <= b.start for a, b in pairwise(got))  # sorted, no overlap, no duplicate
    assert {text[s.start : s.end] for s in got} == {"Johnson", "New York", "John Smith", "Anna"}


def test_plan_windows_never_cut_a_word_and_overlap() -> None:
    # words start at these token indexes; 25 tokens in all
    firsts = [0, 1, 3, 4, 7, 8, 9, 12, 13, 14, 17, 18, 20, 21, 24]
    windows = plan_windows(firsts, 25, size=6, stride=2)
    assert windows[0][0] == 0 and windows[-1][1] == 25
    for (s1, e1), (s2, _) in pairwise(windows):
        assert s1 < s2 <= e1  # progress, and overlap or at least contiguity
        assert e1 - s1 <= 6
    for s, e in windows:
        assert s in firsts and (e == 25 or e in firsts)
    assert plan_windows(firsts, 5, size=6, stride=2) == [(0, 5)]
    assert plan_windows([], 0, size=6, stride=2) == []
    # a single word longer than a window has to be cut, and the plan still ends
    assert plan_windows([0], 20, size=6, stride=2)[-1][1] == 20


def test_batching_equals_one_by_one(model_dir: Path) -> None:
    det = HFTokenClassifierDetector(model_dir, max_length=16, stride=4, batch_size=3)
    texts = [
        "John Smith lives in Berlin.",
        "",
        "Nothing here at all.",
        "Mary met Batman and Anna in New York. " * 6,
        "Johnson",
    ]
    batched = det.detect_many(texts)
    single = [det.detect(t) for t in texts]
    assert [[(s.start, s.end, s.label) for s in spans] for spans in batched] == [
        [(s.start, s.end, s.label) for s in spans] for spans in single
    ]
    for a, b in zip(batched, single, strict=True):
        assert [s.score for s in a] == pytest.approx([s.score for s in b], abs=1e-5)
    assert batched[1] == [] and batched[2] == []


def test_threads_share_one_checkpoint_safely(model_dir: Path, detector: HFTokenClassifierDetector) -> None:
    from concurrent.futures import ThreadPoolExecutor

    other = HFTokenClassifierDetector(model_dir)  # same cached tokenizer and model, same lock
    assert other.model is detector.model and other._lock is detector._lock
    text = "Mary met John Smith in New York. " * 20
    expected = detector.detect(text)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda k: (detector if k % 2 else other).detect(text), range(8)))
    assert all(r == expected for r in results)


def test_label_map(model_dir: Path, detector: HFTokenClassifierDetector) -> None:
    text = "Batman met John in Berlin"
    assert _found(text, detector.detect(text)) == [("John", "PERSON"), ("Berlin", "LOCATION")]  # HERO unknown
    mapped = HFTokenClassifierDetector(model_dir, label_map={"hero": "PERSON", "PER": "", "LOC": "ORGANIZATION"})
    assert _found(text, mapped.detect(text)) == [("Batman", "PERSON"), ("Berlin", "ORGANIZATION")]


def test_parse_label_schemes() -> None:
    assert (parse_label("B-PER").role, parse_label("B-PER").type) == ("B", "PER")
    assert (parse_label("i_loc").role, parse_label("i_loc").type) == ("I", "LOC")
    assert (parse_label("L-ORG").role, parse_label("U-ORG").role, parse_label("E-ORG").role) == ("E", "S", "E")
    assert (parse_label("PERSON").role, parse_label("PERSON").type) == ("I", "PERSON")
    assert parse_label("O").type is None and parse_label("LABEL_0").type == "LABEL_0"


def test_aggregate_schemes_and_threshold() -> None:
    text = "aa bb cc dd"
    words = [Word(i, i + 1, 3 * i, 3 * i + 2) for i in range(4)]
    tags = {i: parse_label(lab) for i, lab in enumerate(["O", "PER", "S-PER", "E-PER", "B-PER", "MISC"])}
    label_map = {"PER": "PERSON"}

    def run(labels: list[int], probs: list[float] | None = None, threshold: float = 0.0) -> list[tuple[str, str]]:
        preds = list(zip(labels, probs or [0.9] * len(labels), strict=True))
        return _found(text, aggregate(words, preds, tags, label_map, threshold))

    assert run([1, 1, 0, 1]) == [("aa bb", "PERSON"), ("dd", "PERSON")]  # plain (IO) labels merge
    assert run([2, 1, 0, 0]) == [("aa", "PERSON"), ("bb", "PERSON")]  # S- closes its entity
    assert run([4, 3, 1, 0]) == [("aa bb", "PERSON"), ("cc", "PERSON")]  # E- closes after itself
    assert run([5, 5, 1, 0]) == [("cc", "PERSON")]  # unknown type dropped
    assert run([4, 1, 1, 0], [0.9, 0.2, 0.9, 0.9], threshold=0.5) == [("aa", "PERSON"), ("cc", "PERSON")]
    spans = aggregate(words, [(4, 0.8), (1, 0.6), (0, 1.0), (0, 1.0)], tags, label_map)
    assert spans[0].score == pytest.approx(0.7)


def test_group_words_without_word_ids() -> None:
    text = "Jo-hn  Smith's"
    offsets = [(0, 2), (2, 3), (3, 5), (7, 10), (10, 12), (12, 13), (13, 14)]
    words = group_words(text, offsets, None)
    assert [text[w.start : w.end] for w in words] == ["Jo", "-", "hn", "Smith", "'", "s"]
    assert [w.first for w in words] == [0, 1, 2, 3, 5, 6]
    # a tokenizer that folds the leading space into the offsets still yields clean word offsets
    padded = " ab "
    assert [padded[w.start : w.end] for w in group_words(padded, [(0, 4)], [0])] == ["ab"]
    assert group_words(padded, [(0, 1), (3, 3)], [0, 1]) == []  # nothing visible, no word


def test_byte_level_bpe_roberta_offsets_and_positions(tmp_path: Path) -> None:
    """RoBERTa-style models: offsets that include the leading space, <s>/</s>, positions from padding_idx + 1."""
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from tokenizers.processors import RobertaProcessing
    from transformers import PreTrainedTokenizerFast, RobertaConfig, RobertaForTokenClassification

    bpe = ByteLevelBPETokenizer(add_prefix_space=True, trim_offsets=False)
    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    corpus = ["John Smith lives in Berlin"] * 5
    bpe.train_from_iterator(corpus, vocab_size=280, min_frequency=1, special_tokens=specials)
    bpe.post_processor = RobertaProcessing(("</s>", 2), ("<s>", 0), trim_offsets=False, add_prefix_space=True)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe, bos_token="<s>", eos_token="</s>", cls_token="<s>", sep_token="</s>",
        pad_token="<pad>", unk_token="<unk>", mask_token="<mask>",
    )  # fmt: skip
    config = RobertaConfig(
        vocab_size=bpe.get_vocab_size(), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=37, max_position_embeddings=22, pad_token_id=1,
        id2label={0: "O", 1: "B-PER"}, label2id={"O": 0, "B-PER": 1},
    )  # fmt: skip
    model = RobertaForTokenClassification(config)
    with torch.no_grad():
        model.classifier.bias.copy_(torch.tensor([0.0, 20.0]))  # every word is its own PERSON
    model.save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)

    det = HFTokenClassifierDetector(tmp_path, stride=6)
    assert det.window == 22 - 2 - 2  # two special tokens, positions start at padding_idx + 1
    text = "John Smith lives in Berlin " * 8
    assert len(det.tokenizer(text, add_special_tokens=False)["input_ids"]) > 2 * det.window  # several windows
    assert [text[s.start : s.end] for s in det.detect(text)] == text.split()


def test_pipeline_end_to_end(model_dir: Path) -> None:
    p = Pseudonymizer(PseudonymizerConfig(detectors=["hf_ner"], hf_ner_model=str(model_dir)))
    s = p.session()
    r = p.pseudonymize("John Smith lives in Berlin.", session=s)
    assert sorted(e.label for e in r.entities) == ["LOCATION", "PERSON"]
    assert all(e.source == "hf_ner" for e in r.entities)
    assert "John" not in r.text and "Smith" not in r.text and "Berlin" not in r.text
    assert p.restore(r.text, session=s) == "John Smith lives in Berlin."

    mapped = Pseudonymizer(
        PseudonymizerConfig(detectors=["hf_ner"], hf_ner_model=str(model_dir), hf_ner_label_map={"LOC": ""})
    )
    assert [e.label for e in mapped.pseudonymize("John Smith lives in Berlin.").entities] == ["PERSON"]

    # the config's threshold reaches the model: no word probability reaches 1.0, so nothing is tagged
    strict = Pseudonymizer(PseudonymizerConfig(detectors=["hf_ner"], hf_ner_model=str(model_dir), hf_ner_threshold=1.0))
    assert strict.pseudonymize("John Smith lives in Berlin.").entities == []


def test_missing_model_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ConfigError, match="hf_ner_model"):
        Pseudonymizer(PseudonymizerConfig(detectors=["hf_ner"])).pseudonymize("John Smith")
    with pytest.raises(ConfigError, match="cannot load token classifier"):
        HFTokenClassifierDetector(tmp_path / "no-such-model")
    with pytest.raises(ConfigError, match="cannot load token classifier"):
        HFTokenClassifierDetector("no-such-org/no-such-model")


def test_missing_transformers_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "transformers", None)
    with pytest.raises(ConfigError, match=r"llm-pseudonym\[transformers\]"):
        HFTokenClassifierDetector("model-never-loaded-before")
