"""Markdown and JSON of the detection benchmark, from numbers only (pure, no model loaded).

Reports hold aggregate figures, never the text of a sample: they are committed, and the
realistic test half is frozen and may only be scored.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from benchmarks.detection_scoring import (
    GROUPS,
    OVER_MASKING,
    OVERALL,
    SetScore,
    TargetResult,
    Timing,
    latency_met,
    ratio,
)
from pseudonym_lab.eval.report import counts_to_dict, fmt, num, scores_to_dict, table

LOAD_LIMIT = 1.5  # load average above which figures are flagged "measured under load"
DEFAULT, PRESIDIO, FLOOR = "default", "presidio", "spaCy floor"
TOTAL = "all but original"  # the evasion suite's total row
ABLATION_KEYS = (OVERALL, "PERSON", "LOCATION/ADDRESS", "ORGANIZATION", "IDs/usernames")


def met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def signed(x: float) -> str:
    return "–" if math.isnan(x) else f"{x:+.3f}".replace("-", "−")


def under_load(loads: Sequence[float], limit: float = LOAD_LIMIT) -> bool:
    """Whether any 1-minute load average sampled during the run exceeded `limit`."""
    return any(x > limit for x in loads)


def header(meta: Mapping[str, Any]) -> list[str]:
    loads = meta["load_avg"]
    flag = " — **measured under load**" if under_load([loads["start"][0], loads["end"][0]]) else ""
    pkgs = ", ".join(f"{k} {v}" for k, v in meta["packages"].items())
    return [
        "# Detection benchmark (issue 9)",
        "",
        f"`{meta['command']}`",
        "",
        f"Run {meta['date']} on {meta['platform']}, {meta['cpus']} CPUs, Python {meta['python']}; "
        f"load average (1/5/15 min) {_load(loads['start'])} at start, {_load(loads['end'])} at end{flag}. "
        f"{pkgs}; spaCy model `{meta['spacy_model']}` for the default, Presidio and the floor. "
        f"Thread pools capped at 1 ({meta['threads']}). Wall time {meta['seconds']:.0f} s"
        + (" (**--quick**: subsets, not for quoting)." if meta["quick"] else "."),
        "",
        "Entity R: share of gold entities whose alphanumeric characters are all covered by replaced spans;",
        "char R: share of gold alphanumeric characters covered; over-masking: share of non-PII alphanumeric",
        "characters covered; span precision: share of replaced spans touching a gold or ignored entity",
        "(understated on template data, where only slots are labelled). Groups: "
        + "; ".join(f"{g} = {' + '.join(m)}" for g, m in GROUPS.items())
        + ". Presidio masks only the default's entity types.",
        *[f"Variant `{k}`: {v}." for k, v in meta.get("variants", {}).items()],
    ]


def _load(x: Sequence[float]) -> str:
    return "/".join(f"{v:.2f}" for v in x)


def row_order(systems: Mapping[str, SetScore]) -> list[str]:
    """Raw gold labels (sorted), then the groups, then overall."""
    labels = sorted({lab for s in systems.values() for lab in s.scores.per_type})
    groups = [g for g in GROUPS if any(g in s.groups for s in systems.values())]
    return [*labels, *groups, OVERALL]


def set_tables(title: str, systems: Mapping[str, SetScore]) -> list[str]:
    """Per-label recall (entity and char) side by side, then one summary row per system."""
    names = list(systems)
    head = ["label", "texts", "entities"] + [f"{n} {m}" for n in names for m in ("entity R", "char R")]
    rows: list[list[object]] = []
    for key in row_order(systems):
        ref = systems[names[0]].counts().get(key)
        label = f"**{key}**" if key in GROUPS or key == OVERALL else key
        row: list[object] = [label, ref.samples if ref else "–", ref.entities if ref else "–"]
        for n in names:
            c = systems[n].counts().get(key)
            row += [fmt(c.entity_recall), fmt(c.char_recall)] if c else ["–", "–"]
        rows.append(row)
    summary = [
        [n, fmt(s.scores.overall.entity_recall), fmt(s.scores.overall.char_recall),
         f"{s.scores.over_masking:.4f}", fmt(s.scores.span_precision)]
        for n, s in systems.items()
    ]  # fmt: skip
    return [
        f"## {title}",
        "",
        table(head, rows),
        "",
        table(["system", "entity R", "char R", "over-masking", "span precision"], summary),
        "",
    ]


def targets_table(results: Mapping[str, Sequence[TargetResult]]) -> list[str]:
    """Issue 9's targets: the default's value, counts and verdict; other systems' values beside."""
    names = list(results)
    head = ["target", "goal", f"{names[0]}", "counts", "verdict", *names[1:]]
    rows = []
    for i, r in enumerate(results[names[0]]):
        val = f"{r.value:.4f}" if r.target.key == OVER_MASKING else fmt(r.value)
        others = [_value(results[n][i]) for n in names[1:]]
        rows.append([r.target.key, r.target.goal, val, r.detail, met(r.met), *others])
    return [table(head, rows), ""]


def _value(r: TargetResult) -> str:
    return f"{r.value:.4f}" if r.target.key == OVER_MASKING else fmt(r.value)


