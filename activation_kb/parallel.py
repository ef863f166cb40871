"""The one module that runs work side by side: how many at once, threads for the engine's
builds (each a process of its own), and one forked call (the zip, written while the site is
checked). Each saves 10 % or more of a 10,000-code build (docs/performance.md); pages
read by worker processes and the search index made beside the engine saved less, and are
gone."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

__all__ = ["ForkedCall", "ForkedRun", "can_fork", "default_jobs", "each_in_threads"]

Item = TypeVar("Item")
Result = TypeVar("Result")


def default_jobs() -> int:
    """How much runs at once: one per core (``KB_JOBS`` overrides). An engine build is one
    process that mostly computes; more at once only share the cores, and each holds its
    whole site in memory."""
    wanted = os.environ.get("KB_JOBS", "")
    return int(wanted) if wanted.isdigit() and int(wanted) > 0 else os.cpu_count() or 1


def each_in_threads(
    function: Callable[[Item], Result], items: Sequence[Item], jobs: int
) -> list[Result]:
    """``function`` of each item, at most ``jobs`` at once, in threads: for work that waits
    on a process of its own (an engine build). The results keep the items' order."""
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(function, items))


def can_fork() -> bool:
    """Whether worker processes may be forked: fork copies only the calling thread, so with
    other threads running a lock one of them holds would stay locked in the child for ever."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


@dataclass(frozen=True)
class ForkedRun(Generic[Result]):
    """What a :class:`ForkedCall` returned, and when and how long it ran."""

    value: Result
    started: float
    """``time.monotonic()`` in the child when the call began (the clock is system-wide)."""
    ended: float
    cpu: float
    """The child's CPU time, from ``wait4``."""


class ForkedCall(Generic[Result]):
    """``function(*args, **kwargs)`` run in a forked child while this process goes on.

    A plain fork rather than a pool: a pool starts a thread in this process, and a stage
    that runs meanwhile could then no longer fork its own workers (:func:`can_fork`). The
    child sends its result or its exception back through a pipe; call :meth:`result` or
    :meth:`cancel` exactly once. Fork only when :func:`can_fork`."""

    def __init__(self, function: Callable[..., Result], *args: Any, **kwargs: Any) -> None:
        reading, writing = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the child: never returns
            os.close(reading)
            _call_and_send(writing, function, args, kwargs)
        os.close(writing)
        self._reading = reading

    @property
    def pid(self) -> int:
        """The child's process id."""
        return self._pid

    def result(self) -> ForkedRun[Result]:
        """Wait for the child; its value, or its exception raised here."""
        with os.fdopen(self._reading, "rb") as stream:
            data = stream.read()
        _, status, usage = os.wait4(self._pid, 0)
        if not data:
            raise RuntimeError(f"a worker process ended without an answer (status {status})")
        outcome, value, started, ended = pickle.loads(data)
        if outcome == "raised":
            raise value
        return ForkedRun(value, started, ended, usage.ru_utime + usage.ru_stime)

    def cancel(self) -> None:
        """Stop the child and wait for it."""
        os.close(self._reading)
        os.kill(self._pid, signal.SIGKILL)  # not yet waited for: it exists, if as a zombie
        os.waitpid(self._pid, 0)


def _call_and_send(
    writing: int, function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    status = 0
    try:
        started = time.monotonic()
        try:
            message: tuple[Any, ...] = ("returned", function(*args, **kwargs))
        except BaseException as error:  # sent to the parent, which raises it
            message, status = ("raised", error), 1
        data = pickle.dumps((*message, started, time.monotonic()))
    except BaseException as error:  # the value or the error would not pickle
        failure = RuntimeError(f"{type(error).__name__}: {error}")
        data, status = pickle.dumps(("raised", failure, 0.0, 0.0)), 1
    try:
        with os.fdopen(writing, "wb") as stream:
            stream.write(data)
    finally:
        # Leave without the parent's exit handlers, locks or buffered output.
        os._exit(status)
