"""Errors raised by Kuma's library code.

Library code raises these; only the command line turns them into
``click.ClickException`` (``Error: ...`` and a non-zero exit).  Messages are one
line, say what is wrong with which input, and, where there is one, what to do.
"""


class KumaError(Exception):
    """Base of every error Kuma reports to its user."""

    exit_code = 1


class InputError(KumaError):
    """An input file cannot be read or makes no sense as an article."""


class LanguageError(KumaError):
    """A language code is unknown or not served."""


class GlossaryError(KumaError):
    """A glossary file is missing or invalid."""


class XliffError(KumaError):
    """An XLIFF file is corrupt or belongs to another document."""


class OutputError(KumaError):
    """An output path is unsafe or cannot be written."""


class ModelMissingError(KumaError):
    """A model needed for a stage is not on this machine."""
