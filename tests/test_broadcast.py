"""Radio delivery: Broadcast Wave files whose ``bext`` chunk (EBU Tech 3285 v2) declares the
loudness they measure, an R 128 meter checked against reference signals and libebur128, and
the broadcast MP3 (44.1 kHz, 128 kb/s)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import numpy as np
import pytest
from speech_checks import decoded, document, loudness, true_peak

from pipeline.speech import MasterSettings, SpeechError, Tags, master_audio, speak_document
from pipeline.speech.bwf import BroadcastInfo, bext, broadcast_wave, origination_time
from pipeline.speech.formats import master_settings
from pipeline.speech.meter import LoudnessReport, k_weighted, loudness_range, measure

TAGS = Tags(title="Le chef du GSIM en pourparlers secrets", lang="fr", source="fr.txt",
            comment="Made by Kuma: translated by a person from English into French",
            created=datetime(2026, 11, 27, 14, 5, 9, tzinfo=UTC))


def sine(level_dbfs: float, seconds: float, rate: int = 48000, hz: float = 1000.0) -> np.ndarray:
    """A sine wave whose peak is ``level_dbfs``."""
    time = np.arange(int(seconds * rate)) / rate
    return (10 ** (level_dbfs / 20) * np.sin(2 * np.pi * hz * time)).astype(np.float64)


def read_bext(data: bytes):
    """The ``bext`` chunk as wavinfo, an independent reader, finds it."""
    import wavinfo

    path = io.BytesIO(data)
    path.name = "audio.wav"
    return wavinfo.WavInfoReader(path).bext


@pytest.fixture(scope="module")
def speech():
    result = speak_document(document("fr"))
    return result.samples, result.rate


@pytest.fixture(scope="module")
def broadcast(speech):
    return master_audio(*speech, master_settings("broadcast"), TAGS)


# -- the meter ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        # EBU Tech 3342's test signals: 20 s of each level in turn, and the range they make
        ((-20, -30), 10.0),
        ((-20, -15), 5.0),
        ((-40, -20), 20.0),
        ((-50, -35, -20, -35, -50), 15.0),
    ],
)
def test_loudness_range_of_the_tech_3342_signals(levels, expected):
    signal = np.concatenate([sine(level, 20.0) for level in levels])
    assert loudness_range(k_weighted(signal, 48000), 48000) == pytest.approx(expected, abs=0.1)


@pytest.mark.parametrize("rate", [48000, 44100, 22050])
def test_the_meter_reads_a_sine_burst_as_r128_defines_it(rate):
    # 1 kHz at -20 dBFS reads -23 LUFS in one channel; a second at -10 dBFS lifts the
    # momentary maximum to -13 LUFS and a 3 s window holding it to -17 LUFS
    signal = np.concatenate([sine(-20, 5, rate), sine(-10, 1, rate), sine(-20, 5, rate)])
    report = measure(signal, rate)
    assert report.max_momentary == pytest.approx(-13.0, abs=0.1)
    assert report.max_short_term == pytest.approx(-17.0, abs=0.1)
    assert report.true_peak == pytest.approx(-10.0, abs=0.1)
    assert report.integrated == pytest.approx(loudness(signal, rate), abs=1e-6)


def test_the_meter_agrees_with_libebur128_on_speech(speech):
    import pyebur128

    samples, rate = speech
    mode = (pyebur128.MeasurementMode.MODE_I | pyebur128.MeasurementMode.MODE_LRA
            | pyebur128.MeasurementMode.MODE_M | pyebur128.MeasurementMode.MODE_S)
    state = pyebur128.R128State(1, rate, mode)
    step = rate // 100
    momentary, short = [], []
    for start in range(0, len(samples), step):
        frames = samples[start : start + step].astype(np.float64)
        state.add_frames(frames, len(frames))
        if start + step >= 0.4 * rate:
            momentary.append(pyebur128.get_loudness_momentary(state))
        if start + step >= 3 * rate:
            short.append(pyebur128.get_loudness_shortterm(state))
    report = measure(samples, rate)
    assert report.range == pytest.approx(pyebur128.get_loudness_range(state), abs=0.5)
    assert report.max_momentary == pytest.approx(max(momentary), abs=0.2)
    assert report.max_short_term == pytest.approx(max(short), abs=0.2)


def test_silence_has_no_range():
    report = measure(np.zeros(48000 * 4), 48000)
    assert report.range == 0.0 and report.integrated == -70.0 and report.max_momentary == -70.0


# -- the bext chunk -------------------------------------------------------------------


def test_the_bext_chunk_is_laid_out_as_tech_3285_version_2_says():
    figures = LoudnessReport(-23.0, 4.56, -1.23, -15.67, -19.5)
    info = BroadcastInfo("A title. How it was made", figures, TAGS.created, "A=PCM,F=48000")
    chunk = bext(info, "KUMA0123")
    assert len(chunk) == 602 + len("A=PCM,F=48000\r\n")
    wav = broadcast_wave(sine(-20, 0.5), 48000, info)
    assert wav[12:16] == b"bext" and wav[8:12] == b"WAVE"  # bext first, before fmt
    found = read_bext(wav)
    assert found.version == 2 and found.umid == bytes(64) and found.time_reference == 0
    assert (found.description, found.originator) == ("A title. How it was made", "Kuma")
    assert (found.originator_date, found.originator_time) == ("2026-11-27", "14:05:09")
    assert found.originator_ref.startswith("KUMA") and len(found.originator_ref) == 32
    assert found.coding_history == "A=PCM,F=48000\r\n"
    assert (found.loudness_value, found.loudness_range, found.max_true_peak,
            found.max_momentary_loudness, found.max_shortterm_loudness) == (
        -23.0, 4.56, -1.23, -15.67, -19.5)


def test_bext_text_is_ascii_even_for_an_arabic_title():
    info = BroadcastInfo("زعيم جهادي في مالي", LoudnessReport(-23, 1, -2, -20, -21),
                         TAGS.created, "T=Kuma")
    description = read_bext(broadcast_wave(sine(-20, 0.5), 48000, info)).description
    assert description.isascii() and description.strip()


def test_the_origination_time_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764252309")
    assert origination_time() == datetime(2025, 11, 27, 14, 5, 9, tzinfo=UTC)


# -- the broadcast format -------------------------------------------------------------


def test_the_broadcast_wav_is_48_khz_24_bit_and_declares_its_measured_loudness(broadcast):
    import soundfile

    info = soundfile.info(io.BytesIO(broadcast.wav))
    assert (info.samplerate, info.subtype, info.channels) == (48000, "PCM_24", 1)
    audio, rate = decoded(broadcast.wav)
    found = read_bext(broadcast.wav)
    assert found.loudness_value == pytest.approx(loudness(audio, rate), abs=0.01)
    assert found.loudness_value == pytest.approx(-23.0, abs=0.2)
    assert found.max_true_peak == pytest.approx(true_peak(audio), abs=0.1)
    assert found.max_true_peak <= -1.0
    assert found.loudness_range == pytest.approx(measure(audio, rate).range, abs=0.01)
    assert found.max_momentary_loudness > found.max_shortterm_loudness > found.loudness_value
    assert found.description.startswith("Le chef du GSIM en pourparlers secrets. Made by Kuma")
    assert found.coding_history.startswith("A=PCM,F=48000,W=24,M=mono,T=Kuma ")


def test_the_broadcast_mp3_is_44_1_khz_128_kbps_on_target(broadcast):
    from mutagen.mp3 import MP3

    mp3 = MP3(io.BytesIO(broadcast.mp3))
    assert (mp3.info.sample_rate, mp3.info.bitrate, mp3.info.channels) == (44100, 128000, 1)
    audio, rate = decoded(broadcast.mp3)
    assert loudness(audio, rate) == pytest.approx(-23.0, abs=0.5)
    assert true_peak(audio) <= -1.0
    assert broadcast.to_dict()["wav"]["sample_rate"] == 48000


def test_a_compact_wav_is_broadcast_wave_too(speech):
    mastered = master_audio(*speech, MasterSettings(wav=True), TAGS)
    assert mastered.wav_rate == 22050 and read_bext(mastered.wav).version == 2
    assert master_audio(*speech, MasterSettings(), TAGS).wav is None


def test_formats_are_named():
    assert master_settings("compact").sample_rate is None
    assert master_settings("compact", wav=True).wav
    settings = master_settings("broadcast", -16.0)
    assert (settings.sample_rate, settings.bitrate_kbps, settings.wav_rate) == (44100, 128, 48000)
    assert settings.loudness == -16.0
    with pytest.raises(SpeechError, match="unknown audio format 'studio'"):
        master_settings("studio")
