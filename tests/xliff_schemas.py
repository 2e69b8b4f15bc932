"""The official OASIS XLIFF 2.1 schemas (core and the modules Kuma writes), for the tests.

The schema files are not kept in this repository: they are looked for in
``$KUMA_XLIFF_SCHEMAS``, else in a ``shared/xliff-schemas`` folder beside the
repository or beside any folder above it (``xliff_core_2.0.xsd``, ``glossary.xsd``,
``metadata.xsd``, ``its.xsd`` and ``informativeCopiesOf3rdPartySchemas/w3c/xml.xsd``,
as the OASIS XLIFF TC publishes them).  Without them a test is skipped on a
developer's machine and fails in CI (``CI=true``).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

MODULES = {
    "urn:oasis:names:tc:xliff:document:2.0": "xliff_core_2.0.xsd",
    "urn:oasis:names:tc:xliff:glossary:2.0": "glossary.xsd",
    "urn:oasis:names:tc:xliff:metadata:2.0": "metadata.xsd",
    "http://www.w3.org/2005/11/its": "its.xsd",
    "urn:oasis:names:tc:xliff:itsm:2.1": "itsm.xsd",
}
"""Namespace -> schema file of every XLIFF part a Kuma kit uses."""
XML_XSD = "informativeCopiesOf3rdPartySchemas/w3c/xml.xsd"
REPOSITORY = Path(__file__).resolve().parents[1]


def schemas_folder() -> Path | None:
    """Where the OASIS schemas are on this machine, if anywhere."""
    candidates = [folder / "shared" / "xliff-schemas" for folder in REPOSITORY.parents]
    if os.environ.get("KUMA_XLIFF_SCHEMAS"):
        candidates.insert(0, Path(os.environ["KUMA_XLIFF_SCHEMAS"]))
    needed = [*MODULES.values(), XML_XSD]
    return next((c for c in candidates if all((c / f).is_file() for f in needed)), None)


def require_schemas() -> Path:
    """The schemas folder; skip the test without it, or fail it in CI."""
    folder = schemas_folder()
    if folder is not None:
        return folder
    message = ("OASIS XLIFF 2.1 schemas not found: set KUMA_XLIFF_SCHEMAS or put them in "
               "shared/xliff-schemas beside the repository")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true: the schema checks may not be skipped)", pytrace=False)
    pytest.skip(message)
    raise AssertionError("unreachable")


@cache
def _schema(folder: Path) -> etree.XMLSchema:
    imports = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{(folder / name).as_uri()}"/>'
        for ns, name in MODULES.items()
    )
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.fromstring(driver.encode(), parser))


def xliff_schema() -> etree.XMLSchema:
    """One schema importing the core and every module, so their elements are checked too."""
    return _schema(require_schemas())


def schema_errors(data: bytes) -> str:
    """The validation errors of an XLIFF file, or ``""`` when it is valid."""
    schema = xliff_schema()
    valid = schema.validate(etree.fromstring(data))
    return "" if valid else str(schema.error_log)
