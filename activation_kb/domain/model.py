"""The schema of ``content/``: what one error-code record and the article hold.

``content/`` is engine-neutral data: plain YAML, Markdown strings in CommonMark with two
conventions the renderer understands:

* callouts are written ``> [!NOTE]`` (the GitHub/DocFX alert syntax the source uses);
* links to other articles are absolute URLs; links between our pages are never stored.

Every field carries a docstring; ``kb check`` reports errors by these field names.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, RootModel

from activation_kb.domain.codes import parse_code

__all__ = [
    "ARTICLE",
    "LANGUAGES",
    "MAX_ITEMS",
    "MAX_TEXT",
    "ActivationType",
    "Anchors",
    "Article",
    "ArticleText",
    "CodeRecord",
    "CodeText",
    "Content",
    "Correction",
    "Corrections",
    "Labels",
    "SourceInfo",
]

LANGUAGES: tuple[str, ...] = ("it", "en")
"""The site's languages; the first is the source's and the default."""


_ANCHOR = r"^[a-z0-9][a-z0-9-]*$"


MAX_TEXT = 10_000
"""The longest text of one field, in characters: the longest today is about a thousand. A
page, and the search index, grow with every field; a mistake (a pasted log, a file pasted
into a field) stops here, located."""
MAX_ITEMS = 50
"""The most items of a list of a record (notes, related codes, old anchors)."""


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, str_max_length=MAX_TEXT
    )


class ActivationType(StrEnum):
    """The closed vocabulary of the summary table's "activation type" column."""

    MAK = "mak"
    """Multiple Activation Key (codice ad attivazione multipla)."""
    KMS_CLIENT = "kms-client"
    """KMS client (client del Servizio di gestione delle chiavi)."""
    KMS_HOST = "kms-host"
    """KMS host (host del Servizio di gestione delle chiavi)."""
    KMS = "kms"
    """Plain "KMS", as some rows of the source say without client or host."""


class CodeText(_Strict):
    """The text of one record in one language."""

    title: str = Field(min_length=1)
    """The section title without the code, e.g. "DNS name does not exist"."""
    summary_message: str = Field(min_length=1)
    """The message as the summary table gives it (plain text)."""
    full_message: str | None = None
    """The full error message where the source quotes one (plain text), else null."""
    explanation: str | None = None
    """Markdown: prose between the message and the possible cause, where the source has it."""
    possible_cause: str = Field(min_length=1)
    """Markdown: the "Possible cause" section."""
    resolution: str = Field(min_length=1)
    """Markdown: the "Resolution" section."""
    notes: list[str] = Field(default=[], max_length=MAX_ITEMS)
    """Markdown: notes of our own, shown as admonitions after the resolution."""


class CodeRecord(_Strict):
    """One error code: language-neutral facts beside an Italian and an English text."""

    code: str = Field(pattern=r"^0x[0-9A-Fa-f]{8}$")
    """The code as the source writes it; case is kept (``0x8007007b`` stays lower-case)."""
    canonical: str = Field(pattern=r"^0x[0-9A-F]{8}$")
    """The canonical form: ``0x`` and eight upper-case hex digits."""
    anchor: str = Field(pattern=_ANCHOR)
    """The source's anchor for the code (its heading's ``<a name>``): new links use it."""
    old_anchors: list[Annotated[str, Field(pattern=_ANCHOR)]] = Field(
        default=[], max_length=MAX_ITEMS
    )
    """Anchors the source used before for this code, oldest first, kept as redirects: old
    links (tickets hold them) still reach the code. ``kb import`` adds the previous anchor
    when the source changes it and never drops one (unless it becomes the anchor again)."""
    activation_types: list[ActivationType] = Field(min_length=1)
    """The activation types of the summary table row, in the source's order."""
    diagnostic_tool: bool = False
    """Whether the source lists the code as supported by the diagnostic tool."""
    related: list[str] = Field(default=[], max_length=MAX_ITEMS)
    """Canonical codes that share a cause or resolution; the relation is symmetric."""
    it: CodeText
    """Italian text, imported from the source."""
    en: CodeText
    """English text: our own translation of the Italian."""


class Labels(_Strict):
    """Fixed words of a page in one language (headings the source repeats for every code)."""

    possible_cause: str
    """Heading of the cause section ("Possibile causa")."""
    resolution: str
    """Heading of the resolution section ("Risoluzione")."""
    full_message_intro: str
    """Sentence that introduces the full message text."""
    note: str
    """Title of a note admonition ("Nota", "Note")."""
    activation_types: dict[ActivationType, str]
    """How each activation type is written in this language."""


