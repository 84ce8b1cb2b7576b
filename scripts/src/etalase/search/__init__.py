"""Search index stage: Pagefind over the built site, one bundle per language."""
