"""Run MkDocs with the etalase plugin from the CLI: ``build`` and ``serve`` with the CLI's options.

``mkdocs build`` and ``mkdocs serve`` work directly too and take the plugin's options from
``mkdocs.yml``; the CLI loads the same configuration and sets the options given on its command
line on the plugin object (``Options``), so nothing travels through the environment.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.livereload import LiveReloadServer, _serve_url
from mkdocs.utils.yaml import yaml_load

from etalase.builder.plugin import EtalasePlugin

PLUGIN = "etalase"

log = logging.getLogger("mkdocs.commands.serve")


@dataclass(frozen=True)
class Options:
    """The plugin options the command line sets (``None``: as ``mkdocs.yml`` says)."""

    strict: bool | None = None
    messages: str | None = None
    shortcuts: bool | None = None


def configure(config_file: Path, options: Options, **overrides: object) -> MkDocsConfig:
    """Load ``config_file`` (making its docs folder first: it is build output) and set ``options`` on the plugin."""
    ensure_docs_dir(config_file)
    config = load_config(config_file=str(config_file), **overrides)
    plugin = config.plugins.get(PLUGIN)
    if not isinstance(plugin, EtalasePlugin):
        raise ConfigurationError(f"{config_file}: the '{PLUGIN}' plugin is not in its plugins list")
    for name in ("strict", "messages", "shortcuts"):
        value = getattr(options, name)
        if value is not None:
            plugin.config[name] = value
    return config


def ensure_docs_dir(config_file: Path) -> Path:
    """Make the docs folder ``config_file`` names, so that MkDocs accepts the configuration.

    The folder is build output (``build/docs``), filled by the plugin; MkDocs checks that it
    exists before any plugin runs, so after ``rm -rf build`` a build would otherwise stop there.
    """
    with config_file.open(encoding="utf-8") as handle:
        data = yaml_load(handle) or {}
    folder = config_file.parent / str(data.get("docs_dir") or "docs")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def build(config_file: Path, options: Options) -> Path:
    """Build the site as ``etalase build`` does; return the site folder."""
    config = configure(config_file, options)
    site = Path(config.site_dir)  # the plugin builds into a staging folder and swaps it in here
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return site


def serve(config_file: Path, options: Options, dev_addr: str) -> None:
    """Serve the site with live rebuilds, as ``mkdocs serve`` does, with ``options`` on the plugin."""
    site_dir = tempfile.mkdtemp(prefix="etalase_serve_")

    def get_config() -> MkDocsConfig:
        return configure(config_file, options, site_dir=site_dir, dev_addr=dev_addr)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        config = config or get_config()
        config.site_url = serve_url
        mkdocs_build(config, serve_url=serve_url)

    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path)
    try:
        builder(config)
        server.watch(str(config_file))
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
