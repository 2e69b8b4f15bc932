"""Captions: WebVTT and SRT that parse, cut to subtitling limits at phrase boundaries, timed
from the voice's word events (or in proportion when a voice reports none), never across two
segments, right-to-left lines for Arabic."""

from __future__ import annotations

import pytest
import webvtt
from speech_checks import Limits, caption_faults, document, segment_of, tone, words

from pipeline.document import BlockKind
from pipeline.glossary import load_glossary
from pipeline.speech import (
    Delivery,
    caption_cues,
    caption_limits,
    register_voice,
    render_srt,
    render_vtt,
    speak_document,
)
from pipeline.speech.align import tokens, word_key, word_starts
from pipeline.speech.base import Clip, unregister_voice
from pipeline.speech.breaks import BOUND, NAME, NEVER, break_costs
from pipeline.speech.captions import RLM
from pipeline.speech.cues import CaptionLimits, Cue, Said, plan_cues
from pipeline.speech.cuetimes import ANTICIPATE_S, GAP_S, LAG_S, cue_bounds
from pipeline.speech.outputs import shifted

LONG_FRENCH = [
    (BlockKind.TITLE, ["Le chef du GSIM en pourparlers secrets avec des groupes du Nord"]),
    (BlockKind.PARAGRAPH, [
        "Un puissant chef lié à Al-Qaïda au Sahel mène des pourparlers secrets avec des "
        "groupes armés du nord du Mali qui, comme lui, combattent des insurgés soutenus par "
        "le groupe État islamique, ont indiqué des sources proches de ces rencontres.",
        "Ce jihadiste est Iyad Ag Ghaly, un Touareg qui dirige le Groupe de soutien à l'islam "
        "et aux musulmans, lequel dispute au groupe État islamique l'influence au Sahel.",
    ]),
]


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


@pytest.fixture(scope="module")
def french(glossary):
    doc = document("fr", LONG_FRENCH)
    result = speak_document(doc, glossary)
    return doc, result, caption_cues(doc, result.clips, result.timings, glossary)


def assert_within_limits(captions: list[webvtt.Caption], limits: CaptionLimits) -> None:
    """Every cue as a caption user meets it: lines, characters, time on screen, reading rate."""
    assert caption_faults(captions, Limits(limits.max_chars, limits.max_lines, limits.min_seconds,
                                           limits.max_seconds, limits.max_wpm)) == []


# -- the files --------------------------------------------------------------------------


def test_webvtt_cues_are_cut_to_the_limits_and_keep_every_word_in_order(french):
    doc, _, cues = french
    captions = webvtt.from_string(render_vtt(cues, "fr"))
    assert_within_limits(captions, caption_limits("fr"))
    assert len(captions) > len(list(doc.segments()))  # long sentences are cut
    for segment in doc.segments():
        parts = [c.text for c in captions if segment_of(c.identifier) == segment.id]
        assert " ".join(" ".join(parts).split()) == " ".join(segment.text.split())


def test_cue_ids_name_their_segment_and_never_span_two(french):
    _, result, cues = french
    ids = [c.id for c in cues]
    assert ids[:2] == ["p1.s1", "p1.s1-2"] or ids[0] == "p1.s1"
    for cue in cues:
        start, end = result.timings[segment_of(cue.id)]
        assert start - 1.0 <= cue.start and cue.end <= end + 1.5  # lead-in and hang, at most
    for before, after in zip(cues, cues[1:], strict=False):
        assert before.end <= after.start


def test_srt_parses_with_the_same_cues(french, tmp_path):
    _, _, cues = french
    path = tmp_path / "article.srt"
    path.write_text(render_srt(cues, "fr"), encoding="utf-8")
    captions = webvtt.from_srt(str(path))
    assert [c.text for c in captions] == ["\n".join(c.lines) for c in cues]
    assert render_srt(cues, "fr").startswith("1\n00:00:00,")


