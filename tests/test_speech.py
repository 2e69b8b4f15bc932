"""Speaking a document clip by clip: exact timings, pauses, the opening line, long and empty
texts, and what happens when no voice can speak the language."""

from __future__ import annotations

import numpy as np
import pytest
from speech_checks import document

from pipeline.document import BlockKind
from pipeline.glossary import load_glossary
from pipeline.speech import Pauses, SpeechError, opening_line, speak_document
from pipeline.speech.base import Clip
from pipeline.speech.programme import FRAME_ALIGN, Placed, assemble
from pipeline.speech.split import split_long
from pipeline.speech.synth import OPENING, place, trim


@pytest.fixture(scope="module")
def french():
    return speak_document(document("fr"), load_glossary())


def test_every_segment_is_timed_in_reading_order(french):
    ids = [s.id for s in document("fr").segments()]
    assert list(french.timings) == ids
    times = [t for pair in french.timings.values() for t in pair]
    assert times == sorted(times)
    assert all(end > start for start, end in french.timings.values())


def test_timings_match_the_clips_exactly(french):
    pauses = Pauses()
    for clip in french.clips:
        start, end = french.timings[clip.segment]
        assert end - start == pytest.approx(clip.clip.duration, abs=1e-9)
        first = int(round(start * french.rate))
        laid = french.samples[first : first + len(clip.clip.samples)]
        assert np.array_equal(laid, clip.clip.samples)
    assert french.timings["p1.s1"][0] == pytest.approx(pauses.lead_in)
    assert french.duration == pytest.approx(french.timings["p3.s1"][1] + pauses.tail, abs=1e-4)


def test_pauses_are_longer_between_paragraphs_than_sentences(french):
    pauses = Pauses()
    gap = {key: french.timings[b][0] - french.timings[a][1]
           for key, (a, b) in {"heading": ("p1.s1", "p2.s1"), "sentence": ("p2.s1", "p2.s2"),
                               "paragraph": ("p2.s2", "p3.s1")}.items()}
    # Long pauses end on an MP3 frame boundary: lengthened by less than a frame pair.
    frame = FRAME_ALIGN / french.rate
    assert gap["sentence"] == pytest.approx(pauses.sentence, abs=1e-4)
    for kind, nominal in {"heading": pauses.heading, "paragraph": pauses.paragraph}.items():
        assert nominal - 1e-4 <= gap[kind] < nominal + frame
    assert gap["sentence"] < gap["paragraph"] < gap["heading"]
    for after in ("p2.s1", "p3.s1"):
        assert round(french.timings[after][0] * french.rate) % FRAME_ALIGN == 0


def test_pauses_are_settings():
    result = speak_document(document("fr"), pauses=Pauses(sentence=1.0, paragraph=2.5))
    frame = FRAME_ALIGN / result.rate
    sentence = result.timings["p2.s2"][0] - result.timings["p2.s1"][1]
    paragraph = result.timings["p3.s1"][0] - result.timings["p2.s2"][1]
    assert 1.0 - 1e-4 <= sentence < 1.0 + frame
    assert 2.5 - 1e-4 <= paragraph < 2.5 + frame
    assert result.settings["pauses"]["paragraph"] == 2.5


@pytest.mark.parametrize("value", [-0.1, 11])
def test_pauses_out_of_range_are_refused(value):
    with pytest.raises(SpeechError, match="pause sentence must be between 0 and 10 seconds"):
        Pauses(sentence=value)


def test_the_glossary_pronunciations_are_what_the_voice_reads(french):
    spoken = {c.segment: c.spoken for c in french.clips}
    assert spoken["p1.s1"] == "Le chef du jé èss i èm en pourparlers secrets"
    assert "Iyad Ag Gali" in spoken["p2.s1"] and "vingt-cinq juin" in spoken["p2.s1"]
    assert french.settings["pronunciations"] == ["gsim", "iyad-ag-ghaly"]


def test_the_opening_line_is_spoken_first():
    result = speak_document(document("fr"), opening="Ce texte est une traduction.")
    assert list(result.timings)[0] == OPENING
    opening_end = result.timings[OPENING][1]
    pause = result.timings["p1.s1"][0] - opening_end
    assert Pauses().paragraph - 1e-4 <= pause < Pauses().paragraph + FRAME_ALIGN / result.rate


