"""The manifest of a package (``manifest.json``): built in one place, read back checked.

It records what made the package — the input and its hash, the glossary, the
settings, per language the engine, model, term accuracy and what produced every
segment, the review states and sign-off, the audio and readability figures — and
every file with its hash.  ``Manifest.from_dict`` reads any earlier version and
refuses a damaged one with a PackageError; ``to_dict`` writes the current schema.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from pipeline.errors import PackageError

SCHEMA = 2
"""Version of the manifest's shape (1: before it carried ``schema``)."""
PRODUCED = "produced"
"""Status of a language whose publications were made."""
KIT = "kit"
"""Status of a language that has only its XLIFF kit."""


@dataclass
class InputRecord:
    """The article file the package was made from."""

    name: str = ""
    """Its file name: a package belongs to the input of this name."""
    sha256: str = ""
    bytes: int = 0


@dataclass
class GlossaryRecord:
    """The glossary the package was made with."""

    path: str = ""
    sha256: str = ""
    terms: int = 0


@dataclass
class Edition:
    """What was published for one language: audio and easy-to-read figures."""

    audio: dict[str, Any] = field(default_factory=dict)
    """The speech stage's entry (voice, loudness, true peak, duration...), or why none."""
    easy: dict[str, Any] = field(default_factory=dict)
    """Readability of the original and the easy version, and targets missed."""
    easy_audio: dict[str, Any] = field(default_factory=dict)
    """The easy version's audio entry."""


@dataclass
class SourceRecord(Edition):
    """The original article."""

    lang: str = ""
    title: str = ""
    segments: int = 0
    fingerprint: str = ""
    """Hash of its segment ids and texts (``Document.fingerprint``)."""


@dataclass
class SignOff:
    """A person's sign-off."""

    by: str = ""
    """Who signed off."""
    date: str = ""
    """When (ISO 8601 date)."""


@dataclass
class LanguageRecord(Edition):
    """One target language."""

    status: str = KIT
    """``produced`` or ``kit``."""
    engine: str = ""
    model: str = ""
    version: str = ""
    terms: dict[str, Any] = field(default_factory=dict)
    """Glossary term accuracy: expected, found, missing, unknown, accuracy."""
    segments: dict[str, str] = field(default_factory=dict)
    """Per segment id, what produced its text (``human``, ``ct2:nllb-600m``...)."""
    repairs: dict[str, list[str]] = field(default_factory=dict)
    memory: int = 0
    """Segments served from the translation memory."""
    states: dict[str, str] = field(default_factory=dict)
    """Per segment id, its XLIFF state from the last imported kit (translated, reviewed,
    final); empty when no person has worked on it."""
    reviewed: SignOff | None = None
    """Set when every segment is ``reviewed`` or ``final``: who and when, if known."""
    reason: str = ""
    """Why the language was not produced."""
    next: str = ""
    """What to run to produce it."""

    @property
    def produced(self) -> bool:
        return self.status == PRODUCED


