"""``kb lookup`` through click's CliRunner, against a small fixture content tree."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from activation_kb.cli.main import main
from activation_kb.domain.urls import code_url

CONTENT = Path(__file__).parent / "lookup" / "fixtures" / "content"
KMS_TITLE_IT = "Impossibile contattare un Servizio di gestione delle chiavi (KMS)"
KMS_TITLE_EN = "No Key Management Service (KMS) could be contacted"
NOT_A_CODE_ZZ = "'zz' is not an error code: expected hex (0xC004F074 or C004F074)"


def kb(*args: str, content: Path = CONTENT) -> Result:
    # color=True: click would pass escapes through, so any we find were emitted by us.
    return CliRunner().invoke(main, ["lookup", *args, "--content", str(content)], color=True)


@pytest.mark.parametrize(
    "form",
    [
        "0xC004F074",
        "C004F074",
        "c004f074",
        "3221549172",
        "-1073418124",
        " 0xc004f074 ",
        "0x000000000C004F074",
        "0003221549172",
    ],
)
def test_known_code_in_every_form(form: str) -> None:
    result = kb(form)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"0xC004F074 — {KMS_TITLE_IT}"
    assert lines[1] == "Noto anche come SL_E_VL_BINDING_SERVICE_UNAVAILABLE"
    assert lines[2] == "Pagina: it/0xc004f074/"
    for expected in (
        "Servizio di protezione software: impossibile contattare un Servizio di gestione"
        " delle chiavi (KMS).",
        "Possibile causa",
        "- la porta 1688 è bloccata;",
        "Risoluzione",
        "Nota: Controlla anche l'evento 12288 nel registro Applicazione.",
        "Nota: Nota nostra di prova.",
        "Decodifica",
    ):
        assert expected in lines
    assert row(lines, "Facility").startswith("4 FACILITY_ITF (")
    assert row(lines, "Nomi") == "SL_E_VL_BINDING_SERVICE_UNAVAILABLE"
    assert "\x1b[" not in result.output


def row(lines: list[str], label: str) -> str:
    """The value of the decoding's row ``label`` in the terminal output."""
    (found,) = [line for line in lines if line.startswith(f"  {label}  ")]
    return found[len(label) + 2 :].strip()


def test_english_answer_with_a_base_url() -> None:
    result = kb("0x8007007b", "--lang", "en", "--base-url", "https://kb.example/help/")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "0x8007007B — DNS name does not exist",
        "Also known as ERROR_INVALID_NAME, DNS_ERROR_INVALID_NAME",
        "Page: https://kb.example/help/en/0x8007007b/",
    ]
    assert "1. Run `nslookup -type=all _vlmcs._tcp`." in lines
    assert (
        "See Common procedures (https://learn.microsoft.com/en-us/windows-server/get-started/"
        "common-troubleshooting-procedures-kms-dns)." in lines
    )
    assert row(lines, "Win32 error") == "123 ERROR_INVALID_NAME"
    assert "Possible cause" in lines and "Resolution" in lines


def test_summary_message_when_there_is_no_full_message() -> None:
    result = kb("0x80070005", "--lang", "en")
    assert "Access denied: elevated privileges are required." in result.stdout.splitlines()


def test_unknown_code_gets_its_decoding_and_the_documented_codes_of_its_facility() -> None:
    result = kb("0xC0070000")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "0xC0070000 non è presente in questa knowledge base."
    assert row(lines, "Facility").startswith("7 FACILITY_WIN32 (")
    related = lines[lines.index("Codici documentati della stessa facility") + 1 :]
    # FACILITY_WIN32 only, nearest code first: 0xC004F074 is numerically nearer, but of
    # another facility.
    assert [line.split()[0] for line in related] == ["0x80070005", "0x8007007B"]
    assert related[1] == "  0x8007007B  Nome DNS inesistente  (it/0x8007007b/)"


def test_a_code_of_a_facility_we_do_not_document_gets_no_related_codes() -> None:
    result = kb("0x887A0005", "--lang", "en")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "0x887A0005 is not in this knowledge base.",
        "Also known as DXGI_ERROR_DEVICE_REMOVED",
    ]
    assert row(lines, "Facility") == "2170 FACILITY_DXGI"
    note = row(lines, "Note")
    assert "MS-ERREF" in note and "X=1, N=0" in note and ": 122." in note
    assert "Documented codes of the same facility" not in lines


def test_another_severity_of_a_documented_code_is_suggested() -> None:
    result = kb("0x4004F074", "--lang", "en")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "0x4004F074 is not in this knowledge base.",
        "Did you mean 0xC004F074? Only the severity differs.",
    ]
    related = lines[lines.index("Documented codes of the same facility") + 1 :]
    assert [line.split()[0] for line in related] == ["0xC004F074"]


