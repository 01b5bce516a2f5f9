"""Detection strategies; each proposes spans, the resolver picks the final set."""

from .base import BaseDetector, Detector, Span
from .ensemble import Ensemble, available_detectors, register_detector

__all__ = ["BaseDetector", "Detector", "Ensemble", "Span", "available_detectors", "register_detector"]
