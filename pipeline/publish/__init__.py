"""Publications rendered from a Document: plain text, HTML (and later EPUB, scripts)."""
