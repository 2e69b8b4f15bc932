"""Hypothesis profiles: ``ci`` (the default: every example) and ``dev`` (a tenth, for
``make test-fast``), chosen with ``HYPOTHESIS_PROFILE``."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", deadline=None)
settings.register_profile("dev", deadline=None, max_examples=10)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


def examples(count: int) -> int:
    """``count`` examples, or a tenth of them (at least 5) under the ``dev`` profile."""
    return max(5, count // 10) if PROFILE == "dev" else count
