"""codes.json (activation_kb.render.codes_json) against its committed JSON Schema, the content and
its documentation (docs/tickets.md)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from activation_kb.check.rules import checked_content
from activation_kb.domain.codes import parse_code
from activation_kb.domain.model import LANGUAGES, Content
from activation_kb.render.codes_json import FILE_NAME, codes_json
from activation_kb.render.files import root_files
from tests.documented import DOCUMENTED, expected_names

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SCHEMA = ROOT / "schemas" / "codes.schema.json"
TICKETS = ROOT / "docs" / "tickets.md"


@pytest.fixture(scope="module")
def data(content: Content) -> dict:
    return json.loads(codes_json(content))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def entry(data: dict, canonical: str) -> dict:
    (found,) = [code for code in data["codes"] if code["canonical"] == canonical]
    return found


def test_the_export_validates_against_its_schema(
    data: dict, validator: Draft202012Validator
) -> None:
    errors = [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(data)]
    assert errors == []


def _without(data: dict, *path: str | int) -> dict:
    broken = copy.deepcopy(data)
    target = broken
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return broken


def _with(data: dict, value: object, *path: str | int) -> dict:
    broken = copy.deepcopy(data)
    target = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return broken


def test_the_schema_rejects_what_a_ticket_system_could_not_use(
    data: dict, validator: Draft202012Validator
) -> None:
    wrong = [
        _without(data, "codes", 0, "languages", "it", "url"),
        _without(data, "codes", 3, "activation_types"),
        _with(
            data, "https://elsewhere.example/it/0x8004fe21/", "codes", 0, "languages", "it", "url"
        ),
        _with(data, "0xc004f074", "codes", 0, "canonical"),
        _with(data, ["volume"], "codes", 0, "activation_types"),
        _with(data, "yes", "codes", 0, "diagnostic_tool"),
        _with(data, 2, "format_version"),
        _with(data, "unexpected", "codes", 0, "surprise"),
    ]
    for broken in wrong:
        assert not validator.is_valid(broken)


def test_every_code_in_source_order_with_its_facts(content: Content, data: dict) -> None:
    assert [code["code"] for code in data["codes"]] == content.article.codes
    for record, item in zip(content.records, data["codes"], strict=True):
        assert item["activation_types"] == [kind.value for kind in record.activation_types]
        assert item["diagnostic_tool"] is record.diagnostic_tool
        assert item["related"] == record.related
        for lang in LANGUAGES:
            text = getattr(record, lang)
            shown = item["languages"][lang]
            assert (shown["title"], shown["message"]) == (text.title, text.summary_message)
            assert shown["url"] == f"{lang}/{record.code.lower()}/"


def test_every_form_reads_back_to_the_code(data: dict) -> None:
    for item in data["codes"]:
        forms = item["forms"]
        assert forms["canonical"] == item["canonical"]
        for name in ("canonical", "slug", "unsigned_decimal", "signed_decimal"):
            assert parse_code(forms[name]) == item["value"], name
        assert int(forms["bare_upper"], 16) == item["value"]
        assert set(item["aliases"]) | {item["canonical"]} == set(forms.values())


def test_related_codes_are_codes_of_the_export(data: dict) -> None:
    known = {item["canonical"] for item in data["codes"]}
    for item in data["codes"]:
        assert set(item["related"]) <= known - {item["canonical"]}


def test_decoding_of_a_win32_code(data: dict) -> None:
    # 0x800706BA is HRESULT_FROM_WIN32(1722), RPC_S_SERVER_UNAVAILABLE.
    decoding = entry(data, "0x800706BA")["decoding"]
    assert (decoding["facility"], decoding["facility_name"]) == (7, "FACILITY_WIN32")
    assert (decoding["win32_error"], decoding["win32_symbol"]) == (1722, "RPC_S_SERVER_UNAVAILABLE")
    assert decoding["signed_decimal"] == -2147023174
    rows = entry(data, "0x800706BA")["languages"]["it"]["decoding"]
    assert {"label": "Errore Win32", "value": "1722 RPC_S_SERVER_UNAVAILABLE"} in rows


def test_every_code_is_named_as_the_headers_name_it(data: dict) -> None:
    for item in data["codes"]:
        (row,) = [row for row in DOCUMENTED if row[0] == item["value"]]
        decoding = item["decoding"]
        assert decoding["names"] == expected_names(item["value"])
        assert (decoding["facility_name"], decoding["win32_symbol"]) == (row[1], row[2])
        assert decoding["ms_erref_facility"] == decoding["facility"]  # bits 27 and 28 clear
    names = {code: entry(data, code)["decoding"]["names"] for code in ("0xC004F074", "0x80070005")}
    assert names == {
        "0xC004F074": ["SL_E_VL_BINDING_SERVICE_UNAVAILABLE"],
        "0x80070005": ["E_ACCESSDENIED", "ERROR_ACCESS_DENIED"],
    }


def test_the_source_is_credited(data: dict) -> None:
    source = data["source"]
    assert (source["author"], source["license"]) == ("Microsoft", "CC BY 4.0")
    assert source["translation_notices"] == {
        "it": "Testo italiano: traduzione di Microsoft.",
        "en": "English text: this project's translation, checked against Microsoft's English "
        "original.",
    }


def test_codes_json_is_a_root_file_and_stable(content: Content) -> None:
    assert root_files(content)[FILE_NAME] == codes_json(content)
    assert codes_json(content) == codes_json(checked_content(CONTENT))
    assert codes_json(content).endswith("}\n")


def _is_excerpt(shown: object, actual: object) -> bool:
    """``shown`` is ``actual`` with keys left out of objects and items off the end of lists."""
    if isinstance(shown, dict):
        return isinstance(actual, dict) and all(
            key in actual and _is_excerpt(value, actual[key]) for key, value in shown.items()
        )
    if isinstance(shown, list):
        return (
            isinstance(actual, list)
            and len(shown) <= len(actual)
            and all(_is_excerpt(a, b) for a, b in zip(shown, actual, strict=False))
        )
    return shown == actual


def test_the_documented_example_is_an_excerpt_of_the_real_entry(data: dict) -> None:
    section = TICKETS.read_text("utf-8").split("## JSON export", 1)[1]
    example = json.loads(re.search(r"```json\n(.*?)\n```", section, re.S)[1])
    real = entry(data, example["canonical"])
    assert _is_excerpt(example, real)
    assert not _is_excerpt({**example, "diagnostic_tool": not real["diagnostic_tool"]}, real)
