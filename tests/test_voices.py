"""Each voice: espeak-ng in-process, gTTS with its HTTP layer simulated, MMS on a tiny VITS;
the registry, and how ``auto`` chooses."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import socket
from pathlib import Path

import numpy as np
import pytest
import requests
from speech_checks import BAMBARA, document, tone
from tiny_voice import make_voice

from pipeline.speech import (
    SpeechError,
    VoiceFailure,
    choose_voice,
    get_voice,
    register_voice,
    speak_document,
    voice_names,
    voices_for,
)
from pipeline.speech.base import Clip, unregister_voice
from pipeline.speech.encode import Tags, encode_mp3
from pipeline.speech.espeak import EspeakVoice
from pipeline.speech.gtts_voice import GttsVoice
from pipeline.speech.mms import MmsVoice
from pipeline.speech.select import voice_report

# -- registry -------------------------------------------------------------------------


def test_builtin_voices_are_registered_by_name():
    assert {"espeak", "gtts", "mms"} <= set(voice_names())
    assert isinstance(get_voice("espeak"), EspeakVoice)


def test_unknown_voice_lists_the_known_ones():
    with pytest.raises(SpeechError) as error:
        get_voice("piper")
    assert str(error.value) == "unknown voice 'piper' (known: auto, espeak, gtts, mms, none)"


@pytest.mark.parametrize(
    ("lang", "expected"), [("fr", ["espeak", "gtts", "mms"]), ("bm", ["mms"]), ("dyu", [])]
)
def test_voices_declare_their_languages(lang, expected):
    assert voices_for(lang) == expected


def test_voices_declare_whether_they_need_the_network():
    assert [get_voice(n).needs_network for n in ("espeak", "gtts", "mms")] == [False, True, False]


def test_a_voice_that_does_not_speak_the_language_is_refused_with_those_that_do():
    with pytest.raises(SpeechError) as error:
        choose_voice("espeak", "bm")
    assert str(error.value) == "voice 'espeak' does not speak Bambara (bm); voices that do: mms"


def test_a_registered_plugin_voice_is_used_like_a_builtin():
    class Beep:
        name, needs_network = "beep", False

        def languages(self):
            return {"dyu"}

        def availability(self, lang):
            return None

        def version(self, lang):
            return "beep 1"

        def synthesize(self, text, lang):
            return Clip(tone(16000, 0.5), 16000)

    register_voice("beep", Beep)
    try:
        result = speak_document(document("dyu", BAMBARA))
        assert result.voice == "beep" and result.version == "beep 1"
        assert voices_for("dyu") == ["beep"]
    finally:
        unregister_voice("beep")


def test_voice_report_lists_every_voice_and_language():
    rows = {(r["voice"], r["lang"]): r["status"] for r in voice_report()}
    assert rows[("espeak", "fr")] == "usable"
    assert rows[("mms", "bm")].endswith("run `kuma models pull mms-tts-bam`")


# -- espeak-ng ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_espeak_speaks_offline(lang, no_network):
    voice = EspeakVoice()
    assert voice.availability(lang) is None
    clip = voice.synthesize({"fr": "Bonjour à tous.", "ar": "مَرْحَبًا بِكُمْ.",
                             "en": "Hello everyone."}[lang], lang)
    assert clip.rate == 22050
    assert 0.4 < clip.duration < 3.0
    assert clip.samples.dtype == np.float32 and 0.05 < np.abs(clip.samples).max() <= 1.0
    assert voice.version(lang).startswith("espeak-ng 1.52")


def test_espeak_switches_language_between_calls():
    voice = EspeakVoice()
    first = voice.synthesize("Le GSIM.", "fr")
    assert voice.synthesize("مَرْحَبًا.", "ar").duration > 0.3
    again = voice.synthesize("Le GSIM.", "fr")
    assert np.array_equal(again.samples, first.samples)
    assert again.words == first.words


SPOKEN_BEFORE = [
    [],
    [("Les négociations ont repris à Bamako.", "fr")],
    [("مَرْحَبًا بِكُمْ فِي بَامَاكُو.", "ar"), ("Hello everyone.", "en")],
    [("Bonjour.", "fr")] * 5,
]


def test_espeak_clip_does_not_depend_on_what_the_process_spoke_before():
    """espeak-ng keeps state between utterances in static variables; every utterance is
    spoken by a freshly loaded library, so a clip is the one a new process would make."""
    import subprocess
    import sys

    text = "Le président a rencontré les chefs de Kidal mardi."
    code = (
        "import sys, hashlib; from pipeline.speech.espeak import EspeakVoice; "
        f"clip = EspeakVoice().synthesize({text!r}, 'fr'); "
        "print(hashlib.sha256(clip.samples.tobytes()).hexdigest())"
    )
    new_process = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout.strip()
    voice = EspeakVoice()
    for before in SPOKEN_BEFORE:
        for other, lang in before:
            voice.synthesize(other, lang)
        clip = voice.synthesize(text, "fr")
        assert hashlib.sha256(clip.samples.tobytes()).hexdigest() == new_process, before


SAME_EVERY_RUN = """
import hashlib
from pipeline.speech.espeak import EspeakVoice
voice = EspeakVoice()
clips = [voice.synthesize(t, l).samples for t, l in (("Le GSIM.", "fr"), ("مَرْحَبًا.", "ar"))]
print(hashlib.sha256(b"".join(c.tobytes() for c in clips)).hexdigest())
"""


def test_espeak_gives_the_same_audio_on_every_run():
    import subprocess
    import sys

    runs = {subprocess.run([sys.executable, "-c", SAME_EVERY_RUN], capture_output=True,
                           text=True, check=True).stdout for _ in range(2)}
    assert len(runs) == 1


def test_espeak_says_it_has_no_bambara():
    assert EspeakVoice().availability("bm") == "espeak-ng has no voice for 'bm'"


@pytest.mark.parametrize(
    ("lang", "text"),
    [("fr", "Le chef du GSIM, élu à Kidal, a parlé."), ("ar", "التقى إياد أغ غالي بجماعات مسلحة."),
     ("en", "The leader met armed groups in northern Mali.")],
)
def test_espeak_reports_where_and_when_each_word_is_spoken(lang, text):
    clip = EspeakVoice().synthesize(text, lang)
    said = [text[start:end] for start, end, _ in clip.words]
    assert said == [word.strip(".,") for word in text.split()]
    times = [seconds for _, _, seconds in clip.words]
    assert times == sorted(times) and 0 <= times[0] < 0.2 and times[-1] < clip.duration


def test_espeak_is_calibrated_to_the_pace_of_each_delivery():
    news, easy = EspeakVoice(), EspeakVoice().paced("easy")
    text = "Les groupes armés du nord du Mali combattent l'État islamique depuis des mois."
    assert easy.synthesize(text, "fr").duration > 1.05 * news.synthesize(text, "fr").duration
    assert news.version("fr") != easy.version("fr")
    assert EspeakVoice(rates={"fr": 100}).paced("easy").rates["fr"] == 100  # a set rate stays


def test_espeak_rate_is_a_setting():
    slow = EspeakVoice(rates={"fr": 100}).synthesize("Une phrase assez longue à lire.", "fr")
    fast = EspeakVoice(rates={"fr": 250}).synthesize("Une phrase assez longue à lire.", "fr")
    assert slow.duration > 1.8 * fast.duration


# -- gTTS, with its HTTP layer simulated ---------------------------------------------


def _mp3() -> bytes:
    """What the service sends: an MP3 of 0.6 s at 24 kHz."""
    return encode_mp3(tone(24000, 0.6, 0.3), 24000, 32, Tags("t", "fr"))


def _response(status: int, body: bytes = b"") -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response.reason = {200: "OK", 429: "Too Many Requests", 400: "Bad Request"}.get(status, "")
    response._content = body
    response._content_consumed = True
    response.request = requests.Request("POST", "https://example.invalid/").prepare()
    return response


def _audio_body() -> bytes:
    payload = base64.b64encode(_mp3()).decode()
    line = json.dumps([["wrb.fr", "jQ1olc", f'["{payload}"]', None, None, None, "generic"]],
                      separators=(",", ":"))
    return (")]}'\n\n" + line + "\n").encode()


class FakeService:
    """Stands in for ``requests.Session.send``: answers from a script, records timeouts."""

    def __init__(self, answers: list[object]) -> None:
        self.answers = answers
        self.timeouts: list[object] = []

    def __call__(self, request, **kwargs):
        self.timeouts.append(kwargs.get("timeout"))
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


@pytest.fixture
def service(monkeypatch):
    def install(*answers: object) -> FakeService:
        fake = FakeService(list(answers))
        monkeypatch.setattr(requests.Session, "send", lambda session, request, **kw: fake(
            request, **kw))
        return fake

    return install


def test_gtts_speaks_through_the_service_with_a_timeout(service):
    fake = service(_response(200, _audio_body()))
    clip = GttsVoice(timeout=7.0).synthesize("Bonjour", "fr")
    assert clip.rate == 24000 and 0.5 < clip.duration < 0.8
    assert fake.timeouts == [7.0]


def test_gtts_retries_rate_limits_with_backoff(service):
    fake = service(_response(429), _response(429), _response(200, _audio_body()))
    waits: list[float] = []
    clip = GttsVoice(retries=3, backoff=0.5, sleep=waits.append).synthesize("Bonjour", "fr")
    assert clip.duration > 0.5
    assert waits == [0.5, 1.0]
    assert len(fake.timeouts) == 3


def test_gtts_gives_up_after_its_retries(service):
    service(requests.ConnectionError("Name or service not known"))
    waits: list[float] = []
    with pytest.raises(VoiceFailure) as error:
        GttsVoice(retries=2, backoff=1.0, sleep=waits.append).synthesize("Bonjour", "fr")
    assert waits == [1.0, 2.0]
    assert str(error.value).startswith("gTTS failed after 3 tries: Failed to connect")


def test_gtts_does_not_retry_a_refusal(service):
    service(_response(400))
    waits: list[float] = []
    with pytest.raises(VoiceFailure, match="gTTS refused the text: 400"):
        GttsVoice(sleep=waits.append).synthesize("Bonjour", "fr")
    assert waits == []


def test_gtts_timeouts_are_retried_then_fail(service):
    fake = service(requests.ReadTimeout("read timed out"))
    with pytest.raises(VoiceFailure):
        GttsVoice(retries=1, sleep=lambda s: None).synthesize("Bonjour", "fr")
    assert len(fake.timeouts) == 2


@pytest.fixture
def offline(monkeypatch):
    """No network at all: names do not resolve and connections are refused."""

    def unreachable(*args: object, **kwargs: object):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unreachable)
    monkeypatch.setattr(socket.socket, "connect", unreachable)


def test_gtts_without_network_falls_back_to_the_offline_voice_and_says_so(offline):
    doc = document("fr")
    waits: list[float] = []
    result = speak_document(doc, voice="gtts",
                            voice_options={"gtts": {"sleep": waits.append, "retries": 2}})
    assert result.voice == "espeak" and result.has_audio
    assert len(result.notes) == 1
    assert result.notes[0].startswith("gtts failed (gTTS failed after 3 tries: Failed to connect")
    assert result.notes[0].endswith("spoken with espeak instead")
    assert waits == [1.0, 2.0]  # bounded: three tries, then the fallback
    assert set(result.timings) == {s.id for s in doc.segments()}


def test_gtts_serves_no_bambara():
    assert GttsVoice().availability("bm") == "gTTS has no voice for 'bm'"


# -- MMS-TTS on a tiny VITS -----------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_vits(tmp_path_factory) -> Path:
    return make_voice(tmp_path_factory.mktemp("vits") / "tiny-mms-bam")


def test_mms_without_a_checkpoint_names_the_command_to_run():
    assert MmsVoice().availability("bm") == (
        "the MMS Bambara (bm) voice (facebook/mms-tts-bam) is not on this machine: "
        "run `kuma models pull mms-tts-bam`"
    )


def test_mms_speaks_with_a_given_checkpoint(tiny_vits, no_network):
    voice = MmsVoice(model=tiny_vits)
    assert voice.availability("bm") is None
    clip = voice.synthesize("i ni ce, ne tɔgɔ ye kuma ye", "bm")
    assert clip.rate == 16000 and clip.duration > 0.1
    assert np.isfinite(clip.samples).all() and np.abs(clip.samples).max() <= 1.0
    assert voice.version("bm").startswith("tiny-mms-bam, transformers ")


def test_mms_speaks_easy_to_read_versions_slower(tiny_vits):
    voice = MmsVoice(model=tiny_vits)
    easy = voice.paced("easy")
    text = "i ni ce, ne tɔgɔ ye kuma ye"
    assert easy.synthesize(text, "bm").duration > voice.synthesize(text, "bm").duration
    assert "speaking rate 0.91" in easy.version("bm")


def test_mms_is_deterministic(tiny_vits):
    voice = MmsVoice(model=tiny_vits)
    first = voice.synthesize("a bɛ na", "bm").samples
    assert np.array_equal(first, voice.synthesize("a bɛ na", "bm").samples)


def test_mms_says_nothing_for_text_outside_its_vocabulary(tiny_vits):
    assert MmsVoice(model=tiny_vits).synthesize("!!! ???", "bm").duration == 0


def test_mms_finds_a_pulled_checkpoint_in_the_hub_cache(tiny_vits, private_home):
    snapshot = private_home / "hf" / "hub" / "models--facebook--mms-tts-bam" / "snapshots" / "abc"
    shutil.copytree(tiny_vits, snapshot)
    voice = MmsVoice()
    assert voice.availability("bm") is None
    assert voice.version("bm").startswith("mms-tts-bam (facebook/mms-tts-bam), transformers ")


def test_mms_finds_an_imported_checkpoint_in_the_models_folder(tiny_vits, private_home):
    shutil.copytree(tiny_vits, private_home / "models" / "mms-tts-bam")
    assert MmsVoice().availability("bm") is None


def test_mms_reports_a_damaged_checkpoint(tiny_vits, tmp_path):
    broken = shutil.copytree(tiny_vits, tmp_path / "broken")
    (broken / "model.safetensors").write_bytes(b"\x10\x00")
    assert "is damaged" in MmsVoice(model=broken).availability("bm")


def test_mms_arabic_needs_uroman(tmp_path, monkeypatch):
    folder = make_voice(tmp_path / "ara", language="ara", is_uroman=True)
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr("pipeline.speech.mms.find_spec",
                        lambda name: None if name == "uroman" else real(name))
    assert MmsVoice(model=folder).availability("ar") == (
        "ara needs the uroman romaniser (pip install uroman)"
    )


def test_auto_takes_mms_for_bambara_when_present_and_says_why_not_otherwise(tiny_vits,
                                                                            private_home):
    assert choose_voice("auto", "bm").voice is None
    assert choose_voice("auto", "bm").reason.endswith("run `kuma models pull mms-tts-bam`")
    shutil.copytree(tiny_vits, private_home / "models" / "mms-tts-bam")
    result = speak_document(document("bm"))
    assert result.voice == "mms" and result.rate == 16000
    assert set(result.timings) == {s.id for s in document("bm").segments()}


def test_auto_prefers_espeak_for_french_without_mms_and_never_goes_online():
    assert choose_voice("auto", "fr").voice.name == "espeak"


def test_none_gives_no_voice():
    choice = choose_voice("none", "fr")
    assert choice.voice is None and choice.reason == "no audio was asked for (--voice none)"


def test_gtts_stops_trying_once_its_time_budget_is_spent(service):
    service(_response(429))
    voice = GttsVoice(retries=5, budget=0.0, sleep=lambda s: None)
    with pytest.raises(VoiceFailure) as error:
        voice.synthesize("Bonjour", "fr")
    assert str(error.value).startswith("gTTS is too slow (over 0 s): 429 (Too Many Requests)")


def test_mms_arabic_is_romanised_before_the_model_reads_it(tmp_path):
    pytest.importorskip("uroman")
    folder = make_voice(tmp_path / "ara", language="ara", is_uroman=True)
    clip = MmsVoice(model=folder).synthesize("مرحبا بكم", "ar")
    assert clip.duration > 0.1  # the Latin-only vocabulary would have had nothing to read
