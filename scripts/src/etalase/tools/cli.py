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
from typing import Any

from etalase.check import schema_export
from etalase.model.problems import Severity
from etalase.pipeline import check
from etalase.tools import forum as forum_tool
from etalase.tools import media
from etalase.tools.intake.commands import add_commands

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
    _add_validate(commands)
    _add_build(commands)
    _add_serve(commands)
    _add_booths(commands)
    _add_schema(commands)
    _add_bench(commands)
    media.add_commands(commands)
    add_commands(commands)  # new, from-issue, photos tidy, owners, preview (tools/intake/commands.py)
    forum_tool.add_parser(commands, _forum)
    _add_import(commands)
    return parser


def _add_validate(commands: Any) -> None:
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


def _add_build(commands: Any) -> None:
    build = commands.add_parser(
        "build",
        help="build the site into site/ (the previous site stays if anything fails)",
        description="Validate, process photos, generate pages, build with mkdocs-material and index for search. "
        "Serve the result with: python -m http.server -d site 8000",
    )
    _add_common(build)
    build.add_argument("-f", "--config-file", type=Path, default=None, help="MkDocs config (default: ROOT/mkdocs.yml)")
    _add_shortcuts(build)
    build.set_defaults(run=_build)


def _add_serve(commands: Any) -> None:
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
    _add_shortcuts(serve)
    serve.set_defaults(run=_serve)


def _add_booths(commands: Any) -> None:
    booths = commands.add_parser(
        "booths",
        help="print a festival's booth sheets into one PDF (A4 portrait, one booth per page)",
        description="Build the site (or use the built one with --no-build), serve it on 127.0.0.1 and print "
        "festival/<slug>/print/ with headless Chromium into one PDF: one A4 portrait page per booth of "
        "catalog/festivals/<slug>.yml. Exits 2 when Chromium is not installed.",
    )
    booths.add_argument("festival", help="the festival: the name of catalog/festivals/<festival>.yml")
    booths.add_argument("-o", "--output", type=Path, default=None, help="the PDF to write (default: FESTIVAL.pdf)")
    booths.add_argument("--no-build", action="store_true", help="print from the site already built, do not build")
    booths.add_argument("--chromium", default=None, help="Chromium or Chrome to print with (default: on the PATH)")
    booths.add_argument("-f", "--config-file", type=Path, default=None, help="MkDocs config (default: ROOT/mkdocs.yml)")
    _add_common(booths)
    booths.set_defaults(run=_booths)


def _add_schema(commands: Any) -> None:
    schema = commands.add_parser(
        "schema",
        help="write the JSON Schemas editors use (catalog/schema/*.schema.json)",
        description="Write catalog/schema/*.schema.json from the record models; --check only reports stale files.",
    )
    schema.add_argument("--check", action="store_true", help="exit 1 if a schema file is missing or out of date")
    schema.set_defaults(run=_schema)


def _add_bench(commands: Any) -> None:
    bench = commands.add_parser(
        "bench",
        help="measure whole builds of synthetic catalogues (Etalase against a naive mkdocs-material set-up)",
        description="Make synthetic catalogues of N products (kept in OUT/<N>/), build each cold and warm with "
        "Etalase and, up to --naive-max, with plain mkdocs-material (every page in the nav, lunr search); "
        "print a markdown table of wall time, memory, output and search index sizes.",
    )
    bench.add_argument("--sizes", type=_sizes, default=[1000], help="comma-separated product counts (default: 1000)")
    bench.add_argument(
        "--naive-max", type=int, default=2000, help="build the naive set-up up to this N (default: 2000)"
    )
    bench.add_argument("--seed", type=int, default=1, help="seed of the synthetic catalogue (default: 1)")
    bench.add_argument("--out", type=Path, default=None, help="folder of the catalogues (default: ROOT/build/bench)")
    bench.add_argument("--json", type=Path, default=None, help="also write the measurements as JSON here")
    bench.add_argument("--serve", action="store_true", help="also time `etalase serve` rebuilding after one edit")
    bench.add_argument("--keep-naive", action="store_true", help="keep the naive site (OUT/<N>/naive/) to look at")
    bench.set_defaults(run=_bench)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="treat warnings (e.g. an expired certificate) as errors")
    parser.add_argument(
        "--lang",
        choices=["id", "en", "both"],
        default="id",
        help="language of the messages: id (Bahasa Indonesia, default), en, or both",
    )


