"""Irreversible rewrite anonymization (`pseudonym anonymize`) and its evaluation.

It lives in the lab rather than the runtime: it prepares data to share or to train on, offline and
in batches, it is not on the path of a live request (which needs reversibility), and its `llm`
mode and evaluation need the lab's model dependencies. It only uses the core's public pipeline, so
it could move into the core unchanged if a runtime use appears.

    from pseudonym_lab.anonymize import Anonymizer
    Anonymizer(mode="generalize").anonymize("Anna Weber from Lyon called.").text
    # 'A woman from a city in France called.'
"""

from pseudonym_lab.anonymize.rewrite import MODES, Anonymized, Anonymizer, Replacement, anonymize

__all__ = ["MODES", "Anonymized", "Anonymizer", "Replacement", "anonymize"]
