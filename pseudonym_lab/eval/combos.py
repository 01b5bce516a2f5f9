"""The named detect × generate × replace combinations that `pseudonym eval` can put side by side.

A combination is only a configuration: every strategy is reached through `PseudonymizerConfig`, the
same way a user would select it, so the table measures exactly what users get. Learned strategies
need a model trained first (`pseudonym train encoder|tagger`, written to the cache folder); when it is
missing, or an optional package is, the combination is reported as unavailable with the reason,
never approximated by another strategy under its name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pseudonym_core.config import DEFAULT_DETECTORS
from pseudonym_core.errors import ConfigError

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer


def _trained(folder: str, command: str) -> Callable[[], str]:
    """The cached output folder of a training command, or a ConfigError saying how to make it."""

    def path() -> str:
        from pseudonym_core.llm.local import cache_root

        target = cache_root() / folder
        if not target.is_dir():
            raise ConfigError(f"no trained model in {target}; run `{command}` first")
        return str(target)

    return path


ENCODER = _trained("minilm-ner", "pseudonym train encoder")
TAGGER_MARK = _trained("tagger-mark", "pseudonym train tagger --mode mark")
TAGGER_REP = _trained("tagger-rep", "pseudonym train tagger --mode rep")


@dataclass(frozen=True)
class Combination:
    """A named pipeline configuration; `settings` values that are callables are resolved at build time."""

    name: str
    strategies: str  # "detect / generate / replace" in the paper's notation
    description: str
    settings: dict[str, Any] = field(default_factory=dict)

    def build(self) -> Pseudonymizer:
        from pseudonym_core import Pseudonymizer, PseudonymizerConfig

        values = {k: (v() if callable(v) else v) for k, v in self.settings.items()}
        return Pseudonymizer(PseudonymizerConfig(**values))


_DEFAULT = list(DEFAULT_DETECTORS)
_WITHOUT_SPACY = [d for d in _DEFAULT if d != "spacy"]

#: Every combination the side-by-side table knows; order is the table's row order.
COMBINATIONS: dict[str, Combination] = {
    c.name: c
    for c in (
        Combination("default", "DET_NER(spaCy)+patterns / rand / direct", "the default offline pipeline"),
        Combination(
            "default+rampart",
            "DET_NER(spaCy+Rampart)+patterns / rand / direct",
            "default plus the Rampart ONNX token classifier",
            {"detectors": [*_DEFAULT, "rampart"]},
        ),
        Combination(
            "ner-ft",
            "DET_NER(fine-tuned MiniLM)+patterns / rand / direct",
            "the default ensemble with the fine-tuned encoder in place of spaCy",
            {"detectors": [*_WITHOUT_SPACY, "hf_ner"], "hf_ner_model": ENCODER},
        ),
        Combination(
            "default+ner-ft",
            "DET_NER(spaCy+fine-tuned MiniLM)+patterns / rand / direct",
            "the default ensemble plus the fine-tuned encoder",
            {"detectors": [*_DEFAULT, "hf_ner"], "hf_ner_model": ENCODER},
        ),
        Combination(
            "prompt",
            "DET_prompt / prompt / prompt",
            "every stage by prompting the local instruct LLM",
            {"detectors": ["prompt"], "generator": "prompt", "replacer": "prompt"},
        ),
        Combination(
            "ner-gen",
            "DET_NER(spaCy)+patterns / rand / gen",
            "the default detection and surrogates, replaced by controlled generation",
            {"replacer": "gen"},
        ),
        Combination(
            "tag-mark",
            "DET_tag_mark / prompt / gen",
            "the LoRA-tuned SmolLM2 tagger (mark), LLM surrogates, controlled generation",
            {"detectors": ["tag_mark"], "tagger_model": TAGGER_MARK, "generator": "prompt", "replacer": "gen"},
        ),
        Combination(
            "tag-rep",
            "DET_tag_rep / rand / direct",
            "the LoRA-tuned SmolLM2 tagger (rep) alone",
            {"detectors": ["tag_rep"], "tagger_model": TAGGER_REP},
        ),
    )
}
DEFAULT_COMBOS: tuple[str, ...] = ("default", "default+rampart")
#: The rows the issue asks for; `pseudonym eval --combo paper` runs them.
PAPER_COMBOS: tuple[str, ...] = ("default", "ner-ft", "prompt", "ner-gen", "tag-mark")


def resolve_names(names: list[str] | None) -> list[str]:
    """Expand the `paper` / `all` shorthands and reject unknown names before anything loads."""
    if not names:
        return list(DEFAULT_COMBOS)
    out: list[str] = []
    for n in names:
        out.extend(PAPER_COMBOS if n == "paper" else COMBINATIONS if n == "all" else [n])
    unknown = [c for c in out if c not in COMBINATIONS]
    if unknown:
        raise ConfigError(f"unknown combination(s) {unknown}; known: {', '.join(COMBINATIONS)}, paper, all")
    return list(dict.fromkeys(out))