@dataclass
class Manifest:
    """Everything ``manifest.json`` says."""

    input: InputRecord = field(default_factory=InputRecord)
    source: SourceRecord = field(default_factory=SourceRecord)
    glossary: GlossaryRecord = field(default_factory=GlossaryRecord)
    settings: dict[str, Any] = field(default_factory=dict)
    """Publication settings (voice, loudness, format, easy...), kept for re-rendering."""
    languages: dict[str, LanguageRecord] = field(default_factory=dict)
    readers: dict[str, SignOff] = field(default_factory=dict)
    """Per language, who checked its easy-to-read version with readers, and when: until
    then it is published as a draft."""
    approval: SignOff | None = None
    """The named person who approved the package's accessibility (``kuma review --approve``)."""
    checks: dict[str, list[str]] = field(default_factory=dict)
    """Per language, the automated checkers its EPUBs passed at the last ``kuma review
    --a11y`` (EPUBCheck, DAISY Ace): said in their accessibility summary, never a claim."""
    review: dict[str, Any] = field(default_factory=dict)
    """Summary of the last ``kuma review``: findings per language and severity."""
    environment: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    """Relative path -> SHA-256 of every file in the package (filled in at commit)."""
    kuma: str = ""
    created: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    schema: int = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, keys in a stable order."""
        data: dict[str, Any] = {"schema": self.schema, "kuma": self.kuma, "created": self.created}
        data["input"] = asdict(self.input)
        data["source"] = asdict(self.source)
        data["glossary"] = asdict(self.glossary)
        data["settings"] = dict(self.settings)
        data["languages"] = {lang: _language_dict(r) for lang, r in self.languages.items()}
        if self.readers:
            data["readers"] = {lang: asdict(s) for lang, s in self.readers.items()}
        if self.approval is not None:
            data["approval"] = asdict(self.approval)
        if self.checks:
            data["checks"] = {lang: list(tools) for lang, tools in self.checks.items()}
        if self.review:
            data["review"] = self.review
        data.update(environment=self.environment, files=self.files, timings=self.timings)
        return data

    @classmethod
    def from_dict(cls, data: Any, where: str = "manifest.json") -> Manifest:
        """Read a manifest of any schema; PackageError naming ``where`` when damaged."""
        try:
            return _manifest(data)
        except (TypeError, ValueError, AttributeError) as exc:
            raise PackageError(f"{where} is damaged ({exc}): run `kuma run` again") from None


def _language_dict(record: LanguageRecord) -> dict[str, Any]:
    data = asdict(record)
    if record.reviewed is None:
        data.pop("reviewed")
    if record.produced:
        data.pop("reason")
        data.pop("next")
    if not record.states:
        data.pop("states")
    return data


def _manifest(data: Any) -> Manifest:
    data = _mapping(data, "the manifest")
    languages = _mapping(data.get("languages", {}), "its languages")
    approval = data.get("approval")
    return Manifest(
        input=_record(InputRecord, data.get("input", {}), "its input"),
        source=_record(SourceRecord, data.get("source", {}), "its source"),
        glossary=_record(GlossaryRecord, data.get("glossary", {}), "its glossary"),
        settings=dict(_mapping(data.get("settings", {}), "its settings")),
        languages={str(lang): _language(entry) for lang, entry in languages.items()},
        readers={
            str(lang): _record(SignOff, entry, "a readers' sign-off")
            for lang, entry in _mapping(data.get("readers", {}), "its readers").items()
        },
        approval=_record(SignOff, approval, "its approval") if approval else None,
        checks={
            str(lang): [str(tool) for tool in _list(tools, "its checks")]
            for lang, tools in _mapping(data.get("checks", {}), "its checks").items()
        },
        review=dict(_mapping(data.get("review", {}), "its review")),
        environment=dict(_mapping(data.get("environment", {}), "its environment")),
        files=dict(_mapping(data.get("files", {}), "its files")),
        kuma=str(data.get("kuma", "")),
        created=str(data.get("created", "")),
        timings=dict(_mapping(data.get("timings", {}), "its timings")),
        schema=int(data.get("schema", 1)),
    )


def _language(entry: Any) -> LanguageRecord:
    entry = dict(_mapping(entry, "a language"))
    reviewed = entry.pop("reviewed", None)
    record = _record(LanguageRecord, entry, "a language")
    record.reviewed = _record(SignOff, reviewed, "a sign-off") if reviewed else None
    return record


def _record(kind: type, data: Any, what: str) -> Any:
    """``kind`` from the keys of ``data`` it knows, each of the right type."""
    data = _mapping(data, what)
    values = {}
    for item in fields(kind):
        if item.name not in data:
            continue
        value = data[item.name]
        expected = _TYPES.get(str(item.type))
        if expected is not None and not isinstance(value, expected):
            raise ValueError(f"{what}: {item.name} is not {expected[0].__name__}")
        values[item.name] = value
    return kind(**values)


_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "dict[str, Any]": (dict,),
    "dict[str, str]": (dict,),
    "dict[str, list[str]]": (dict,),
}


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"{what}: not a JSON list")
    return value


def _mapping(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{what}: not a JSON object")
    return value
