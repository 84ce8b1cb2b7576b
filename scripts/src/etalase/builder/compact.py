"""The theme's templates without their indentation: the same pages, about 3 kB lighter each.

Material's templates (and ours in ``templates/overrides``) are indented for reading: a product
page carried some 3 kB of leading spaces and blank lines, about an eighth of its bytes, the same
on every page. ``CompactTemplates`` is a Jinja extension that MkDocs' theme environment gets in
the plugin's ``on_env``: it takes that indentation out of each template's *source* before Jinja
compiles it, so every value a page puts in (title, body, links) is printed exactly as before and
the page shells (``shells.py``) hold as they did.

What changes in a page is whitespace between tags only: each line loses its leading spaces and
tabs, blank lines go, and a line holding nothing but Jinja statements (``{% if … %}``) no longer
leaves its line break behind (Jinja's ``trim_blocks`` for such lines). A line break between two
pieces of text stays a line break, so no two words are joined. Templates of other kinds (the
sitemap is ``.xml``) are compacted the same way; a template with ``<pre``, ``<textarea`` or
``{% raw`` in it is left as it is, as whitespace there may mean something.
"""

from __future__ import annotations

import re

from jinja2 import Environment
from jinja2.ext import Extension

# Statements that print nothing themselves: a line of these (and comments) only leaves no line
# break. ``include``, ``block`` and ``call`` print something, so the line break after them stays.
_SILENT = r"(?:if|elif|else|endif|for|endfor|set|endset|import|from|macro|endmacro|extends|with|endwith)\b"
_STATEMENTS_ONLY = re.compile(rf"(?:\{{%-?\s*{_SILENT}(?:[^%]|%(?!\}}))*%\}}|\{{#(?:[^#]|#(?!\}}))*#\}}|\s)+")
_KEEP_AS_IS = ("<pre", "<textarea", "{% raw", "{%- raw")


def compact(source: str) -> str:
    """Return template ``source`` without leading whitespace, blank lines and the line breaks
    after lines of Jinja statements and comments only (see the module's docstring)."""
    if any(marker in source for marker in _KEEP_AS_IS):
        return source
    lines = []
    for line in source.splitlines(keepends=True):
        text = line.lstrip(" \t")
        bare = text.rstrip("\r\n")
        if not bare.strip():
            continue
        lines.append(bare if _STATEMENTS_ONLY.fullmatch(bare.rstrip(" \t")) else text)
    return "".join(lines)


class CompactTemplates(Extension):
    """Jinja extension: every template's source is ``compact``-ed before it is compiled."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return compact(source)


def install(env: Environment) -> Environment:
    """Add ``CompactTemplates`` to the theme's environment (once); return it."""
    if not any(isinstance(ext, CompactTemplates) for ext in env.extensions.values()):
        env.add_extension(CompactTemplates)
    return env
