"""Review: quality checks per segment and language (``checks``), the reviewer's report,
and sign-off.  XLIFF reading and writing, which review uses, is ``pipeline.xliff``."""
