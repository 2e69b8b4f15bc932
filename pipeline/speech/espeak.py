"""espeak-ng, driven in-process through ctypes: the offline voice for French, Arabic, English.

The ``espeakng-loader`` wheel ships ``libespeak-ng`` and its data, so nothing is
needed from the system.  The library keeps one global synthesiser per process,
so every call goes through one engine object and one lock.
"""

from __future__ import annotations

import ctypes
import threading
from functools import cache
from importlib.util import find_spec
from typing import Any

import numpy as np

from pipeline.speech.base import Clip, SpeechError

VOICES = {"fr": "fr", "ar": "ar", "en": "en-us"}
"""Kuma language -> espeak-ng voice name."""

RATES = {"fr": 160, "ar": 150, "en": 165}
"""Words per minute: a little slower than espeak's 175, closer to a newsreader."""

INSTALL_HINT = "pip install espeakng-loader"

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_PARAM_RATE = 1


class _Event(ctypes.Structure):
    """``espeak_EVENT`` from speak_lib.h (only its size matters here)."""

    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_char * 8),
    ]


_Callback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event)
)


class _Engine:
    """The process's one espeak-ng synthesiser, in synchronous mode."""

    def __init__(self) -> None:
        import espeakng_loader

        self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
        self.lib.espeak_Initialize.argtypes = [
            ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int,
        ]
        self.lib.espeak_Info.restype = ctypes.c_char_p
        self.lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        self.lib.espeak_Synth.argtypes = [
            ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
            ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
        ]
        data = espeakng_loader.get_data_path().encode()
        self.rate = self.lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data, 0)
        if self.rate <= 0:
            raise SpeechError(f"espeak-ng could not start (data folder {data.decode()})")
        self.version = (self.lib.espeak_Info(None) or b"?").decode()
        self.lock = threading.Lock()
        self._chunks: list[np.ndarray] = []
        # Kept on the object: a callback that is garbage-collected crashes the library.
        self._callback = _Callback(self._collect)
        self.lib.espeak_SetSynthCallback(self._callback)

    def _collect(self, wav: Any, count: int, events: Any) -> int:
        if count > 0:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        return 0  # 0 = go on synthesising

    def has_voice(self, name: str) -> bool:
        with self.lock:
            return self.lib.espeak_SetVoiceByName(name.encode()) == 0

    def speak(self, text: str, voice: str, rate_wpm: int) -> np.ndarray:
        """int16 samples of ``text`` spoken by ``voice``."""
        data = text.encode("utf-8") + b"\0"
        with self.lock:
            # espeak-ng keeps some synthesis state across utterances (the same text
            # spoken twice in one process can differ by a few samples); a new process
            # starts from the same state, so one run always gives the same audio.
            if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise SpeechError(f"espeak-ng has no voice {voice!r}")
            self.lib.espeak_SetParameter(_PARAM_RATE, rate_wpm, 0)
            self._chunks = []
            status = self.lib.espeak_Synth(
                data, len(data), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
            )
            self.lib.espeak_Synchronize()
            chunks, self._chunks = self._chunks, []
        if status != 0:
            raise SpeechError(f"espeak-ng failed to speak (error {status})")
        return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)


@cache
def _engine() -> _Engine:
    return _Engine()


class EspeakVoice:
    """espeak-ng: robotic but intelligible, instant, and always there once installed."""

    name = "espeak"
    needs_network = False

    def __init__(self, rates: dict[str, int] | None = None) -> None:
        """``rates`` overrides the words per minute of some languages."""
        self.rates = {**RATES, **(rates or {})}

    def languages(self) -> set[str]:
        """French, Arabic and English."""
        return set(VOICES)

    def availability(self, lang: str) -> str | None:
        """None when espeak-ng is installed and has a voice for ``lang``."""
        if lang not in VOICES:
            return f"espeak-ng has no voice for {lang!r}"
        if find_spec("espeakng_loader") is None:
            return f"espeak-ng is not installed ({INSTALL_HINT})"
        try:
            engine = _engine()
        except (OSError, SpeechError) as exc:
            return f"espeak-ng cannot start: {exc}"
        if not engine.has_voice(VOICES[lang]):
            return f"espeak-ng has no {VOICES[lang]!r} voice data"
        return None

    def version(self, lang: str) -> str:
        """``espeak-ng 1.52.0 (fr, 160 wpm)``."""
        return f"espeak-ng {_engine().version} ({VOICES[lang]}, {self.rates[lang]} wpm)"

    def synthesize(self, text: str, lang: str) -> Clip:
        """Speak ``text`` with the espeak-ng voice for ``lang``."""
        if lang not in VOICES:
            raise SpeechError(f"espeak-ng has no voice for {lang!r}")
        engine = _engine()
        samples = engine.speak(text, VOICES[lang], self.rates[lang])
        return Clip(samples.astype(np.float32) / 32768.0, engine.rate)

