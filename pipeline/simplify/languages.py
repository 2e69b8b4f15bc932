"""Which rules simplify which language."""

from __future__ import annotations

from pipeline.simplify.rules import SHARED_RULES, LanguageRules

GENERIC = LanguageRules(lang="", rules=SHARED_RULES)
"""For languages without rules of their own: sentences, quotations and semicolons are cut,
and the length limit holds."""


def rules_for(lang: str) -> LanguageRules:
    """The easy-to-read rules of ``lang`` (the shared ones for a language without its own)."""
    from pipeline.simplify import rules_ar, rules_bm, rules_en, rules_fr

    table = {r.lang: r for r in (rules_en.RULES, rules_fr.RULES, rules_ar.RULES, rules_bm.RULES)}
    if lang in table:
        return table[lang]
    return LanguageRules(lang=lang, rules=GENERIC.rules)
