"""The example package as a radio station and a caption user receive it (`kuma run --format
broadcast`): every caption file within subtitling limits, easy-to-read versions spoken
slower, distinct titles and truthful provenance in every MP3, Broadcast Wave files that
declare the loudness they measure.  Everything is read back from the files written."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import webvtt
from click.testing import CliRunner
from speech_checks import caption_faults, decoded, limits_for, loudness, true_peak, words

from pipeline.cli import cli

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "mali-article.txt"
TRANSLATIONS = ROOT / "examples" / "translations"
SPOKEN = {"en": "source", "fr": "fr", "ar": "ar"}
"""Languages with a voice here, and their folders."""
PACE = {
    ("en", "article"): (150, 170), ("fr", "article"): (150, 170), ("ar", "article"): (84, 96),
    ("en", "easy"): (140, 150), ("fr", "easy"): (140, 150), ("ar", "easy"): (76, 88),
}
"""Words a minute each version should measure.  Arabic writes articles, prepositions and
conjunctions onto the word: the same speed of speech is fewer, longer words (its ranges are
set at the English syllable rate, see ``pipeline.speech.pace``)."""
PAUSE_S = 0.3
"""Silence at least this long is a pause between sentences, not speech."""

pytestmark = pytest.mark.usefixtures("no_network")


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    out = tmp_path_factory.mktemp("radio")
    result = CliRunner().invoke(cli, [
        "run", str(ARTICLE), "--lang", "fr,ar,bm", "--translations", str(TRANSLATIONS),
        "--out", str(out), "--format", "broadcast", "--quiet",
    ], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out / "mali-article"


FILES = [(lang, stem) for lang in SPOKEN for stem in ("article", "easy")]


@pytest.mark.parametrize(("lang", "stem"), FILES)
def test_every_caption_file_is_within_the_subtitling_limits(package, lang, stem):
    folder = package / SPOKEN[lang]
    limits = limits_for(lang, easy=stem == "easy")
    vtt = webvtt.read(str(folder / f"{stem}.vtt"))
    srt = webvtt.from_srt(str(folder / f"{stem}.srt"))
    assert caption_faults(vtt, limits) == []
    assert caption_faults(srt, limits) == []
    assert [c.text for c in vtt] == [c.text for c in srt]
    starts = [(c.start_in_seconds, c.end_in_seconds) for c in vtt]
    assert all(a[1] <= b[0] for a, b in zip(starts, starts[1:], strict=False))


def speech_seconds(samples: np.ndarray, rate: int) -> float:
    """Seconds of speech in ``samples``: all but the silences of ``PAUSE_S`` or more (10 ms
    frames under -50 dBFS), as a producer timing the reading would count."""
    frame = rate // 100
    frames = samples[: len(samples) // frame * frame].reshape(-1, frame)
    quiet = np.sqrt(np.mean(frames**2, axis=1)) < 10 ** (-50 / 20)
    pauses, run = 0, 0
    for silent in [*quiet, False]:
        if silent:
            run += 1
            continue
        pauses += run if run * 0.01 >= PAUSE_S else 0
        run = 0
    return (len(frames) - pauses) * 0.01


@pytest.mark.parametrize(("lang", "stem"), FILES)
def test_each_version_is_spoken_at_its_pace(package, lang, stem):
    folder = package / SPOKEN[lang]
    said = sum(words(c.text) for c in webvtt.read(str(folder / f"{stem}.vtt")))
    samples, rate = decoded((folder / f"{stem}.mp3").read_bytes())
    pace = said / speech_seconds(samples, rate) * 60
    low, high = PACE[(lang, stem)]
    assert low <= pace <= high, f"{lang} {stem}: {pace:.1f} words a minute"


@pytest.mark.parametrize("lang", list(SPOKEN))
def test_the_easy_version_pauses_longer_between_sentences(package, lang):
    """The pauses the easy version was laid out with are longer, and the recording shows
    it: its sentence pauses (the silences of 0.6 to 1 s, where only easy sentences fall)
    outnumber the article's in proportion to its sentences."""
    import json

    manifest = json.loads((package / "manifest.json").read_text())
    entry = manifest["source"] if lang == "en" else manifest["languages"][lang]
    article = entry["audio"]["settings"]["pauses"]
    easy = entry["easy_audio"]["settings"]["pauses"]
    assert easy["sentence"] >= article["sentence"] + 0.3
    assert easy["paragraph"] >= article["paragraph"] + 0.3

    def sentence_pauses(stem: str) -> int:
        samples, rate = decoded((package / SPOKEN[lang] / f"{stem}.mp3").read_bytes())
        return sum(1 for pause in silences(samples, rate) if 0.6 <= pause < 1.0)

    assert sentence_pauses("easy") > sentence_pauses("article")


