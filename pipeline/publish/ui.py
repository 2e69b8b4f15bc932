"""The words of the pages, books and read-aloud scripts around the article, per language.

Only wording a speaker has written is used.  Where a language lacks a string
(Bambara lacks most), the French one is shown, marked ``lang="fr"`` so that a
screen reader reads it in French: French is the language of schooling in Mali,
and a wrongly guessed Bambara phrase would be worse than a correct French one.
A stand-in never goes where its language cannot be marked (a ``<title>`` made of
the article's title and a label): there it is left out.

Some strings have fields filled in by the caller: ``{who}`` (a reviewer's name and
date, in brackets, or nothing), ``{tools}``, ``{language}``, ``{time}``, ``{wpm}``.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.langs import get_language

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
        "checked_with": "Checked automatically with {tools}.",
        "photo_caption": "Photo caption:",
        "key_points": "Key points",
        "machine_unreviewed": "Machine translation, not yet reviewed by a person.",
        "human_unreviewed": "Translated by a person, not yet reviewed.",
        "reviewed": "Translation reviewed by a person{who}.",
        "easy_draft": "Easy-to-read draft, not yet checked by readers.",
        "easy_checked": "Easy-to-read version checked by readers{who}.",
        "separator": ", ",
        "script": "Read-aloud script",
        "reading_time": "Reading time: about {time}, at {wpm} words a minute",
        "marks": "/ short pause   // long pause   [pronunciation]",
        "minutes": "{m} min {s:02d} s",
        "no_voice": "No {language} voice on this computer: read this script on air.",
        "not_recorded": "This text was not recorded: read this script on air.",
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
        "checked_with": "Vérifié automatiquement avec {tools}.",
        "photo_caption": "Légende de la photo\u00a0:",
        "key_points": "Points importants",
        "machine_unreviewed": "Traduction automatique, pas encore relue par une personne.",
        "human_unreviewed": "Traduction faite par une personne, pas encore relue.",
        "reviewed": "Traduction relue par une personne{who}.",
        "easy_draft": "Version facile à lire en brouillon, pas encore vérifiée par des lecteurs.",
        "easy_checked": "Version facile à lire vérifiée par des lecteurs{who}.",
        "separator": ", ",
        "script": "Texte à lire à l'antenne",
        "reading_time": "Durée de lecture : environ {time}, à {wpm} mots par minute",
        "marks": "/ pause courte   // pause longue   [prononciation]",
        "minutes": "{m} min {s:02d} s",
        "no_voice": "Pas de voix en {language} sur cet ordinateur\u00a0: "
        "lisez ce texte à l'antenne.",
        "not_recorded": "Ce texte n'a pas été enregistré\u00a0: lisez-le à l'antenne.",
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
        "checked_with": "فُحص آليًا باستخدام {tools}.",
        "photo_caption": "تعليق على الصورة:",
        "key_points": "أهم النقاط",
        "machine_unreviewed": "ترجمة آلية لم يراجعها أحد بعد.",
        "human_unreviewed": "ترجمة بشرية لم تُراجَع بعد.",
        "reviewed": "ترجمة راجعها شخص{who}.",
        "easy_draft": "مسودة نسخة سهلة القراءة، لم يتحقق منها القرّاء بعد.",
        "easy_checked": "نسخة سهلة القراءة تحقق منها القرّاء{who}.",
        "separator": "، ",
        "script": "نص للقراءة على الهواء",
        "reading_time": "مدة القراءة: نحو {time}، بمعدل {wpm} كلمة في الدقيقة",
        "marks": "/ وقفة قصيرة   // وقفة طويلة   [النطق]",
        "minutes": "{m} د {s:02d} ث",
        "no_voice": "لا يوجد صوت باللغة {language} على هذا الحاسوب: اقرأ هذا النص على الهواء.",
        "not_recorded": "لم يُسجَّل هذا النص صوتيًا: اقرأه على الهواء.",
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

_LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {"en": "English", "fr": "French", "ar": "Arabic", "bm": "Bambara", "dyu": "Dyula"},
    "fr": {"en": "anglais", "fr": "français", "ar": "arabe", "bm": "bambara", "dyu": "dioula"},
    "ar": {"en": "الإنجليزية", "fr": "الفرنسية", "ar": "العربية", "bm": "البامبارية"},
}
"""Names of languages as a sentence in another language says them (``{language}``)."""


@dataclass(frozen=True)
class Wording:
    """One interface string and the language it is written in."""

    text: str
    """The words."""
    lang: str
    """Language code of the words (the page's, or the fallback's)."""

    def filled(self, **fields: object) -> Wording:
        """The same wording with its ``{fields}`` filled in."""
        return Wording(self.text.format(**fields), self.lang)


def wording(key: str, lang: str) -> Wording:
    """The string ``key`` in ``lang``, or in the fallback language when it has none."""
    own = _STRINGS.get(lang, {})
    if key in own:
        return Wording(own[key], lang)
    fallback = "en" if lang == FALLBACK else FALLBACK
    return Wording(_STRINGS[fallback][key], fallback)


def strings_in(lang: str) -> dict[str, str]:
    """The strings written in ``lang`` itself, by key (no stand-ins)."""
    return dict(_STRINGS.get(lang, {}))


def keys() -> tuple[str, ...]:
    """Every interface string's key."""
    return tuple(_STRINGS["en"])


def language_name(code: str, in_lang: str) -> str:
    """The name of language ``code`` as words in ``in_lang`` say it (English when unknown)."""
    return _LANGUAGE_NAMES.get(in_lang, {}).get(code) or get_language(code).name
