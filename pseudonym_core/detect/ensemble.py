"""Build the configured detectors and combine their proposals.

Detectors are looked up by name in a registry, so later strategies (transformers NER, prompt
detection, seq2seq taggers) plug in by registering a factory: the pipeline never changes.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from ..config import PseudonymizerConfig
from ..errors import ConfigError
from ..lazy import lazy_factory
from .base import Detector, Span

DetectorFactory = Callable[[PseudonymizerConfig], Detector]
_REGISTRY: dict[str, DetectorFactory] = {}


def register_detector(name: str, factory: DetectorFactory) -> None:
    """Make a detection strategy available under `name` in `PseudonymizerConfig.detectors`."""
    _REGISTRY[name] = factory


def available_detectors() -> list[str]:
    return sorted(_REGISTRY)


def _patterns(cfg: PseudonymizerConfig) -> Detector:
    from .patterns import PatternDetector

    wanted = {label for label in _all_pattern_labels() if cfg.wants(label)}
    return PatternDetector(wanted)


def _all_pattern_labels() -> set[str]:
    from .patterns import _load_recognizers

    recognizers, _ = _load_recognizers()
    return {e for r in recognizers for e in r.supported_entities} | {"PHONE_NUMBER", "EMAIL_ADDRESS"}


def _spacy(cfg: PseudonymizerConfig) -> Detector:
    from .spacy_ner import SpacyDetector

    return SpacyDetector(cfg.spacy_model, verify=cfg.verify_model)


def _hf_ner(cfg: PseudonymizerConfig) -> Detector:
    """Any Hugging Face token classifier; its model is config data, so it is checked before loading."""
    if not cfg.hf_ner_model:
        raise ConfigError(
            "the 'hf_ner' detector needs PseudonymizerConfig.hf_ner_model: a local folder with a "
            "token-classification model and its fast tokenizer (or a model name already in the Hugging Face cache)"
        )
    from .hf_ner import HFTokenClassifierDetector

    return HFTokenClassifierDetector(cfg.hf_ner_model, label_map=cfg.hf_ner_label_map, threshold=cfg.hf_ner_threshold)


def _plain(module: str, cls: str) -> DetectorFactory:
    """A factory for a config-free detector, imported only when a pipeline asks for it."""

    def factory(cfg: PseudonymizerConfig) -> Detector:
        return getattr(import_module(f"{__package__}.{module}"), cls)()

    return factory


register_detector("patterns", _patterns)
register_detector("prompt", lazy_factory(f"{__package__}.prompt", "PromptDetector"))
register_detector("tag_mark", lazy_factory(f"{__package__}.tagger", "TagDetector", mode="mark"))
register_detector("tag_rep", lazy_factory(f"{__package__}.tagger", "TagDetector", mode="rep"))
register_detector("spacy", _spacy)
register_detector("hf_ner", _hf_ner)
for _name, (_module, _cls) in {
    "gazetteer": ("gazetteer", "GazetteerDetector"),
    "address": ("address", "AddressDetector"),
    "fields": ("fields", "FieldDetector"),
    "orgs": ("orgs", "OrganizationDetector"),
    "cities": ("places", "CityDetector"),
    "cues": ("cues", "CueDetector"),
    "scripts": ("scripts", "ScriptNameDetector"),
    "layouts": ("layouts", "LayoutDetector"),
    "rampart": ("rampart", "RampartDetector"),
    "identifiers": ("identifiers", "IdentifierDetector"),
    "usernames": ("usernames", "UsernameDetector"),
    "contacts": ("contacts", "SpelledEmailDetector"),
    "institutions": ("institutions", "InstitutionDetector"),
    "brands": ("brands", "BrandDetector"),
    "banks": ("banks", "BankDetector"),
}.items():
    register_detector(_name, _plain(_module, _cls))


class Ensemble:
    """Runs every configured detector plus the user's own rules over a batch of texts."""

    def __init__(self, cfg: PseudonymizerConfig) -> None:
        from .custom import CustomDetector, DenyListDetector

        unknown = [d for d in cfg.detectors if d not in _REGISTRY]
        if unknown:
            raise ConfigError(f"unknown detectors {unknown}; available: {available_detectors()}")
        self.detectors: list[Detector] = [_REGISTRY[name](cfg) for name in cfg.detectors]
        if cfg.deny_list:
            self.detectors.append(DenyListDetector(cfg.deny_list))
        if cfg.custom_recognizers:
            self.detectors.append(CustomDetector(cfg.custom_recognizers))

    def detect_many(self, texts: list[str], as_written: list[str] | None = None) -> list[list[Span]]:
        """Every detector's proposals; a gap filler (an expensive model) runs last and is shown
        what the others found, so it can skip the parts of a text they already explain.

        `texts` is the re-cased view NER reads; detectors that match exact shapes (`reads_case`:
        IDs, postcodes, logins, IBANs) read `as_written`, the same-length text in its own case,
        where "TR-2024-0412" is not "Tr-2024-0412" and "lena.k" is not "Lena.k"."""
        out: list[list[Span]] = [[] for _ in texts]
        fillers = [d for d in self.detectors if hasattr(d, "detect_gaps")]
        for det in self.detectors:
            if det in fillers:
                continue
            source = as_written if as_written is not None and getattr(det, "reads_case", False) else texts
            for i, spans in enumerate(det.detect_many(source)):
                out[i].extend(spans)
        for det in fillers:
            for i, spans in enumerate(det.detect_gaps(texts, [list(o) for o in out])):
                out[i].extend(spans)
        return out
