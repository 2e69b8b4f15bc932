"""gTTS: Google Translate's voices, online only, with a timeout, retries and backoff.

Each request has a timeout; rate limits (HTTP 429), server errors and network
failures are retried a few times with exponential backoff, then reported as a
``VoiceFailure`` so that the caller falls back to an offline voice.  Nothing here
waits without a bound.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from importlib.util import find_spec

from pipeline.speech.base import Clip, SpeechError, VoiceFailure
from pipeline.speech.prepare import is_speakable

LANGS = {"fr": "fr", "ar": "ar", "en": "en"}
"""Kuma language -> gTTS language."""

RETRIED_STATUS = frozenset({429, 500, 502, 503, 504})
"""HTTP answers worth another try: rate limiting and passing server trouble."""

INSTALL_HINT = "pip install gTTS"


class GttsVoice:
    """Google Translate text-to-speech through the ``gTTS`` package."""

    name = "gtts"
    needs_network = True

    def __init__(
        self,
        timeout: float = 15.0,
        retries: int = 3,
        backoff: float = 1.0,
        sleep: Callable[[float], None] | None = None,
        tld: str = "com",
        budget: float = 300.0,
    ) -> None:
        """``timeout`` seconds per request; ``retries`` more tries after the first, waiting
        ``backoff``, then twice that, and so on (``sleep``, default ``time.sleep``, is
        injectable for tests).  After ``budget`` seconds of trying, counted from the first
        request, every call fails at once: a slow service cannot hold a run for long."""
        self.timeout = timeout
        self.budget = budget
        self._started: float | None = None
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.tld = tld

    def languages(self) -> set[str]:
        """French, Arabic and English."""
        return set(LANGS)

    def availability(self, lang: str) -> str | None:
        """None when gTTS is installed and serves ``lang`` (the network is tried when speaking)."""
        if lang not in LANGS:
            return f"gTTS has no voice for {lang!r}"
        if find_spec("gtts") is None:
            return f"gTTS is not installed ({INSTALL_HINT})"
        return None

    def version(self, lang: str) -> str:
        """``gTTS 2.5.4 (fr, translate.google.com)``."""
        try:
            installed = package_version("gTTS")
        except PackageNotFoundError:
            installed = "?"
        return f"gTTS {installed} ({LANGS[lang]}, translate.google.{self.tld})"

    def synthesize(self, text: str, lang: str) -> Clip:
        """Speak ``text``; VoiceFailure when the service cannot be reached or keeps refusing."""
        if lang not in LANGS:
            raise SpeechError(f"gTTS has no voice for {lang!r}")
        if not is_speakable(text):  # gTTS would refuse it with an AssertionError
            return Clip.silence(24000)
        last, first_call = "", self._started is None
        started = self._started = self._started or time.monotonic()
        for attempt in range(self.retries + 1):
            if attempt:
                (self.sleep or time.sleep)(self.backoff * 2 ** (attempt - 1))
            # The first request of all is always made; later ones only within the budget.
            if (attempt or not first_call) and time.monotonic() - started > self.budget:
                reason = f": {last}" if last else ""
                raise VoiceFailure(f"gTTS is too slow (over {self.budget:g} s){reason}")
            try:
                return _decode(self._fetch(text, lang))
            except _Retry as exc:
                last = str(exc)
        tries = self.retries + 1
        raise VoiceFailure(f"gTTS failed after {tries} tries: {last}")

    def _fetch(self, text: str, lang: str) -> bytes:
        """The MP3 bytes for ``text``; _Retry for failures worth another try."""
        from gtts import gTTS, gTTSError
        from requests import RequestException

        buffer = io.BytesIO()
        try:
            speech = gTTS(text, lang=LANGS[lang], tld=self.tld, lang_check=False,
                          timeout=self.timeout)
            speech.write_to_fp(buffer)
        except gTTSError as exc:
            status = exc.rsp.status_code if exc.rsp is not None else None
            if status is None or status in RETRIED_STATUS:
                raise _Retry(str(exc)) from None
            raise VoiceFailure(f"gTTS refused the text: {exc}") from None
        except RequestException as exc:  # a connection lost while the audio streams in
            raise _Retry(f"connection lost ({type(exc).__name__})") from None
        return buffer.getvalue()


class _Retry(Exception):
    """A failure that another try may fix."""


def _decode(mp3: bytes) -> Clip:
    """The MP3 gTTS returns, as float samples."""
    import numpy as np
    import soundfile

    if not mp3:
        return Clip.silence(24000)
    try:
        samples, rate = soundfile.read(io.BytesIO(mp3), dtype="float32", always_2d=True)
    except (RuntimeError, soundfile.LibsndfileError) as exc:
        raise VoiceFailure(f"gTTS sent audio that cannot be decoded ({exc})") from None
    return Clip(np.ascontiguousarray(samples.mean(axis=1), dtype=np.float32), rate)
