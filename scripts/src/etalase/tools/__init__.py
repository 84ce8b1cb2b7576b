"""Commands around the pipeline: the CLI, scaffolding, issue forms, booth printing."""
