"""Sign-offs: what a named person checked, recorded with the day, then said everywhere.

- ``approve``: the person approves the package's accessibility; the EPUBs then claim
  conformance (``dcterms:conformsTo``) and name them (``a11y:certifiedBy``);
- ``easy_checked``: the person checked these languages' easy-to-read versions with
  readers; they are no longer drafts.

(A translation's review comes from its kit's segment states, with ``kuma xliff import``.)
Once recorded, every publication is rendered again (``produce``: its caches make that
quick) so that pages, books, scripts and audio say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.errors import InputError, one_line
from pipeline.glossary import Glossary
from pipeline.langs import get_language
from pipeline.manifest import SignOff
from pipeline.package import Package
from pipeline.progress import SILENT, Progress
from pipeline.storage import Cache
from pipeline.usecases.existing import Contents, load_package, republish
from pipeline.usecases.produce import folder


@dataclass(frozen=True)
class SignOffs:
    """The sign-offs one person gives at once."""

    approve: bool
    easy_checked: tuple[str, ...]
    by: str
    """Who gives them."""
    day: str
    """ISO 8601 date."""

    def __bool__(self) -> bool:
        return self.approve or bool(self.easy_checked)


def signer(by: str, approve: bool, easy_checked: Sequence[str]) -> str:
    """The name of the person signing off; refuse a sign-off without one, or a name
    with nothing to sign."""
    name = one_line(by)
    signing = approve or bool(easy_checked)
    if signing and not name:
        raise InputError("a sign-off needs the name of the person who gives it: add --by NAME")
    if name and not signing:
        raise InputError("--by names who signs off: use it with --approve or --easy-checked")
    return name


def sign_off(
    package: Package,
    glossary: Glossary,
    given: SignOffs,
    cache: Cache | None = None,
    progress: Progress = SILENT,
) -> list[str]:
    """Record ``given`` in the manifest of ``package`` (whose lock the caller holds) and
    render every publication again; what was signed, in words."""
    if not given:
        return []
    contents = load_package(package)
    manifest = contents.manifest
    signed = []
    for lang in _easy_languages(package, contents, given.easy_checked):
        manifest.readers[lang] = SignOff(by=given.by, date=given.day)
        signed.append(f"{get_language(lang).name} easy-to-read version checked with readers "
                      f"by {given.by}")
    if given.approve:
        manifest.approval = SignOff(by=given.by, date=given.day)
        signed.append(f"accessibility approved by {given.by}")
    progress.step(f"{package.root.name}: publishing again with the sign-off")
    republish(package, contents, glossary, cache, progress)
    return signed


def _easy_languages(package: Package, contents: Contents, langs: Sequence[str]) -> list[str]:
    """The languages named, each checked to have an easy-to-read version here."""
    codes = []
    for code in langs:
        lang = get_language(code).code
        if package.read(f"{folder(lang, contents.source.lang)}/easy.json") is None:
            raise InputError(f"{package.root.name} has no easy-to-read version in "
                             f"{get_language(lang).name}: nothing to sign off")
        codes.append(lang)
    return codes
