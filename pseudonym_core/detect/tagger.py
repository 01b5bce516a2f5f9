"""DET_tag_mark / DET_tag_rep: a LoRA-fine-tuned causal LM that rewrites the input with entity tags.

The model folder comes from `pseudonym train tagger` (adapter + tokenizer + ``tagger.json``). The
model's output is only ever *aligned* to the input (`tagger_align.align`): spans are offsets
into the original text, so a model that rephrases, drops a word or invents a tagged name cannot make
a span point at text that is not there. What cannot be aligned is dropped and counted; an output
that is no copy of the input at all yields no spans and counts as a fallback. Nothing here raises
on bad model output, and no count or note carries input text.

Construction only reads ``tagger.json`` (instant, and wrong folders fail at config time); the base
model and adapter load on the first `detect`, with the LoRA weights merged into the base for speed.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..stats import StrategyStats
from .base import BaseDetector, Span

if TYPE_CHECKING:
    from ..config import PseudonymizerConfig
    from ..llm.local import LocalLM

SCORE = 0.7
#: Chunk size in characters; the tagger is trained on texts of this order (`--max-tokens` 384).
CHUNK_CHARS = 400
#: Every this many generated tokens, the output so far must still resemble the input's beginning.
CHECK_EVERY = 12
#: Share of the output so far that must be found in the input's beginning (a tagged copy: ~1.0).
MIN_PREFIX_RATIO = 0.5
#: Prompt-layout lines a model may start repeating after its answer (cut there).
LAYOUT_MARKERS = ("\nTagged:", "\nText:")


def read_tagger_info(path: str | Path, mode: str) -> dict[str, Any]:
    """``tagger.json`` of a trained tagger folder, checked against the requested mode."""
    folder = Path(path).expanduser()
    info_path = folder / "tagger.json"
    if not info_path.is_file():
        raise ConfigError(
            f"tagger_model {folder} has no tagger.json: point PseudonymizerConfig.tagger_model at a folder "
            f"written by `pseudonym train tagger --mode {mode} --out DIR`"
        )
    try:
        info = json.loads(info_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"tagger_model {folder}: unreadable tagger.json ({type(exc).__name__})") from None
    if info.get("mode") != mode:
        raise ConfigError(
            f"tagger_model {folder} was trained for mode {info.get('mode')!r}, but detector 'tag_{mode}' needs "
            f"mode {mode!r}: use detector 'tag_{info.get('mode')}' or train with --mode {mode}"
        )
    return info


class _Diverged(Exception):
    """The output stopped being a copy of the input: decoding further would only waste time."""


class TagDetector(BaseDetector):
    """Runs the tuned tagger greedily (KV cache) over chunks of the text and aligns its tags to spans."""

    def __init__(self, cfg: PseudonymizerConfig, mode: str = "mark") -> None:
        from .tagger_format import MODES

        if mode not in MODES:
            raise ConfigError(f"tagger mode must be one of {MODES}, got {mode!r}")
        if not cfg.tagger_model:
            raise ConfigError(
                f"the 'tag_{mode}' detector needs PseudonymizerConfig.tagger_model: the folder written by "
                f"`pseudonym train tagger --mode {mode}` (default <cache>/tagger-{mode})"
            )
        self.mode = mode
        self.name = f"tag_{mode}"
        self.strategy = f"DET_tag_{mode}"
        self.path = Path(cfg.tagger_model).expanduser()
        self.info = read_tagger_info(self.path, mode)
        self.stats = StrategyStats()
        self._lm: LocalLM | None = None
        self._load_lock = threading.Lock()

    @property
    def labels(self) -> set[str]:
        from ..labels import KNOWN_LABELS

        return set(self.info.get("labels", ())) | set(KNOWN_LABELS)

    @property
    def lm(self) -> LocalLM:
        with self._load_lock:
            if self._lm is None:
                self._lm = self._load()
            return self._lm

    def _load(self) -> LocalLM:
        try:
            import torch
            from peft import PeftModel
            from transformers import AutoModelForCausalLM, AutoTokenizer
        except ImportError:
            raise ConfigError(
                "the tagger detectors need torch, transformers and peft: pip install 'llm-pseudonym[transformers]'"
            ) from None
        from ..llm.local import LocalLM

        base = Path(str(self.info.get("base", "")))
        if not (base / "config.json").is_file():
            raise ConfigError(
                f"the tagger's base model folder {base} (from tagger.json) is missing; restore it or retrain"
            )
        model = AutoModelForCausalLM.from_pretrained(str(base), dtype=torch.float32)
        model = PeftModel.from_pretrained(model, str(self.path)).merge_and_unload()
        model.eval()
        return LocalLM(model, AutoTokenizer.from_pretrained(str(self.path)), name=self.name)

    def detect(self, text: str) -> list[Span]:
        from .tagger_format import split_chunks

        spans: list[Span] = []
        for offset, chunk in split_chunks(text, CHUNK_CHARS):
            spans.extend(self._detect_chunk(chunk, offset))
        return spans

    def _detect_chunk(self, chunk: str, offset: int) -> list[Span]:
        from .tagger_align import align
        from .tagger_format import prompt_text

        lm = self.lm
        self.stats.count("calls")
        ids = list(lm.tokenizer(prompt_text(chunk, self.mode), add_special_tokens=False)["input_ids"])
        n_in = len(lm.tokenizer(chunk, add_special_tokens=False)["input_ids"])
        # a tagged copy is the input plus a few tokens per entity; a much longer output is looping
        budget = int(n_in * (1.6 if self.mode == "mark" else 1.2)) + 24
        try:
            output = self._generate(lm, ids, chunk, budget)
        except _Diverged:
            self.stats.fallback(self.strategy, "output diverged from the input")
            return []
        except OverflowError:
            self.stats.fallback(self.strategy, "chunk too long for the model")
            return []
        except Exception as exc:
            self.stats.fallback(self.strategy, f"generation failed ({type(exc).__name__})")
            return []
        result = align(chunk, output, self.mode, self.labels)
        if result.events.pop("not_a_copy", 0):
            self.stats.fallback(self.strategy, "output is not a tagged copy of the input")
            return []
        for event, n in result.events.items():
            self.stats.count(f"dropped:{event}" if event in ("unaligned", "unknown_tag") else event, n)
        if result.spans:
            self.stats.count("spans", len(result.spans))
        return [Span(offset + s, offset + e, label, SCORE, self.name) for s, e, label in result.spans]

    def _generate(self, lm: LocalLM, prompt_ids: list[int], chunk: str, budget: int) -> str:
        """Greedy decoding over the KV cache that gives up early on an output that is not a copy.

        A weak tagger often starts paraphrasing or loops until the token budget; each check costs
        one difflib ratio over ~100 characters, while each token saved costs a forward pass.
        """
        from difflib import SequenceMatcher

        from ..llm.chat import Decoder, end_ids
        from .tagger_align import parse_output

        with lm.lock:
            dec = Decoder(lm, prompt_ids)
            ends = end_ids(lm.tokenizer)
            out: list[int] = []
            for _ in range(min(budget, dec.room)):
                tok = dec.greedy()
                if tok in ends:
                    break
                out.append(tok)
                if len(out) % CHECK_EVERY == 0:
                    text = lm.tokenizer.decode(out, skip_special_tokens=True)
                    if any(marker in text for marker in LAYOUT_MARKERS):  # it starts a new example
                        break
                    plain = parse_output(text, self.mode).plain
                    if len(plain) > len(chunk) + 32:  # ran past the end of a copy
                        break
                    # share of the output found in the input's beginning (rep removes entities: look further)
                    blocks = SequenceMatcher(None, plain, chunk[: 2 * len(plain) + 16], autojunk=False)
                    copied = sum(b.size for b in blocks.get_matching_blocks() if b.size > 1)
                    if copied < MIN_PREFIX_RATIO * len(plain.strip()):
                        raise _Diverged
                if dec.room <= 0:
                    break
                dec.feed([tok])
            text = lm.tokenizer.decode(out, skip_special_tokens=True)
            cut = min((text.find(m) for m in LAYOUT_MARKERS if m in text), default=len(text))
            return text[:cut]
