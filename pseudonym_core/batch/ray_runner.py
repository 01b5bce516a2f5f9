"""The only module that imports Ray: start or join a Ray instance, run one RowWorker actor per
CPU, and feed them batches with a bounded number in flight.

Actors rather than stateless tasks: each loads the models once and keeps its session open, so
a batch costs its own text only. Results come back in completion order; the driver writes them
as they arrive (ids, not positions, tie output to input).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..errors import InputError
from .io import Row
from .worker import Done, RowWorker

#: Batches queued per actor beyond the one it is working on: enough to never idle, few enough
#: that an interrupted run loses little.
IN_FLIGHT_PER_WORKER = 2


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise InputError("the batch command runs on Ray: pip install 'llm-pseudonym[batch]'") from exc
    return ray


def run_batches(
    phases: list[tuple[Callable[[], Iterable[list[Row]]], Callable[[Done], int]]],
    *,
    total: int,
    on_ready: Callable[[int], None],
    on_finished: Callable[[], None] = lambda: None,
    worker_args: tuple[Any, ...],
    num_cpus: int | None,
    workers: int | None,
    address: str | None,
    progress: bool,
) -> int:
    """Run every phase's batches on one set of actors, each phase after the previous one has
    finished (the look-back pass needs the whole corpus done); returns the number of workers.
    `on_ready` is called once the actors have loaded their models, `on_finished` once the last
    phase is done, before the actors and a Ray started here are stopped."""
    ray = _ray()
    started = False
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
        if address is None:
            kwargs["num_cpus"] = num_cpus
        ray.init(address=address, **kwargs)
        started = True
    actors: list[Any] = []
    bar = _bar(total, progress)
    try:
        n = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor_cls = ray.remote(num_cpus=1, max_restarts=0)(RowWorker)
        actors = [actor_cls.remote(*worker_args) for _ in range(n)]
        ray.get([a.ready.remote() for a in actors])
        on_ready(n)
        for batches, on_done in phases:
            _drive(ray, actors, batches(), on_done, bar)
        on_finished()
        return n
    finally:
        if bar is not None:
            bar.close()
        for a in actors:
            ray.kill(a)
        if started:
            ray.shutdown()


def _drive(ray: Any, actors: list[Any], batches: Iterable[list[Row]], on_done: Callable[[Done], int], bar: Any) -> None:
    load = dict.fromkeys(range(len(actors)), 0)
    pending: dict[Any, int] = {}

    def collect(block: bool) -> None:
        ready, _ = ray.wait(list(pending), num_returns=1, timeout=None if block else 0)
        for ref in ready:
            load[pending.pop(ref)] -= 1
            handled = on_done(ray.get(ref))
            if bar is not None:
                bar.update(handled)

    for batch in batches:
        while len(pending) >= len(actors) * (1 + IN_FLIGHT_PER_WORKER):
            collect(block=True)
        k = min(load, key=load.__getitem__)
        pending[actors[k].run.remote(batch)] = k
        load[k] += 1
        if pending:
            collect(block=False)
    while pending:
        collect(block=True)


def _bar(total: int, progress: bool) -> Any:
    if not progress:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="row", desc="pseudonymizing", dynamic_ncols=True)
