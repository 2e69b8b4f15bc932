"""Speech: voices, text prepared for speaking, mastering to broadcast loudness, captions,
and the read-aloud script.

The core calls, each returning data (the caller writes the files):

- ``speak_document(doc, glossary, voice="auto", pauses, opening)`` -> ``SpeechResult``
- ``master_audio(samples, rate, MasterSettings(...), Tags(...))`` -> ``MasteredAudio``
- ``render_vtt(doc, timings)``, ``render_srt(doc, timings)`` -> str
- ``render_script(doc, glossary, no_audio=..., review=...)`` -> ``ReadAloudScript``
- ``speech_outputs(doc, glossary, SpeechOptions(...))`` -> ``AudioOutputs``: all of the
  above for one language, with its manifest entry and summary line.
"""

from pipeline.speech.base import (
    Clip,
    SpeechError,
    Voice,
    VoiceFailure,
    get_voice,
    register_voice,
    voice_names,
    voices_for,
)
from pipeline.speech.captions import render_srt, render_vtt
from pipeline.speech.encode import Tags
from pipeline.speech.master import (
    LOUDNESS_PRESETS,
    MasteredAudio,
    MasterSettings,
    master_audio,
    parse_loudness,
)
from pipeline.speech.opening import opening_line
from pipeline.speech.outputs import AudioOutputs, SpeechOptions, speak_file, speech_outputs
from pipeline.speech.programme import Pauses
from pipeline.speech.script import ReadAloudScript, render_script
from pipeline.speech.select import choose_voice, voice_report
from pipeline.speech.synth import SpeechResult, speak_document

__all__ = [
    "LOUDNESS_PRESETS",
    "AudioOutputs",
    "Clip",
    "MasterSettings",
    "MasteredAudio",
    "Pauses",
    "ReadAloudScript",
    "SpeechError",
    "SpeechOptions",
    "SpeechResult",
    "Tags",
    "Voice",
    "VoiceFailure",
    "choose_voice",
    "get_voice",
    "master_audio",
    "opening_line",
    "parse_loudness",
    "register_voice",
    "render_script",
    "render_srt",
    "render_vtt",
    "speak_document",
    "speak_file",
    "speech_outputs",
    "voice_names",
    "voice_report",
    "voices_for",
]
