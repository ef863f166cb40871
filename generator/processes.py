"""Worker processes for the stages that share pages out among the cores."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

__all__ = ["PARALLEL_PAGES", "can_fork", "map_slices", "process_context"]

PARALLEL_PAGES = 300
"""From this many pages, a stage reads them in several processes; below it, starting them
costs more than it saves."""

Item = TypeVar("Item")
Result = TypeVar("Result")


def can_fork() -> bool:
    """Whether worker processes may be forked: fork copies only the calling thread, so with
    other threads running a lock one of them holds would stay locked in the child for ever."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def process_context() -> BaseContext:
    """How to start worker processes: fork when :func:`can_fork` (the workers start at
    once, every module imported), else spawn."""
    return multiprocessing.get_context("fork" if can_fork() else "spawn")


def map_slices(
    function: Callable[..., list[Result]], items: Sequence[Item], jobs: int, *extra: Any
) -> list[Result]:
    """``function(items, *extra)``, whose result has one entry per item, computed in
    ``jobs`` processes from :data:`PARALLEL_PAGES` items on: contiguous slices, several per
    process, so that a slow slice does not hold up the end. The results keep the items'
    order."""
    if jobs < 2 or len(items) < PARALLEL_PAGES:
        return function(items, *extra)
    size = -(-len(items) // (jobs * 4))
    slices = [items[start : start + size] for start in range(0, len(items), size)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=process_context()) as pool:
        parts = pool.map(function, slices, *([argument] * len(slices) for argument in extra))
        return [result for part in parts for result in part]
