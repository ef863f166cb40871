"""``Content`` → ``codes.json``: every code as data, for ticket systems and scripts.

Written at the site's root (and so in the offline bundle) by the build's root-files step
(:func:`activation_kb.render.files.root_files`). Its shape is ``schemas/codes.schema.json`` (JSON
Schema 2020-12), kept in the repository and checked by the tests; bump
:data:`FORMAT_VERSION` when a consumer would have to change.

Page URLs are relative to the site's root (``it/0xc004f074/``), so the file is the same
whether the site is served at ``https://kb.example/`` or under a path, or opened from disk.
A ticket system joins them to the address it serves the site at.
"""

from __future__ import annotations

import dataclasses
import json

from activation_kb.domain.codes import forms, parse_code
from activation_kb.domain.corrections import of_record
from activation_kb.domain.hresult import decode
from activation_kb.domain.model import LANGUAGES, ActivationType, ArticleText, CodeRecord, Content
from activation_kb.domain.urls import code_url, learn_url
from activation_kb.domain.words import WORDS

__all__ = ["FORMAT_VERSION", "codes_json", "export"]

FORMAT_VERSION = 1
"""The version of the format: raised on any change that is not a new optional field."""

FILE_NAME = "codes.json"


def export(content: Content) -> dict[str, object]:
    """The whole knowledge base as JSON-ready data, codes in the summary table's order."""
    return {
        "format_version": FORMAT_VERSION,
        "languages": list(LANGUAGES),
        "source": _source(content),
        "activation_types": {
            kind.value: {
                lang: _article(content, lang).labels.activation_types[kind] for lang in LANGUAGES
            }
            for kind in ActivationType
        },
        "codes": [_code(content, record) for record in content.records],
    }


def codes_json(content: Content) -> str:
    """:func:`export` as the text of ``codes.json``: UTF-8, indented, stable order."""
    return json.dumps(export(content), ensure_ascii=False, indent=2) + "\n"


def _article(content: Content, lang: str) -> ArticleText:
    return content.article.it if lang == "it" else content.article.en


def _source(content: Content) -> dict[str, object]:
    source = content.article.source
    return {
        "author": source.author,
        "license": source.license,
        "license_url": source.license_url,
        "titles": {lang: _article(content, lang).title for lang in LANGUAGES},
        "urls": {lang: learn_url(source.url_path, lang) for lang in LANGUAGES},
        "translation_notices": {lang: WORDS[lang].text_notice for lang in LANGUAGES},
    }


def _code(content: Content, record: CodeRecord) -> dict[str, object]:
    value = parse_code(record.code)
    code_forms = forms(value)
    decoding = decode(value)
    languages: dict[str, object] = {}
    for lang in LANGUAGES:
        text = record.it if lang == "it" else record.en
        languages[lang] = {
            "title": text.title,
            "message": text.summary_message,
            "full_message": text.full_message,
            "url": code_url(code_forms.value, lang),
            "decoding": [{"label": label, "value": shown} for label, shown in decoding.rows(lang)],
            "corrections": [
                {"field": c.field, "source": c.source, "corrected": c.corrected, "why": c.why}
                for c in (of_record(content, record) if lang == "it" else [])
            ],
        }
    return {
        "code": record.code,
        "canonical": code_forms.canonical,
        "value": value,
        "forms": {
            name: text for name, text in dataclasses.asdict(code_forms).items() if name != "value"
        },
        "aliases": code_forms.aliases(),
        "anchor": record.anchor,
        "activation_types": [kind.value for kind in record.activation_types],
        "diagnostic_tool": record.diagnostic_tool,
        "related": [forms(parse_code(code)).canonical for code in record.related],
        "decoding": decoding.as_dict(),
        "languages": languages,
    }
