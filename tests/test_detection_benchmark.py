"""The detection benchmark's pure parts on tiny made-up data: label groups, issue 9's target check,
latency ratios, text cutting and report formatting. No model loads here; the benchmark itself is
what scores the engine."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import pytest

from benchmarks.detection_latency import cut_texts
from benchmarks.detection_report import (
    detector_table,
    header,
    latency_tables,
    set_tables,
    suites_tables,
    targets_table,
    under_load,
)
from benchmarks.detection_scoring import (
    ISSUE9_TARGETS,
    OVER_MASKING,
    SetScore,
    Target,
    Timing,
    check_targets,
    deltas,
    latency_met,
    predict_all,
    ratio,
    score_predictions,
)
from benchmarks.detection_systems import SM_MODEL, variant_config
from pseudonym_core.config import DEFAULT_DETECTORS
from pseudonym_lab.eval.data import LabeledSample, parse_marked, split_ignored


def sample(marked: str, sid: str = "t-1") -> LabeledSample:
    text, spans = parse_marked(marked)
    gold, ignore = split_ignored(spans)
    return LabeledSample(sid, "test", text, gold, {}, ignore)


def span_of(s: LabeledSample, i: int) -> tuple[int, int]:
    return s.spans[i].start, s.spans[i].end


# Two texts: the first holds both LOCATION and ADDRESS (the group must count that text once).
A = sample("Ann Lee lives at {{12 Rue X, Paris|ADDRESS}} near {{Lyon|LOCATION}}, ID {{CUST-1|IDENTIFIER}}.", "a")
B = sample("{{Bo Chan|PERSON}} is {{bo_c|USERNAME}} at {{Acme Ltd|ORGANIZATION}} in {{Oslo|LOCATION}}.", "b")


def scored(found_a: list[int], found_b: list[int], extra_a: Sequence[tuple[int, int]] = ()) -> SetScore:
    preds = [[span_of(A, i) for i in found_a] + list(extra_a), [span_of(B, i) for i in found_b]]
    return score_predictions([A, B], preds)


def test_predict_all_retries_once_then_scores_nothing() -> None:
    calls: Counter[str] = Counter()

    def flaky(text: str) -> list[tuple[int, int]]:
        calls[text] += 1
        if text == A.text and calls[text] == 1:
            raise KeyError("first draw collided")
        if text == B.text:
            raise ValueError("always")
        return [span_of(A, i) for i in range(len(A.spans))]

    errors: Counter[str] = Counter()
    s = predict_all(flaky, [A, B], errors)
    assert errors == {"KeyError": 1, "ValueError": 1, "ValueError (failed twice)": 1}
    assert s.scores.overall.entities_found == 3  # A scored on its retry, B as masking nothing
    assert s.scores.overall.entities == 7


def test_groups_sum_members_and_count_each_text_once() -> None:
    s = scored(found_a=[0, 2], found_b=[0, 1, 2, 3])  # A misses Lyon
    loc = s.groups["LOCATION/ADDRESS"]
    assert (loc.samples, loc.entities, loc.entities_found) == (2, 3, 2)
    ids = s.groups["IDs/usernames"]
    assert (ids.samples, ids.entities, ids.entities_found) == (2, 2, 2)
    assert s.scores.per_type["LOCATION"].entities == 2  # raw labels stay
    assert list(s.counts())[-1] == "overall"
    assert s.counts()["overall"].entities == 7


def test_group_absent_from_a_set_is_left_out() -> None:
    s = score_predictions([B], [[]])
    assert "IDs/usernames" in s.groups and "LOCATION/ADDRESS" in s.groups
    only_person = sample("{{Bo Chan|PERSON}} called.")
    assert score_predictions([only_person], [[]]).groups == {}


def test_targets_all_met_when_everything_found_exactly() -> None:
    results = check_targets(scored([0, 1, 2], [0, 1, 2, 3]))
    assert [r.target.key for r in results] == [t.key for t in ISSUE9_TARGETS]
    assert all(r.met for r in results)
    assert results[0].detail == "7/7"


def test_targets_fail_on_a_missed_person_and_on_over_masking() -> None:
    over = [(0, 7)]  # "Ann Lee" is not gold here: masking it is over-masking
    results = {r.target.key: r for r in check_targets(scored([0, 1, 2], [1, 2, 3], extra_a=over))}
    assert not results["PERSON"].met and results["PERSON"].value == 0.0
    assert not results["overall"].met
    assert results["ORGANIZATION"].met
    assert results[OVER_MASKING].value > 0.04 and not results[OVER_MASKING].met


def test_missing_label_reads_nan_and_is_not_met() -> None:
    results = {r.target.key: r for r in check_targets(score_predictions([B], [[span_of(B, 0)]]))}
    assert results["LOCATION/ADDRESS"].value == 0.0 and not results["LOCATION/ADDRESS"].met  # Oslo missed
    org_only = sample("{{Acme Ltd|ORGANIZATION}} shipped.")
    res = {r.target.key: r for r in check_targets(score_predictions([org_only], [[span_of(org_only, 0)]]))}
    assert math.isnan(res["PERSON"].value) and not res["PERSON"].met
    assert res["ORGANIZATION"].met


@pytest.mark.parametrize(
    ("target", "value", "ok"),
    [
        (Target("PERSON", 0.97), 0.97, True),
        (Target("PERSON", 0.97), 0.9699, False),
        (Target(OVER_MASKING, 0.04, at_most=True), 0.04, True),
        (Target(OVER_MASKING, 0.04, at_most=True), 0.0401, False),
        (Target("PERSON", 0.97), float("nan"), False),
    ],
)
def test_target_bounds(target: Target, value: float, ok: bool) -> None:
    assert target.met(value) is ok


def test_latency_ratio_and_target() -> None:
    assert ratio(3.0, 2.0) == 1.5 and math.isnan(ratio(1.0, 0.0)) and math.isnan(ratio(float("nan"), 1.0))
    assert latency_met(15.0, 10.0) and not latency_met(15.1, 10.0)
    assert not latency_met(1.0, float("nan"))  # no baseline measured is not a pass
    t = Timing((0.001, 0.003), (0.002, 0.004))
    assert t.ms("cpu") == pytest.approx(2.0) and t.ms("wall", "median") == pytest.approx(3.0)


def test_ablation_deltas_are_other_minus_base() -> None:
    full, less = scored([0, 1, 2], [0, 1, 2, 3]), scored([0, 2], [1, 2, 3])
    d = deltas(full, less, ["overall", "PERSON", "LOCATION/ADDRESS"])
    assert d["PERSON"] == pytest.approx(-1.0)
    assert d["overall"] == pytest.approx(5 / 7 - 1)
    assert d["LOCATION/ADDRESS"] == pytest.approx(2 / 3 - 1)
    assert d[OVER_MASKING] == 0.0


def test_cut_texts_ends_at_whitespace_and_respects_size() -> None:
    texts = ["word " * 30, "alpha beta gamma " * 20, "x" * 10]
    pieces = cut_texts(texts, 40, 5)
    assert len(pieces) == 5
    joined = " ".join(" ".join(t.split()) for t in texts)
    for p in pieces:
        assert 20 <= len(p) <= 40
        assert " ".join(p.split()) in joined or "\n\n" in p  # whole words from the texts
        assert not p[-1].isspace()
    assert cut_texts(["short"], 200, 3) == []


def test_variant_configs() -> None:
    cfg = variant_config("sm+no-rampart")
    assert cfg.spacy_model == SM_MODEL and "rampart" not in cfg.detectors
    assert variant_config("no-cues").detectors == [d for d in DEFAULT_DETECTORS if d != "cues"]
    with pytest.raises(ValueError, match="unknown variant part"):
        variant_config("no-nonsense")


def test_report_formatting() -> None:
    full, less = scored([0, 1, 2], [0, 1, 2, 3]), scored([0, 2], [1, 2, 3])
    md = "\n".join(set_tables("tiny", {"default": full, "presidio": less}))
    lines = md.splitlines()
    assert lines[0] == "## tiny"
    row = next(ln for ln in lines if ln.startswith("| **LOCATION/ADDRESS** |"))
    assert row.split(" | ")[1:5] == ["2", "3", "1.000", "1.000"]
    assert next(ln for ln in lines if ln.startswith("| PERSON |")).split(" | ")[5] == "0.000"
    tgt = "\n".join(targets_table({"default": check_targets(full), "presidio": check_targets(less)}))
    assert "| PERSON | ≥ 0.97 | 1.000 | 1/1 | met | 0.000 |" in tgt
    lat = "\n".join(
        latency_tables(
            {
                "2 KB": {
                    "default": Timing((0.03,), (0.05,)),
                    "presidio": Timing((0.01,), (0.02,)),
                    "spaCy floor": Timing((0.01,), (0.01,)),
                }
            },
            1.5,
        )
    )
    assert "| 2 KB | 3.00 | 2.50 | 3.00 | 5.00 | **not met** |" in lat
    det = "\n".join(
        detector_table({"cues": {"2 KB": Timing((0.002,), (0.002,))}}, {"cues": {"overall": -0.05}}, ["2 KB"])
    )
    assert "| cues | 2.00 | −0.050 |" in det
    suites = {
        "precision": {
            "dev": {"seconds": 1.0, "fresh": dict(texts=2, occurrences=5, masked=1, texts_with_masked=1, errors=0)}
        },
        "evasion": {"dev": {"transforms": {"nfd": dict(targets=4, leaked=1, text_leaked=0)}}},
    }
    sm = "\n".join(suites_tables(suites))
    assert "| dev | fresh | 2 | 5 | 1 | 1 | 0 |" in sm and "| nfd | 4 | 1 | 0 |" in sm


def test_header_flags_load() -> None:
    meta = {
        "command": "python benchmarks/detection.py --quick",
        "date": "2026-01-01 00:00 UTC",
        "platform": "Linux",
        "cpus": 2,
        "python": "3.11",
        "load_avg": {"start": [0.5, 0.5, 0.5], "end": [2.0, 1.0, 1.0]},
        "packages": {"spacy": "3.8"},
        "spacy_model": "m",
        "threads": "OMP_NUM_THREADS=1",
        "seconds": 12.0,
        "quick": True,
    }
    text = "\n".join(header(meta))
    assert "measured under load" in text and "--quick" in text and "spacy 3.8" in text
    meta["load_avg"]["end"] = [1.0, 1.0, 1.0]
    assert "measured under load" not in "\n".join(header(meta))
    assert under_load([1.6]) and not under_load([1.5, 0.2])
