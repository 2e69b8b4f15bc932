"""The use cases, each calling the stages in order (ingest → translate → simplify →
speak → publish → review) over a package and its typed ``Manifest``.

- ``article``: ``run_articles`` — articles into packages (``kuma run``);
- ``existing``: ``publish_package`` and ``import_xliff`` — work on a package that exists;
- ``documents``: ``translate_article``, ``export_kits``, ``document_to_simplify`` — one
  document, no package;
- ``review``: ``review_package`` — check a package, write the reviewer's report and
  kits, record sign-offs (import it from ``pipeline.usecases.review``: it loads the checks);
- ``produce``: the publication stages every package use case runs;
- ``options``, ``results``, ``records``, ``translation``: what they take, return and record.

(Named ``usecases`` rather than ``run``: ``pipeline.run`` is the library function.)
"""

from pipeline.usecases.article import (
    EXIT_INCOMPLETE,
    check_run,
    package_stem,
    run_article,
    run_articles,
)
from pipeline.usecases.documents import TranslationUnavailable, export_kits, translate_article
from pipeline.usecases.existing import import_xliff, load_package, publish_package
from pipeline.usecases.options import PublishSettings, RunOptions
from pipeline.usecases.results import ArticleResult, LanguageOutcome, TranslationReport

__all__ = [
    "EXIT_INCOMPLETE",
    "ArticleResult",
    "LanguageOutcome",
    "PublishSettings",
    "RunOptions",
    "TranslationReport",
    "TranslationUnavailable",
    "check_run",
    "export_kits",
    "import_xliff",
    "load_package",
    "package_stem",
    "publish_package",
    "run_article",
    "run_articles",
    "translate_article",
]
