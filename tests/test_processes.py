"""Forked calls (activation_kb.parallel.ForkedCall): value, timing and failures come back."""

from __future__ import annotations

import os
import threading
import time

import pytest

from activation_kb.parallel import ForkedCall


def _busy(seconds: float) -> int:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return os.getpid()


def _fail(message: str) -> None:
    raise ValueError(message)


def test_the_value_the_times_and_the_cpu_of_the_child_come_back() -> None:
    before = time.monotonic()
    run = ForkedCall(_busy, 0.2).result()
    assert run.value != os.getpid()  # it ran in another process
    assert before <= run.started < run.ended <= time.monotonic()
    assert run.ended - run.started >= 0.2
    assert 0.15 <= run.cpu <= 5


def test_the_child_s_exception_is_raised_here() -> None:
    with pytest.raises(ValueError, match="disk full"):
        ForkedCall(_fail, "disk full").result()


def test_a_value_that_cannot_be_sent_back_is_an_error_not_a_hang() -> None:
    with pytest.raises(RuntimeError, match="pickle"):
        ForkedCall(threading.Lock).result()


def test_a_cancelled_child_is_stopped_and_reaped() -> None:
    started = time.monotonic()
    call = ForkedCall(time.sleep, 60)
    call.cancel()
    assert time.monotonic() - started < 10
    with pytest.raises(ProcessLookupError):
        os.kill(call.pid, 0)  # gone, and waited for (a zombie would still be found)
