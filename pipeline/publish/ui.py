"""The words of the pages and books around the article, per language.

Only wording a speaker has written is used.  Where a language lacks a string
(Bambara lacks most), the French one is shown, marked ``lang="fr"`` so that a
screen reader reads it in French: French is the language of schooling in Mali,
and a wrongly guessed Bambara phrase would be worse than a correct French one.
"""

from __future__ import annotations

from dataclasses import dataclass

FALLBACK = "fr"
"""Language whose wording stands in for a missing string (not for English or French)."""

_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "skip": "Skip to the article",
        "languages": "Other languages",
        "listen": "Listen to the article",
        "download": "Download the audio (MP3)",
        "captions": "Captions (WebVTT)",
        "transcript": "Transcript of the audio",
        "easy_badge": "Easy to read",
        "easy_link": "Easy-to-read version",
        "full_link": "Full article",
        "contents": "Contents",
        "start": "Start of the article",
        "summary": "Text with headings, a table of contents and the language of every "
        "passage marked; no images, nothing that flashes or moves.",
        "summary_audio": "Every sentence is also read aloud and highlighted as it is spoken.",
    },
    "fr": {
        "skip": "Aller à l'article",
        "languages": "Autres langues",
        "listen": "Écouter l'article",
        "download": "Télécharger l'audio (MP3)",
        "captions": "Sous-titres (WebVTT)",
        "transcript": "Transcription de l'audio",
        "easy_badge": "Facile à lire",
        "easy_link": "Version facile à lire",
        "full_link": "Article complet",
        "contents": "Sommaire",
        "start": "Début de l'article",
        "summary": "Texte avec titres, sommaire et langue de chaque passage indiquée ; "
        "sans images, rien qui clignote ou bouge.",
        "summary_audio": "Chaque phrase est aussi lue à voix haute et surlignée "
        "pendant la lecture.",
    },
    "ar": {
        "skip": "انتقل إلى المقال",
        "languages": "لغات أخرى",
        "listen": "استمع إلى المقال",
        "download": "تنزيل الملف الصوتي (MP3)",
        "captions": "ملف الترجمة النصية (WebVTT)",
        "transcript": "النص المكتوب للتسجيل الصوتي",
        "easy_badge": "سهل القراءة",
        "easy_link": "نسخة سهلة القراءة",
        "full_link": "المقال الكامل",
        "contents": "المحتويات",
        "start": "بداية المقال",
        "summary": "نص بعناوين وفهرس مع تحديد لغة كل مقطع؛ لا صور فيه ولا شيء يومض أو يتحرك.",
        "summary_audio": "وتُقرأ كل جملة بصوت عالٍ وتُظلَّل أثناء قراءتها.",
    },
    "bm": {
        "skip": "Taa barokun na",
        "languages": "Kan wɛrɛw",
    },
    "dyu": {
        "skip": "Taa barokun na",
        "languages": "Kan wɛrɛw",
    },
}
"""Interface strings per language code (short, plain)."""


@dataclass(frozen=True)
class Wording:
    """One interface string and the language it is written in."""

    text: str
    """The words."""
    lang: str
    """Language code of the words (the page's, or the fallback's)."""


def wording(key: str, lang: str) -> Wording:
    """The string ``key`` in ``lang``, or in the fallback language when it has none."""
    own = _STRINGS.get(lang, {})
    if key in own:
        return Wording(own[key], lang)
    fallback = "en" if lang == FALLBACK else FALLBACK
    return Wording(_STRINGS[fallback][key], fallback)
