"""espeak-ng, driven in-process through ctypes: the offline voice for French, Arabic, English.

The ``espeakng-loader`` wheel ships ``libespeak-ng`` and its data, so nothing is
needed from the system.  The library keeps one global synthesiser per process,
so every call goes through one engine object and one lock.

The synthesiser also keeps state from one utterance to the next in static variables
(its pitch flutter, glottal and echo buffers, random state): the same text spoken
twice in one process differed by a few samples, so a clip depended on what the
process had spoken before.  Every utterance is therefore spoken by a freshly loaded
library (``_Engine.fresh``): a private copy of it is unloaded and loaded again, which
resets all of its state, for about 1.5 ms per utterance.  A clip is then a function
of its text, voice and pace alone, whatever was spoken before, in whichever process
(a batch's workers, the shared clip cache).
"""

from __future__ import annotations

import atexit
import ctypes
import os
import shutil
import tempfile
import threading
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.speech.base import Clip, SpeechError

VOICES = {"fr": "fr", "ar": "ar", "en": "en-us"}
"""Kuma language -> espeak-ng voice name."""

WPM_PER_RATE = {
    "news": {"en": 1.03, "fr": 1.265, "ar": 0.588},
    "easy": {"en": 1.10, "fr": 1.325, "ar": 0.598},
}
"""Words a minute measured per unit of espeak-ng's rate parameter, per delivery and language
(``benchmarks/speech_pace.py`` on the example article).  The parameter is nominally in words
a minute, but French at 160 measures 203 and Arabic at 150 measures 88; easy-to-read texts,
with shorter words, measure a little faster than articles at the same setting."""

_EVENT_WORD = 1
_EVENT_LIST_TERMINATED = 0

INSTALL_HINT = "pip install espeakng-loader"

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_PARAM_RATE = 1


class _Event(ctypes.Structure):
    """``espeak_EVENT`` from speak_lib.h: for a word, where it is in the text (1-based
    characters) and at which sample of the utterance it starts."""

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
    """The process's one espeak-ng synthesiser, in synchronous mode, from a private copy
    of the library that ``fresh`` reloads to forget every earlier utterance."""

    def __init__(self) -> None:
        import espeakng_loader

        self.path = _private_copy(espeakng_loader.get_library_path())
        self.data = espeakng_loader.get_data_path().encode()
        self.lock = threading.Lock()
        self._chunks: list[np.ndarray] = []
        self._words: list[tuple[int, int, int]] = []
        # Kept on the object: a callback that is garbage-collected crashes the library.
        self._callback = _Callback(self._collect)
        self.lib = self._load()
        self.version = (self.lib.espeak_Info(None) or b"?").decode()
        self._used = False

    def _load(self) -> Any:
        """Load and initialise the library: every static variable as in a new process."""
        lib = ctypes.CDLL(self.path, mode=ctypes.RTLD_LOCAL)
        lib.espeak_Initialize.argtypes = [
            ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int,
        ]
        lib.espeak_Info.restype = ctypes.c_char_p
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
            ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
        ]
        self.rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, self.data, 0)
        if self.rate <= 0:
            raise SpeechError(f"espeak-ng could not start (data folder {self.data.decode()})")
        lib.espeak_SetSynthCallback(self._callback)
        return lib

    def fresh(self) -> None:
        """Forget the last utterance: unload the library and load it again (its static
        state goes with it).  Call with ``lock`` held."""
        if not self._used or _dlclose is None:
            return
        self.lib.espeak_Terminate()
        _dlclose(self.lib._handle)
        self.lib = self._load()
        self._used = False

    def _collect(self, wav: Any, count: int, events: Any) -> int:
        if count > 0:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        index = 0
        while events and events[index].type != _EVENT_LIST_TERMINATED:
            event = events[index]
            if event.type == _EVENT_WORD:
                start = event.text_position - 1
                self._words.append((start, start + event.length, event.sample))
            index += 1
        return 0  # 0 = go on synthesising

    def has_voice(self, name: str) -> bool:
        with self.lock:
            self._used = True
            return self.lib.espeak_SetVoiceByName(name.encode()) == 0

    def speak(
        self, text: str, voice: str, rate: int
    ) -> tuple[np.ndarray, list[tuple[int, int, int]]]:
        """int16 samples of ``text`` spoken by ``voice``, and its words as ``(start, end,
        sample)``: character offsets in ``text`` and the sample where the word starts."""
        data = text.encode("utf-8") + b"\0"
        with self.lock:
            self.fresh()
            self._used = True
            if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise SpeechError(f"espeak-ng has no voice {voice!r}")
            self.lib.espeak_SetParameter(_PARAM_RATE, rate, 0)
            self._chunks, self._words = [], []
            status = self.lib.espeak_Synth(
                data, len(data), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
            )
            self.lib.espeak_Synchronize()
            chunks, words, self._chunks, self._words = self._chunks, self._words, [], []
        if status != 0:
            raise SpeechError(f"espeak-ng failed to speak (error {status})")
        return (np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)), words


