"""``kuma speak``: a text file to an MP3, and every bad input refused with one clear line."""

from __future__ import annotations

import json
import re
import shutil

import click
import pytest
from click.testing import CliRunner
from speech_checks import decoded, loudness, true_peak
from tiny_voice import make_voice

from pipeline.cli import KumaGroup, cli
from pipeline.commands.speak import speak

FRENCH = """Le chef du GSIM en pourparlers secrets

Le 25 juin 2016, Iyad Ag Ghaly a rencontré des groupes armés. Plus de 158 000 personnes ont fui.
"""


def kuma(*args: str):
    """``kuma`` with ``speak`` in it (registered here until the command group lists it)."""
    group = cli
    if "speak" not in cli.commands:
        @click.group(cls=KumaGroup)
        def group() -> None:
            """kuma"""

        group.add_command(speak)
    return CliRunner().invoke(group, ["speak", *args])


@pytest.fixture(scope="module")
def tiny_bambara(tmp_path_factory):
    return make_voice(tmp_path_factory.mktemp("voice") / "tiny-mms-bam")


@pytest.fixture
def french(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(FRENCH, encoding="utf-8")
    return path


def test_speak_writes_an_mp3_at_broadcast_loudness(french, tmp_path):
    out = tmp_path / "article.mp3"
    result = kuma(str(french), "--source-lang", "fr", "-o", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{out}: audio 0:")
    assert re.search(r"by espeak, -2[23]\.\d LUFS, -\d+\.\d dBTP$", result.output.strip())
    audio, rate = decoded(out.read_bytes())
    assert loudness(audio, rate) == pytest.approx(-23.0, abs=0.5)
    assert true_peak(audio) <= -1.0


def test_speak_podcast_loudness_wav_captions_and_json(french, tmp_path):
    out = tmp_path / "pod.mp3"
    result = kuma(str(french), "--source-lang", "fr", "-o", str(out), "--loudness", "podcast",
                  "--wav", "--captions", "--json", "--quiet")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["written"] == [str(out), str(out.with_suffix(".wav")),
                                 str(out.with_suffix(".vtt")), str(out.with_suffix(".srt"))]
    assert report["audio"]["settings"]["loudness_target_lufs"] == -16.0
    audio, rate = decoded(out.read_bytes())
    assert loudness(audio, rate) == pytest.approx(-16.0, abs=0.5)
    assert out.with_suffix(".vtt").read_text(encoding="utf-8").startswith("WEBVTT")


def test_speak_for_a_radio_station_writes_broadcast_files(french, tmp_path):
    import soundfile
    import wavinfo
    from mutagen.mp3 import MP3

    out = tmp_path / "radio.mp3"
    result = kuma(str(french), "--source-lang", "fr", "-o", str(out), "--format", "broadcast",
                  "--json", "--quiet")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["written"] == [str(out), str(out.with_suffix(".wav"))]
    assert (MP3(str(out)).info.sample_rate, MP3(str(out)).info.bitrate) == (44100, 128000)
    wav = out.with_suffix(".wav")
    assert soundfile.info(str(wav)).samplerate == 48000
    declared = wavinfo.WavInfoReader(str(wav)).bext
    audio, rate = decoded(wav.read_bytes())
    assert declared.loudness_value == pytest.approx(loudness(audio, rate), abs=0.01)
    assert report["audio"]["wav"]["loudness_lufs"] == declared.loudness_value


def test_speak_bambara_with_a_tiny_mms_voice(tmp_path, tiny_bambara):
    model = tiny_bambara
    text = tmp_path / "bm.txt"
    text.write_text("Iyad Ag Ghaly ye GSIM ɲɛminɛ. Mɔgɔ 158000 bɔra.", encoding="utf-8")
    out = tmp_path / "bm.mp3"
    result = kuma(str(text), "--source-lang", "bm", "--voice", "mms", "--mms-model", str(model),
                  "-o", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    assert "by mms" in result.output
    assert decoded(out.read_bytes())[1] == 16000


def test_speak_finds_a_pulled_mms_voice_with_auto(tmp_path, private_home, tiny_bambara):
    shutil.copytree(tiny_bambara, private_home / "models" / "mms-tts-bam")
    text = tmp_path / "bm.txt"
    text.write_text("I ni ce.", encoding="utf-8")
    result = kuma(str(text), "--source-lang", "bm", "-o", str(tmp_path / "bm.mp3"), "--quiet")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("", [], "Error: empty.txt is empty"),
        ("!!! ... ?!", [], "Error: nothing to speak in 'empty.txt': the text has no words, "
                           "only punctuation or symbols"),
        ("🙂 🎉 🙂", [], "Error: nothing to speak in 'empty.txt': the text has no words, "
                        "only punctuation or symbols"),
        ("Bonjour.", ["--loudness", "-40"], "Error: loudness target -40 LUFS is outside -31 "
                                            "to -10 LUFS (broadcast is -23, podcast -16)"),
        ("Bonjour.", ["--loudness", "-5"], "Error: loudness target -5 LUFS is outside -31 "
                                           "to -10 LUFS (broadcast is -23, podcast -16)"),
        ("Bonjour.", ["--loudness", "loud"], "Error: loudness 'loud' is not broadcast, "
                                             "podcast or a number of LUFS"),
        ("Bonjour.", ["--voice", "piper"], "Error: unknown voice 'piper' (known: auto, "
                                           "espeak, gtts, mms, none)"),
        ("I ni ce.", ["--source-lang", "bm", "--voice", "espeak"],
         "Error: voice 'espeak' does not speak Bambara (bm); voices that do: mms"),
        ("I ni ce.", ["--source-lang", "bm"],
         "Error: no Bambara (bm) voice: mms: the MMS Bambara (bm) "
                                       "voice (facebook/mms-tts-bam) is not on this machine: "
                                       "run `kuma models pull mms-tts-bam`"),
        ("Bonjour.", ["--voice", "none"], "Error: no French (fr) voice: no audio was asked "
                                          "for (--voice none)"),
        ("Bonjour.", ["--source-lang", "xx"],
         "Error: unknown language code 'xx' (known: en, fr, ar, "
                                       "bm, dyu)"),
    ],
)
def test_bad_input_is_refused_with_one_line(tmp_path, content, args, message):
    path = tmp_path / "empty.txt"
    path.write_text(content, encoding="utf-8")
    lang = [] if "--source-lang" in args else ["--source-lang", "fr"]
    result = kuma(str(path), *lang, *args, "-o", str(tmp_path / "out.mp3"), "--quiet")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == message
    assert not (tmp_path / "out.mp3").exists()


def test_an_output_folder_that_does_not_exist_is_refused(french, tmp_path):
    out = tmp_path / "missing" / "out.mp3"
    result = kuma(str(french), "--source-lang", "fr", "-o", str(out))
    assert result.exit_code == 1
    assert result.output == f"Error: cannot write {out}: the folder {out.parent} does not exist\n"


def test_gtts_without_network_falls_back_and_says_so(french, tmp_path, monkeypatch):
    import socket

    def unreachable(*args: object, **kwargs: object):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unreachable)
    monkeypatch.setattr("pipeline.speech.gtts_voice.time.sleep", lambda seconds: None)
    out = tmp_path / "online.mp3"
    result = kuma(str(french), "--source-lang", "fr", "--voice", "gtts", "-o", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    assert "by espeak" in result.output
    assert "gtts failed (gTTS failed after 4 tries: Failed to connect" in result.output
    assert result.output.strip().endswith("spoken with espeak instead")


def test_speak_has_help():
    result = kuma("--help")
    assert result.exit_code == 0
    assert "Speak a text file" in result.output and "--loudness" in result.output
    assert "--format [compact|broadcast]" in result.output
