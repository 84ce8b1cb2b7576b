"""The plugin's options, set in ``mkdocs.yml`` (``plugins: - etalase: {strict: true}``) or by the CLI."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

MESSAGE_LANGUAGES = ("id", "en", "both")


class EtalaseConfig(Config):
    """Options of the ``etalase`` plugin."""

    strict = c.Type(bool, default=False)  # warnings (an expired certificate …) stop the build too
    messages = c.Choice(MESSAGE_LANGUAGES, default="id")  # language of problem messages in the log
    shortcuts = c.Type(bool, default=True)  # the one switch over every shortcut (incremental/shortcuts.py)
