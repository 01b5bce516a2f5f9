"""Training-time privacy for local models (issue 12, items 4–8): LoRA/QLoRA fine-tuning with
privacy defences, membership-inference and extraction audits, and data-free PII unlearning.

Modules here import the core and the rest of the lab, never the other way round.
"""
