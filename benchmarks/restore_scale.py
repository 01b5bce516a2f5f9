"""Restoration cost against session size (issue 10, rule 13): fresh vs 1k vs 10k mappings.

    python benchmarks/restore_scale.py [--sizes 0 1000 10000] [--repeat 7]

Each session first learns the same few probe entities (a person, a phone, an e-mail, an IBAN, an
address, a company), then N filler mappings made by the real surrogate generator (names, places,
organisations, e-mails, phones, cards, IBANs in the proportions of the hand-written set). A ~5 KB
answer mentions the probes' surrogates in the ways a model does (full name, surname, "Dr. X",
possessive, reformatted phone, e-mail, street alone, a markdown link and a URL with a name in it).

Reported per size: the first restore (it indexes what the session learned), then the median of
whole restores of the answer, and streamed restores in 4-character chunks (µs per chunk), all
under the default restore policy. Targets: ≤ 20 ms per 5 KB answer and ≤ 50 µs per chunk at
10,000 mappings. Writes benchmarks/results/restore_scale.md (counts and times only).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pseudonym_core import Pseudonymizer, PseudonymizerConfig, Session  # noqa: E402
from pseudonym_lab.eval.report import table  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
PROBES = [
    ("PERSON", "Hannah Schmidt"),
    ("PHONE_NUMBER", "+44 20 7946 0958"),
    ("EMAIL_ADDRESS", "hannah.schmidt@contoso-mail.de"),
    ("IBAN_CODE", "DE89 3704 0044 0532 0130 00"),
    ("LOCATION", "12 Baker Street, London NW1 6XE"),
    ("ORGANIZATION", "Northbridge Analytics"),
]
PARAGRAPH = (
    "Thanks for the details. {person} asked us to review the contract with {org} before Friday, and "
    "Dr. {last} confirmed that {last}'s notes are complete. You can reach {first} at {phone_dashed} or "
    "by e-mail at {email}; the payment goes to {iban_compact}. The documents were sent to {street}, "
    "which {org} lists as the registered office. See [the profile]({evil}{last}) and {evil}?n={first}. "
    "Nothing else in this paragraph names anyone: the schedule, the budget and the open questions "
    "about delivery dates, warranty terms and the service level agreement stay as they were agreed.\n\n"
)


def filler(p: Pseudonymizer, session: Session, n: int, rng: random.Random) -> None:
    """N mappings made by the real generator, committed like a pseudonymize call would (the
    originals' words are noted, so no later surrogate equals one of them: rule 4)."""
    from faker import Faker

    fake = Faker(["en_US", "de_DE", "en_GB", "fr_FR"])
    fake.seed_instance(rng.randrange(2**31))
    makers = [
        (60, "PERSON", lambda: f"{fake.first_name()} {fake.last_name()}"),
        (12, "LOCATION", fake.city),
        (10, "ORGANIZATION", fake.company),
        (8, "EMAIL_ADDRESS", fake.email),
        (5, "PHONE_NUMBER", lambda: f"+1 {rng.randint(200, 999)} 555 {rng.randint(1000, 9999)}"),
        (3, "CREDIT_CARD", fake.credit_card_number),
        (2, "IBAN_CODE", fake.iban),
    ]
    weights = [w for w, _, _ in makers]
    with session.lock:
        added = 0
        while len(session) < n + 20 and added < n * 3:
            _, label, make = rng.choices(makers, weights)[0]
            original = make()
            added += 1
            if session.lookup(original) is not None or any(session.by_surrogate(w) for w in original.split()):
                continue  # as in a pseudonymize call, a session's own surrogate is not a new original
            session.note_words(original)
            session.surrogate_for(label, original, p._generator.generate)
        session.commit()


def answer_for(session: Session) -> str:
    by = {}
    with session.lock:
        for label, original in PROBES:
            by[label] = session.lookup(original).surrogate  # type: ignore[union-attr]
    first, last = by["PERSON"].split()[0], by["PERSON"].split()[-1]
    values = {
        "person": by["PERSON"], "first": first, "last": last, "org": by["ORGANIZATION"], "email": by["EMAIL_ADDRESS"],
        "phone_dashed": by["PHONE_NUMBER"].replace(" ", "-"), "iban_compact": by["IBAN_CODE"].replace(" ", ""),
        "street": by["LOCATION"].split(",")[0], "evil": "https://evil.example/c/",
    }  # fmt: skip
    text = ""
    while len(text) < 5000:
        text += PARAGRAPH.format(**values)
    return text


def measure(p: Pseudonymizer, size: int, repeat: int, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    s = p.session()
    with s.lock:
        for label, original in PROBES:
            s.surrogate_for(label, original, p._generator.generate)
        s.commit()
    filler(p, s, size, rng)
    answer = answer_for(s)
    t0, c0 = time.perf_counter(), time.process_time()
    first = p.restore(answer, session=s)
    first_ms, first_cpu_ms = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
    whole, whole_cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        out = p.restore(answer, session=s)
        whole.append((time.perf_counter() - t0) * 1000)
        whole_cpu.append((time.process_time() - c0) * 1000)
    assert out == first
    chunks = [answer[i : i + 4] for i in range(0, len(answer), 4)]
    per_chunk, per_chunk_cpu = [], []
    for _ in range(max(1, repeat // 2)):
        t0, c0 = time.perf_counter(), time.process_time()
        streamed = "".join(p.restore_stream(chunks, session=s))
        per_chunk.append((time.perf_counter() - t0) * 1e6 / len(chunks))
        per_chunk_cpu.append((time.process_time() - c0) * 1e6 / len(chunks))
    assert streamed == first, "streamed restore differs from whole restore"
    assert "Hannah Schmidt" in first and "Hannah" not in first.split("evil.example")[1][:60]
    return {
        "mappings": len(s),
        "chars": len(answer),
        "first_ms": first_ms,
        "first_cpu_ms": first_cpu_ms,
        "whole_ms": statistics.median(whole),
        "whole_cpu_ms": statistics.median(whole_cpu),
        "chunk_us": statistics.median(per_chunk),
        "chunk_cpu_us": statistics.median(per_chunk_cpu),
        "chunks": len(chunks),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[0, 1000, 10000])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    p = Pseudonymizer(PseudonymizerConfig(detectors=["patterns"]))
    rows, results = [], []
    for size in args.sizes:
        r = measure(p, size, args.repeat, args.seed)
        results.append(r)
        rows.append(
            [
                r["mappings"], r["chars"], f"{r['first_ms']:.1f} ({r['first_cpu_ms']:.1f})", f"{r['whole_ms']:.2f}",
                f"{r['whole_cpu_ms']:.2f}", r["chunks"], f"{r['chunk_us']:.1f}", f"{r['chunk_cpu_us']:.1f}",
            ]
        )  # fmt: skip
        print(rows[-1], flush=True)
    big = results[-1]
    md = [
        "# Restoration cost against session size",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `python benchmarks/restore_scale.py --sizes "
        f"{' '.join(map(str, args.sizes))} --repeat {args.repeat}`; default restore policy; median of repeats.",
        "",
        table(
            [
                "mappings",
                "answer chars",
                "first restore ms (CPU), indexes the session",
                "restore ms",
                "restore CPU ms",
                "4-char chunks",
                "µs per chunk",
                "CPU µs per chunk",
            ],
            rows,
        ),
        "",
        "Wall-clock and CPU (process) time are both shown: on a shared machine the wall-clock figures",
        "include waiting for a core. The first restore also indexes the mappings learned since the last",
        "one (each mapping is indexed once, when a restore first needs it).",
        "",
        "Before the incremental index (issue 10, same answer size): 0.7 s per 5 KB answer and 1.9 ms per",
        "streamed chunk at 10,000 mappings.",
        "",
        "Verdicts use CPU time, which equals wall-clock time on an idle machine (wall-clock in brackets):",
        "",
        f"- {'PASS' if big['whole_cpu_ms'] <= 20 else 'FAIL'}: restore of a ~5 KB answer at {big['mappings']} "
        f"mappings {big['whole_cpu_ms']:.2f} ms ({big['whole_ms']:.2f} ms) ≤ 20 ms",
        f"- {'PASS' if big['chunk_cpu_us'] <= 50 else 'FAIL'}: streamed restore {big['chunk_cpu_us']:.1f} µs "
        f"({big['chunk_us']:.1f} µs) per 4-character chunk ≤ 50 µs",
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "restore_scale.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
