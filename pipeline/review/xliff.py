"""XLIFF 2.1 translation kits: export one per language, read human translations back.

The public face of the kit writer (``kit.py``) and reader (``kit_reader.py``)::

    kit = build_kit(doc, "fr", glossary, glossary.match_document(doc))
    result = read_translations(kit_bytes, doc, origin="fr.xliff")
"""

from pipeline.review.kit import build_kit
from pipeline.review.kit_reader import (
    KitSummary,
    XliffTranslations,
    inspect_kit,
    read_translations,
)

__all__ = ["KitSummary", "XliffTranslations", "build_kit", "inspect_kit", "read_translations"]
