"""The Jinja2 environment of the publications, and the files kept beside the templates."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def environment() -> Any:
    """Templates of ``pipeline/publish/templates``, autoescaped, undefined names an error."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.publish", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render_template(name: str, context: dict[str, Any]) -> str:
    """Template ``name`` rendered with ``context``."""
    return str(environment().get_template(name).render(**context))


@cache
def template_file(name: str) -> str:
    """A file kept with the templates (a stylesheet), as text."""
    from importlib.resources import files

    return files("pipeline.publish").joinpath("templates", name).read_text(encoding="utf-8")
