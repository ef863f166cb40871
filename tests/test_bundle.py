"""The offline zip (activation_kb.site.bundle): reproducible bytes, fixed metadata, atomic
writes."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from activation_kb.domain.errors import UsageError
from activation_kb.site.bundle import bundle_name, publish, timestamp, write_zip
from tests.files import write_files

FILES = {"index.html": "root", "it/index.html": "ciao", "en/index.html": "hello", "b/a.js": "x"}


def test_the_same_tree_gives_the_same_bytes_whatever_the_files_dates_and_modes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = write_files(tmp_path / "one", FILES)
    second = write_files(tmp_path / "two", dict(reversed(FILES.items())))
    os.utime(second / "it" / "index.html", (1_700_000_000, 1_700_000_000))
    (second / "b" / "a.js").chmod(0o600)
    zip_one = write_zip(first, tmp_path / "out1" / "kb.zip")
    zip_two = write_zip(second, tmp_path / "out2" / "kb.zip")
    assert zip_one.read_bytes() == zip_two.read_bytes()


def test_entries_are_sorted_in_one_top_folder_with_fixed_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    pending = write_zip(write_files(tmp_path / "t", FILES), tmp_path / "dist" / "kb-offline-1.zip")
    with zipfile.ZipFile(pending) as archive:
        entries = archive.infolist()
        assert [entry.filename for entry in entries] == [
            "kb-offline-1/b/a.js",
            "kb-offline-1/en/index.html",
            "kb-offline-1/index.html",
            "kb-offline-1/it/index.html",
        ]
        assert archive.read("kb-offline-1/it/index.html") == b"ciao"
    for entry in entries:
        assert entry.date_time == (2023, 11, 14, 22, 13, 20)
        assert entry.compress_type == zipfile.ZIP_DEFLATED
        assert entry.external_attr >> 16 == 0o100644
        assert entry.extra == b""


def test_without_source_date_epoch_every_date_is_1980(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert timestamp() == (1980, 1, 1, 0, 0, 0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # before a zip's clock starts
    assert timestamp() == (1980, 1, 1, 0, 0, 0)


def test_an_odd_second_is_dated_as_the_zip_stores_it() -> None:
    # 2026-12-03 10:41:39 UTC: a zip keeps seconds in steps of two, 38 here.
    assert timestamp(1796294499) == (2026, 12, 3, 10, 41, 38)


def test_a_malformed_source_date_epoch_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        timestamp()


def test_the_zip_is_written_aside_and_published_in_one_step(tmp_path: Path) -> None:
    target = tmp_path / "dist" / "kb.zip"
    target.parent.mkdir()
    target.write_bytes(b"previous")
    pending = write_zip(write_files(tmp_path / "t", FILES), target)
    assert pending.parent == target.parent and pending != target
    assert target.read_bytes() == b"previous"
    publish(pending, target)
    assert zipfile.is_zipfile(target)
    assert [p.name for p in target.parent.iterdir()] == ["kb.zip"]


def test_a_failed_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_files(tmp_path / "t", FILES)
    read_bytes = Path.read_bytes

    def failing_read(path: Path) -> bytes:
        # A disk error while the archive is being written.
        if path.name == "a.js":
            raise OSError("I/O error")
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", failing_read)
    with pytest.raises(OSError, match="I/O error"):
        write_zip(source, tmp_path / "dist" / "kb.zip")
    assert list((tmp_path / "dist").iterdir()) == []


def test_the_name_carries_the_version() -> None:
    assert bundle_name("1.2.3") == "activation-kb-offline-1.2.3"
    assert bundle_name().startswith("activation-kb-offline-0.")
