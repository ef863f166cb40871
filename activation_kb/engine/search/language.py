"""The word processing of the site's search, per language: lunr pipeline functions in Python.

Material's search worker runs lunr.js; for a language other than English it loads
lunr-languages, whose ``lunr.{lang}`` replaces the pipeline with that language's trimmer,
stop-word filter and stemmer. ``kb search`` must reduce words exactly as the browser does:

* English: lunr.py's own functions, ports of lunr.js's. Its Porter stemmer differs from
  lunr.js's on words ending in a vowel and ``y`` ("key" → "kei", lunr.js keeps "key"); the
  English site does not stem (Material's default), so this does not bite.
* Italian: the stop words and word characters are read from the lunr-languages file that
  Material ships, so they cannot drift from the browser's; the stemmer is the Snowball
  Italian algorithm of ``snowballstemmer``, which gives lunr-languages' stems on every
  token of our index (``tests/test_search_browser.py`` checks it in chromium). NLTK, which
  lunr.py's language support wants, is not needed.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import lunr.stemmer
import lunr.stop_word_filter
import lunr.trimmer
import snowballstemmer
from lunr.pipeline import Pipeline
from lunr.token import Token

from activation_kb.domain.errors import KbError

__all__ = ["Language", "SearchSetupError", "language", "material_file"]

PipelineFunction = Callable[..., Token | None]

_LUNR_LANGUAGES = "templates/assets/javascripts/lunr/min"
_STOP_WORDS = re.compile(r'generateStopWordFilter\("([^"]*)"\.split\(" "\)\)')
_WORD_CHARACTERS = re.compile(r'\.wordCharacters="([^"]*)"')
_SNOWBALL = {"it": "italian"}


class SearchSetupError(KbError):
    """The search index asks for something ``kb search`` cannot mirror, or Material's
    files it reads are missing."""


@dataclass(frozen=True)
class Language:
    """The pipeline functions of one language, by Material's names for them."""

    code: str
    functions: dict[str, PipelineFunction]
    """``trimmer``, ``stopWordFilter`` and ``stemmer``, in lunr's pipeline order."""
    stem: Callable[[str], str]
    """The stemmer on a plain word, for the query rewrite."""


def material_file(relative: str) -> Path:
    """A file of the installed Material theme (located without importing MkDocs)."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        raise SearchSetupError("Material for MkDocs is not installed; run `make venv`")
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    if not path.is_file():
        raise SearchSetupError(f"Material's {relative} is missing; is mkdocs-material installed?")
    return path


@functools.cache
def language(code: str) -> Language:
    """The pipeline functions of ``code`` (``it`` or ``en``)."""
    if code == "en":
        return Language(
            code="en",
            functions={
                "trimmer": lunr.trimmer.trimmer,
                "stopWordFilter": lunr.stop_word_filter.stop_word_filter,
                "stemmer": lunr.stemmer.stemmer,
            },
            stem=lambda word: str(lunr.stemmer.stemmer(Token(word))),
        )
    if code not in _SNOWBALL:
        raise SearchSetupError(f"kb search cannot mirror the search of language {code!r}")
    script = material_file(f"{_LUNR_LANGUAGES}/lunr.{code}.min.js").read_text(encoding="utf-8")
    stop_words = _found(_STOP_WORDS, script, "stop words", code).split(" ")
    word_characters = _found(_WORD_CHARACTERS, script, "word characters", code)
    stemmer = snowballstemmer.stemmer(_SNOWBALL[code])
    functions = {
        "trimmer": _trimmer(word_characters),
        "stopWordFilter": _stop_word_filter(frozenset(stop_words)),
        "stemmer": _stemmer(stemmer.stemWord),
    }
    for name, function in functions.items():
        Pipeline.register_function(function, f"{name}-{code}")
    return Language(code=code, functions=functions, stem=stemmer.stemWord)


def _found(pattern: re.Pattern[str], script: str, what: str, code: str) -> str:
    match = pattern.search(script)
    if match is None:
        raise SearchSetupError(f"cannot find the {what} in Material's lunr.{code}.min.js")
    return match.group(1)


def _trimmer(word_characters: str) -> PipelineFunction:
    # lunr-languages' generateTrimmer: drop what is not a word character at both ends.
    start = re.compile(f"^[^{word_characters}]+")
    end = re.compile(f"[^{word_characters}]+\\Z")

    def trimmer(token: Token, i: int | None = None, tokens: object = None) -> Token:
        return token.update(lambda text, metadata=None: end.sub("", start.sub("", text)))

    return trimmer


def _stop_word_filter(stop_words: frozenset[str]) -> PipelineFunction:
    def stop_word_filter(token: Token, i: int | None = None, tokens: object = None) -> Token | None:
        return None if str(token) in stop_words else token

    return stop_word_filter


def _stemmer(stem: Callable[[str], str]) -> PipelineFunction:
    def stemmer(token: Token, i: int | None = None, tokens: object = None) -> Token:
        return token.update(lambda text, metadata=None: stem(text))

    return stemmer
