"""Many documents: ``kuma batch`` over files, folders and lists, resumable and parallel.

- ``inputs``: the documents named by files, folders (``--include``/``--exclude``) and
  ``@lists``, each once, each with its own package folder;
- ``settings``: what the packages depend on besides their inputs, as one fingerprint;
- ``journal``: the SQLite journal in the output folder (one row per document);
- ``plan``: what is left to do (done and whole packages are skipped);
- ``work``: one worker's share, the same in a local process and a Ray actor;
- ``executor``: the scheduling loop (timeouts, a second try when a worker dies);
- ``local`` and ``cluster``: worker processes here, or actors on a Ray cluster;
- ``resources``: how many workers a machine holds;
- ``progress``: the progress bar, or plain lines, on stderr;
- ``summary`` and ``index``: ``batch.json`` and the accessible ``index.html``;
- ``run``: ``run_batch``, which does all of it in that order.
"""

from pipeline.batch.run import BatchOptions, run_batch
from pipeline.batch.summary import BatchSummary

__all__ = ["BatchOptions", "BatchSummary", "run_batch"]
