"""What a build did and how long each stage took, for ``kb build --report`` and the benchmark.

Stages are timed where they run, not read back from logs: each has a start (seconds after
the build began) and a duration, so that overlapping stages (the engine builds run
concurrently) show as overlapping, and the sum of the stages over the wall time is the
speed-up that running them together bought.
"""

from __future__ import annotations

import json
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = ["BuildReport", "Stage", "Stopwatch"]


@dataclass(frozen=True)
class Stage:
    """One step of a build."""

    name: str
    """``generate``, ``engine:it``, ``engine:en``, ``root-files``, ``check``, ``swap``…"""
    started: float
    """Seconds after the build started."""
    seconds: float
    cpu: float | None = None
    """CPU seconds it used (user and system, its child processes included), where known:
    steadier than ``seconds`` on a busy machine. Engine builds running at the same time as
    a stage are not counted in it."""


@dataclass
class Stopwatch:
    """Times the stages of one build against one origin."""

    origin: float = field(default_factory=time.monotonic)
    stages: list[Stage] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the ``with`` block as stage ``name`` (also when it raises)."""
        started, cpu = time.monotonic(), _cpu()
        try:
            yield
        finally:
            self.add(name, started, time.monotonic(), _cpu() - cpu)

    def add(self, name: str, started: float, ended: float, cpu: float | None = None) -> None:
        """Record a stage timed elsewhere, from two ``time.monotonic()`` readings."""
        self.stages.append(Stage(name, started - self.origin, ended - started, cpu))

    def elapsed(self) -> float:
        """Seconds since the origin."""
        return time.monotonic() - self.origin


def _cpu() -> float:
    """CPU seconds of this process and of the child processes it has waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


@dataclass(frozen=True)
class BuildReport:
    """What one build made."""

    out: Path
    bundle: Path | None
    """The offline zip, when one was asked for."""
    pages: dict[str, int]
    """Markdown pages per language."""
    written: int
    """Markdown files that changed since the previous build."""
    seconds: float
    """Wall time of the whole build."""
    stages: tuple[Stage, ...] = ()
    """Every stage, in the order they started."""
    jobs: int = 1
    """How many engine builds were allowed to run at once."""
    warnings: tuple[str, ...] = ()
    """What went wrong without stopping the build (a leftover it could not delete)."""

    def to_json(self) -> dict[str, object]:
        """The report as JSON-ready data (paths as strings)."""
        data = asdict(self)
        data["out"] = str(self.out)
        data["bundle"] = str(self.bundle) if self.bundle else None
        data["stages"] = [asdict(stage) for stage in self.stages]
        return data

    def write(self, path: Path) -> None:
        """Write :meth:`to_json` to ``path``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.to_json(), indent=2, ensure_ascii=False)
        path.write_text(text + "\n", encoding="utf-8")
