"""The read-aloud script for announcers: large print, numbered paragraphs, names followed
by their pronunciation, pause marks, and the reading time at a newsreader's pace.

A radio without a voice for its language (Bambara, most often) reads this script on
air, so it is written whether or not there is audio, and can say why there is none.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.document import BlockKind, Document
from pipeline.glossary import Glossary
from pipeline.langs import get_language
from pipeline.speech.lexicon import Lexicon
from pipeline.speech.prepare import prepare_text
from pipeline.speech.programme import Pauses

PACE_WPM = {"en": 160, "fr": 155, "ar": 120, "bm": 140, "dyu": 140}
"""A newsreader's usual pace in words a minute.  Arabic words carry their articles and
prepositions, so there are fewer of them a minute."""

SHORT_PAUSE, LONG_PAUSE = "/", "//"
"""The marks announcers use: a breath after a sentence, a full stop after a paragraph."""

LABELS = {
    "en": {"script": "Read-aloud script", "time": "Reading time: about {time}, at {wpm} "
           "words a minute", "marks": "/ short pause   // long pause   [pronunciation]",
           "minutes": "{m} min {s:02d} s", "no_audio": "No audio:"},
    "fr": {"script": "Texte à lire à l'antenne", "time": "Durée de lecture : environ {time}, "
           "à {wpm} mots par minute", "marks": "/ pause courte   // pause longue   "
           "[prononciation]", "minutes": "{m} min {s:02d} s", "no_audio": "Pas d'audio :"},
    "ar": {"script": "نص للقراءة على الهواء", "time": "مدة القراءة: نحو {time}، بمعدل {wpm} "
           "كلمة في الدقيقة", "marks": "/ وقفة قصيرة   // وقفة طويلة   [النطق]",
           "minutes": "{m} د {s:02d} ث", "no_audio": "لا يوجد تسجيل صوتي:"},
}
"""Words of the script around the article, per language.  Bambara and Dyula scripts use
the French ones, the language Malian newsrooms work in, until native wordings exist."""

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
    notice: str | None = None,
    pauses: Pauses | None = None,
    pace_wpm: int | None = None,
) -> ReadAloudScript:
    """The read-aloud script of ``doc`` in its language; ``notice`` says why there is no
    audio, when there is none."""
    pauses = pauses or Pauses()
    lang = get_language(doc.lang)
    labels = LABELS.get(lang.code, LABELS["fr"])
    wpm = pace_wpm or PACE_WPM.get(lang.code, 140)
    lexicon = Lexicon(glossary, lang.code)
    blocks = _blocks(doc, lexicon)
    # Words as said: numbers spelled out, names as the glossary says them.
    words = sum(len(prepare_text(s.text, lang.code, lexicon, vocalise=False).split())
                for s in doc.segments())
    seconds = words / wpm * 60 + _pause_seconds(doc, pauses)
    minutes, secs = divmod(int(round(seconds)), 60)
    time = labels["minutes"].format(m=minutes, s=secs)
    context: dict[str, Any] = {
        "doc": doc, "lang": lang, "labels": labels, "blocks": blocks, "notice": notice,
        "reading": labels["time"].format(time=time, wpm=wpm),
        "short": SHORT_PAUSE, "long": LONG_PAUSE,
    }
    html = _template().render(**context)
    return ReadAloudScript(html, _plain(context), words, round(seconds, 1))


def _blocks(doc: Document, lexicon: Lexicon) -> list[dict[str, Any]]:
    """Per block: its number (None for the title), kind, and sentences as runs."""
    blocks, number = [], 0
    for block in doc.blocks:
        if block.kind is not BlockKind.TITLE:
            number += 1
        sentences = [_runs(s.text, lexicon) for s in block.segments if s.text.strip()]
        if sentences:
            heading = block.kind in (BlockKind.TITLE, BlockKind.SUBHEADING)
            blocks.append({"number": None if block.kind is BlockKind.TITLE else number,
                           "heading": heading, "sentences": sentences})
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
    labels = context["labels"]
    lines = [labels["script"].upper(), context["reading"], labels["marks"], ""]
    if context["notice"]:
        lines += [f"{labels['no_audio']} {context['notice']}", ""]
    for block in context["blocks"]:
        sentences = [_sentence_text(s) for s in block["sentences"]]
        body = f" {SHORT_PAUSE} ".join(sentences) + f" {LONG_PAUSE}"
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
        loader=PackageLoader("pipeline.speech", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("script.html.j2")
