"""Build the configured detectors and combine their proposals.

Detectors are looked up by name in a registry, so later strategies (transformers NER, prompt
detection, seq2seq taggers) plug in by registering a factory: the pipeline never changes.
"""

from __future__ import annotations

from collections.abc import Callable

from ..config import PseudonymizerConfig
from ..errors import ConfigError
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
    return {e for r in recognizers for e in r.supported_entities} | {"PHONE_NUMBER"}


def _spacy(cfg: PseudonymizerConfig) -> Detector:
    from .spacy_ner import SpacyDetector

    return SpacyDetector(cfg.spacy_model, verify=cfg.verify_model)


def _gazetteer(cfg: PseudonymizerConfig) -> Detector:
    from .gazetteer import GazetteerDetector

    return GazetteerDetector()


def _address(cfg: PseudonymizerConfig) -> Detector:
    from .address import AddressDetector

    return AddressDetector()


def _orgs(cfg: PseudonymizerConfig) -> Detector:
    from .orgs import OrganizationDetector

    return OrganizationDetector()


def _cities(cfg: PseudonymizerConfig) -> Detector:
    from .places import CityDetector

    return CityDetector()


def _cues(cfg: PseudonymizerConfig) -> Detector:
    from .cues import CueDetector

    return CueDetector()


def _rampart(cfg: PseudonymizerConfig) -> Detector:
    from .rampart import RampartDetector

    return RampartDetector()


def _fields(cfg: PseudonymizerConfig) -> Detector:
    from .fields import FieldDetector

    return FieldDetector()


for _name, _factory in {
    "patterns": _patterns,
    "spacy": _spacy,
    "gazetteer": _gazetteer,
    "address": _address,
    "fields": _fields,
    "orgs": _orgs,
    "cities": _cities,
    "cues": _cues,
    "rampart": _rampart,
}.items():
    register_detector(_name, _factory)


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

    def detect_many(self, texts: list[str]) -> list[list[Span]]:
        out: list[list[Span]] = [[] for _ in texts]
        for det in self.detectors:
            for i, spans in enumerate(det.detect_many(texts)):
                out[i].extend(spans)
        return out
