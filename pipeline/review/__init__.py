"""Review: XLIFF kits for human translators and reviewers, and reading their work back."""
