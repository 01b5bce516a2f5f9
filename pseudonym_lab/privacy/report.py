"""Markdown for the privacy pipeline's results: one row per model, one column group per attack."""

from __future__ import annotations

from typing import Any

from pseudonym_lab.privacy.audit import ATTACKS

ROWS = (("plain", "plain (early-stopped)"), ("dual_purpose", "dual-purpose"), ("unlearned", "plain + DFSU unlearning"))


def markdown_table(result: dict[str, Any]) -> str:
    """The results table and the targets check of a `run_pipeline` result."""
    key = result.get("tpr_key", "tpr_at_1fpr")
    audits = result["audits"]
    attacks = [a for a in ATTACKS if a in audits["plain"]["mia"]["attacks"]]
    head = ["model", "held-out ppl"] + [f"{a} AUC / TPR@1%" for a in attacks]
    head += ["greedy extraction", "sampled extraction", "secret ranked 1st", "mean rank", "exposure (bits)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, label in ROWS:
        a = audits[name]
        cells = [label, f"{a['heldout_perplexity']:.3f}"]
        for att in attacks:
            e = a["mia"]["attacks"][att]
            cells.append(f"{e['auc']:.3f} / {e[key]:.3f}")
        c = a["canaries"]
        sampled = "–" if c["sampled_extraction"] is None else f"{c['sampled_extraction']:.2f}"
        cells += [f"{c['greedy_extraction']:.2f}", sampled, f"{c['rank1']:.2f}", f"{c['mean_rank']:.1f}",
                  f"{c['mean_exposure_bits']:.2f}"]  # fmt: skip
        lines.append("| " + " | ".join(cells) + " |")
    lines += _by_group(audits)
    t = result["targets"]
    lines += [
        "",
        f"- DFSU: greedy extraction {_pct(-t['dfsu_extraction_drop'])} (target ≤ −80 %), secret ranked first for "
        f"{t['dfsu_rank1']:.0%} of canaries (target ≤ 20 %), perplexity {_pct(t['dfsu_perplexity_cost'])} "
        f"(target ≤ +10 %): **{'met' if t['dfsu_met'] else 'not met'}**",
        f"- dual-purpose: MIA advantage (loss AUC − 0.5) {_pct(-t['dual_advantage_drop'])} (target ≤ −50 %), "
        f"perplexity {_pct(t['dual_perplexity_cost'])} (target ≤ +15 %): **{'met' if t['dual_met'] else 'not met'}**",
    ]
    return "\n".join(lines) + "\n"


def _by_group(audits: dict[str, Any]) -> list[str]:
    """Greedy extraction and rank-1 share per planting tier: a defence must show on the canaries
    the plain model reproduces (the most repeated), not only on the average."""
    groups = audits["plain"]["canaries"].get("by_group")
    if not groups:
        return []
    head = ["planted × (canaries)"] + [label for _, label in ROWS]
    lines = ["", "Greedy extraction / secret ranked 1st, by how often a canary was planted:", ""]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for g, row in groups.items():
        cells = [f"{g} ({row['canaries']})"]
        for name, _ in ROWS:
            x = audits[name]["canaries"]["by_group"][g]
            cells.append(f"{x['greedy_extraction']:.2f} / {x['rank1']:.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _pct(x: float) -> str:
    return "n/a" if x != x else f"{x:+.0%}"
