"""What the benchmark measures around one build: memory of the process tree, sizes on disk,
and the machine it ran on.

Memory is measured two ways. The kernel's count (``wait4``) gives the largest single
process of the build; a sampler reading ``/proc`` every 50 ms sums the resident memory of
the build and all its children at each moment, which is what concurrent engine builds
need from the machine (a sample can miss a short peak, so it is a lower bound).
"""

from __future__ import annotations

import gzip
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Finished", "gzip_bytes", "machine", "run_measured", "tree_bytes"]

_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Finished:
    """A command that ran to its end."""

    status: int
    seconds: float
    max_process_rss: int
    """Bytes: the largest resident set of any one process of the command."""
    peak_tree_rss: int
    """Bytes: the largest sampled sum of the resident sets of the command's processes."""
    cpu_seconds: float
    """User and system time of the command and of every process it waited for: on a busy
    machine, steadier than the wall time."""
    output: str


def run_measured(command: list[str], cwd: Path, env: dict[str, str]) -> Finished:
    """Run ``command``, timing it and following its memory, its output captured."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        sampler = _TreeSampler(process.pid)
        sampler.start()
        # wait4, not wait: it also returns the largest resident set of the process and the
        # children it waited for (the kernel keeps it, no sampling involved).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop()
        log.seek(0)
        output = log.read()
    return Finished(
        status=process.returncode,
        seconds=seconds,
        max_process_rss=usage.ru_maxrss * 1024,  # kilobytes on Linux
        peak_tree_rss=sampler.peak,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        output=output,
    )


class _TreeSampler(threading.Thread):
    """Samples the summed resident memory of a process and its descendants."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.05):
            self.peak = max(self.peak, _tree_rss(self.root))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree_rss(root: int) -> int:
    parents: dict[int, int] = {}
    resident: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                # The command name is in parentheses and may hold spaces: split after it.
                fields = stat.read().rsplit(b")", 1)[1].split()
            with open(f"/proc/{entry.name}/statm", "rb") as statm:
                pages = int(statm.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended between the listing and the read
        parents[int(entry.name)] = int(fields[1])
        resident[int(entry.name)] = pages * _PAGE
    total, family = 0, {root}
    # Parents have lower ids only until ids wrap around: loop until the family stops growing.
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    for pid in family:
        total += resident.get(pid, 0)
    return total


def tree_bytes(root: Path) -> int:
    """The summed size of the files under ``root``."""
    return sum(path.stat().st_size for path in root.rglob("*") if path.is_file())


def gzip_bytes(data: bytes) -> int:
    """The size of ``data`` compressed as a web server would (gzip, level 6)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def machine() -> dict[str, object]:
    """The facts a reader needs to compare timings: cores, memory, Python, load."""
    memory = 0
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    return {
        "cpus": os.cpu_count(),
        "cpu": _cpu_model(),
        "memory_gb": round(memory / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_before": [round(value, 2) for value in os.getloadavg()],
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "executable": sys.executable,
    }


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"
