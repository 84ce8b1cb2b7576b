"""MkDocs hooks named in mkdocs.yml; all the work is in the etalase package."""

from etalase.builder.hooks import (
    on_build_error,
    on_config,
    on_env,
    on_files,
    on_nav,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_pre_page,
    on_serve,
    on_startup,
)

__all__ = [
    "on_build_error",
    "on_config",
    "on_env",
    "on_files",
    "on_nav",
    "on_page_context",
    "on_page_markdown",
    "on_post_build",
    "on_pre_page",
    "on_serve",
    "on_startup",
]
