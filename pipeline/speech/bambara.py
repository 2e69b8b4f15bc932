"""Numbers, dates and money read out in Bambara, with the ``bambara-text-normalizer`` package.

It spells numbers (``158000`` -> ``waa kɛmɛ ni bi duuru ni seegin``), dates and CFA
amounts the Malian way (counted in dɔrɔmɛ, five francs each).  Only those three
steps are used: its other normalisations (case, punctuation, tone marks,
contractions) are for speech recognition, not for a voice.  Without the package,
Bambara text is spoken as written.
"""

from __future__ import annotations

import re
from importlib.util import find_spec

PERCENT = "pourcent"
"""Said after a number before ``%``: the French loanword heard on Bambara radio
(to be confirmed by the native-speaker review of the Bambara outputs)."""


def normaliser_available() -> bool:
    """Whether ``bambara-text-normalizer`` is installed."""
    return find_spec("bambara_normalizer") is not None


def read_numbers_bm(text: str) -> str:
    """``text`` with dates, CFA amounts, percentages and numbers in Bambara words."""
    if not normaliser_available():
        return text
    from bambara_normalizer import (
        normalize_currency_in_text,
        normalize_dates_in_text,
        normalize_numbers_in_text,
    )

    text = re.sub(r"(\d)\s?%", rf"\1 {PERCENT}", text)
    return str(normalize_numbers_in_text(normalize_currency_in_text(normalize_dates_in_text(text))))
