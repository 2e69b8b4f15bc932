"""Finding interface words a page shows in the wrong language (WCAG 3.1.2).

Text that comes from the article is the article's business.  Everything else on a
page, a book or a read-aloud script (labels, notes, links) must either be one of the
page language's own strings or sit inside an element marked with another ``lang``.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.publish.ui import strings_in

CONTENT = (
    "ancestor-or-self::*[contains(@id, '.')]"  # a segment of the article (p3.s1, p3.s1.e2)
    " or ancestor-or-self::*[local-name()='h1'][not(@id='toc-title')]"  # the title
    " or ancestor::*[local-name()='ol'][@class='transcript' or @class='script']"
    " or ancestor-or-self::*[local-name()='a'][contains(@href, '#p')]"  # a heading in the toc
)
"""XPath (from a text's element) that is true for the article's own words."""
_LETTER = re.compile(r"[^\W\d_]")


def stray_words(root: Any, lang: str) -> list[str]:
    """Interface text in ``root`` (an lxml tree of a page in ``lang``) that is neither one
    of ``lang``'s own strings nor marked with another language."""
    own = {" ".join(text.split()) for text in strings_in(lang).values()}
    found = []
    for text in root.xpath("//*[local-name()='body']//text()[normalize-space()]"):
        element = text.getparent()
        if text.is_tail:
            element = element.getparent()
        if element.xpath(CONTENT):
            continue
        marked = element.xpath("ancestor-or-self::*[@lang][1]/@lang")
        words = " ".join(text.split())
        if marked and marked[0] == lang and _LETTER.search(words) and words not in own:
            found.append(words)
    return found
