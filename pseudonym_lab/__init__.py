"""llm-pseudonym's lab: evaluation, training, anonymization and training-time privacy.

Installed with ``pip install 'llm-pseudonym[lab]'``. The lab imports the runtime engine
(`pseudonym_core`) and is never imported by it (a test enforces this), so a runtime install carries
none of the training and evaluation code or its dependencies.

Layout, one folder per concern:

- ``eval/``       labelled sets (the shipped hand-written set in ``data/``, the user's own files),
                  detection metrics, the paper's metrics per pipeline combination
- ``train/``      training data and fine-tuning of the learned detectors (encoder NER, DET_tag tagger)
- ``anonymize/``  irreversible rewrite anonymization (generalize / local LLM) and its evaluation
- ``synth/``      synthetic labelled text from Faker and Mimesis, for training and privacy benchmarks
- ``privacy/``    training-time privacy: fine-tuning defences, membership-inference audits, unlearning
- ``cli.py``      the lab's `pseudonym` sub-commands, loaded lazily by `pseudonym_core.cli`

Heavy dependencies (torch, transformers, presidio-evaluator, matplotlib, mimesis) are imported
inside the functions that need them, so importing a lab module stays cheap.
"""
