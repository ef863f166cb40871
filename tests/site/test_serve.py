"""``kb serve``: the live preview follows edits to the content folder."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.site.conftest import CONTENT

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``kb serve`` on a copy of the fixture content: (base URL, content folder)."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    port = free_port()
    command = [str(Path(sys.executable).parent / "kb"), "serve", "--content", str(content)]
    command += ["--work", str(tmp_path / "work"), "--address", f"127.0.0.1:{port}"]
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        yield f"http://127.0.0.1:{port}", content
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
        log.close()


def test_editing_content_updates_the_preview(preview: tuple[str, Path]) -> None:
    base, content = preview
    page = f"{base}/0x80070490/"
    assert wait_for(lambda: fetch(page) is not None, 30), "the preview did not start"
    assert "Il codice Product Key immesso non funziona" in (fetch(page) or "")
    record = content / "codes" / "0x80070490.yaml"
    text = record.read_text("utf-8").replace(
        "title: Il codice Product Key immesso non funziona", "title: Titolo modificato"
    )
    record.write_text(text, "utf-8")
    assert wait_for(lambda: "Titolo modificato" in (fetch(page) or ""), 30)