class ArticleText(_Strict):
    """The article-level text in one language."""

    title: str
    """The article title (H1)."""
    description: str
    """One-sentence description, for the page's meta description."""
    home_users_title: str
    """Title of the note for home users ("Utenti domestici")."""
    home_users: str
    """Markdown: the note for home users."""
    intro: str
    """Markdown: the paragraph that introduces the article."""
    more_info: list[str]
    """Markdown: the "for more information" paragraphs, each with its link."""
    diagnostic_tool_title: str
    """Title of the diagnostic-tool section."""
    diagnostic_tool: str
    """Markdown: the diagnostic-tool section."""
    summary_title: str
    """Title of the summary table."""
    summary_columns: list[str] = Field(min_length=3, max_length=3)
    """Headers of the summary table: code, message, activation type."""
    causes_title: str
    """Title of the "causes and resolutions" section."""
    labels: Labels
    """Fixed words of every code page."""


class Anchors(_Strict):
    """The source's section anchors, kept on our landing page for old links."""

    title: str = "resolve-windows-activation-error-codes"
    """The H1 anchor."""
    diagnostic_tool: str = "diagnostic-tool"
    """The diagnostic-tool section."""
    summary: str = "summary-of-error-codes"
    """The summary table."""
    causes: str = "causes-and-resolutions"
    """The "causes and resolutions" section."""
    possible_cause: str = "possible-cause"
    """The cause heading of every code section (repeated in the source; unique per page here)."""
    resolution: str = "resolution"
    """The resolution heading of every code section."""


class SourceInfo(_Strict):
    """Where the content comes from, and under which licence."""

    file: str
    """Path of the copied source article, relative to ``content/``."""
    url_path: str
    """Path of the article on learn.microsoft.com, without the locale."""
    license: str = "CC BY 4.0"
    """Licence of the source text."""
    license_url: str = "https://creativecommons.org/licenses/by/4.0/"
    """Where the licence is published."""
    author: str = "Microsoft"
    """Holder of the source text's copyright."""
    metadata: dict[str, str]
    """The source's front matter, verbatim (title, description, ms.date, author, …); a list
    value (``ms.custom:`` with ``- …`` items) is kept as its items joined with ", "."""


class Article(_Strict):
    """``content/article.yaml``: everything that is not one code."""

    source: SourceInfo
    """The source article and its licence."""
    anchors: Anchors = Anchors()
    """The source's section anchors."""
    codes: list[str]
    """The codes of the summary table, as the source writes them, in its order."""
    it: ArticleText
    """Italian text, imported from the source."""
    en: ArticleText
    """English text: our own translation."""


ARTICLE = "article"
"""What a correction of the article's own text (the landing page) names as its code."""


class Correction(_Strict):
    """One place where the Italian source's translation says something its English original
    does not: ``content/corrections.yaml`` lists them, the site shows ``corrected``."""

    code: str = Field(pattern=r"^(0x[0-9A-F]{8}|article)$")
    """The canonical code whose Italian text is corrected, or ``article``."""
    field: str = Field(pattern=r"^[a-z_]+(\[\d+\])*$")
    """The field of the ``it`` block: ``summary_message``, ``notes[0]``, ``more_info[1]``."""
    source: str = Field(min_length=1, max_length=2000)
    """The source's wording, exactly as the field holds it (found there once)."""
    corrected: str = Field(min_length=1, max_length=2000)
    """The corrected wording shown in its place."""
    why: str = Field(min_length=1, max_length=2000)
    """What was wrong, citing the English original's words (for reviewers)."""


class Corrections(RootModel[list[Correction]]):
    """``content/corrections.yaml``: the list of corrections."""


@dataclass(frozen=True)
class Content:
    """The whole knowledge base: the article and its records in summary-table order, and
    the corrections of the Italian text (applied by :func:`.corrections.apply`)."""

    article: Article
    records: tuple[CodeRecord, ...]
    corrections: tuple[Correction, ...] = ()

    @cached_property
    def positions(self) -> dict[int, int]:
        """Each code's value (:func:`~activation_kb.domain.codes.parse_code`) → the index of its
        record in :attr:`records`: pages look codes up by value, once per link, so this is built
        once rather than searched per page."""
        return {parse_code(record.code): index for index, record in enumerate(self.records)}

    def record_of(self, code: str) -> CodeRecord | None:
        """The record of ``code`` (any accepted form), ``None`` when there is none."""
        index = self.positions.get(parse_code(code))
        return None if index is None else self.records[index]