def test_captions_follow_the_voice_word_by_word(french):
    doc, result, cues = french
    # the second cue of the long sentence starts when its first word is heard, or near it
    clip = next(c for c in result.clips if c.segment == "p2.s1")
    text = next(s.text for s in doc.segments() if s.id == "p2.s1")
    heard = word_starts(text, clip.spoken, clip.clip.words, clip.clip.duration)
    start = result.timings["p2.s1"][0]
    second = next(c for c in cues if c.id == "p2.s1-2")
    first_word = second.lines[0].split()[0]
    index = len(" ".join(next(c for c in cues if c.id == "p2.s1").lines).split())
    assert [text[a:b] for a, b in tokens(text)][index] == first_word
    assert start + heard[index] - ANTICIPATE_S <= second.start <= start + heard[index] + LAG_S


def test_arabic_lines_start_right_to_left_and_hold_37_characters(glossary):
    doc = document("ar", [(BlockKind.PARAGRAPH, [
        "GSIM جماعة مسلحة، وفرّ أكثر من 158,000 شخص من منازلهم في شمال مالي ووسطها "
        "هربا من العنف الذي يضرب المنطقة منذ سنوات.",
    ])])
    result = speak_document(doc, glossary)
    cues = caption_cues(doc, result.clips, result.timings, glossary)
    vtt = render_vtt(cues, "ar")
    captions = webvtt.from_string(vtt)
    assert_within_limits(captions, caption_limits("ar"))
    lines = [line for c in captions for line in c.text.split("\n")]
    assert len(lines) >= 3 and all(line.startswith(RLM) for line in lines)
    # the line that starts with a Latin acronym is still laid out right to left
    assert lines[0].startswith(RLM + "GSIM جماعة مسلحة،")
    assert "NOTE language: ar, direction: rtl" in vtt
    srt = render_srt(cues, "ar")
    assert all(line.startswith(RLM) for line in srt.split("\n")
               if line and not line[0].isdigit())


def test_cue_text_is_escaped_for_webvtt():
    vtt = render_vtt([Cue("p1.s1", 0.5, 2.0, ("Profits <up> & costs --> down.",))], "en")
    assert "Profits &lt;up&gt; &amp; costs --&gt; down." in vtt
    assert webvtt.from_string(vtt)[0].text == "Profits &lt;up&gt; &amp; costs --&gt; down."


def test_unspoken_segments_have_no_cue_and_the_opening_line_has_one():
    doc = document("fr", [(BlockKind.PARAGRAPH, ["Bonjour.", "🙂", "Au revoir."])])
    result = speak_document(doc, opening="Ceci est une traduction.")
    cues = caption_cues(doc, result.clips, result.timings, opening="Ceci est une traduction.")
    captions = webvtt.from_string(render_vtt(cues, "fr"))
    assert [c.identifier for c in captions] == ["opening", "p1.s1", "p1.s3"]
    assert captions[0].text == "Ceci est une traduction."
    assert_within_limits(captions, caption_limits("fr"))  # "Bonjour." stays a full second


def test_long_programmes_count_hours():
    vtt = render_vtt([Cue("p1.s1", 3723.4567, 3725.0, ("Fin.",))], "fr")
    assert "01:02:03.457 --> 01:02:05.000" in vtt


def test_captions_follow_the_codec_delay():
    assert shifted({"p1.s1": (1.0, 2.0)}, 0.05) == {"p1.s1": (1.05, 2.05)}


def test_a_voice_without_word_events_is_captioned_in_proportion(glossary):
    class Hum:
        """A plugin voice: a tone as long as the text, and no word events."""

        name, needs_network = "hum", False

        def languages(self):
            return {"fr"}

        def availability(self, lang):
            return None

        def version(self, lang):
            return "hum 1"

        def synthesize(self, text, lang):
            return Clip(tone(16000, len(text) / 14, 0.3), 16000)

    register_voice("hum", Hum)
    try:
        doc = document("fr", LONG_FRENCH)
        result = speak_document(doc, glossary, voice="hum")
        assert all(c.clip.words == () for c in result.clips)
        cues = caption_cues(doc, result.clips, result.timings, glossary)
    finally:
        unregister_voice("hum")
    captions = webvtt.from_string(render_vtt(cues, "fr"))
    assert_within_limits(captions, caption_limits("fr"))
    assert len(captions) > 3


