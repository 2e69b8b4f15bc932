"""Kuma's glossary: terms in every language, their mentions in a text, and their checks.

``load_glossary()`` reads the shipped Sahel news glossary (or any CSV/TBX file);
``Glossary.find``/``match_document`` locate mentions; ``verify.check_translation``
checks that a translation kept them; ``suggest.suggest_terms`` proposes new ones.
"""

from pipeline.glossary.glossary import Glossary
from pipeline.glossary.load import default_glossary_path, load_glossary
from pipeline.glossary.model import TERM_TYPES, Mention, Term

__all__ = [
    "TERM_TYPES",
    "Glossary",
    "Mention",
    "Term",
    "default_glossary_path",
    "load_glossary",
]
