"""Build stage: the MkDocs plugin and everything that leans on MkDocs internals."""