def test_easy_versions_are_read_slower():
    assert caption_limits("fr", Delivery.EASY).max_wpm == 160
    assert caption_limits("fr").max_wpm == 180
    assert caption_limits("ar").max_chars == 37 and caption_limits("en").max_chars == 42


# -- where a caption may break ----------------------------------------------------------


def _costs(text: str, lang: str, names=()) -> dict[str, float]:
    """The cost of a break after each word, by ``word|next``."""
    spans = tokens(text)
    words = [text[a:b] for a, b in spans]
    costs = break_costs(text, spans, lang, names)
    return {f"{a}|{b}": cost for a, b, cost in zip(words, words[1:], costs, strict=False)}


@pytest.mark.parametrize(
    ("lang", "text", "gap", "expected"),
    [
        # punctuation: best after a full stop, then a comma
        ("en", "He left. She stayed.", "left.|She", 0.0),
        ("en", "In Mali, thousands fled.", "Mali,|thousands", 2.0),
        ("fr", "Il a dit : « non ».", "dit|:", NEVER),  # French space before a colon
        ("fr", "Il a dit : « non ».", ":|«", 1.0),
        ("fr", "Il a dit : « non ».", "«|non", NEVER),
        ("fr", "Il a dit : « non ».", "non|».", NEVER),
        ("fr", "a affirmé qu'« il a salué", "qu'«|il", NEVER),
        ("ar", "قال المسؤول، إن الجماعة", "المسؤول،|إن", 2.0),
        ("ar", "هذا صحيح. وقال آخر", "صحيح.|وقال", 0.0),
        # before a conjunction or a preposition rather than anywhere else
        ("en", "armed groups that fight", "groups|that", 3.0),
        ("fr", "des groupes qui combattent", "groupes|qui", 3.0),
        ("en", "talks with armed groups", "talks|with", 5.0),
        ("fr", "des pourparlers avec des groupes", "pourparlers|avec", 5.0),
        ("ar", "محادثات مع جماعات", "محادثات|مع", 5.0),
        ("ar", "الساحل والمنطقة", "الساحل|والمنطقة", 3.0),
        ("en", "secret talks", "secret|talks", 10.0),
        ("en", "it is not under control", "is|not", 10.0),
        # a noun's complement holds to it more than other prepositional phrases
        ("en", "the north of Mali", "north|of", 8.0),
        ("fr", "le nord du Mali", "nord|du", 8.0),
        ("fr", "la région d'Ansongo", "région|d'Ansongo", 8.0),
        # never between an article or a preposition and its noun
        ("en", "the jihadist leader", "the|jihadist", BOUND),
        ("en", "talks with armed groups", "with|armed", BOUND),
        ("fr", "dans le nord du Mali", "dans|le", BOUND),
        ("fr", "dans le nord du Mali", "le|nord", BOUND),
        ("fr", "dans le nord du Mali", "du|Mali", BOUND),
        ("ar", "في شمال مالي", "في|شمال", BOUND),
        # numbers, dates and titles stay whole
        ("fr", "plus de 158 000 personnes", "158|000", NEVER),
        ("fr", "plus de 158\u00a0000 personnes", "158|000", NEVER),
        ("fr", "soit 25 % de la population", "25|%", NEVER),
        ("fr", "3,5 milliards de FCFA", "3,5|milliards", 10.0),
        ("fr", "le 25 juin 2016 à Bamako", "25|juin", NEVER),
        ("fr", "le 25 juin 2016 à Bamako", "juin|2016", NEVER),
        ("en", "on June 25, 2016, from a video", "June|25,", NEVER),
        ("en", "on June 25, 2016, from a video", "25,|2016,", NEVER),
        ("en", "on June 25, 2016, from a video", "2016,|from", 2.0),
        ("ar", "في 25 يونيو 2016 قال", "25|يونيو", NEVER),
        ("ar", "في 25 حزيران/يونيو 2016 من", "25|حزيران/يونيو", NEVER),
        ("ar", "في 25 حزيران/يونيو 2016 من", "حزيران/يونيو|2016", NEVER),
        ("fr", "selon M. Traoré, le budget", "M.|Traoré,", NEVER),
        ("en", "said Mr. Traore today", "Mr.|Traore", NEVER),
        # a dash is a clause break after it, not before it
        ("fr", "PHOTO D'ARCHIVES - Une capture", "D'ARCHIVES|-", NEVER),
        ("fr", "PHOTO D'ARCHIVES - Une capture", "-|Une", 1.0),
    ],
)
def test_break_costs_follow_phrase_boundaries(lang, text, gap, expected):
    assert _costs(text, lang)[gap] == expected


