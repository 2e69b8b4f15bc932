"""Choosing the voice for a language: ``--voice auto``, a named voice, or ``none``.

``auto`` takes the best voice usable offline: an MMS-TTS checkpoint when one is on
this machine (neural, the only Bambara voice), else espeak-ng, then any offline
voice a plugin registered.  It never picks a voice that needs the network: sending
the text to an online service is a choice the user makes by naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.speech.base import (
    SpeechError,
    Voice,
    get_voice,
    language_name,
    voice_names,
    voices_for,
)

AUTO_ORDER = ("mms", "espeak")
"""Offline voices in the order ``auto`` prefers them; other offline voices come after."""

VoiceOptions = dict[str, dict[str, Any]]
"""Options per voice name (``{"mms": {"model": path}}``)."""


@dataclass
class VoiceChoice:
    """The voice chosen for one language, or why there is none."""

    voice: Voice | None
    """The voice to use; None when no voice can speak the language here."""
    reason: str = ""
    """Why there is no voice, naming what would provide one."""


def choose_voice(
    name: str, lang: str, options: VoiceOptions | None = None, exclude: tuple[str, ...] = ()
) -> VoiceChoice:
    """The voice ``name`` (or the best one, for ``auto``) for ``lang``.

    Raises SpeechError for an unknown name or a voice that does not speak ``lang``
    (listing those that do); a voice that speaks it but is not usable here is a
    choice with a reason, not an error.
    """
    options = options or {}
    if name == "none":
        return VoiceChoice(None, "no audio was asked for (--voice none)")
    if name == "auto":
        return _auto(lang, options, exclude)
    voice = get_voice(name, **options.get(name, {}))
    if lang not in voice.languages():
        serving = ", ".join(voices_for(lang)) or "none"
        raise SpeechError(
            f"voice {name!r} does not speak {language_name(lang)}; voices that do: {serving}"
        )
    why = voice.availability(lang)
    return VoiceChoice(voice if why is None else None, f"{name}: {why}" if why else "")


def _auto(lang: str, options: VoiceOptions, exclude: tuple[str, ...]) -> VoiceChoice:
    others = [n for n in voice_names() if n not in AUTO_ORDER]
    reasons = []
    for name in [*AUTO_ORDER, *others]:
        if name in exclude:
            continue
        try:
            voice = get_voice(name, **options.get(name, {}))
        except Exception:  # a broken plugin must not stop the others
            continue
        if voice.needs_network or lang not in voice.languages():
            continue
        why = voice.availability(lang)
        if why is None:
            return VoiceChoice(voice)
        reasons.append(f"{name}: {why}")
    if not reasons:
        return VoiceChoice(None, f"no offline voice speaks {language_name(lang)}")
    return VoiceChoice(None, "; ".join(reasons))


def voice_report(langs: tuple[str, ...] = ("fr", "ar", "bm", "en")) -> list[dict[str, str]]:
    """For ``kuma doctor``: every voice and language, usable or why not."""
    rows = []
    for name in voice_names():
        try:
            voice = get_voice(name)
        except Exception as exc:  # show a broken plugin, do not hide it
            rows.append({"voice": name, "lang": "", "status": f"cannot load: {exc}"})
            continue
        for lang in langs:
            if lang in voice.languages():
                why = voice.availability(lang)
                rows.append({"voice": name, "lang": lang, "status": why or "usable"})
    return rows
