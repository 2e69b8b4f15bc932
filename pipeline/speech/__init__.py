"""Speech: voices, text prepared for speaking, mastering to broadcast loudness, captions.


The core calls, each returning data (the caller writes the files):

- ``speak_document(doc, glossary, voice="auto", pauses, opening)`` -> ``SpeechResult``
- ``master_audio(samples, rate, MasterSettings(...), Tags(...))`` -> ``MasteredAudio``
  (``master_settings("broadcast")``: 44.1 kHz MP3 and a 48 kHz Broadcast Wave file)
- ``caption_cues(doc, clips, timings, glossary)`` -> ``list[Cue]``, cut to subtitling limits;
  ``render_vtt(cues, lang)``, ``render_srt(cues, lang)`` -> str
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
from pipeline.speech.captions import caption_cues, render_srt, render_vtt
from pipeline.speech.cues import CaptionLimits, Cue, caption_limits
from pipeline.speech.encode import Tags
from pipeline.speech.formats import FORMATS, master_settings
from pipeline.speech.master import (
    LOUDNESS_PRESETS,
    MasteredAudio,
    MasterSettings,
    master_audio,
    parse_loudness,
)
from pipeline.speech.opening import opening_line
from pipeline.speech.outputs import AudioOutputs, SpeechOptions, speech_outputs
from pipeline.speech.pace import Delivery
from pipeline.speech.programme import Pauses
from pipeline.speech.select import choose_voice, voice_report
from pipeline.speech.synth import SpeechResult, speak_document

__all__ = [
    "FORMATS",
    "LOUDNESS_PRESETS",
    "AudioOutputs",
    "CaptionLimits",
    "Clip",
    "Cue",
    "Delivery",
    "MasterSettings",
    "MasteredAudio",
    "Pauses",
    "SpeechError",
    "SpeechOptions",
    "SpeechResult",
    "Tags",
    "Voice",
    "VoiceFailure",
    "caption_cues",
    "caption_limits",
    "choose_voice",
    "get_voice",
    "master_audio",
    "master_settings",
    "opening_line",
    "parse_loudness",
    "register_voice",
    "render_srt",
    "render_vtt",
    "speak_document",
    "speech_outputs",
    "voice_names",
    "voice_report",
    "voices_for",
]
