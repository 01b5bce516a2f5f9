"""Training data and fine-tuning for the learned strategies (encoder NER, seq2seq tagger).

Modules here import torch / transformers / peft only inside their functions, so `pseudonym --help`
and the core stay light. Each exposes `register_cli(subparsers)` for `pseudonym train <what>`.
"""

#: The `pseudonym train` sub-commands, each a module of this package.
TRAIN_COMMANDS: tuple[str, ...] = ("data", "encoder", "tagger")
