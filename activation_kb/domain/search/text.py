"""How the search reads text: the same for the index and for queries, in Python and in
``kb-search-engine.js`` (change both together; ``tests/site/test_search_browser.py``
compares them on every word of the index).

* :func:`fold`: lower case, accents dropped (``è`` → ``e``), so that ``perche`` finds
  ``perché``;
* :func:`words`: the runs of ``a-z`` and ``0-9`` of folded text; :func:`names`: the
  identifiers with underscores (``sl_e_vl_not_enough_count``), kept whole as well;
* :data:`STOP_WORDS`: English and Italian together, whatever the site's language (a query
  on the Italian site may be English: "the", "not", "di", "non" weigh nothing either way);
* :func:`stem`: a light stemmer of our own, one list of endings per language (below),
  written to be the same in both languages of code rather than a port of Snowball: it
  makes ``chiavi`` meet ``chiave``, ``bloccato`` meet ``bloccata``, ``activation`` meet
  ``activated``.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

__all__ = [
    "MIN_STEM",
    "STOP_WORDS",
    "fold",
    "names",
    "pairs",
    "stem",
    "words",
    "words_and_names",
]

_ENGLISH_STOP = (
    "a able about across after all almost also am among an and any are as at be because been"
    " but by can cannot could dear did do does either else ever every for from get got had has"
    " have he her hers him his how however i if in into is it its just least let like likely"
    " may me might most must my neither no nor not of off often on only or other our own"
    " rather said say says she should since so some than that the their them then there these"
    " they this tis to too twas us wants was we were what when where which while who whom why"
    " will with would yet you your"
)
_ITALIAN_STOP = (
    "a abbia abbiamo abbiano abbiate ad agl agli ai al all alla alle allo anche avemmo avendo"
    " avesse avessero avessi avessimo aveste avesti avete aveva avevamo avevano avevate avevi"
    " avevo avrai avranno avrebbe avrebbero avrei avremmo avremo avreste avresti avrete avra"
    " avro avuta avute avuti avuto c che chi ci coi col come con contro cui da dagl dagli dai"
    " dal dall dalla dalle dallo degl degli dei del dell della delle dello di dov dove e ebbe"
    " ebbero ebbi ed era erano eravamo eravate eri ero essendo faccia facciamo facciano"
    " facciate faccio facemmo facendo facesse facessero facessi facessimo faceste facesti"
    " faceva facevamo facevano facevate facevi facevo fai fanno farai faranno farebbe"
    " farebbero farei faremmo faremo fareste faresti farete fara faro fece fecero feci fosse"
    " fossero fossi fossimo foste fosti fu fui fummo furono gli ha hai hanno ho i il in io l"
    " la le lei li lo loro lui ma mi mia mie miei mio ne negl negli nei nel nell nella nelle"
    " nello noi non nostra nostre nostri nostro o per perche piu quale quanta quante quanti"
    " quanto quella quelle quelli quello questa queste questi questo sarai saranno sarebbe"
    " sarebbero sarei saremmo saremo sareste saresti sarete sara saro se sei si sia siamo"
    " siano siate siete sono sta stai stando stanno starai staranno starebbe starebbero"
    " starei staremmo staremo stareste staresti starete stara staro stava stavamo stavano"
    " stavate stavi stavo stemmo stesse stessero stessi stessimo steste stesti stette"
    " stettero stetti stia stiamo stiano stiate sto su sua sue sugl sugli sui sul sull sulla"
    " sulle sullo suo suoi ti tra tu tua tue tuo tuoi tutti tutto un una uno vi voi vostra"
    " vostre vostri vostro"
)
STOP_WORDS: frozenset[str] = frozenset((_ENGLISH_STOP + " " + _ITALIAN_STOP).split())
"""Words that never count, in either language: lunr's English list and lunr-languages'
Italian one, folded."""

MIN_STEM = 3
"""A stemmer never leaves fewer letters than this."""

# Endings tried longest first; the first that leaves MIN_STEM letters goes (or becomes the
# replacement). Italian then drops one more final vowel (servizio → servizi → serviz).
_ENGLISH_ENDINGS = (
    "ations ation ators ator ating ated ates ate ings ing ions ion ies ied ers er ed es ly s e"
)
_ITALIAN_ENDINGS = (
    "azioni azione amenti amento imenti imento mente ando endo che chi ghe ghi ato ata ati ate"
    " ito ita iti ite uto uta uti ute are ere ire a e i o"
)
_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": tuple((e, "y" if e in ("ies", "ied") else "") for e in _ENGLISH_ENDINGS.split()),
    "it": tuple(
        (e, e[0] if e in ("che", "chi", "ghe", "ghi") else "") for e in _ITALIAN_ENDINGS.split()
    ),
}
_VOWELS = frozenset("aeiou")
_WORD = re.compile(r"[a-z0-9]+")
_NAME = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+")
_COMBINING = re.compile("[\u0300-\u036f]")
_LETTERS = re.compile(r"[a-z]+")


def fold(text: str) -> str:
    """``text`` decomposed (NFKD), without combining accents, in lower case."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()


def words(text: str) -> list[str]:
    """The words of ``text``: runs of ``a-z0-9`` once folded (``l'attivazione`` gives
    ``l``, ``attivazione``; ``SL_E_VL`` gives ``sl``, ``e``, ``vl``)."""
    return _WORD.findall(fold(text))


def names(text: str) -> list[str]:
    """The identifiers with underscores in ``text``, folded (``e_accessdenied``)."""
    return _NAME.findall(fold(text))


def words_and_names(text: str) -> tuple[list[str], list[str]]:
    """:func:`words` and :func:`names` of ``text``, folding it once."""
    folded = fold(text)
    return _WORD.findall(folded), (_NAME.findall(folded) if "_" in folded else [])


def pairs(stems: list[str]) -> list[str]:
    """Each two consecutive stems, ``"a b"`` (a word repeated is no pair): what a pasted
    message shares with the page it comes from."""
    return [f"{a} {b}" for a, b in itertools.pairwise(stems) if a != b]


@functools.lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    """The stem of a folded word in ``lang`` (``it`` or ``en``); words with digits, and
    words of at most :data:`MIN_STEM` letters, are their own stem."""
    if len(word) <= MIN_STEM or not _LETTERS.fullmatch(word):
        return word
    for ending, replacement in _ENDINGS[lang]:
        if ending == "s" and word[-2] in "sui":
            continue  # access, status, analysis: no plural
        if word.endswith(ending) and len(word) - len(ending) + len(replacement) >= MIN_STEM:
            word = word[: len(word) - len(ending)] + replacement
            break
    if lang == "en":
        return _undouble(word)
    if len(word) > MIN_STEM and word[-1] in _VOWELS:
        word = word[:-1]
    return word


def _undouble(word: str) -> str:
    """``runn`` → ``run``, ``stopp`` → ``stop``; ``ll``, ``ss`` and ``zz`` stay."""
    if len(word) > MIN_STEM and word[-1] == word[-2] and word[-1] not in "aeioulsz":
        return word[:-1]
    return word
