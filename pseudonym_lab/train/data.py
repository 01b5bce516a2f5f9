"""Training examples for the learned detectors (encoder NER, seq2seq tagger), built offline.

Two sources, mixed into one list of `LabeledSample`s:

- **gold** (``kind="train-gold"``): presidio-evaluator templates filled with Faker values through
  `eval.generated.generate`, with the template slots as labels. Seeds differ from the evaluation's
  seed 42, but the generated *evaluation* set is drawn from the very same ~200 templates and the same
  Faker pools, so a model trained here is partly tested on sentence shapes it has seen. The
  hand-written set (pseudonym_lab/data/handwritten.txt) shares nothing with these texts and is never read
  here; it is the fair test.
- **distilled** (``kind="train-distill"``): paragraphs of 1–3 template sentences (another seed), and
  (`PLAIN_SHARE`) Faker word-salad paragraphs in ten languages, often with a Faker person and city
  spliced in, labeled by the default `Pseudonymizer()` instead of the template's gold (the spliced
  values keep their known labels). The smaller model thus learns the stronger ensemble's decisions on
  running text, including what it leaves alone (template gold never labels a company name a template
  did not mark), and sees non-English words as ordinary words. The language mix was added after an
  error analysis on the hand-written set (an English-only student tagged German and Russian function
  words as names), so that set is a slightly optimistic test of this one choice.

Every span lies on word boundaries: a span that starts or ends inside a word (a pattern hit inside a
longer token, say) moves to ``ignore``, which trainers treat as "no label either way" rather than
teaching the word as outside. Everything is deterministic for a seed. Files are JSONL, one sample a
line, with spans as ``{"start", "end", "label"}`` objects: the format `pseudonym eval --data` reads.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pseudonym_lab.eval.data import GoldSpan, LabeledSample

#: Added to the caller's seed for the text of the distilled part, so the two parts never share texts.
DISTILL_SEED_OFFSET = 7919
#: Share of distilled texts that are Faker word-salad paragraphs (mostly no entity: teaches restraint).
PLAIN_SHARE = 0.2
#: Their languages: English and languages users paste into an English chat too. The templates are
#: English only, and a student that never saw "Rückfrage" or "компании" tags them as names.
PLAIN_LOCALES: tuple[str, ...] = (
    "en_US", "de_DE", "fr_FR", "es_ES", "it_IT", "pl_PL", "ru_RU", "nl_NL", "ja_JP", "zh_CN",
)  # fmt: skip


def on_word_boundary(text: str, start: int, end: int) -> bool:
    """True when neither edge of [start, end) cuts through a run of letters or digits."""
    if not 0 <= start < end <= len(text):
        return False
    cuts_start = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    cuts_end = end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return not (cuts_start or cuts_end)


def _split_boundaries(text: str, spans: Iterable[GoldSpan]) -> tuple[list[GoldSpan], list[GoldSpan]]:
    keep: list[GoldSpan] = []
    moved: list[GoldSpan] = []
    for s in spans:
        (keep if on_word_boundary(text, s.start, s.end) else moved).append(s)
    return keep, moved


def _gold(n: int, seed: int) -> list[LabeledSample]:
    from pseudonym_lab.eval.generated import generate

    out: list[LabeledSample] = []
    for i, s in enumerate(generate(n, seed) if n else []):
        spans, moved = _split_boundaries(s.text, s.spans)
        meta = {**s.meta, "source": "template", "seed": str(seed)}
        out.append(LabeledSample(f"train-gold-{i:05d}", "train-gold", s.text, spans, meta, [*s.ignore, *moved]))
    return out


def _plain_text(fake: Any, rng: random.Random) -> tuple[str, list[GoldSpan]]:
    """A Faker word-salad paragraph in the faker's language, often with a person and a city spliced in.

    The spliced values are known entities, so they keep their labels whatever the teacher says; the
    rest of the paragraph is labeled by the teacher (mostly nothing: foreign function words that an
    English-only student would otherwise take for names).
    """
    text = fake.paragraph(nb_sentences=rng.randint(1, 3))
    if rng.random() >= 0.6:
        return text, []
    person, city = f"{fake.first_name()} {fake.last_name()}", fake.city()
    head = f"{person}, {city}. "
    spans = [
        GoldSpan(0, len(person), "PERSON", "inserted"),
        GoldSpan(len(person) + 2, len(person) + 2 + len(city), "LOCATION", "inserted"),
    ]
    if rng.random() < 0.5:
        return head + text, spans
    at = len(text) + 1
    return f"{text} {head.strip()}", [GoldSpan(g.start + at, g.end + at, g.label, g.detail) for g in spans]


def _distill_texts(n: int, seed: int) -> list[tuple[str, list[GoldSpan]]]:
    """Paragraphs of 1–3 template sentences, plus a `PLAIN_SHARE` of Faker paragraphs in `PLAIN_LOCALES`."""
    if n <= 0:
        return []
    from faker import Faker

    from pseudonym_lab.eval.generated import generate

    rng = random.Random(seed)
    n_plain = round(n * PLAIN_SHARE)
    sizes = [rng.choice((1, 2, 2, 3)) for _ in range(n - n_plain)]
    pool = [s.text for s in generate(sum(sizes), seed)] if sizes else []
    texts: list[tuple[str, list[GoldSpan]]] = []
    pos = 0
    for k in sizes:
        sep = rng.choice((" ", " ", "\n", "\n\n"))
        texts.append((sep.join(t.strip() for t in pool[pos : pos + k]), []))
        pos += k
    fakers = {}
    for loc in PLAIN_LOCALES:
        fakers[loc] = Faker(loc)
        fakers[loc].seed_instance(seed)
    texts += [_plain_text(fakers[PLAIN_LOCALES[i % len(PLAIN_LOCALES)]], rng) for i in range(n_plain)]
    rng.shuffle(texts)
    return texts


def label_with(
    pseudonymizer: Any,
    texts: Iterable[str],
    kind: str = "train-distill",
    known: Iterable[list[GoldSpan]] | None = None,
) -> list[LabeledSample]:
    """Label texts with a pipeline's replaced entities (each text in a fresh session: no carry-over).

    `known` gives, per text, spans whose labels are certain (values the builder put there itself);
    they replace any teacher span they overlap.
    """
    out: list[LabeledSample] = []
    texts = list(texts)
    fixed = list(known) if known is not None else [[] for _ in texts]
    for i, (text, sure) in enumerate(zip(texts, fixed, strict=True)):
        result = pseudonymizer.pseudonymize(text, session=pseudonymizer.session())
        found = sorted({(e.start, e.end, e.label) for e in result.entities})
        taught = [GoldSpan(a, b, label, "distilled") for a, b, label in found]
        taught = [g for g in taught if not any(g.start < k.end and k.start < g.end for k in sure)]
        spans, moved = _split_boundaries(text, sorted([*taught, *sure], key=lambda g: (g.start, g.end)))
        out.append(LabeledSample(f"{kind}-{i:05d}", kind, text, spans, {"source": "distill"}, moved))
    return out


#: Where `build_examples` takes its samples from (`--source`).
SOURCES: tuple[str, ...] = ("templates", "synth", "mixed")


def build_examples(
    n: int,
    seed: int = 1000,
    distill: bool = True,
    distill_share: float = 0.5,
    *,
    pseudonymizer: Any = None,
    source: str = "templates",
) -> list[LabeledSample]:
    """`n` training samples: gold template samples and, with `distill`, pipeline-labeled paragraphs.

    `distill_share` of them (rounded) are distilled, labeled by `pseudonymizer` (default: the default
    `Pseudonymizer()`). Use a seed other than 42: the generated evaluation set uses 42, and shares the
    templates anyway (see the module docstring), so the hand-written set is the fair test. The result
    is deterministic for (n, seed, distill, distill_share) and interleaved so that any prefix mixes both
    sources. `source="synth"` takes Faker/Mimesis texts with edge cases instead (`pseudonym_lab.synth`),
    ``"mixed"`` half of each.
    """
    if source not in SOURCES:
        raise ValueError(f"source must be one of {', '.join(SOURCES)}, got {source!r}")
    if source != "templates":  # synthetic texts (`pseudonym_lab.synth`), alone or as half of the mix
        from pseudonym_lab.synth import generate as synth

        n_synth = n if source == "synth" else n // 2
        rest = build_examples(n - n_synth, seed, distill, distill_share, pseudonymizer=pseudonymizer)
        mixed = [*synth(n_synth, seed=seed), *rest]
        random.Random(seed).shuffle(mixed)
        return mixed
    if n < 0:
        raise ValueError("n must not be negative")
    if not 0.0 <= distill_share <= 1.0:
        raise ValueError("distill_share must be within [0, 1]")
    n_distill = round(n * distill_share) if distill else 0
    gold = _gold(n - n_distill, seed)
    distilled: list[LabeledSample] = []
    if n_distill:
        if pseudonymizer is None:
            from pseudonym_core import Pseudonymizer

            pseudonymizer = Pseudonymizer()
        pairs = _distill_texts(n_distill, seed + DISTILL_SEED_OFFSET)
        distilled = label_with(pseudonymizer, [t for t, _ in pairs], known=[k for _, k in pairs])
    mixed = gold + distilled
    random.Random(seed).shuffle(mixed)
    return mixed


def _encode(spans: list[GoldSpan]) -> list[dict[str, object]]:
    """The span format of `pseudonym eval --data` (docs/evaluation.md), with the optional detail."""
    return [{"start": g.start, "end": g.end, "label": g.label, **({"detail": g.detail} if g.detail else {})}
            for g in spans]  # fmt: skip


def _decode(rows: list[Any]) -> list[GoldSpan]:
    """Spans as objects, or as ``[start, end, label, detail]`` lists (older files, the generated cache)."""
    out = []
    for r in rows:
        if isinstance(r, dict):
            out.append(GoldSpan(int(r["start"]), int(r["end"]), str(r["label"]), str(r.get("detail", ""))))
        else:
            out.append(GoldSpan(int(r[0]), int(r[1]), str(r[2]), str(r[3]) if len(r) > 3 else ""))
    return out


def write_jsonl(samples: Iterable[LabeledSample], path: str | Path) -> int:
    """Write samples one JSON object a line (atomically: a partial file never looks finished)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps(
            {
                "id": s.id,
                "kind": s.kind,
                "text": s.text,
                "spans": _encode(s.spans),
                "ignore": _encode(s.ignore),
                "meta": s.meta,
            },
            ensure_ascii=False,
        )
        for s in samples
    ]
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("".join(ln + "\n" for ln in lines), encoding="utf-8")
    tmp.replace(path)
    return len(lines)


