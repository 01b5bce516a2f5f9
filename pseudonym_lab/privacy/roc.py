"""ROC AUC and TPR at a fixed false-positive rate, for membership scores (higher = "member").

Hand-written (twenty lines) rather than scikit-learn, which the lab does not otherwise need. AUC is
the Mann–Whitney statistic with ties counted half, so a score that cannot tell members from
non-members gives exactly 0.5. TPR at 1 % FPR follows Carlini et al. ("Membership inference attacks
from first principles"): the share of members caught by a threshold that flags at most 1 % of
non-members, which is what matters for an attacker who must be sure about the few people they name.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def roc_auc(members: Sequence[float], non_members: Sequence[float]) -> float:
    """P(score of a random member > score of a random non-member), ties counting one half."""
    m = np.asarray(members, dtype=float)
    n = np.asarray(non_members, dtype=float)
    if m.size == 0 or n.size == 0:
        raise ValueError("AUC needs at least one member and one non-member score")
    if np.isnan(m).any() or np.isnan(n).any():
        raise ValueError("membership scores contain NaN (an empty text?)")
    both = np.concatenate([m, n])
    order = both.argsort(kind="mergesort")
    ranks = np.empty(both.size)
    sorted_scores = both[order]
    i = 0
    while i < both.size:  # average ranks over ties
        j = i
        while j + 1 < both.size and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    u = ranks[: m.size].sum() - m.size * (m.size + 1) / 2
    return float(u / (m.size * n.size))


def tpr_at_fpr(members: Sequence[float], non_members: Sequence[float], fpr: float = 0.01) -> float:
    """Largest share of members flagged by a threshold that flags at most `fpr` of the non-members."""
    m = np.asarray(members, dtype=float)
    n = np.sort(np.asarray(non_members, dtype=float))[::-1]
    allowed = int(np.floor(fpr * n.size + 1e-9))  # non-members that may score above the threshold
    # threshold strictly above the (allowed+1)-th highest non-member score
    limit = n[allowed] if allowed < n.size else -np.inf
    return float((m > limit).mean()) if m.size else 0.0


def roc_curve(members: Sequence[float], non_members: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """(FPR, TPR) points for every threshold, from (0, 0) to (1, 1): for the audit plot."""
    m = np.asarray(members, dtype=float)
    n = np.asarray(non_members, dtype=float)
    thresholds = np.unique(np.concatenate([m, n]))[::-1]
    fprs = [0.0] + [float((n >= t).mean()) for t in thresholds]
    tprs = [0.0] + [float((m >= t).mean()) for t in thresholds]
    return np.asarray(fprs), np.asarray(tprs)