def test_a_glossary_name_is_never_cut_between_cues(glossary):
    text = "Il dirige le Groupe de soutien à l'islam et aux musulmans depuis 2017."
    names = glossary.protected_spans(text, "fr")
    assert [text[a:b] for a, b in names] == ["Groupe de soutien à l'islam et aux musulmans"]
    costs = _costs(text, "fr", names)
    assert costs["soutien|à"] == costs["l'islam|et"] == costs["Groupe|de"] == NAME
    assert costs["le|Groupe"] == BOUND and costs["musulmans|depuis"] == 5.0


def _said(text: str, seconds_per_word: float = 0.35, names=(), pause: float = 0.8) -> Said:
    """``text`` heard at an even pace, with ``pause`` of silence after it."""
    spans = tokens(text)
    starts = [i * seconds_per_word for i in range(len(spans))]
    end = len(spans) * seconds_per_word
    return Said("p1.s1", text, spans, starts, end, end + pause, list(names))


def _plan(text: str, lang: str, limits: CaptionLimits | None = None, **kwargs) -> list[Cue]:
    return plan_cues(_said(text, **kwargs), lang, limits or caption_limits(lang))


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # short enough: one line
        ("fr", "Le chef du GSIM est au Mali.", [["Le chef du GSIM est au Mali."]]),
        # two lines, broken at the comma
        ("fr", "Dans l'ensemble du Sahel, des milliers de personnes ont été tuées.",
         [["Dans l'ensemble du Sahel,", "des milliers de personnes ont été tuées."]]),
        # a new cue at the full stop, not in the middle of the second sentence
        ("en", "Thousands have died across the Sahel. Millions have fled their homes to "
               "escape the violence.",
         [["Thousands have died across the Sahel."],
          ["Millions have fled their homes", "to escape the violence."]]),
        # broken before the relative pronoun, never after "the" or "of"
        ("en", "Kidal is a crossroads region in the north that is not under the control "
               "of the Malian state.",
         [["Kidal is a crossroads region in the north"],
          ["that is not under the control", "of the Malian state."]]),
        # Arabic: 37 characters a line, a new cue before a preposition
        ("ar", "وفي أنحاء منطقة الساحل، قتل الآلاف وفر الملايين من منازلهم هربا من العنف.",
         [["وفي أنحاء منطقة الساحل،", "قتل الآلاف وفر الملايين"],
          ["من منازلهم هربا من العنف."]]),
    ],
)
def test_cues_and_lines_are_cut_at_phrase_boundaries(lang, text, expected):
    assert [list(c.lines) for c in _plan(text, lang, seconds_per_word=0.4)] == expected


def test_arabic_lines_are_cut_at_37_characters_where_latin_ones_are_not():
    text = "قتل الآلاف وفر الملايين من منازلهم هربا"
    assert len(text) == 39
    arabic = _plan(text, "ar", seconds_per_word=0.5)
    assert [list(c.lines) for c in arabic] == [["قتل الآلاف وفر الملايين", "من منازلهم هربا"]]
    latin = _plan(text, "ar", CaptionLimits(max_chars=42), seconds_per_word=0.5)
    assert [list(c.lines) for c in latin] == [[text]]


def test_a_name_longer_than_a_line_breaks_between_lines_but_stays_in_one_cue(glossary):
    text = ("Ce jihadiste dirige le Groupe de soutien à l'islam et aux musulmans, lequel "
            "dispute au groupe État islamique l'influence au Sahel.")
    names = glossary.protected_spans(text, "fr")
    cues = _plan(text, "fr", names=names, seconds_per_word=0.3)
    name = "Groupe de soutien à l'islam et aux musulmans"
    holding = [c for c in cues if "Groupe" in " ".join(c.lines)]
    assert len(holding) == 1 and name in " ".join(holding[0].lines)
    assert all(len(line) <= 42 for c in cues for line in c.lines)