@cache
def _engine() -> _Engine:
    return _Engine()


def _unloader() -> Any:
    """``dlclose`` where ctypes offers it (POSIX); None elsewhere."""
    import _ctypes

    return getattr(_ctypes, "dlclose", None)


_dlclose = _unloader()


def _private_copy(library: str) -> str:
    """A copy of the library that only this module loads, so that unloading it really
    unloads it (another user of the same file would keep it, and its state, alive).

    In memory where the system allows it (Linux ``memfd``: nothing is left behind, even
    after ``kill -9``), else in a temporary folder removed at exit.
    """
    data = Path(library).read_bytes()
    if hasattr(os, "memfd_create"):
        try:
            fd = os.memfd_create("libespeak-ng")
            with open(fd, "wb", closefd=False) as handle:
                handle.write(data)
            return f"/proc/self/fd/{fd}"
        except OSError:
            pass
    folder = Path(tempfile.mkdtemp(prefix="kuma-espeak-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / Path(library).name
    path.write_bytes(data)
    return str(path)


class EspeakVoice:
    """espeak-ng: robotic but intelligible, instant, and always there once installed."""

    name = "espeak"
    needs_network = False

    def __init__(self, rates: dict[str, int] | None = None, delivery: str = "news") -> None:
        """Speaks at the pace of ``delivery`` (``news`` or ``easy``); ``rates`` sets espeak-ng's
        rate parameter of some languages instead."""
        self.delivery = delivery
        self.overrides = dict(rates or {})
        self.rates = {**calibrated_rates(delivery), **self.overrides}

    def paced(self, delivery: str) -> EspeakVoice:
        """The same voice at the pace of ``delivery``."""
        return EspeakVoice(self.overrides, delivery)

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
        """``espeak-ng 1.52.0 (fr, rate 126)``."""
        return f"espeak-ng {_engine().version} ({VOICES[lang]}, rate {self.rates[lang]})"

    def synthesize(self, text: str, lang: str) -> Clip:
        """Speak ``text`` with the espeak-ng voice for ``lang``."""
        if lang not in VOICES:
            raise SpeechError(f"espeak-ng has no voice for {lang!r}")
        engine = _engine()
        samples, words = engine.speak(text, VOICES[lang], self.rates[lang])
        marks = tuple((start, end, sample / engine.rate) for start, end, sample in words)
        return Clip(samples.astype(np.float32) / 32768.0, engine.rate, marks)


def calibrated_rates(delivery: str) -> dict[str, int]:
    """espeak-ng's rate parameter per language, so that speech measures the target pace."""
    from pipeline.speech.pace import TARGET_WPM, Delivery

    targets = TARGET_WPM[Delivery(delivery)]
    return {lang: round(targets[lang] / ratio) for lang, ratio in WPM_PER_RATE[delivery].items()}