def test_eight_bare_digits_are_hex() -> None:
    result = kb("80070005", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "0x80070005 — Access denied",
        "Also known as E_ACCESSDENIED, ERROR_ACCESS_DENIED",
    ]
    # Any other run of digits is a decimal: 080070005 is 80,070,005, 0x04C5C575.
    result = kb("080070005", "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "0x04C5C575 is not in this knowledge base."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("zz", NOT_A_CODE_ZZ),
        ("0x", "'0x' is not an error code: no hex digits after 0x"),
        ("4294967296", "'4294967296' is not an error code: a decimal code must be at most"),
        ("0x1C004F074", "'0x1C004F074' is not an error code: hex after 0x has at most 8 digits"),
    ],
)
def test_malformed_code_is_one_line_and_exit_2(text: str, message: str) -> None:
    result = kb(text)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {message}")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_json_of_a_known_code_has_every_language() -> None:
    result = kb("c004f074", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["found"] is True
    assert data["query"] == "c004f074"
    assert data["code"]["canonical"] == "0xC004F074"
    assert data["code"]["signed_decimal"] == "-1073418124"
    assert data["decoding"]["facility"] == 4
    assert data["decoding"]["bits"] == {"S": 1, "R": 1, "C": 0, "N": 0, "X": 0}
    assert data["decoding"]["names"] == ["SL_E_VL_BINDING_SERVICE_UNAVAILABLE"]
    assert data["did_you_mean"] is None and data["closest"] == []
    assert set(data["languages"]) == {"it", "en"}
    en = data["languages"]["en"]
    assert en["title"] == KMS_TITLE_EN
    assert en["url"] == "en/0xc004f074/"
    assert en["message"].startswith("Software Protection Service:")
    assert "- port 1688 is blocked;" in en["possible_cause"]
    assert en["resolution"].endswith("> Also check event 12288 in the **Application** log.")
    assert ["Names", "SL_E_VL_BINDING_SERVICE_UNAVAILABLE"] in en["decoding"]
    assert ["Gravità", "Errore (esito negativo)"] in data["languages"]["it"]["decoding"]


def test_json_of_an_unknown_code_in_one_language() -> None:
    result = kb("0x4004F074", "--json", "--lang", "it", "--base-url", "https://kb.example")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert (data["found"], data["did_you_mean"]) == (False, "0xC004F074")
    assert data["decoding"]["facility_name"] == "FACILITY_ITF"
    assert set(data["languages"]) == {"it"}
    assert "title" not in data["languages"]["it"]
    assert [item["canonical"] for item in data["closest"]] == ["0xC004F074"]
    assert data["closest"][0]["languages"]["it"]["url"] == "https://kb.example/it/0xc004f074/"


@pytest.mark.parametrize(
    ("args", "kind", "code"),
    [
        (["zz"], "not-a-code", 2),
        (["0x"], "not-a-code", 2),
        (["0xC004F074", "--lang", "fr"], "usage", 2),
        (["--lang", "it"], "usage", 2),
    ],
)
def test_json_errors_are_json_on_stdout_with_the_same_exit_code(
    args: list[str], kind: str, code: int
) -> None:
    result = kb(*args, "--json")
    assert result.exit_code == code
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["found"] is False
    assert data["error"]["kind"] == kind
    assert data["error"]["message"]
    if kind == "not-a-code":
        assert data["query"] == args[0]
        assert kb(*args).stderr.strip() == f"error: {data['error']['message']}"


def test_json_error_of_missing_and_invalid_content(tmp_path: Path) -> None:
    result = kb("0xC004F074", "--json", content=tmp_path / "nowhere")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["kind"] == "usage"
    broken = tmp_path / "content"
    shutil.copytree(CONTENT, broken)
    record = broken / "codes" / "0x80070005.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("anchor:", "anchr:"))
    result = kb("0xC004F074", "--json", content=broken)
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert error["kind"] == "content"
    assert "codes/0x80070005.yaml:1: anchor: missing field" in error["problems"]


def test_a_long_input_is_repeated_at_most_80_characters_long() -> None:
    text = "0x" + "f" * 10_000
    result = kb(text)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert len(line) < 200
    assert line.startswith("error: '0xffff") and "…" in line
    data = json.loads(kb(text, "--json").stdout)
    assert len(data["query"]) == 80 and data["query"].count("…") == 1
    assert len(data["error"]["message"]) < 200
    found = json.loads(kb(" " * 5_000 + "0xC004F074", "--json").stdout)
    assert found["found"] is True and len(found["query"]) == 80


def test_missing_content_is_a_usage_error(tmp_path: Path) -> None:
    result = kb("0xC004F074", content=tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "Directory" in result.stderr and "nowhere' does not exist" in result.stderr
    assert "Traceback" not in result.output


def test_a_folder_without_an_article_is_a_usage_error(tmp_path: Path) -> None:
    result = kb("0xC004F074", content=tmp_path)
    assert result.exit_code == 2
    assert "article.yaml is missing" in result.stderr
    assert "Traceback" not in result.output


def test_invalid_content_is_a_content_error(tmp_path: Path) -> None:
    broken = tmp_path / "content"
    shutil.copytree(CONTENT, broken)
    record = broken / "codes" / "0x80070005.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("anchor:", "anchr:"))
    result = kb("0xC004F074", content=broken)
    assert result.exit_code == 1
    assert "codes/0x80070005.yaml:1: anchor: missing field" in result.stderr
    assert "Traceback" not in result.output


def test_page_url() -> None:
    assert code_url(0xC004F074, "it") == "it/0xc004f074/"
    assert code_url("0x80070005", "en", "https://kb.example/") == "https://kb.example/en/0x80070005/"


def _run_in_a_terminal(environ: dict[str, str]) -> str:
    """Run ``kb lookup`` with stdout on a pseudo-terminal and return what it printed."""
    main_fd, child_fd = pty.openpty()
    kb_main = [sys.executable, "-c", "from activation_kb.cli.main import main; main()"]
    process = subprocess.Popen(
        [*kb_main, "lookup", "0xC004F074", "--content", str(CONTENT)],
        stdout=child_fd,
        env={**os.environ, **environ},
    )
    os.close(child_fd)
    chunks = []
    # Read while it runs: a full terminal buffer would otherwise block the child.
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # Linux reports EIO once the child has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main_fd)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_colour_on_a_terminal_unless_no_color() -> None:
    assert "\x1b[1m0xC004F074 — " in _run_in_a_terminal({"NO_COLOR": ""})
    assert "\x1b[" not in _run_in_a_terminal({"NO_COLOR": "1"})
