"""Publications of a Document: plain text, accessible HTML, EPUB 3 with media overlays."""
