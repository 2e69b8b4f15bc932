"""XLIFF 2.1 translation kits: written for translators, read back (a leaf package: it
imports only the document model, languages and text clean-up).

The public face of the kit writer (``kit.py``) and reader (``reader.py``)::

    kit = build_kit(doc, "fr", glossary, glossary.match_document(doc))
    result = read_translations(kit_bytes, doc, origin="fr.xliff")
"""

from pipeline.xliff.kit import build_kit
from pipeline.xliff.reader import (
    KitSummary,
    XliffTranslations,
    inspect_kit,
    read_translations,
)

__all__ = ["KitSummary", "XliffTranslations", "build_kit", "inspect_kit", "read_translations"]
