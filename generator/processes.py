"""Worker processes for the stages that share pages out among the cores."""

from __future__ import annotations

import multiprocessing
import threading
from multiprocessing.context import BaseContext

__all__ = ["PARALLEL_PAGES", "process_context"]

PARALLEL_PAGES = 300
"""From this many pages, a stage reads them in several processes; below it, starting them
costs more than it saves."""


def process_context() -> BaseContext:
    """How to start worker processes: fork when this process runs no other thread (the
    workers start at once, every module imported), else spawn. fork copies only the calling
    thread: a lock another thread held would stay locked in the child for ever."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")
