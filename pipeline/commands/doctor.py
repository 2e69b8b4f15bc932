"""``kuma doctor``: what can run on this machine, and what to do about the rest."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import click

from pipeline.commands.options import json_option

if TYPE_CHECKING:
    from pipeline.doctor import Diagnosis, Usability


@click.command()
@json_option
def doctor(as_json: bool) -> None:
    """Which translation engines and voices can serve which language here, and why not."""
    from pipeline.doctor import diagnose

    result = diagnose()
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(format_diagnosis(result))


def format_diagnosis(result: Diagnosis) -> str:
    """Tables of engines and voices by language, the reasons grouped, versions and folders."""
    lines = _section("Translation", "engine", result.translation)
    if result.speech:
        lines += ["", *_section("Speech", "voice", result.speech)]
    lines += ["", "Libraries:"]
    lines += [f"  {name} {found or 'not installed'}" for name, found in result.libraries.items()]
    lines += ["", "Settings:"] + [f"  {key}: {value}" for key, value in result.settings.items()]
    return "\n".join(lines)


def _section(title: str, header: str, entries: list[Usability]) -> list[str]:
    names = list(dict.fromkeys(u.engine for u in entries))
    langs = list(dict.fromkeys(u.lang for u in entries))
    cell = {(u.engine, u.lang): u for u in entries}
    width = max([len(header), *(len(n) for n in names)])
    lines = [
        f"{title} (ok = usable now, net = usable online only):",
        "  ".join([header.ljust(width), *(code.ljust(3) for code in langs)]).rstrip(),
    ]
    for name in names:
        marks = [_mark(cell.get((name, code))).ljust(3) for code in langs]
        lines.append("  ".join([name.ljust(width), *marks]).rstrip())
    reasons = _grouped_reasons(entries)
    if reasons:
        lines += ["", "Why not:"] + [f"  {who}: {why}" for who, why in reasons]
    return lines


def _mark(entry: Usability | None) -> str:
    if entry is None:
        return ""
    if not entry.usable:
        return "-"
    return "net" if entry.needs_network else "ok"


def _grouped_reasons(entries: list[Usability]) -> list[tuple[str, str]]:
    """``("nllb fr, ar", reason)``: one line per engine and reason.

    Reasons that differ only by the language they name are grouped too, the
    language shown as ``<lang>``.
    """
    grouped: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for entry in entries:
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
