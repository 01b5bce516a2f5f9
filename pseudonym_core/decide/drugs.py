"""Names of medicines, so a model's guess that "Tylenol" or "Ozempic" is a person is dropped.

Clinical notes, pharmacy chats and insurance letters are full of brand and generic drug names that
no word list knows and that read like surnames; the models took "Wegovy", "Ritalin", "Benadryl"
for people and organizations, so the answer came back about "Ms. Pugh" instead of a medicine.
The list is the dictionary of `drug-named-entity-recognition==2.0.9` (MIT; about 107,000 names
and variants from MeSH, Wikipedia and the NHS), read from its data file after the file is checked
against the pinned release (detect/integrity.py): the file is a pickle, so only the pinned bytes
are ever unpickled. The package's own code is not imported.

The list also holds given names ("Aman", "Kendrick"), so a guess is dropped only where a medicine's
words stand around it (filters.py), and a name that a name pool lists ("Camila") never is. A package
whose files differ from the pinned release stops the engine (ModelIntegrityError), as a tampered
model does: a swapped list could make real names pass as medicines.
"""

from __future__ import annotations

import bz2
import pickle
from functools import lru_cache
from typing import Any

PACKAGE = "drug_named_entity_recognition"
_DATA_FILE = "drug_ner_dictionary.pkl.bz2"


@lru_cache(maxsize=1)
def drug_names() -> frozenset[str]:
    """Case-folded drug names and variants; empty when the package is missing (nothing is dropped).

    Unpickling the dictionary costs 0.6 s, so the names are kept in the word cache (wordcache.py)
    after the first process has read them."""
    from importlib.util import find_spec

    if find_spec(PACKAGE) is None:
        return frozenset()
    from ..wordcache import cached_words

    return cached_words("drug-names", _read, packages=["drug-named-entity-recognition"], sources=[__file__])


class _PlainUnpickler(pickle.Unpickler):
    """The dictionary is made of dicts, lists, strings and numbers only: an unpickler that refuses
    every class and function is a second guard behind the digest (nothing in it can run code)."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError("the drug dictionary may hold plain data only")


def _read() -> frozenset[str]:
    from ..detect.integrity import verify_model_package

    root = verify_model_package(PACKAGE)
    with bz2.open(root / _DATA_FILE, "rb") as fh:
        data = _PlainUnpickler(fh).load()  # the pinned release's bytes, verified just above
    return frozenset(k.casefold() for k in data["drug_variant_to_canonical"] if "\n" not in k)


def is_drug_name(value: str) -> bool:
    """Whether `value` is a medicine's name and no name of the pools ("Tylenol"; not "Camila")."""
    from ..surrogate.pools import name_index
    from .words import is_known_name

    folded = " ".join(value.split()).casefold()
    if len(folded) < 4 or folded not in drug_names():
        return False
    index = name_index()
    return not any(index.is_given(w) or index.is_family(w) or is_known_name(w) for w in folded.split())
