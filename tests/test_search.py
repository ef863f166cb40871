"""``kb search`` on a small, hand-written search index in Material's format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lunr.token import Token

from activation_kb.cli.main import main
from activation_kb.engine.search.index import SiteSearch, index_path
from activation_kb.engine.search.language import SearchSetupError, language

SEPARATOR = r"[\s\-,;:!?.'\"’“”«»()\[\]{}<>/\\|=]+|&(?:lt|gt|amp|quot);"
FIELDS = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}

DOCS = [
    {"location": "", "title": "Codici di errore", "text": "<p>Elenco: 0xC004F074, 0x8007007b.</p>"},
    {"location": "#riepilogo", "title": "Riepilogo", "text": "<p>Porta 1688 e slmgr.</p>"},
    {
        "location": "0xc004f074/",
        "title": "0xC004F074 Nessun server KMS",
        "text": "<p>Noto anche come: <code>C004F074</code> · <code>3221549172</code>"
        " · <code>-1073418124</code></p><p>La chiave non è valida.</p>",
    },
    {
        "location": "0xc004f074/#risoluzione",
        "title": "Risoluzione",
        "text": "<p>Esegui <code>slmgr.vbs /dli</code> sulla porta 1688.</p>",
    },
    {
        "location": "0x8007007b/",
        "title": "0x8007007b Nome DNS inesistente",
        "text": "<p>Noto anche come: <code>8007007B</code> · <code>2147942523</code>"
        " · <code>-2147024773</code></p><p>Le licenze sono bloccate.</p>",
    },
    {
        "location": "0x80070005/",
        "title": "0x80070005 Accesso negato",
        "text": "<p>Noto anche come: <code>80070005</code> · <code>2147942405</code>"
        " · <code>-2147024891</code></p><p>Licenza bloccata.</p>",
    },
]


def write_index(site: Path, lang: str, pipeline: list[str], docs: list[dict] = DOCS) -> Path:
    config = {"lang": [lang], "separator": SEPARATOR, "pipeline": pipeline, "fields": FIELDS}
    path = index_path(site, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"config": config, "docs": docs}), encoding="utf-8")
    return path


@pytest.fixture
def italian(tmp_path: Path) -> SiteSearch:
    return SiteSearch(write_index(tmp_path, "it", ["stemmer", "stopWordFilter"]))


def first(search: SiteSearch, query: str) -> str | None:
    hits = search.search(query)
    return hits[0].location if hits else None


@pytest.mark.parametrize(
    "query", ["0xC004F074", "C004F074", "c004f074", "3221549172", "-1073418124", "322154917"]
)
def test_any_form_of_a_code_finds_its_page_first(italian: SiteSearch, query: str) -> None:
    assert first(italian, query) == "0xc004f074/"


def test_the_bare_digits_of_a_hex_code_find_it(italian: SiteSearch) -> None:
    assert first(italian, "80070005") == "0x80070005/"
    assert first(italian, "-2147024891") == "0x80070005/"


def test_italian_inflections_meet_through_the_stemmer(italian: SiteSearch) -> None:
    # "bloccato" is on no page; "bloccate" and "bloccata" are.
    found = {hit.location for hit in italian.search("bloccato")}
    assert found == {"0x8007007b/", "0x80070005/"}
    assert {hit.location for hit in italian.search("licenze")} == found


def test_without_the_stemmer_inflections_do_not_meet(tmp_path: Path) -> None:
    plain = SiteSearch(write_index(tmp_path, "it", ["stopWordFilter"]))
    assert plain.search("bloccato") == []


def test_sections_count_for_their_page_and_pages_come_once(italian: SiteSearch) -> None:
    hits = italian.search("slmgr")
    locations = [hit.location for hit in hits]
    assert sorted(locations) == ["", "0xc004f074/"]
    assert len(set(locations)) == len(locations)
    assert all(hit.title for hit in hits)


def test_a_whole_page_beats_a_section_with_the_same_match(italian: SiteSearch) -> None:
    # "1688" is in the landing page's section and in the code page's section alike; the
    # page whose title also matches wins only when asked for the title too.
    assert first(italian, "porta 1688 0xC004F074") == "0xc004f074/"


def test_the_index_text_is_tokenized_outside_tags_and_at_entities(italian: SiteSearch) -> None:
    assert italian.tokens("<p>&lt;chiave 5x5&gt;</p><code>slmgr.vbs</code>") == [
        "chiave",
        "5x5",
        "slmgr",
        "vbs",
    ]
    assert italian.tokens(None) == []
    assert italian.tokens(["KMS host", "DNS"]) == ["kms", "host", "dns"]


def test_english_site_uses_lunr_defaults(tmp_path: Path) -> None:
    english = SiteSearch(write_index(tmp_path, "en", ["stopWordFilter"]))
    assert first(english, "-1073418124") == "0xc004f074/"
    assert english.search("the") == []  # a stop word, removed from the index


def test_unsupported_indexes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SearchSetupError, match="language 'de'"):
        SiteSearch(write_index(tmp_path, "de", []))
    broken = tmp_path / "broken.json"
    broken.write_text("{}", encoding="utf-8")
    with pytest.raises(SearchSetupError, match="no search index"):
        SiteSearch(broken)


def test_italian_stop_words_come_from_materials_lunr_languages() -> None:
    functions = language("it").functions
    assert functions["stopWordFilter"](Token("della")) is None
    assert functions["stopWordFilter"](Token("chiave")) is not None
    # lunr-languages' trimmer keeps letters only: the reason the site does not use it.
    assert str(functions["trimmer"](Token("0xc004f074"))) == "xc004f"


def test_cli_prints_ranked_pages_and_exits_1_on_nothing(tmp_path: Path) -> None:
    write_index(tmp_path, "it", ["stemmer", "stopWordFilter"])
    runner = CliRunner()
    result = runner.invoke(main, ["search", "-1073418124", "--site", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "1. 0xC004F074 Nessun server KMS  (it/0xc004f074/)"
    result = runner.invoke(main, ["search", "slmgr", "--site", str(tmp_path), "--json"])
    assert sorted(row["url"] for row in json.loads(result.output)) == ["it/", "it/0xc004f074/"]
    result = runner.invoke(main, ["search", "zzzz", "--site", str(tmp_path)])
    assert result.exit_code == 1
    assert "nothing found" in result.output


def test_cli_without_a_built_site_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["search", "kms", "--site", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 2
    assert "no search index" in result.output
    assert "Traceback" not in result.output
