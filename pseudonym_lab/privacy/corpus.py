"""The privacy benchmark's corpus: synthetic documents (`pseudonym_lab.synth`) with planted canaries.

Splits, all disjoint and reproducible by seed:

- ``train``: the fine-tuning documents; each canary record ("{name}'s phone number is
  {ddd-ddd-dddd}.") is appended to `repeats` of them, as a person's record recurs in real data.
  `repeats` may be a tuple of tiers that the canaries take in turn (the Secret Sharer's design,
  Carlini et al. 2019): a record seen 32 times is what an early-stopped model reproduces verbatim,
  one seen 4 times is only ranked above its rivals, and an audit needs both to show a defence;
- ``members``: a random sample of ``train`` (the membership attacks' positives);
- ``valid``: held-out documents for early stopping;
- ``test``: held-out documents for perplexity and the attacks' negatives (never used for stopping);
- ``aux`` / ``aux_attack``: documents of the same kind for the defence's and the attacker's reference
  models (a model trained from scratch needs one; a fine-tuned one uses its base model instead).

Canary names come from the synth value sources (Faker / Mimesis); the secret is ten random digits
in one fixed layout, so its 100 rivals of the same format are equally plausible a priori.
"""

from __future__ import annotations

import contextlib
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from pseudonym_lab.privacy.canaries import Canary, random_like

#: The canary's secret layout (a phone number the detection stage recognises).
SECRET_FORMAT = "000-000-0000"
CANARY_PREFIX = "{name}'s phone number is"
#: Latin-script locales: the tiny model is trained from scratch and has little capacity for scripts.
DEMO_LOCALES: tuple[str, ...] = ("en_US", "en_GB", "en_CA", "en_AU", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL")


@dataclass
class Corpus:
    train: list[str]
    members: list[str]
    valid: list[str]
    test: list[str]
    aux: list[str]
    aux_attack: list[str]
    canaries: list[Canary]
    canary_names: list[str] = field(default_factory=list)
    #: how many train documents carry each canary (same order as `canaries`)
    canary_repeats: list[int] = field(default_factory=list)

    def sizes(self) -> dict[str, int]:
        return {
            k: len(getattr(self, k)) for k in ("train", "members", "valid", "test", "aux", "aux_attack", "canaries")
        }


def _texts(n: int, seed: int, locales: Sequence[str] | None, edge_share: float) -> list[str]:
    from pseudonym_lab.synth import SynthBuilder

    builder = SynthBuilder(locales=list(locales) if locales else None, edge_share=edge_share)
    # some value libraries print notices on stdout; the demo's stdout must stay one JSON object
    with contextlib.redirect_stdout(sys.stderr):
        return [builder.sample(seed, i).text for i in range(n)]


def _canaries(n: int, seed: int, locales: Sequence[str] | None) -> tuple[list[Canary], list[str]]:
    from pseudonym_lab.synth import LOCALES
    from pseudonym_lab.synth.values import ValueSource

    rng = random.Random(seed)
    pool = list(locales or LOCALES)
    names: list[str] = []
    sources: dict[str, ValueSource] = {}
    with contextlib.redirect_stdout(sys.stderr):
        while len(names) < n:
            loc = rng.choice(pool)
            src = sources.setdefault(loc, ValueSource(loc))
            src.reseed(rng.randrange(2**31))
            name = src.person().full
            if name not in names and "'" not in name:
                names.append(name)
    secrets: set[str] = set()
    canaries = []
    for name in names:
        secret = random_like(SECRET_FORMAT, rng)
        while secret in secrets:
            secret = random_like(SECRET_FORMAT, rng)
        secrets.add(secret)
        canaries.append(Canary(CANARY_PREFIX.format(name=name), secret))
    return canaries, names


def build_corpus(
    n_train: int = 800, n_valid: int = 150, n_test: int = 200, n_aux: int = 800, n_canaries: int = 30,
    repeats: int | Sequence[int] = 8, n_members: int | None = None, seed: int = 0,
    locales: Sequence[str] | None = DEMO_LOCALES, edge_share: float = 0.1,
) -> Corpus:  # fmt: skip
    """Build every split (see the module docstring); each canary is planted in `repeats` train documents
    (or in the tiers of `repeats` taken in turn)."""
    tiers = [repeats] if isinstance(repeats, int) else list(repeats)
    if not tiers or min(tiers) < 1:
        raise ValueError("repeats must be at least 1")
    if max(tiers) > n_train:
        raise ValueError("repeats cannot exceed the number of train documents")
    sizes = [n_train, n_valid, n_test, n_aux, n_aux]
    texts = _texts(sum(sizes), seed, locales, edge_share)
    rng = random.Random(seed + 1)
    rng.shuffle(texts)
    parts, pos = [], 0
    for k in sizes:
        parts.append(texts[pos : pos + k])
        pos += k
    train, valid, test, aux, aux_attack = parts
    canaries, names = _canaries(n_canaries, seed + 2, locales)
    counts = [tiers[k % len(tiers)] for k in range(len(canaries))]
    for c, k in zip(canaries, counts, strict=True):
        for i in rng.sample(range(n_train), k):
            train[i] = f"{train[i]} {c.text}."
    members = rng.sample(train, min(n_members or n_test, n_train))
    return Corpus(train, members, valid, test, aux, aux_attack, canaries, names, counts)
