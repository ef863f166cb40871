"""Generator of the activation-error knowledge base.

The public API: load ``content/`` (:func:`load_content`), work with code forms
(:func:`parse_code`, :func:`forms`), and the error family (:class:`KbError`).
"""

from generator.codes import CodeForms, canonical, forms, parse_code, slug
from generator.errors import CodeFormatError, ContentError, KbError, Problem
from generator.loader import Content, load_content
from generator.model import LANGUAGES, ActivationType, Article, CodeRecord, CodeText

__all__ = [
    "LANGUAGES",
    "ActivationType",
    "Article",
    "CodeFormatError",
    "CodeForms",
    "CodeRecord",
    "CodeText",
    "Content",
    "ContentError",
    "KbError",
    "Problem",
    "canonical",
    "forms",
    "load_content",
    "parse_code",
    "slug",
]
