"""Mastering: loudness on target and true peak under the ceiling, measured independently on
the MP3 as a player decodes it; tags, WAV, the limiter, and bad settings."""

from __future__ import annotations

import io

import numpy as np
import pytest
from speech_checks import decoded, document, loudness, tone, true_peak

from pipeline.speech import MasterSettings, SpeechError, Tags, master_audio, speak_document
from pipeline.speech.encode import mp3_codec
from pipeline.speech.loudness import integrated_loudness, limit, meet_targets
from pipeline.speech.loudness import true_peak as measured_peak
from pipeline.speech.master import output_rate, parse_loudness

TAGS = Tags(title="Le chef du GSIM", lang="fr", source="mali-article.txt",
            comment="Made by Kuma: translated by a person, spoken by espeak-ng")


@pytest.fixture(scope="module")
def speech():
    result = speak_document(document("fr"))
    return result.samples, result.rate


@pytest.mark.parametrize("target", [-23.0, -16.0, -31.0])
def test_the_mp3_meets_the_loudness_target_and_the_true_peak_ceiling(speech, target):
    samples, rate = speech
    mastered = master_audio(samples, rate, MasterSettings(loudness=target), TAGS)
    audio, decoded_rate = decoded(mastered.mp3)
    assert decoded_rate == rate == mastered.sample_rate
    assert loudness(audio, decoded_rate) == pytest.approx(target, abs=0.5)
    assert true_peak(audio) <= -1.0
    # and the figures it reports are those of the file
    assert mastered.loudness_lufs == pytest.approx(loudness(audio, decoded_rate), abs=0.05)
    assert mastered.true_peak_dbtp == pytest.approx(true_peak(audio), abs=0.1)
    assert mastered.note == ""


def test_a_44100_hz_mp3_on_target_too(speech):
    samples, rate = speech
    mastered = master_audio(samples, rate, MasterSettings(sample_rate=44100), TAGS)
    audio, decoded_rate = decoded(mastered.mp3)
    assert decoded_rate == 44100
    assert loudness(audio, decoded_rate) == pytest.approx(-23.0, abs=0.5)
    assert true_peak(audio) <= -1.0
    assert mastered.duration_s == pytest.approx(len(samples) / rate, abs=0.01)


def test_a_target_too_loud_for_the_speech_is_approached_and_said(speech):
    samples, rate = speech
    mastered = master_audio(samples, rate, MasterSettings(loudness=-10.0), TAGS)
    audio, decoded_rate = decoded(mastered.mp3)
    assert true_peak(audio) <= -1.0
    assert loudness(audio, decoded_rate) > -16.0
    assert mastered.note.startswith(f"loudness {mastered.loudness_lufs:.1f} LUFS, not -10:")


def test_the_mp3_is_mono_at_the_bitrate_with_its_tags(speech):
    from mutagen.mp3 import MP3

    mastered = master_audio(*speech, MasterSettings(bitrate_kbps=96), TAGS)
    mp3 = MP3(io.BytesIO(mastered.mp3))
    assert mp3.info.channels == 1 and mp3.info.bitrate == 96000
    tags = mp3.tags
    assert str(tags["TIT2"]) == "Le chef du GSIM"
    assert str(tags["TLAN"]) == "fra"
    assert str(tags["TXXX:source"]) == "mali-article.txt"
    assert str(tags["COMM::fra"]) == TAGS.comment


def test_the_wav_for_studios_is_24_bit_and_on_target(speech):
    import soundfile

    mastered = master_audio(*speech, MasterSettings(wav=True), TAGS)
    info = soundfile.info(io.BytesIO(mastered.wav))
    assert info.subtype == "PCM_24" and info.channels == 1
    audio, rate = decoded(mastered.wav)
    assert loudness(audio, rate) == pytest.approx(-23.0, abs=0.5)
    assert true_peak(audio) <= -1.0
    assert master_audio(*speech, MasterSettings(), TAGS).wav is None


def test_the_same_audio_masters_to_the_same_bytes(speech):
    first = master_audio(*speech, MasterSettings(), TAGS).mp3
    assert master_audio(*speech, MasterSettings(), TAGS).mp3 == first


def test_the_limiter_brings_true_peaks_under_the_ceiling():
    # a 6 kHz tone sampled at 22,050 Hz has peaks between its samples
    loud = tone(22050, 1.0, 1.2, 6000.0)
    limited = limit(loud, 22050, -3.0)
    assert measured_peak(limited) <= -3.0 + 0.05
    assert true_peak(limited.astype(np.float64)) <= -3.0 + 0.05
    quiet = tone(22050, 1.0, 0.1)
    assert limit(quiet, 22050, -3.0) is quiet


def test_meeting_targets_on_a_tone():
    shaped, reached = meet_targets(tone(22050, 3.0, 0.05, 1000.0), 22050, -16.0, -1.5)
    assert reached == pytest.approx(-16.0, abs=0.05)
    assert integrated_loudness(shaped, 22050) == pytest.approx(-16.0, abs=0.05)
    assert measured_peak(shaped) <= -1.5 + 1e-6


