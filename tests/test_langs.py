"""The language table and --lang parsing."""

import pytest

from pipeline.errors import LanguageError
from pipeline.langs import Direction, get_language, parse_targets


def test_arabic_is_right_to_left():
    assert get_language("ar").direction is Direction.RTL
    assert get_language("AR").nllb == "arb_Arab"


@pytest.mark.parametrize(
    "value, codes",
    [("fr,ar,bm", ["fr", "ar", "bm"]), (" bm , fr ,bm", ["bm", "fr"]), ("dyu", ["dyu"])],
)
def test_parse_targets(value, codes):
    assert [lang.code for lang in parse_targets(value)] == codes


@pytest.mark.parametrize(
    "value, message",
    [
        ("xx", "unknown language code 'xx' (known: en, fr, ar, bm, dyu)"),
        ("fr,zz", "unknown language code 'zz' (known: en, fr, ar, bm, dyu)"),
        ("en", "'en' is not a target language (targets: fr, ar, bm, dyu)"),
        (" , ", "no target language given (use --lang fr,ar,bm)"),
    ],
)
def test_parse_targets_errors(value, message):
    with pytest.raises(LanguageError) as info:
        parse_targets(value)
    assert str(info.value) == message
