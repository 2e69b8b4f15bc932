"""``kuma doctor``: what can run on this machine, and what to do about the rest."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import click

from pipeline.commands.options import json_option

if TYPE_CHECKING:
    from pipeline.doctor import Diagnosis


@click.command()
@json_option
def doctor(as_json: bool) -> None:
    """Which translation engine can produce which language here, and why not."""
    from pipeline.doctor import diagnose

    result = diagnose()
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(format_diagnosis(result))


def format_diagnosis(result: Diagnosis) -> str:
    """A table of engines by language, the reasons grouped, then versions and folders."""
    engines = list(dict.fromkeys(u.engine for u in result.translation))
    langs = list(dict.fromkeys(u.lang for u in result.translation))
    cell = {(u.engine, u.lang): u for u in result.translation}
    width = max([len("engine"), *(len(e) for e in engines)])
    lines = ["Translation (ok = usable now):", "  ".join(["engine".ljust(width), *langs])]
    for engine in engines:
        marks = [("ok" if cell[engine, lang].usable else "-").ljust(len(lang)) for lang in langs]
        lines.append("  ".join([engine.ljust(width), *marks]).rstrip())
    reasons = _grouped_reasons(result)
    if reasons:
        lines += ["", "Why not:"] + [f"  {who}: {why}" for who, why in reasons]
    lines += ["", "Libraries:"]
    lines += [f"  {name} {found or 'not installed'}" for name, found in result.libraries.items()]
    lines += ["", "Settings:"] + [f"  {key}: {value}" for key, value in result.settings.items()]
    return "\n".join(lines)


def _grouped_reasons(result: Diagnosis) -> list[tuple[str, str]]:
    """``("nllb fr, ar", reason)``: one line per engine and reason.

    Reasons that differ only by the language they name are grouped too, the
    language shown as ``<lang>``.
    """
    grouped: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for entry in result.translation:
        if not entry.usable:
            code = rf"(?<![\w-]){re.escape(entry.lang)}(?![\w-])"
            template = re.sub(code, "<lang>", entry.reason)
            grouped.setdefault((entry.engine, template), []).append((entry.lang, entry.reason))
    lines = []
    for (engine, template), found in grouped.items():
        reasons = {reason for _, reason in found}
        langs = ", ".join(lang for lang, _ in found)
        lines.append((f"{engine} {langs}", reasons.pop() if len(reasons) == 1 else template))
    return lines


COMMANDS = [doctor]
