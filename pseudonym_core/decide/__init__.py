"""The decide stage: everything between the detectors' proposals and the surrogates.

Thresholds, type resolution, common-word protection, allow/deny, known-entity matching,
propagation, overlap resolution and merging, each recorded in an opt-in explanation.
"""

from .decider import Decider, Decision
from .explain import Dropped, Explanation, Trace, Vote

__all__ = ["Decider", "Decision", "Dropped", "Explanation", "Trace", "Vote"]