def silences(samples: np.ndarray, rate: int) -> list[float]:
    """Lengths in seconds of the silences of ``PAUSE_S`` or more (10 ms frames under -50
    dBFS), the lead-in and tail aside."""
    frame = rate // 100
    frames = samples[: len(samples) // frame * frame].reshape(-1, frame)
    quiet = np.sqrt(np.mean(frames**2, axis=1)) < 10 ** (-50 / 20)
    found, run, started = [], 0, False
    for silent in quiet:
        if silent:
            run += 1
            continue
        if started and run * 0.01 >= PAUSE_S:
            found.append(run * 0.01)
        run, started = 0, True
    return found


TAGS = {
    ("en", "article"): ("Mali Jihadist Leader in Secret Talks With Northern Groups",
                        "original text (English)"),
    ("en", "easy"): ("Mali Jihadist Leader in Secret Talks With Northern Groups "
                     "(easy-to-read version)",
                     "easy-to-read version of the original text (English), made automatically, "
                     "not yet checked by readers"),
    ("fr", "article"): ("Mali\u00a0: un chef jihadiste en pourparlers secrets avec des groupes "
                        "du Nord", "translated by a person from English into French, not "
                        "reviewed by a person"),
    ("fr", "easy"): ("Mali\u00a0: un chef jihadiste en pourparlers secrets avec des groupes "
                     "du Nord (version facile à lire)",
                     "easy-to-read version, made automatically, of a translation by a person "
                     "from English into French, not reviewed by a person, not yet checked by "
                     "readers"),
    ("ar", "article"): ("زعيم جهادي في مالي يجري محادثات سرية مع جماعات في الشمال",
                        "translated by a person from English into Arabic, not reviewed by a "
                        "person"),
    ("ar", "easy"): ("زعيم جهادي في مالي يجري محادثات سرية مع جماعات في الشمال "
                     "(نسخة سهلة القراءة)",
                     "easy-to-read version, made automatically, of a translation by a person "
                     "from English into Arabic, not reviewed by a person, not yet checked by "
                     "readers"),
}


@pytest.mark.parametrize(("lang", "stem"), FILES)
def test_every_mp3_has_its_own_title_and_says_truthfully_how_its_text_was_made(package, lang,
                                                                               stem):
    from mutagen.mp3 import MP3

    mp3 = MP3(io.BytesIO((package / SPOKEN[lang] / f"{stem}.mp3").read_bytes()))
    title, made = TAGS[(lang, stem)]
    assert str(mp3.tags["TIT2"]) == title
    comment = str(next(frame for key, frame in mp3.tags.items() if key.startswith("COMM")))
    assert comment.startswith(f"Made by Kuma 0.1.0: {made}, spoken by espeak-ng")
    assert "machine" not in comment


@pytest.mark.parametrize(("lang", "stem"), FILES)
def test_broadcast_files_are_48_khz_24_bit_wave_and_44_1_khz_128_kbps_mp3(package, lang, stem):
    import soundfile
    from mutagen.mp3 import MP3

    folder = package / SPOKEN[lang]
    info = soundfile.info(str(folder / f"{stem}.wav"))
    assert (info.samplerate, info.subtype, info.channels) == (48000, "PCM_24", 1)
    mp3 = MP3(str(folder / f"{stem}.mp3"))
    assert (mp3.info.sample_rate, mp3.info.bitrate) == (44100, 128000)


@pytest.mark.parametrize(("lang", "stem"), FILES)
def test_the_bext_chunk_declares_the_loudness_the_wave_measures(package, lang, stem):
    import wavinfo

    path = package / SPOKEN[lang] / f"{stem}.wav"
    declared = wavinfo.WavInfoReader(str(path)).bext
    samples, rate = decoded(path.read_bytes())
    assert declared.version == 2 and declared.originator == "Kuma"
    assert declared.loudness_value == pytest.approx(loudness(samples, rate), abs=0.01)
    assert declared.loudness_value == pytest.approx(-23.0, abs=0.2)
    assert declared.max_true_peak == pytest.approx(true_peak(samples), abs=0.1)
    assert declared.max_true_peak <= -1.0
    assert 0 < declared.loudness_range < 15
    assert declared.max_momentary_loudness > declared.max_shortterm_loudness > -23.0
    assert declared.description.isascii()
