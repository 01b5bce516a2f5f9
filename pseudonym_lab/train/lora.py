"""LoRA and QLoRA on any local transformers causal LM, and loading a fine-tuned folder back.

- **LoRA**: the base model in float32 (CPU) or bf16 (GPU), low-rank adapters on every linear layer
  of the transformer blocks (or of the top `lora_layers` blocks only: gradients then stop there,
  which makes a CPU step much cheaper).
- **QLoRA** (Dettmers et al. 2023): the base model loaded in 4-bit NF4 with double quantisation
  and bf16 compute by `bitsandbytes`, adapters in bf16 on top. It needs a CUDA GPU and the
  `bitsandbytes` package; without either, `require_qlora` raises a `ConfigError` naming what is
  missing instead of silently training something else.

`load_finetuned` opens either a full model folder or an adapter folder written by the lab's
fine-tuning commands (``adapter_config.json`` names its base), merged for inference.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from pseudonym_core.errors import ConfigError


def require_qlora(device: str) -> None:
    """Raise a `ConfigError` that names each missing piece of QLoRA (CUDA, bitsandbytes)."""
    import torch

    missing = []
    if not device.startswith("cuda") or not torch.cuda.is_available():
        missing.append(
            "a CUDA GPU (torch sees none)" if not torch.cuda.is_available() else f"--device cuda (got {device})"
        )
    if importlib.util.find_spec("bitsandbytes") is None:
        missing.append("the bitsandbytes package (pip install bitsandbytes)")
    if missing:
        raise ConfigError(
            "QLoRA (4-bit base model) needs " + " and ".join(missing) + "; use plain LoRA without --qlora"
        )


def linear_names(model: Any) -> list[str]:
    """Leaf names of the linear layers inside the blocks (q_proj, c_attn …), the output layer excluded."""
    import torch

    head = model.get_output_embeddings()
    conv1d: tuple[type, ...] = ()
    try:
        from transformers.pytorch_utils import Conv1D

        conv1d = (Conv1D,)  # GPT-2's "linear" layers
    except ImportError:  # pragma: no cover
        pass
    names = {
        n.rsplit(".", 1)[-1]
        for n, m in model.named_modules()
        if isinstance(m, (torch.nn.Linear, *conv1d)) and m is not head and "." in n
    }
    return sorted(names)


def top_layers(model: Any, top: int | None) -> list[int] | None:
    """Indices of the top `top` transformer blocks (None: all)."""
    n = int(getattr(model.config, "num_hidden_layers", 0) or getattr(model.config, "n_layer", 0) or 0)
    if not top or not n or top >= n:
        return None
    return list(range(n - top, n))


def add_lora(model: Any, r: int = 16, lora_layers: int | None = None, dropout: float = 0.05, seed: int = 0) -> Any:
    """Wrap `model` with LoRA adapters (alpha = 2r) on its block linears; returns the peft model."""
    import torch
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(seed)
    layers = top_layers(model, lora_layers)
    config = LoraConfig(
        r=r,
        lora_alpha=2 * r,
        lora_dropout=dropout,
        target_modules=linear_names(model),
        layers_to_transform=layers,
        task_type="CAUSAL_LM",
        fan_in_fan_out=type(model).__name__.startswith("GPT2"),
    )
    return get_peft_model(model, config)


def load_base(path: str | Path, device: str, qlora: bool = False) -> Any:
    """The base causal LM for fine-tuning: float32 on CPU, bf16 on a GPU, 4-bit NF4 with `qlora`."""
    import torch
    from transformers import AutoModelForCausalLM

    if qlora:
        require_qlora(device)
        from peft import prepare_model_for_kbit_training
        from transformers import BitsAndBytesConfig

        quant = BitsAndBytesConfig(
            load_in_4bit=True,
            bnb_4bit_quant_type="nf4",
            bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=torch.bfloat16,
        )
        model = AutoModelForCausalLM.from_pretrained(str(path), quantization_config=quant, device_map={"": device})
        return prepare_model_for_kbit_training(model, use_gradient_checkpointing=True)
    dtype = torch.bfloat16 if device.startswith("cuda") else torch.float32
    return AutoModelForCausalLM.from_pretrained(str(path), dtype=dtype).to(device)


def default_device(device: str | None) -> str:
    import torch

    return device or ("cuda" if torch.cuda.is_available() else "cpu")


def load_finetuned(path: str | Path | None, device: str = "cpu") -> tuple[Any, Any]:
    """(model, tokenizer) from a full model folder or an adapter folder (merged), in eval mode.

    None loads the converted SmolLM2-135M (the project's shared local model).
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    if path is None:
        from pseudonym_core.llm.local import load_causal_lm

        lm = load_causal_lm()
        return lm.model.to(device), lm.tokenizer
    folder = Path(path).expanduser()
    if not folder.is_dir():
        raise ConfigError(f"{folder} is not a model folder")
    dtype = torch.bfloat16 if device.startswith("cuda") else torch.float32
    if (folder / "adapter_config.json").is_file():
        from peft import PeftConfig, PeftModel

        base_path = PeftConfig.from_pretrained(str(folder)).base_model_name_or_path
        if not base_path or not Path(base_path).is_dir():
            raise ConfigError(f"the adapter in {folder} names a base model that is not a local folder")
        base = AutoModelForCausalLM.from_pretrained(base_path, dtype=dtype)
        model = PeftModel.from_pretrained(base, str(folder)).merge_and_unload()
        tok_dir = folder if (folder / "tokenizer_config.json").is_file() else Path(base_path)
    elif (folder / "config.json").is_file():
        model = AutoModelForCausalLM.from_pretrained(str(folder), dtype=dtype)
        tok_dir = folder
    else:
        raise ConfigError(f"{folder} holds neither a transformers model (config.json) nor an adapter")
    return model.to(device).eval(), AutoTokenizer.from_pretrained(str(tok_dir))
