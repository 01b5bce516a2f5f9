"""Synthetic labelled text from Faker and Mimesis, for training and privacy benchmarks.

    from pseudonym_lab.synth import generate
    samples = generate(1000, seed=7)                # LabeledSample list, spans exact
    pseudonym train data --source synth --n 1000 --out data/synth.jsonl

Texts come from domain templates (support, e-mail, clinical, HR, finance, travel, chat, legal,
education, insurance, IT) filled with values of 40 locales, with deliberate edge cases (see
`build`). Everything is reproducible by seed.
"""

from pseudonym_lab.synth.build import EDGE_CASES, SynthBuilder, generate
from pseudonym_lab.synth.templates import DOMAINS
from pseudonym_lab.synth.values import LOCALES

__all__ = ["DOMAINS", "EDGE_CASES", "LOCALES", "SynthBuilder", "generate"]
