"""``kuma review``: the reviewer's report of an article folder, and sign-offs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline.commands.options import glossary_option, json_option, quiet_option

if TYPE_CHECKING:
    from pipeline.review.report import ToolRun
    from pipeline.usecases.review import ReviewResult

SEVERITIES = ("critical", "major", "minor")


@click.command()
@click.argument(
    "package_dir",
    metavar="OUTDIR",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default="critical",
    show_default=True,
    help="Exit with code 4 when an issue this serious or worse is found.",
)
@click.option(
    "--a11y",
    is_flag=True,
    help="Also check every page with axe-core (WCAG 2.2 A/AA, headless Chromium) and every "
    "EPUB with EPUBCheck and DAISY Ace; a tool that is missing is reported as not run.",
)
@click.option(
    "--approve",
    is_flag=True,
    help="Record that the person named by --by approves the accessibility of the package: "
    "its EPUBs then claim WCAG 2.2 AA conformance, certified by them.",
)
@click.option(
    "--easy-checked",
    "easy_checked",
    multiple=True,
    metavar="LANGS",
    help="Record that the person named by --by checked the easy-to-read versions in these "
    "languages with readers (comma-separated, repeatable): they are no longer drafts.",
)
@click.option("--by", default="", metavar="NAME",
              help="Who signs off (needed by --approve and --easy-checked).")
@glossary_option
@json_option
@quiet_option
@click.pass_context
def review(
    ctx: click.Context,
    package_dir: Path,
    fail_on: str,
    a11y: bool,
    approve: bool,
    easy_checked: tuple[str, ...],
    by: str,
    glossary_path: Path | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """Check every segment of every language of an article folder (OUT/<slug>/).

    Writes review/report.html (for people), review/report.json and the kits
    review/<lang>.xliff with each segment's issues, and prints a summary (the
    report itself with --json).  Sign-offs (--approve, --easy-checked, with --by)
    are recorded first and every publication says so.

    \b
    Exit codes:
      0  nothing at or above --fail-on was found
      4  an issue at or above --fail-on was found
      1  error: the folder cannot be read, a sign-off without --by, ...
    """
    from pipeline.progress import Progress
    from pipeline.review.checks import Severity
    from pipeline.usecases.review import EXIT_FINDINGS, review_package

    langs = [code.strip() for value in easy_checked for code in value.split(",") if code.strip()]
    result = review_package(
        package_dir,
        a11y=a11y,
        fail_on=Severity(fail_on),
        approve=approve,
        easy_checked=langs,
        by=by,
        glossary_path=glossary_path,
        progress=Progress(silent=quiet),
    )
    if as_json:
        click.echo(json.dumps(result.report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(summary(result))
    if not result.passed:
        ctx.exit(EXIT_FINDINGS)


def summary(result: ReviewResult) -> str:
    """The review in a few lines: per language, tools, sign-offs, verdict, where the report is."""
    from pipeline.review.checks import SEVERITY_ORDER

    report = result.report
    lines = [f"{result.package_dir}: review of {report.title!r} on {report.date} "
             f"(fails on {report.fail_on.value})"]
    for code, lang in report.languages.items():
        counts = ", ".join(f"{lang.count(s)} {s.value}" for s in SEVERITY_ORDER)
        if not lang.checked:
            reasons = "; ".join(g.reason for g in lang.not_checked if g.essential)
            lines.append(f"  {code}: NOT CHECKED: {reasons}")
            continue
        gaps = [g.check for g in lang.not_checked]
        missing = f"; not checked: {', '.join(gaps)}" if gaps else ""
        lines.append(f"  {code}: {lang.segments} segments, {counts}{missing}")
    lines.append("  accessibility: " + "; ".join(_tool(t) for t in report.tools))
    lines += [f"  signed: {line}" for line in result.signed]
    failing = report.failing()
    verdict = (f"FAILS: {failing} issue{'s' if failing != 1 else ''} at or above "
               f"{report.fail_on.value}" if failing else
               f"passes: no issue at or above {report.fail_on.value}")
    lines.append(f"  result: {verdict}")
    lines.append(f"  report: {result.package_dir / 'review' / 'report.html'}")
    return "\n".join(lines)


def _tool(tool: ToolRun) -> str:
    if tool.status == "ran":
        return f"{tool.tool} checked {len(tool.files)} files"
    return f"{tool.tool} {tool.status} ({tool.reason})"


COMMANDS = [review]
