"""Training data and fine-tuning: the learned strategies (encoder NER, seq2seq tagger), the rewrite
model and a user's own causal LM (`lm`), with LoRA / QLoRA and the dual-purpose privacy loss.

Modules here import torch / transformers / peft only inside their functions, so `pseudonym --help`
and the core stay light. Each exposes `register_cli(subparsers)` for `pseudonym train <what>`.
"""

#: The `pseudonym train` sub-commands, each a module of this package.
TRAIN_COMMANDS: tuple[str, ...] = ("data", "encoder", "tagger", "lm", "rewrite")
