"""``kuma speak``: any text file to a broadcast-ready MP3."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline.commands.options import (
    format_option,
    glossary_option,
    json_option,
    loudness_option,
    quiet_option,
    voice_option,
)

if TYPE_CHECKING:
    from pipeline.usecases.documents import SpokenFile


def _summary(spoken: SpokenFile) -> str:
    outputs = spoken.outputs
    lines = [f"{spoken.written[0]}: {outputs.summary}"]
    lines += [f"  also wrote {path}" for path in spoken.written[1:]]
    return "\n".join(lines)


@click.command()
@click.argument(
    "input_path",
    metavar="FILE",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
)
@click.option(
    "--source-lang",
    "lang",
    required=True,
    metavar="CODE",
    help="Language the text is written in (fr, ar, bm, en).",
)
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="MP3 file to write (its folder must exist).",
)
@voice_option
@loudness_option
@click.option("--wav", is_flag=True, help="Also write a 24-bit WAV beside the MP3.")
@format_option
@click.option("--captions", is_flag=True, help="Also write WebVTT and SRT captions.")
@click.option(
    "--mms-model",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="MMS-TTS checkpoint folder for --voice mms (default: by language).",
)
@glossary_option
@json_option
@quiet_option
def speak(
    input_path: Path,
    lang: str,
    out: Path,
    voice: str,
    loudness: str,
    wav: bool,
    audio_format: str,
    captions: bool,
    mms_model: Path | None,
    glossary_path: Path | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """Speak a text file (.txt, .md, .html, .docx, .pdf) into an MP3 at broadcast loudness.

    Names are pronounced as the glossary says; numbers, dates and amounts are read
    out in the language.
    """
    from pipeline.glossary import load_glossary
    from pipeline.langs import get_language
    from pipeline.progress import Progress
    from pipeline.speech import SpeechOptions, master_settings, parse_loudness
    from pipeline.speech.select import choose_voice
    from pipeline.usecases.documents import speak_file

    code = get_language(lang).code
    settings = master_settings(audio_format, parse_loudness(loudness), wav)
    voice_options = {"mms": {"model": mms_model}} if mms_model else {}
    choose_voice(voice, code, voice_options)  # a wrong voice fails before any work
    glossary = load_glossary(glossary_path)
    options = SpeechOptions(voice=voice, master=settings, voice_options=voice_options)
    spoken = speak_file(
        input_path, code, out, options, glossary, captions=captions, progress=Progress(silent=quiet)
    )
    if as_json:
        result = {
            "written": [str(p) for p in spoken.written],
            "audio": spoken.outputs.manifest,
        }
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(_summary(spoken))


COMMANDS = [speak]
