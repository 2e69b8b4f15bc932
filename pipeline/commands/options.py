"""Options shared by several commands: one decorator each, one way to spell them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def langs_option(func: F) -> F:
    """``--lang fr,ar,bm``: the target languages."""
    return click.option(
        "--lang",
        "langs",
        default="fr,ar,bm",
        show_default=True,
        envvar="KUMA_LANG",
        help="Target languages, comma-separated (fr, ar, bm, dyu).",
    )(func)


def out_option(func: F) -> F:
    """``--out DIR``: the output root, one package folder per article under it."""
    return click.option(
        "--out",
        "out_root",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("output"),
        show_default=True,
        envvar="KUMA_OUT",
        help="Output root; each article goes to OUT/<slug>/.",
    )(func)


def publication_options(func: F) -> F:
    """``--opening``, ``--wav``, ``--easy``: what is published beside the text."""
    decorators = [
        click.option(
            "--opening/--no-opening",
            default=False,
            show_default=True,
            help="Begin each recording with a line saying the text is a translation and how "
            "made.",
        ),
        click.option("--wav", is_flag=True, help="Also write a WAV for studios beside each MP3."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def easy_option(func: F) -> F:
    """``--easy/--no-easy``: make easy-to-read versions."""
    return click.option(
        "--easy/--no-easy", default=True, show_default=True, help="Make easy-to-read versions."
    )(func)


def glossary_option(func: F) -> F:
    """``--glossary FILE`` (default: the shipped Sahel news glossary)."""
    return click.option(
        "--glossary",
        "glossary_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        envvar="KUMA_GLOSSARY",
        help="Glossary CSV or TBX file (default: the shipped glossaries/sahel.csv).",
    )(func)


def json_option(func: F) -> F:
    """``--json``: machine-readable output on stdout, nothing else there."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")(func)


def quiet_option(func: F) -> F:
    """``--quiet``: no progress on stderr."""
    return click.option("-q", "--quiet", is_flag=True, help="Do not show progress on stderr.")(func)


def source_lang_option(func: F) -> F:
    """``--source-lang CODE``: the article's language when detection should not decide."""
    return click.option(
        "--source-lang",
        metavar="CODE",
        default=None,
        help="Language the article is written in (default: detect it).",
    )(func)


def translation_options(func: F) -> F:
    """``--translations``, ``--engine``, ``--model``, ``--beam-size``: where translations
    come from (the same for ``kuma run`` and ``kuma translate``)."""
    decorators = [
        click.option(
            "--translations",
            multiple=True,
            type=click.Path(path_type=Path, exists=True),
            help="XLIFF file or folder with human translations (repeatable).",
        ),
        click.option(
            "--engine",
            default="auto",
            show_default=True,
            envvar="KUMA_ENGINE",
            help="Translation engine (auto, human, nllb, marian, ct2); see `kuma doctor`.",
        ),
        click.option(
            "--model",
            envvar="KUMA_MODEL",
            help="Model for machine engines: alias (nllb-600m), imported name, or folder.",
        ),
        click.option(
            "--beam-size",
            type=click.IntRange(1, 16),
            default=4,
            show_default=True,
            help="Beam size for machine engines.",
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def memory_option(func: F) -> F:
    """``--memory/--no-memory``: read and feed the translation memory."""
    return click.option(
        "--memory/--no-memory",
        "use_memory",
        default=True,
        show_default=True,
        help="Use the translation memory (KUMA_TM, default in KUMA_HOME).",
    )(func)


def voice_option(func: F) -> F:
    """``--voice auto|espeak|gtts|mms|none``."""
    return click.option(
        "--voice",
        default="auto",
        show_default=True,
        envvar="KUMA_VOICE",
        help="Voice: auto (best offline voice), espeak, gtts (online), mms, or none.",
    )(func)


def loudness_option(func: F) -> F:
    """``--loudness broadcast|podcast|LUFS``."""
    return click.option(
        "--loudness",
        default="broadcast",
        show_default=True,
        envvar="KUMA_LOUDNESS",
        help="Loudness target: broadcast (-23 LUFS), podcast (-16 LUFS), or a number "
        "from -31 to -10.",
    )(func)


def format_option(func: F) -> F:
    """``--format compact|broadcast``: what the audio is delivered as."""
    return click.option(
        "--format",
        "audio_format",
        type=click.Choice(["compact", "broadcast"]),
        default="compact",
        show_default=True,
        envvar="KUMA_AUDIO_FORMAT",
        help="Audio files: compact (mono MP3 at the voice's rate, 64 kb/s, for pages, books "
        "and phones) or broadcast (MP3 44.1 kHz 128 kb/s and a 48 kHz 24-bit Broadcast Wave "
        "file with its loudness, for radio stations).",
    )(func)


def input_argument(func: F) -> F:
    """An input article path that must exist."""
    return click.argument(
        "input_path",
        metavar="INPUT",
        type=click.Path(path_type=Path, dir_okay=False, exists=True),
    )(func)