def test_arabic_is_spoken_vocalised():
    result = speak_document(document("ar"), load_glossary())
    assert result.voice == "espeak" and set(result.timings) == {"p1.s1", "p2.s1", "p2.s2"}
    assert result.settings["diacritiser"].startswith("libtashkeel")
    assert "جَمَاعَةٌ" in {c.segment: c.spoken for c in result.clips}["p2.s2"]


def test_segments_with_nothing_to_say_get_no_clip_and_no_timing():
    doc = document("fr", [(BlockKind.PARAGRAPH, ["Bonjour.", "🙂 !", "Au revoir."])])
    result = speak_document(doc)
    assert list(result.timings) == ["p1.s1", "p1.s3"]


@pytest.mark.parametrize("texts", [["!!!", "..."], ["🙂🎉", "— « » —"], ["", "   "]])
def test_a_document_with_nothing_to_say_is_an_error(texts):
    doc = document("fr", [(BlockKind.PARAGRAPH, texts)])
    with pytest.raises(SpeechError) as error:
        speak_document(doc)
    assert str(error.value) == (
        "nothing to speak in 'fr.txt': the text has no words, only punctuation or symbols"
    )


def test_a_paragraph_of_5000_words_is_spoken_in_pieces():
    words = " ".join(["le", "groupe", "armé", "a", "parlé", "au", "chef", "du", "village"] * 556)
    doc = document("fr", [(BlockKind.PARAGRAPH, [words])])
    assert len(words.split()) >= 5000
    result = speak_document(doc)
    start, end = result.timings["p1.s1"]
    # 5,000 short words at espeak's pace: a quarter of an hour or more, in one segment
    assert 10 * 60 < end - start < 45 * 60
    assert len(result.clips) == 1


def test_a_voice_that_does_not_speak_the_language_lists_those_that_do():
    with pytest.raises(SpeechError) as error:
        speak_document(document("bm"), voice="gtts")
    assert str(error.value) == "voice 'gtts' does not speak Bambara (bm); voices that do: mms"


def test_no_usable_voice_is_a_result_that_says_why_and_what_to_run():
    result = speak_document(document("bm"))
    assert not result.has_audio and result.voice == "" and result.timings == {}
    assert result.reason == (
        "no Bambara (bm) voice: mms: the MMS Bambara (bm) voice (facebook/mms-tts-bam) is not "
        "on this machine: run `kuma models pull mms-tts-bam`"
    )


def test_voice_none_gives_no_audio():
    result = speak_document(document("fr"), voice="none")
    assert not result.has_audio
    assert result.reason == "no French (fr) voice: no audio was asked for (--voice none)"


