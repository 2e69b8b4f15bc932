"""The optional spoken opening line: the text is a translation, and how it was made.

Wordings exist for French, Arabic and English.  There is none for Bambara or
Dyula until a native speaker has written one: pass your own text instead.
"""

from __future__ import annotations

LANGUAGE_NAMES = {
    "fr": {"en": "l'anglais", "fr": "le français", "ar": "l'arabe", "bm": "le bambara"},
    "ar": {"en": "الإنجليزية", "fr": "الفرنسية", "ar": "العربية", "bm": "البمبارية"},
    "en": {"en": "English", "fr": "French", "ar": "Arabic", "bm": "Bambara"},
}
"""Source languages as named in each language that has an opening line."""

WORDINGS = {
    "fr": {
        "human": "Ce texte est une traduction de {source}, faite par un traducteur, "
        "et il est lu par une voix de synthèse.",
        "machine": "Ce texte est une traduction automatique de {source}, "
        "et il est lu par une voix de synthèse.",
    },
    "ar": {
        "human": "هذا النص ترجمة من {source} أعدّها مترجم، ويقرؤه صوت اصطناعي.",
        "machine": "هذا النص ترجمة آلية من {source}، ويقرؤه صوت اصطناعي.",
    },
    "en": {
        "human": "This is a translation from {source} by a human translator, "
        "read by a synthetic voice.",
        "machine": "This is a machine translation from {source}, read by a synthetic voice.",
    },
}
"""Per language, per means of translation (``human`` or ``machine``)."""


def opening_line(lang: str, source_lang: str, means: str) -> str | None:
    """The opening line in ``lang`` for a translation from ``source_lang`` made by
    ``means`` (``human`` or ``machine``); None when there is no wording for ``lang``, or
    the text is not a translation."""
    wordings = WORDINGS.get(lang, {})
    source = LANGUAGE_NAMES.get(lang, {}).get(source_lang)
    if means not in wordings or source is None or lang == source_lang:
        return None
    return wordings[means].format(source=source)
