"""Review: what a reviewer needs to check a package, and the report they read.

- ``checks``: quality checks per segment and language (MQM category, severity);
- ``coverage``: what the checks cannot look at on this machine, and why;
- ``findings``: the checks run on documents, each finding beside its texts;
- ``report``: the report model and its JSON (``review/report.json``);
- ``html``: the report as an accessible page (``review/report.html``);
- ``its``: findings as ITS Localization Quality Issues for the XLIFF kits;
- ``a11y``: axe-core, EPUBCheck and DAISY Ace on the publications.

The use case that runs them over a package, and records sign-offs, is
``pipeline.usecases.review``.  XLIFF reading and writing is ``pipeline.xliff``.
"""