def test_a_short_name_is_never_cut_even_between_lines(glossary):
    text = "Le chef rencontre des groupes armés et Iyad Ag Ghaly dans le nord du Mali."
    names = glossary.protected_spans(text, "fr")
    cues = _plan(text, "fr", names=names, seconds_per_word=0.3)
    assert any("Iyad Ag Ghaly" in line for c in cues for line in c.lines)


@pytest.mark.parametrize(
    ("seconds_per_word", "limits"),
    [(0.34, CaptionLimits()), (0.38, CaptionLimits(max_wpm=160)), (0.6, CaptionLimits())],
)
def test_cues_stay_between_one_and_seven_seconds_within_the_reading_rate(seconds_per_word,
                                                                        limits):
    # 176, 158 and 100 words a minute: the voice is within each limit, and so are the cues
    text = " ".join(["Les groupes armés du nord du Mali combattent l'État islamique,"] * 4)
    cues = _plan(text, "fr", limits, seconds_per_word=seconds_per_word, pause=1.0)
    for cue in cues:
        seconds = cue.end - cue.start
        assert limits.min_seconds <= seconds <= limits.max_seconds
        assert words(" ".join(cue.lines)) / seconds * 60 <= limits.max_wpm + 0.5


def test_a_short_sentence_stays_a_second_in_the_pause_after_it():
    cues = _plan("Bonjour.", "fr", seconds_per_word=0.5, pause=0.9)
    assert cues[0].start == 0 and cues[0].end == pytest.approx(1.0, abs=0.002)


# -- when the cues show -----------------------------------------------------------------


def test_cues_show_with_their_first_word_when_they_have_time():
    assert cue_bounds([1.0, 3.0], [1.5, 1.5], 0.0, 5.0, 6.0) == [1.0, 3.0, 5.0]


def test_a_cue_short_of_time_borrows_from_its_neighbours_within_bounds():
    # the second cue needs 2.5 s but its words take 2, and the next segment follows at once
    bounds = cue_bounds([0.0, 3.0], [1.0, 2.5], 0.0, 5.0, 5.0)
    assert bounds[2] - bounds[1] >= 2.5
    assert 3.0 - ANTICIPATE_S <= bounds[1] <= 3.0
    assert 5.0 <= bounds[2] <= 5.0 + LAG_S - GAP_S
    # a last cue stays into the pause after the voice, not into the next segment's cue
    bounds = cue_bounds([0.0], [3.0], 0.0, 2.0, 2.5)
    assert bounds == [0.0, pytest.approx(2.5 + LAG_S - GAP_S)]


def test_when_time_cannot_be_found_the_earlier_cues_get_theirs():
    bounds = cue_bounds([0.0, 1.0], [3.0, 3.0], 0.0, 2.0, 2.2)
    assert bounds[1] == pytest.approx(1.0 + LAG_S)
    assert bounds == sorted(bounds)


# -- which word is heard when -----------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "key"),
    [("Qaïda,", "qaida"), ("«Le", "le"), ("جَمَاعَةٌ", "جماعه"), ("أكثر", "اكثر"), ("—", "")],
)
def test_words_are_compared_without_case_accents_vowel_marks_or_punctuation(word, key):
    assert word_key(word) == key


def test_published_words_take_the_times_of_the_words_the_voice_read():
    text = "Le 25 juin, Iyad Ag Ghaly est parti."
    spoken = "Le vingt-cinq juin, Iyad Ag Gali est parti."
    marks = [(0, 2, 0.0), (3, 13, 0.2), (14, 19, 0.9), (20, 24, 1.4), (25, 27, 1.7),
             (28, 32, 1.9), (33, 36, 2.3), (37, 43, 2.5)]
    starts = word_starts(text, spoken, marks, 3.0)
    assert starts == pytest.approx([0.0, 0.2, 0.9, 1.4, 1.7, 1.9, 2.3, 2.5])


def test_without_word_events_words_are_timed_by_their_letters():
    starts = word_starts("aa bbbb.", "aa bbbb.", [], 1.3)
    assert starts[0] == 0 and 0.2 < starts[1] < 0.4
