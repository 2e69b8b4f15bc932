"""Click commands, one module per command or command group (registered in ``pipeline.cli``)."""