def latency_tables(timings: Mapping[str, Mapping[str, Timing]], bound: float) -> list[str]:
    """Per size and system: CPU and wall ms per call; then the ratios and the target per size."""
    rows: list[list[object]] = []
    ratios: list[list[object]] = []
    for size, systems in timings.items():
        for name, t in systems.items():
            calls = f"{len(t.cpu)}" + (f" ({t.errors} raised)" if t.errors else "")
            rows.append([size, name, calls, fmt(t.ms("cpu"), 2), fmt(t.ms("cpu", "median"), 2),
                         fmt(t.ms("cpu", "p95"), 2), fmt(t.ms("wall"), 2), fmt(t.ms("wall", "median"), 2)])  # fmt: skip
        d, p, f = (systems.get(n) for n in (DEFAULT, PRESIDIO, FLOOR))
        cpu = {k: t.ms("cpu") if t else float("nan") for k, t in ((DEFAULT, d), (PRESIDIO, p), (FLOOR, f))}
        wall = {k: t.ms("wall") if t else float("nan") for k, t in ((DEFAULT, d), (PRESIDIO, p), (FLOOR, f))}
        ratios.append([size, fmt(ratio(cpu[DEFAULT], cpu[PRESIDIO]), 2), fmt(ratio(wall[DEFAULT], wall[PRESIDIO]), 2),
                       fmt(ratio(cpu[DEFAULT], cpu[FLOOR]), 2), fmt(ratio(wall[DEFAULT], wall[FLOOR]), 2),
                       met(latency_met(cpu[DEFAULT], cpu[PRESIDIO], bound))])  # fmt: skip
    head = ["size", "system", "calls", "CPU ms mean", "CPU ms median", "CPU ms p95", "wall ms mean", "wall ms median"]
    rhead = ["size", "default/Presidio CPU", "default/Presidio wall", "default/floor CPU", "default/floor wall",
             f"default ≤ {bound}× Presidio (CPU)"]  # fmt: skip
    return [table(head, rows), "", table(rhead, ratios), ""]


def detector_table(
    costs: Mapping[str, Mapping[str, Timing]], ablation: Mapping[str, Mapping[str, float]], sizes: Sequence[str]
) -> list[str]:
    """Per detector: CPU ms per call alone, and what removing it from the default changes."""
    names = list(dict.fromkeys([*costs, *ablation]))
    head = [
        "detector",
        *[f"alone CPU ms ({s})" for s in sizes],
        *[f"Δ {k} R" for k in ABLATION_KEYS],
        "Δ over-masking",
    ]
    rows = []
    for n in names:
        c = costs.get(n, {})
        d = ablation.get(n, {})
        rows.append(
            [n, *[fmt(c[s].ms("cpu"), 2) if s in c else "–" for s in sizes],
             *[signed(d.get(k, float("nan"))) for k in ABLATION_KEYS],
             f"{d[OVER_MASKING]:+.4f}".replace("-", "−") if OVER_MASKING in d else "–"]
        )  # fmt: skip
    return [table(head, rows), ""]


def suites_tables(suites: Mapping[str, Any]) -> list[str]:
    """Precision: protected words masked per half and session mode; evasion: leaks per transform."""
    out: list[str] = []
    prec = suites.get("precision", {})
    rows = [[h, m, c["texts"], c["occurrences"], c["masked"], c["texts_with_masked"], c["errors"]]
            for h, r in prec.items() for m, c in r.items() if m != "seconds"]  # fmt: skip
    if rows:
        head = ["half", "session", "texts", "protected words", "masked (target 0)", "texts with one masked", "errors"]
        out += ["Precision suite (ordinary words that must never be masked):", "", table(head, rows), ""]
    ev = suites.get("evasion", {})
    if ev:
        halves = list(ev)
        names = dict.fromkeys(t for h in halves for t in ev[h]["transforms"])
        transforms = [t for t in names if t != TOTAL] + [TOTAL]
        head = ["transform"] + [f"{h} {k}" for h in halves for k in ("targets", "leaked", "text leaks")]
        rows = []
        for t in transforms:
            row: list[object] = [f"**{t}**" if t == TOTAL else t]
            for h in halves:
                c = ev[h]["transforms"].get(t)
                row += [c["targets"], c["leaked"], c["text_leaked"]] if c else ["–"] * 3
            rows.append(row)
        out += ["Evasion suite (target entities leaked per transform; target 0):", "", table(head, rows), ""]
    return out


def set_json(systems: Mapping[str, SetScore]) -> dict[str, Any]:
    return {
        n: {**scores_to_dict(s.scores), "groups": {g: counts_to_dict(c) for g, c in s.groups.items()}}
        for n, s in systems.items()
    }


def targets_json(results: Sequence[TargetResult]) -> list[dict[str, Any]]:
    return [
        {"target": r.target.key, "goal": r.target.goal, "value": num(r.value), "counts": r.detail, "met": r.met}
        for r in results
    ]


def timing_json(t: Timing) -> dict[str, Any]:
    stats = {f"{k}_ms_{s}": num(t.ms(k, s)) for k in ("cpu", "wall") for s in ("mean", "median")}
    return {"calls": len(t.cpu), "raised": t.errors, **stats}
