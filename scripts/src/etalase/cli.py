"""The ``etalase`` command: validate records, build or serve the site, write JSON Schemas.

Thin: parses arguments, calls the library, prints what happened and sets the exit code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from pathlib import Path

from . import schema_export
from .pipeline import check
from .problems import Severity

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    """Run the command line in ``argv``; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_USAGE
    return int(args.run(args))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="etalase",
        description="Etalase: turn YAML records of IKM products and sentra into a catalogue website.",
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder holding mkdocs.yml (default: .)")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check every record and photo and list all problems",
        description="Check every record and photo; print each problem as path:line: field: what is wrong — how to fix. "
        "Exits 1 when there are errors (or warnings, with --strict).",
    )
    _add_common(validate)
    validate.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: also print GitHub workflow commands so problems appear in the pull request diff",
    )
    validate.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    validate.set_defaults(run=_validate)

    build = commands.add_parser(
        "build",
        help="build the site into site/ (the previous site stays if anything fails)",
        description="Validate, process photos, generate pages, build with mkdocs-material and index for search. "
        "Serve the result with: python -m http.server -d site 8000",
    )
    _add_common(build)
    build.add_argument("-f", "--config-file", type=Path, default=None, help="MkDocs config (default: ROOT/mkdocs.yml)")
    build.set_defaults(run=_build)

    serve = commands.add_parser(
        "serve",
        help="preview the site at http://127.0.0.1:8000, rebuilding when a record, photo or template changes",
        description="Run mkdocs serve with the Etalase pipeline; edits to records, photos and templates rebuild.",
    )
    _add_common(serve)
    serve.add_argument(
        "-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)"
    )
    serve.add_argument("-f", "--config-file", type=Path, default=None, help="MkDocs config (default: ROOT/mkdocs.yml)")
    serve.set_defaults(run=_serve)

    schema = commands.add_parser(
        "schema",
        help="write the JSON Schemas editors use (catalog/schema/*.schema.json)",
        description="Write catalog/schema/*.schema.json from the record models; --check only reports stale files.",
    )
    schema.add_argument("--check", action="store_true", help="exit 1 if a schema file is missing or out of date")
    schema.set_defaults(run=_schema)
    return parser


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="treat warnings (e.g. an expired certificate) as errors")
    parser.add_argument(
        "--lang",
        choices=["id", "en", "both"],
        default=os.environ.get("ETALASE_LANG", "id"),
        help="language of the messages: id (Bahasa Indonesia, default), en, or both",
    )


def _validate(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    outcome = check(root, args.today or dt.date.today())
    for problem in outcome.problems:
        print(problem.format(args.lang))
        if args.format == "github":
            print(problem.github_annotation(args.lang))
    errors = sum(p.severity is Severity.error for p in outcome.problems)
    warnings = len(outcome.problems) - errors
    catalog = outcome.catalog
    if catalog:
        counts = f"{len(catalog.products)} produk/products, {len(catalog.ikms)} IKM, {len(catalog.sentra)} sentra"
    else:
        counts = "catalog/ files unusable"
    print(f"{counts}: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return EXIT_PROBLEMS if outcome.failed(args.strict) else EXIT_OK


def _mkdocs_config(args: argparse.Namespace) -> Path:
    return (args.config_file or args.root / "mkdocs.yml").resolve()


def _env(args: argparse.Namespace) -> None:
    os.environ["ETALASE_STRICT"] = "1" if args.strict else "0"
    os.environ["ETALASE_LANG"] = args.lang


def _build(args: argparse.Namespace) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    _env(args)
    _log_to_stderr()
    try:
        config = load_config(config_file=str(_mkdocs_config(args)))
        site = Path(config.site_dir)  # the hook builds into a staging folder and swaps it in here
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as error:
        print(f"Build stopped: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Built {site}. Serve it with: python -m http.server -d {os.path.relpath(site)} 8000 --bind 127.0.0.1")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError

    _env(args)
    _log_to_stderr()
    try:
        serve(config_file=str(_mkdocs_config(args)), dev_addr=args.dev_addr, livereload=True)
    except (Abort, ConfigurationError) as error:
        print(f"Serve stopped: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    if args.check:
        stale = schema_export.stale_schemas(root)
        for name in stale:
            print(f"{schema_export.SCHEMA_DIR / name}: out of date — run `etalase schema` and commit the result")
        return EXIT_PROBLEMS if stale else EXIT_OK
    for path in schema_export.write_schemas(root):
        print(f"wrote {path.relative_to(root)}")
    return EXIT_OK


def _log_to_stderr() -> None:
    """Show MkDocs' and Etalase's log lines as ``LEVEL - message`` on stderr."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


if __name__ == "__main__":
    sys.exit(main())