def test_silence_stays_silent():
    silent = np.zeros(22050, np.float32)
    shaped, reached = meet_targets(silent, 22050, -23.0, -1.5)
    assert reached == -70.0 and not shaped.any()


def test_the_codec_is_measured_once_per_rate():
    codec = mp3_codec(22050, 64)
    assert -1.0 < codec.gain_db < 0.0  # LAME scales its input down a little
    assert codec.delay_s == pytest.approx(1105 / 22050, abs=1e-3)  # LAME + decoder delay


@pytest.mark.parametrize(
    ("value", "target"),
    [("broadcast", -23.0), ("podcast", -16.0), ("PODCAST", -16.0), ("-18", -18.0),
     ("-18.5 LUFS", -18.5), (-31, -31.0), ("-10", -10.0)],
)
def test_loudness_targets(value, target):
    assert parse_loudness(value) == target


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-40", "loudness target -40 LUFS is outside -31 to -10 LUFS (broadcast is -23, "
                "podcast -16)"),
        ("-9", "loudness target -9 LUFS is outside -31 to -10 LUFS (broadcast is -23, "
               "podcast -16)"),
        ("0", "loudness target 0 LUFS is outside -31 to -10 LUFS (broadcast is -23, "
              "podcast -16)"),
        ("nan", "loudness target nan LUFS is outside -31 to -10 LUFS (broadcast is -23, "
                "podcast -16)"),
        ("loud", "loudness 'loud' is not broadcast, podcast or a number of LUFS"),
    ],
)
def test_loudness_targets_out_of_range_are_refused(value, message):
    with pytest.raises(SpeechError) as error:
        parse_loudness(value)
    assert str(error.value) == message
    with pytest.raises(SpeechError):
        MasterSettings(loudness=float(value) if value != "loud" else -99.0)


def test_bad_mp3_settings_are_refused():
    with pytest.raises(SpeechError, match="MP3 bitrate 63 kb/s is not one of 32, 40"):
        MasterSettings(bitrate_kbps=63)
    with pytest.raises(SpeechError, match="an MP3 cannot be 44000 Hz"):
        output_rate(22050, 44000)
    assert output_rate(22050, None) == 22050 and output_rate(22000, None) == 22050


def test_there_must_be_audio_to_master():
    with pytest.raises(SpeechError, match="there is no audio to master"):
        master_audio(np.zeros(0, np.float32), 22050, MasterSettings(), TAGS)


@pytest.mark.parametrize(
    ("means", "easy", "said"),
    [
        ("source", False, "original text (English)"),
        ("human", False, "translated by a person from English into French"),
        ("machine", False, "machine-translated from English into French"),
        ("source", True, "easy-to-read version of the original text (English), made "
                         "automatically"),
        ("human", True, "easy-to-read version, made automatically, of a translation by a "
                        "person from English into French"),
        ("machine", True, "easy-to-read version, made automatically, of a machine translation "
                          "from English into French"),
    ],
)
def test_tags_say_truthfully_how_the_text_was_made(means, easy, said):
    from pipeline.speech.provenance import Provenance

    lang = "en" if means == "source" else "fr"
    assert Provenance(means, "en").describe(lang, easy=easy) == said


def test_recordings_mastered_at_once_follow_kuma_threads(monkeypatch):
    """Two at once by default (two cores); a batch worker sets KUMA_THREADS=1, since
    its parallelism comes from the workers."""
    from pipeline.speech.outputs import MASTERING_THREADS, mastering_threads

    monkeypatch.delenv("KUMA_THREADS", raising=False)
    assert mastering_threads() == MASTERING_THREADS == 2
    for value, threads in (("1", 1), ("4", 4), ("0", 2), ("many", 2), ("", 2)):
        monkeypatch.setenv("KUMA_THREADS", value)
        assert mastering_threads() == threads


def test_a_batch_worker_works_on_one_thread_and_gives_memory_back(monkeypatch):
    import os

    from pipeline.batch.work import limit_threads, release_memory, resident_mb

    for name in ("OMP_NUM_THREADS", "KUMA_THREADS"):
        monkeypatch.setenv(name, "8")  # restored after the test
    limit_threads()
    assert os.environ["KUMA_THREADS"] == os.environ["OMP_NUM_THREADS"] == "1"
    release_memory()  # what earlier tests freed would otherwise be reused, not grown
    before = resident_mb()
    pieces = [bytes(1000 + n % 7) for n in range(200_000)]  # 200 MB from malloc's heap
    kept = pieces[::1000]  # a few stay, as a document's leftovers would
    del pieces
    assert resident_mb() > before + 150  # freed, but glibc keeps the pages
    release_memory()
    assert resident_mb() < before + 50 and len(kept) == 200