def _add_shortcuts(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-shortcuts",
        dest="shortcuts",
        action="store_false",
        default=None,
        help="redo everything: no caches, no reuse of the last site, one step at a time (same site, slower)",
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


def _options(run: Any, args: argparse.Namespace) -> Any:
    """Return the plugin options the command line sets (``--lang`` names the messages' language)."""
    return run.Options(strict=args.strict or None, messages=args.lang, shortcuts=getattr(args, "shortcuts", None))


def _mkdocs_config(args: argparse.Namespace) -> Path:
    return (args.config_file or args.root / "mkdocs.yml").resolve()


def _build(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import Abort, ConfigurationError

    from etalase.builder import run

    _log_to_stderr()
    try:
        site = run.build(_mkdocs_config(args), _options(run, args))
    except (Abort, ConfigurationError) as error:
        print(f"Build stopped: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Built {site}. Serve it with: python -m http.server -d {os.path.relpath(site)} 8000 --bind 127.0.0.1")
    return EXIT_OK


def _booths(args: argparse.Namespace) -> int:
    from etalase.tools import booths

    return booths.run(args, build=_build)


def _forum(args: argparse.Namespace) -> int:
    return forum_tool.run(args, build=_build)


def _serve(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import Abort, ConfigurationError

    from etalase.builder import run

    _log_to_stderr()
    try:
        run.serve(_mkdocs_config(args), _options(run, args), args.dev_addr)
    except (Abort, ConfigurationError) as error:
        print(f"Serve stopped: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _sizes(text: str) -> list[int]:
    from etalase.bench.bench import parse_sizes

    try:
        return parse_sizes(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"sizes like 1000,5000 expected: {error}") from None


def _bench(args: argparse.Namespace) -> int:
    from etalase.bench import bench

    return bench.run_cli(
        args.root, args.sizes, args.naive_max, args.seed, args.out, args.json, args.serve, args.keep_naive
    )


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


def _add_import(commands: Any) -> None:
    """Add ``import`` (a maker's package from the add-a-product page → records and photos)."""
    command = commands.add_parser(
        "import",
        help="add a maker's package from the tambah-produk/ page (a .txt file sent by WhatsApp) to the records",
        description="Read PACKAGE (made on the site's tambah-produk/ page) as untrusted input, check its records with "
        "every rule of `etalase validate` and write products/<ikm>/<slug>.yml (and ikm.yml for a new maker) with "
        "its photos encoded afresh; or print every problem as PACKAGE:line: field: message and write nothing.",
    )
    command.add_argument("package", type=Path, help="the package file (etalase-<slug>.txt)")
    command.add_argument("--check", action="store_true", help="check only: write nothing")
    command.add_argument(
        "--lang", choices=["id", "en", "both"], default="id", help="language of the messages (default: id)"
    )
    command.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    command.set_defaults(run=_import)


def _import(args: argparse.Namespace) -> int:
    from etalase.tools import importer

    root = args.root.resolve()
    today = args.today or dt.date.today()
    result = importer.import_package(root, args.package, today, label=str(args.package), write=not args.check)
    for problem in result.problems:
        print(problem.format(args.lang))
    errors, warnings = importer.summary(result.problems)
    if errors:
        print(
            f"paket ditolak / package refused: {errors} error(s), {warnings} warning(s); nothing written",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    assert result.plan is not None
    name, whatsapp = importer.maker_contact(root, result.package, result.plan)
    if name:
        print(
            f"pembuat / maker: {name} {whatsapp} — periksa bahwa paket dikirim dari nomor ini / check it came from this number"
        )
    files = result.written or sorted(result.plan.files)
    verb = "wrote" if result.written else "would write"
    for rel in files:
        print(f"{verb} {rel}")
    if result.written:
        print(f"next: etalase validate && git add {' '.join(sorted({f.rsplit('/', 1)[0] + '/' for f in files}))}")
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
