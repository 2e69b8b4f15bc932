"""The read-aloud script for announcers: large print, numbered paragraphs, names followed
by their pronunciation, pause marks, and the reading time at a newsreader's pace.

A radio without a voice for its language (Bambara, most often) reads this script on
air, so it is written whether or not there is audio, and then says so to the presenter
in a plain sentence (the technical reason goes to the terminal, not to the page).  It
also says whether a person has reviewed the translation.  Its words come from
``pipeline.publish.ui``: a language without its own (Bambara) gets French ones,
marked as French.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from markupsafe import Markup

from pipeline.document import BlockKind, Document
from pipeline.glossary import Glossary
from pipeline.langs import get_language
from pipeline.publish.status import ReviewStatus, status_notes
from pipeline.publish.ui import Wording, language_name, wording
from pipeline.publish.view import title_with, wording_markup
from pipeline.speech.lexicon import Lexicon
from pipeline.speech.prepare import prepare_text
from pipeline.speech.programme import Pauses

PACE_WPM = {"en": 160, "fr": 155, "ar": 120, "bm": 140, "dyu": 140}
"""A newsreader's usual pace in words a minute.  Arabic words carry their articles and
prepositions, so there are fewer of them a minute."""

SHORT_PAUSE, LONG_PAUSE = "/", "//"
"""The marks announcers use: a breath after a sentence, a full stop after a paragraph."""


class NoAudio(StrEnum):
    """Why a script comes without a recording, as the presenter is told."""

    NO_VOICE = "no_voice"
    """No voice for the language could speak on this computer."""
    NOT_RECORDED = "not_recorded"
    """No recording was asked for (``--voice none``)."""


WRAP = 60
"""Characters per line of the plain-text script: short lines read well in large print."""


@dataclass(frozen=True)
class Run:
    """A piece of a sentence: plain text, or a name with its pronunciation."""

    text: str
    """As written in the article."""
    say: str = ""
    """How to say it (empty for plain text)."""


@dataclass
class ReadAloudScript:
    """The script in both forms, and the figures shown in it."""

    html: str
    """Large-print HTML page."""
    text: str
    """Plain UTF-8 text."""
    words: int
    """Words to read (numbers counted as spoken)."""
    reading_seconds: float
    """Estimated reading time, pauses included."""


def render_script(
    doc: Document,
    glossary: Glossary | None = None,
    no_audio: NoAudio | None = None,
    pauses: Pauses | None = None,
    pace_wpm: int | None = None,
    review: ReviewStatus | None = None,
) -> ReadAloudScript:
    """The read-aloud script of ``doc`` in its language.

    ``no_audio`` says why there is no recording, when there is none: the presenter is
    asked to read the script on air.  ``review`` is what a person has checked of the
    text (default: a machine translation nobody has reviewed).
    """
    pauses = pauses or Pauses()
    lang = get_language(doc.lang)
    wpm = pace_wpm or PACE_WPM.get(lang.code, 140)
    lexicon = Lexicon(glossary, lang.code)
    # Words as said: numbers spelled out, names as the glossary says them.
    words = sum(len(prepare_text(s.text, lang.code, lexicon, vocalise=False).split())
                for s in doc.segments())
    seconds = words / wpm * 60 + _pause_seconds(doc, pauses)
    minutes, secs = divmod(int(round(seconds)), 60)
    time = wording("minutes", lang.code).filled(m=minutes, s=secs)
    said = {
        "script": wording("script", lang.code),
        "reading": wording("reading_time", lang.code).filled(time=time.text, wpm=wpm),
        "marks": wording("marks", lang.code),
        "caption": wording("photo_caption", lang.code),
        "notes": status_notes(review or ReviewStatus(), lang.code),
        "no_audio": _no_audio(no_audio, lang.code),
    }
    context: dict[str, Any] = {
        "doc": doc, "lang": lang, "blocks": _blocks(doc, lexicon), "said": said,
        "ui": _markup(said, lang.code), "short": SHORT_PAUSE, "long": LONG_PAUSE,
        "page_title": title_with(doc.title, "script", lang.code, "{label}: {title}"),
    }
    html = _template().render(**context)
    return ReadAloudScript(html, _plain(context), words, round(seconds, 1))


def _no_audio(reason: NoAudio | None, lang: str) -> Wording | None:
    """The sentence telling the presenter there is no recording, if there is none."""
    if reason is None:
        return None
    words = wording(reason.value, lang)
    return words.filled(language=language_name(lang, words.lang))


def _markup(said: dict[str, Any], lang: str) -> dict[str, Any]:
    """The script's words as markup, each stand-in marked with its own language."""
    marked: dict[str, Any] = {}
    for key, words in said.items():
        if isinstance(words, list):
            marked[key] = [wording_markup(w, lang) for w in words]
        else:
            marked[key] = wording_markup(words, lang) if words else Markup("")
    return marked


def _blocks(doc: Document, lexicon: Lexicon) -> list[dict[str, Any]]:
    """Per block: its number (None for the title), whether it is a heading or a photo
    caption, and its sentences as runs."""
    blocks, number = [], 0
    for block in doc.blocks:
        if block.kind is not BlockKind.TITLE:
            number += 1
        sentences = [_runs(s.text, lexicon) for s in block.segments if s.text.strip()]
        if sentences:
            heading = block.kind in (BlockKind.TITLE, BlockKind.SUBHEADING)
            blocks.append({"number": None if block.kind is BlockKind.TITLE else number,
                           "heading": heading, "caption": block.kind is BlockKind.CAPTION,
                           "sentences": sentences})
    return blocks


def _runs(text: str, lexicon: Lexicon) -> list[Run]:
    runs, position = [], 0
    for found in lexicon.find(text):
        mention = found.mention
        if mention.start > position:
            runs.append(Run(text[position : mention.start]))
        runs.append(Run(mention.text, lexicon.hints[mention.term]))
        position = mention.end
    if position < len(text):
        runs.append(Run(text[position:]))
    return runs


def _pause_seconds(doc: Document, pauses: Pauses) -> float:
    sentences = sum(max(0, len(b.segments) - 1) for b in doc.blocks)
    return sentences * pauses.sentence + len(doc.blocks) * pauses.paragraph


def _plain(context: dict[str, Any]) -> str:
    said = context["said"]
    lines = [said["script"].text.upper(), said["reading"].text, said["marks"].text, ""]
    for note in [said["no_audio"], *said["notes"]]:
        if note:
            lines += [*textwrap.wrap(note.text, WRAP), ""]
    for block in context["blocks"]:
        sentences = [_sentence_text(s) for s in block["sentences"]]
        body = f" {SHORT_PAUSE} ".join(sentences) + f" {LONG_PAUSE}"
        if block["caption"]:
            body = f"{said['caption'].text} {body}"
        prefix = f"{block['number']}. " if block["number"] is not None else ""
        wrapped = textwrap.wrap(prefix + body, WRAP, subsequent_indent=" " * len(prefix),
                                break_long_words=False, break_on_hyphens=False)
        lines += [*wrapped, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _sentence_text(runs: list[Run]) -> str:
    return "".join(f"{r.text} [{r.say}]" if r.say else r.text for r in runs).strip()


@cache
def _template() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("pipeline.publish", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("script.html.j2")
