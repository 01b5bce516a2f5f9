"""Per-call latency: texts of two sizes cut from the realistic dev half, systems taking turns.

Each text is run by every system before the next text starts, and the order of systems rotates
from text to text, so a burst of load from the other jobs of a shared machine hits all of them
alike. CPU time (`time.process_time`) is the figure judged: on a loaded machine wall time mostly
measures the neighbours. Everything is warm: models are loaded and a few texts run untimed first.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Mapping, Sequence

from benchmarks.detection_scoring import Timing
from pseudonym_core import PseudonymizerConfig

SIZES: dict[str, int] = {"200 chars": 200, "2 KB": 2048}
WARMUP = 3


def cut_texts(texts: Sequence[str], size: int, count: int) -> list[str]:
    """`count` pieces of about `size` characters from the texts, cut at whitespace.

    Short texts are joined (a blank line between, as pasted documents are) until a piece reaches
    `size`; a piece never ends inside a word, so no half name skews the work. Fewer than `count`
    pieces come back when the texts run out."""
    out: list[str] = []
    buf = ""
    for t in texts:
        buf = f"{buf}\n\n{t}" if buf else t
        while len(buf) >= size and len(out) < count:
            cut = _cut_at(buf, size)
            out.append(buf[:cut].strip())
            buf = buf[cut:].lstrip()
            if len(buf) < size // 2:
                buf = ""  # a short tail would start the next piece mid-sentence; drop it
        if len(out) >= count:
            break
    return out


def _cut_at(text: str, size: int) -> int:
    """The last whitespace at or before `size` (or after it when the first word is longer)."""
    space = max((m.start() for m in re.finditer(r"\s", text[: size + 1])), default=-1)
    if space > 0:
        return space
    m = re.search(r"\s", text[size:])
    return size + m.start() if m else len(text)


def time_turns(
    systems: Mapping[str, Callable[[str], object]], texts: Sequence[str], rounds: int = 1
) -> dict[str, Timing]:
    """Per-call CPU and wall seconds of every system on every text, systems taking turns."""
    names = list(systems)
    for t in texts[:WARMUP]:
        for n in names:
            with contextlib.suppress(Exception):  # a raising call is counted below, when timed
                systems[n](t)
    cpu: dict[str, list[float]] = {n: [] for n in names}
    wall: dict[str, list[float]] = {n: [] for n in names}
    errors = dict.fromkeys(names, 0)
    k = 0
    for _ in range(rounds):
        for t in texts:
            for j in range(len(names)):
                n = names[(j + k) % len(names)]
                w0, c0 = time.perf_counter(), time.process_time()
                try:
                    systems[n](t)
                except Exception:  # timed all the same (the work was done), and counted
                    errors[n] += 1
                cpu[n].append(time.process_time() - c0)
                wall[n].append(time.perf_counter() - w0)
            k += 1
    return {n: Timing(tuple(cpu[n]), tuple(wall[n]), errors[n]) for n in names}


def detector_calls(names: Sequence[str]) -> dict[str, Callable[[str], object]]:
    """Each detector alone, built as the default config builds it, called on one text at a time.

    A gap filler (Rampart) is timed on the whole text here; inside the pipeline it only reads the
    parts the other detectors leave unexplained, so its share of a pipeline call is smaller."""
    from pseudonym_core.detect.ensemble import Ensemble

    out: dict[str, Callable[[str], object]] = {}
    for name in names:
        det = Ensemble(PseudonymizerConfig(detectors=[name])).detectors[0]
        out[name] = lambda text, det=det: det.detect_many([text])
    return out