@pytest.mark.parametrize(
    ("text", "limit", "pieces"),
    [
        ("court", 10, ["court"]),
        ("Un, deux. Trois quatre cinq", 12, ["Un, deux.", "Trois quatre", "cinq"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("قال، ثم قال", 8, ["قال،", "ثم قال"]),
    ],
)
def test_long_texts_are_cut_at_clauses(text, limit, pieces):
    assert split_long(text, limit) == pieces
    assert all(len(p) <= limit for p in split_long(text, limit))


def test_trim_removes_the_silence_a_voice_puts_around_a_clip():
    sound = np.concatenate([np.zeros(1000), np.full(500, 0.5), np.zeros(2000)]).astype(np.float32)
    trimmed = trim(Clip(sound, 10000))
    assert len(trimmed.samples) == 500 + 2 * 100  # 10 ms kept at each end
    assert trim(Clip(np.zeros(100, np.float32), 10000)).duration == 0


def test_assemble_lays_clips_with_their_pauses():
    one, two = np.ones(10, np.float32), np.full(20, 0.5, np.float32)
    programme = assemble([Placed("a", one, 0.5), Placed("b", two, 9.0)], 10,
                         Pauses(lead_in=0.2, tail=0.3))
    assert programme.timings == {"a": (0.2, 1.2), "b": (1.7, 3.7)}
    assert len(programme.samples) == 2 + 10 + 5 + 20 + 3


def test_place_chooses_the_pause_by_what_comes_next(french):
    pauses = Pauses()
    placed = {p.key: p.pause_after for p in place(french.clips, pauses)}
    assert placed == {"p1.s1": pauses.heading, "p2.s1": pauses.sentence,
                      "p2.s2": pauses.paragraph, "p3.s1": pauses.paragraph}


def test_an_online_voice_that_is_not_installed_falls_back_too(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr("pipeline.speech.gtts_voice.find_spec",
                        lambda name: None if name == "gtts" else real(name))
    result = speak_document(document("fr"), voice="gtts")
    assert result.voice == "espeak"
    assert result.notes == ["gtts: gTTS is not installed (pip install gTTS); spoken with espeak "
                            "instead"]


@pytest.mark.parametrize(
    ("lang", "source", "means", "line"),
    [
        ("fr", "en", "human", "Ce texte est une traduction de l'anglais, faite par un "
                              "traducteur, et il est lu par une voix de synthèse."),
        ("fr", "en", "machine", "Ce texte est une traduction automatique de l'anglais, et il "
                                "est lu par une voix de synthèse."),
        ("ar", "en", "machine", "هذا النص ترجمة آلية من الإنجليزية، ويقرؤه صوت اصطناعي."),
        ("en", "fr", "human", "This is a translation from French by a human translator, read "
                              "by a synthetic voice."),
        ("bm", "en", "human", None),  # no wording reviewed by a native speaker yet
        ("fr", "fr", "source", None),  # not a translation
    ],
)
def test_the_opening_line_says_it_is_a_translation_and_how(lang, source, means, line):
    assert opening_line(lang, source, means) == line


# -- easy-to-read delivery ------------------------------------------------------------


def words_per_minute(doc, result) -> float:
    """Words of the text per second of speech (pauses left out), as the captions show them."""
    texts = {s.id: s.text for s in doc.segments()}
    said = sum(len(texts[c.segment].split()) for c in result.clips)
    return said / sum(c.clip.duration for c in result.clips) * 60


def test_easy_delivery_is_slower_with_longer_pauses():
    from pipeline.speech import Delivery
    from pipeline.speech.pace import delivery_pauses

    doc = document("fr")
    news = speak_document(doc)
    easy_pauses = delivery_pauses(Pauses(), Delivery.EASY)
    easy = speak_document(doc, pauses=easy_pauses, delivery=Delivery.EASY)
    assert words_per_minute(doc, easy) < 0.95 * words_per_minute(doc, news)
    assert easy_pauses.sentence >= 2 * Pauses().sentence
    assert easy_pauses.paragraph > Pauses().paragraph and easy_pauses.heading > Pauses().heading
    gap = easy.timings["p2.s2"][0] - easy.timings["p2.s1"][1]
    assert easy_pauses.sentence - 1e-4 <= gap < easy_pauses.sentence + FRAME_ALIGN / easy.rate
    assert easy.settings["delivery"] == "easy" and news.settings["delivery"] == "news"
    assert easy.version != news.version  # the rate is part of what made the audio


def test_a_voice_that_cannot_slow_down_says_so():
    from pipeline.speech import Delivery, register_voice
    from pipeline.speech.base import unregister_voice

    class Steady:
        name, needs_network = "steady", False

        def languages(self):
            return {"fr"}

        def availability(self, lang):
            return None

        def version(self, lang):
            return "steady 1"

        def synthesize(self, text, lang):
            return Clip(np.full(1600, 0.2, np.float32), 16000)

    register_voice("steady", Steady)
    try:
        result = speak_document(document("fr"), voice="steady", delivery=Delivery.EASY)
    finally:
        unregister_voice("steady")
    assert result.notes == ["steady has no slower pace: easy-to-read version at its usual pace"]


def test_word_events_follow_the_clip_when_it_is_trimmed_and_joined():
    from pipeline.speech.synth import speak

    class Marked:
        """Half a second of silence, then a second of sound; two words reported."""

        name, needs_network, max_chars = "marked", False, 12

        def synthesize(self, text, lang):
            sound = np.concatenate([np.zeros(5000), np.full(10000, 0.3)]).astype(np.float32)
            return Clip(sound, 10000, ((0, 4, 0.5), (5, len(text), 1.0)))

    clip = trim(Marked().synthesize("abcd efgh", "fr"))  # 10 ms of the silence are kept
    assert [(a, b) for a, b, _ in clip.words] == [(0, 4), (5, 9)]
    assert [t for _, _, t in clip.words] == pytest.approx([0.01, 0.51])
    joined = speak(Marked(), "abcd efgh. ijkl mnop.", "fr")
    starts = [start for start, _, _ in joined.words]
    assert starts == [0, 5, 11, 16]
    times = [seconds for _, _, seconds in joined.words]
    assert times == sorted(times) and times[2] > 1.0