def read_jsonl(path: str | Path) -> list[LabeledSample]:
    """Read what `write_jsonl` wrote (also reads the generated evaluation cache)."""
    out: list[LabeledSample] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            spans, ignore = _decode(d["spans"]), _decode(d.get("ignore", []))
            out.append(LabeledSample(d["id"], d["kind"], d["text"], spans, dict(d.get("meta", {})), ignore))
    return out


def _cmd(args: argparse.Namespace) -> int:
    if args.source == "synth" and (args.locales or args.domains or args.edge_share is not None):
        from pseudonym_lab.synth import generate as synth

        samples = synth(args.n, args.seed, _csv(args.locales), _csv(args.domains), _edge_share(args))
    else:
        samples = build_examples(
            args.n, seed=args.seed, distill=not args.no_distill, distill_share=args.distill_share, source=args.source
        )
    count = write_jsonl(samples, args.out)
    kinds: dict[str, int] = {}
    for s in samples:
        kinds[s.kind] = kinds.get(s.kind, 0) + 1
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(kinds.items()))
    print(f"wrote {count} samples ({summary}) to {args.out}", file=sys.stderr)
    return 0


def register_cli(sub: Any) -> None:
    """`pseudonym train data --n N --seed S --out FILE.jsonl [--no-distill] [--distill-share F] [--source S]`."""
    p = sub.add_parser("data", help="build labeled training examples (templates + distilled) as JSONL")
    p.add_argument("--n", type=int, default=2000, help="number of samples (default 2000)")
    p.add_argument("--seed", type=int, default=1000, help="seed (default 1000; the evaluation uses 42)")
    p.add_argument("--out", required=True, help="output JSONL file")
    p.add_argument("--no-distill", action="store_true", help="template gold only, no pipeline-labeled texts")
    p.add_argument("--distill-share", type=float, default=0.5, help="share of distilled samples (default 0.5)")
    add_source_argument(p)
    p.add_argument("--locales", default=None, help="synth only: comma-separated locales (default: all 40)")
    p.add_argument("--domains", default=None, help="synth only: comma-separated domains (default: all)")
    p.add_argument("--edge-share", type=float, default=None, help="synth only: share of edge-case samples (0.35)")
    p.set_defaults(func=_cmd)


def add_source_argument(p: Any) -> None:
    """`--source` for every command that builds training data."""
    p.add_argument(
        "--source",
        choices=SOURCES,
        default="templates",
        help="templates: presidio-evaluator templates + distilled paragraphs (default); synth: Faker/Mimesis texts "
        "in 40 locales with edge cases (pseudonym_lab.synth); mixed: half each",
    )


def _csv(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def _edge_share(args: argparse.Namespace) -> float:
    return 0.35 if args.edge_share is None else float(args.edge_share)
