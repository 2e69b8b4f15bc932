"""The example article, offline: French and Arabic MP3s on target (measured independently),
captions within subtitling limits for every segment, and a Bambara script that says why
there is no audio."""

from __future__ import annotations

from pathlib import Path

import pytest
import webvtt
from speech_checks import caption_faults, decoded, limits_for, loudness, segment_of, true_peak

from pipeline.glossary import load_glossary
from pipeline.ingest import read_document
from pipeline.speech import SpeechOptions, speech_outputs
from pipeline.xliff import read_translations

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "mali-article.txt"
TRANSLATIONS = ROOT / "examples" / "translations"

pytestmark = pytest.mark.usefixtures("no_network")


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


@pytest.fixture(scope="module")
def source(glossary):
    return read_document(ARTICLE, glossary)


def translated(source, lang):
    kit = read_translations((TRANSLATIONS / f"{lang}.xliff").read_bytes(), source)
    assert kit.complete
    return source.with_texts(lang, kit.texts, "human")


@pytest.fixture(scope="module", params=["fr", "ar"])
def spoken(request, source, glossary):
    doc = translated(source, request.param)
    return doc, speech_outputs(doc, glossary, SpeechOptions(), source_lang="en", means="human")


def test_the_mp3_is_at_broadcast_loudness_with_its_true_peak_under_the_ceiling(spoken):
    _, outputs = spoken
    audio, rate = decoded(outputs.files["article.mp3"])
    assert loudness(audio, rate) == pytest.approx(-23.0, abs=0.5)
    assert true_peak(audio) <= -1.0
    assert len(audio) / rate > 120  # the whole article, minutes of it


def test_the_captions_parse_within_the_limits_for_every_segment(spoken):
    doc, outputs = spoken
    captions = webvtt.from_string(outputs.files["article.vtt"])
    assert caption_faults(captions, limits_for(doc.lang)) == []
    assert list(dict.fromkeys(segment_of(c.identifier) for c in captions)) == [
        s.id for s in doc.segments()
    ]
    srt_cues = outputs.files["article.srt"].strip().split("\n\n")
    assert len(srt_cues) == len(captions)


def test_the_manifest_entry_records_voice_settings_and_measures(spoken):
    doc, outputs = spoken
    entry = outputs.manifest
    assert entry["status"] == "produced" and entry["voice"] == "espeak"
    assert entry["voice_version"].startswith("espeak-ng 1.52")
    assert entry["settings"]["loudness_target_lufs"] == -23.0
    assert entry["loudness_lufs"] == pytest.approx(-23.0, abs=0.2)
    assert entry["true_peak_dbtp"] <= -1.0
    assert entry["duration_s"] > 120
    assert entry["cues"] == len(webvtt.from_string(outputs.files["article.vtt"]))
    assert 150 <= entry["pace"]["words_per_minute"] <= 170 or doc.lang == "ar"
    # The read-aloud script is a publication: the publish stage writes it.
    assert set(outputs.files) == {"article.mp3", "article.vtt", "article.srt"}


def test_bambara_says_why_there_is_no_audio(source, glossary):
    doc = translated(source, "bm")
    outputs = speech_outputs(doc, glossary, SpeechOptions(), source_lang="en", means="human")
    assert outputs.files == {}
    reason = ("no Bambara (bm) voice: mms: the MMS Bambara (bm) voice (facebook/mms-tts-bam) is "
              "not on this machine: run `kuma models pull mms-tts-bam`")
    assert outputs.manifest["status"] == "none" and outputs.manifest["reason"] == reason
    assert outputs.summary == f"no audio: {reason}"


def test_caption_times_are_those_heard_in_the_mp3(spoken):
    doc, outputs = spoken
    delay = outputs.mastered.delay_s
    assert 0 < delay < 0.1
    first = next(iter(outputs.speech.timings.values()))
    assert outputs.heard_timings[next(iter(outputs.speech.timings))] == (first[0] + delay,
                                                                         first[1] + delay)
    cue = webvtt.from_string(outputs.files["article.vtt"])[0]
    assert cue.start == f"00:00:{first[0] + delay:06.3f}"
