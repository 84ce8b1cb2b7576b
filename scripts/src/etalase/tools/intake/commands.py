"""The contributor commands of ``etalase``: ``new``, ``from-issue``, ``photos tidy``, ``owners`` and ``preview``.

Thin: each parses its arguments, calls the library, prints what happened and returns the exit code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from etalase.tools import ask

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the contributor commands to ``etalase``'s sub-commands."""
    _add_new(commands)
    _add_from_issue(commands)
    _add_photos(commands)
    _add_owners(commands)
    _add_confirm(commands)
    _add_preview(commands)


def _lang(parser: argparse.ArgumentParser, default: str = "both") -> None:
    parser.add_argument(
        "--lang",
        choices=["id", "en", "both"],
        default=default,
        help=f"language of the messages (default: {default})",
    )


# --- new ----------------------------------------------------------------------------------------------


def _add_new(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = commands.add_parser(
        "new",
        help="start a new IKM or product: writes a YAML file with every field, ready to fill in",
        description="Write products/<ikm>/<slug>.yml (product) or products/<slug>/ikm.yml (IKM) with every field of "
        "the schema and a hint on each. Asks for what is missing when run in a terminal; never overwrites a file.",
    )
    new.add_argument("kind", choices=["ikm", "product"], help="what to create")
    new.add_argument("--ikm", help="product: the IKM's folder name (slug)")
    new.add_argument("--slug", help="file or folder name (default: made from --name)")
    new.add_argument("--name", help="product name in Indonesian, or the IKM's business name")
    new.add_argument("--category", help="product: a category slug from catalog/categories.yml")
    new.add_argument("--sentra", help="IKM: the sentra it belongs to (a file name in sentra/)")
    new.add_argument("--owner", help="IKM: a GitHub account that speaks for the business (written to github_accounts)")
    _lang(new)
    new.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    new.set_defaults(run=_new)


def _new(args: argparse.Namespace) -> int:
    from etalase.tools import scaffold

    root = args.root.resolve()
    given = {"slug": args.slug, "name": args.name}
    try:
        if args.kind == "product":
            given |= {"ikm": args.ikm, "category": args.category}
            if sys.stdin.isatty() and not all(given[k] for k in ("ikm", "name", "category")):
                given |= ask.ask_product(root, input, given, args.lang)
            missing = [f"--{k}" for k in ("ikm", "name", "category") if not given.get(k)]
            if missing:
                print(f"etalase new product: missing {', '.join(missing)}", file=sys.stderr)
                return EXIT_USAGE
            written = scaffold.new_product(
                root,
                ikm=str(given["ikm"]),
                name=str(given["name"]),
                category=str(given["category"]),
                slug=given["slug"],
                today=args.today,
            )
        else:
            given |= {"sentra": args.sentra}
            if sys.stdin.isatty() and not all(given[k] for k in ("name", "sentra")):
                given |= ask.ask_ikm(root, input, given, args.lang)
            missing = [f"--{k}" for k in ("name", "sentra") if not given.get(k)]
            if missing:
                print(f"etalase new ikm: missing {', '.join(missing)}", file=sys.stderr)
                return EXIT_USAGE
            written = scaffold.new_ikm(
                root,
                name=str(given["name"]),
                sentra=str(given["sentra"]),
                slug=given["slug"],
                owner=args.owner,
                today=args.today,
            )
    except scaffold.ScaffoldError as error:
        print(error.message.get(args.lang), file=sys.stderr)
        return EXIT_PROBLEMS
    except (EOFError, KeyboardInterrupt):
        print("\nstopped, nothing written", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {written.path.relative_to(root).as_posix()}")
    print(written.next_steps.get(args.lang))
    return EXIT_OK


# --- from-issue ------------------------------------------------------------------------------------------


def _add_from_issue(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    issue = commands.add_parser(
        "from-issue",
        help="turn a submitted 'Produk baru' or 'IKM baru' issue form into a record and photos",
        description="Read an issue body (GitHub's rendering of a form in .github/ISSUE_TEMPLATE/), write "
        "OUT/products/<ikm>/<slug>.yml or OUT/products/<ikm>/ikm.yml with the downloaded photos, validate them and "
        "write the problems as a markdown comment. Exits 1 when the answers have errors.",
    )
    issue.add_argument("body", type=Path, help="file holding the issue body (markdown)")
    issue.add_argument("--out", type=Path, required=True, help="folder for the generated products/… files")
    issue.add_argument("--comment", type=Path, default=None, help="write the comment here (default: print it)")
    issue.add_argument("--issue", default="", help="issue number, named in the comment")
    issue.add_argument("--form", type=Path, default=None, help="issue form (default: the one the body answers)")
    issue.add_argument("--kind", choices=["product", "ikm"], default=None, help="which form (default: from the body)")
    issue.add_argument("--author", default="", help="GitHub account that submitted the form (checks who speaks)")
    issue.add_argument("--association", default="", help="the author's association (OWNER, MEMBER, …)")
    issue.add_argument("--labels", default="", help="the issue's labels, comma-separated")
    issue.add_argument("--repo", default="", help="owner/name of the repository, for links to the forms")
    issue.add_argument("--github-output", type=Path, default=None, help="append key=value lines for a workflow")
    issue.add_argument("--pr-body", type=Path, default=None, help="write the pull request body here (when ok)")
    issue.add_argument(
        "--allow-url-prefix",
        action="append",
        default=None,
        metavar="PREFIX",
        help="download photos only from URLs starting with PREFIX (default: GitHub's attachment hosts)",
    )
    issue.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    issue.set_defaults(run=_from_issue)


def _from_issue(args: argparse.Namespace) -> int:
    from etalase.tools import intake
    from etalase.tools.intake.reply import problems_text

    root = args.root.resolve()
    out = args.out.resolve()
    try:
        conversion = intake.convert(
            args.body.read_text(encoding="utf-8"),
            root,
            out,
            form=args.form,
            kind=args.kind,
            today=args.today,
            allowed=tuple(args.allow_url_prefix or intake.ALLOWED_PREFIXES),
            author=args.author,
            association=args.association,
            labels={label.strip() for label in args.labels.split(",") if label.strip()},
            repo=args.repo,
        )
    except (OSError, intake.FormError) as error:
        print(f"from-issue stopped: {error}", file=sys.stderr)
        return EXIT_USAGE
    templates = root / "templates"
    text = intake.comment(conversion, out, issue=args.issue, repo=args.repo, templates=templates)
    if args.comment:
        args.comment.write_text(text, encoding="utf-8")
    else:
        print(text)
    if args.pr_body and conversion.ok:
        body = intake.pull_request_body(conversion, out, issue=args.issue, author=args.author, templates=templates)
        args.pr_body.write_text(body, encoding="utf-8")
    if args.github_output:
        _github_output(args.github_output, conversion, args.issue)
    for line in problems_text(conversion.problems):
        print(line, file=sys.stderr)
    if conversion.record is not None:
        print(f"wrote {conversion.record} and {len(conversion.photos)} photo(s)", file=sys.stderr)
    return EXIT_OK if conversion.ok else EXIT_PROBLEMS


def _github_output(path: Path, conversion: object, issue: str) -> None:
    """Append what a workflow needs (all slugs or words: no newlines) to ``$GITHUB_OUTPUT``."""
    from etalase.tools.intake.draft import Conversion

    assert isinstance(conversion, Conversion)
    name = f"{conversion.ikm}/{conversion.slug}" if conversion.kind == "product" else conversion.ikm
    title = ("Produk baru: " if conversion.kind == "product" else "IKM baru: ") + name
    values = {
        "kind": conversion.kind,
        "ok": str(conversion.ok).lower(),
        "waiting": str(conversion.waiting).lower(),
        "ikm": conversion.ikm,
        "slug": conversion.slug,
        "branch": f"formulir/{issue or 'x'}-{name.replace('/', '-')}",
        "title": title,
    }
    with path.open("a", encoding="utf-8") as file:
        file.writelines(f"{key}={value}\n" for key, value in values.items())


# --- photos tidy -----------------------------------------------------------------------------------------


def _add_photos(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    photos = commands.add_parser("photos", help="photo files: `etalase photos tidy`")
    sub = photos.add_subparsers(title="photo commands", metavar="COMMAND")
    tidy = sub.add_parser(
        "tidy",
        help="make photos fit for the repository, in place: upright, no GPS or camera data, at most 2000 px and 1 MB",
        description="Rewrite each photo under PATH (files or folders; default: products/ and sentra/) upright, "
        "without metadata (GPS position, camera data), at most 2000 px on the long side and 1 MB, in its own "
        "format. Photos already tidy are left as they are.",
    )
    tidy.add_argument("paths", nargs="*", type=Path, help="photo files or folders (default: products/ and sentra/)")
    tidy.add_argument("--check", action="store_true", help="only list what would change; exit 1 if anything would")
    _lang(tidy)
    tidy.set_defaults(run=_photos_tidy)


def _photos_tidy(args: argparse.Namespace) -> int:
    from etalase.photos import tidy

    root = args.root.resolve()
    paths = args.paths or [root / "products", root / "sentra"]
    done = unchanged = failed = 0
    for path in tidy.photos_under(p if p.is_absolute() else Path.cwd() / p for p in paths):
        report = tidy.tidy_file(path, write=not args.check)
        shown = os.path.relpath(path)
        if report.problem is not None:
            failed += 1
            print(f"{shown}: {report.problem.get(args.lang)}", file=sys.stderr)
        elif report.changed:
            done += 1
            lang = "en" if args.lang == "en" else "id"
            print(f"{shown}: {tidy.describe(report, lang)}")
        else:
            unchanged += 1
    verb = ("perlu dirapikan", "need tidying") if args.check else ("dirapikan", "tidied")
    print(
        f"{done} foto {verb[0]}, {unchanged} sudah rapi, {failed} gagal / "
        f"{done} photo(s) {verb[1]}, {unchanged} already tidy, {failed} failed",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS if failed or (args.check and done) else EXIT_OK


# --- owners ----------------------------------------------------------------------------------------------


def _add_owners(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    owners = commands.add_parser(
        "owners",
        help="pull request check: changes to an IKM's folder from another account wait for the maker",
        description="List the IKM folders (products/<ikm>/) the commits since BASE change and whether AUTHOR speaks "
        "for each (its github_accounts on BASE), is a maintainer, or has an approving review from one. Exits 1 "
        "when a change waits for the maker's confirmation.",
    )
    owners.add_argument("--base", required=True, help="the commit the pull request is compared with (e.g. HEAD^1)")
    owners.add_argument("--author", required=True, help="the pull request's author (GitHub account)")
    owners.add_argument("--association", default="", help="the author's association (OWNER, MEMBER, …)")
    owners.add_argument("--reviews", type=Path, default=None, help="JSON of the pull request's reviews (gh api)")
    owners.add_argument("--head", default="", help="the head commit: only approvals of it count")
    owners.add_argument("--summary", type=Path, default=None, help="append the markdown summary here")
    owners.add_argument("--format", choices=["text", "github"], default="text", help="github: also annotations")
    owners.set_defaults(run=_owners)


def _owners(args: argparse.Namespace) -> int:
    from etalase.tools.intake import owners

    root = args.root.resolve()
    reviews = args.reviews.read_text(encoding="utf-8") if args.reviews else ""
    try:
        standings = owners.pull_request_standings(
            root, args.base, args.author, args.association, owners.read_reviews(reviews, args.head)
        )
    except RuntimeError as error:
        print(f"owners stopped: {error}", file=sys.stderr)
        return EXIT_USAGE
    text = owners.summary(standings)
    print(text)
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as file:
            file.write(text)
    for item in standings:
        if not item.confirmed and args.format == "github":
            print(f"::warning file=products/{item.slug}/ikm.yml,line=1::{item.message.en}")
    return EXIT_PROBLEMS if any(not s.confirmed for s in standings) else EXIT_OK


def _add_confirm(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    confirm = commands.add_parser(
        "confirm",
        help="issue form: does a comment from an account that speaks for the form's IKM say yes?",
        description="Read a 'Produk baru' issue body and a comment on it; exit 0 when COMMENTER is one of the "
        "github_accounts of the IKM the form names and the comment agrees (Setuju, Ya, I confirm), else 1.",
    )
    confirm.add_argument("body", type=Path, help="file holding the issue body")
    confirm.add_argument("--comment", type=Path, required=True, help="file holding the comment")
    confirm.add_argument("--commenter", required=True, help="the comment's author (GitHub account)")
    confirm.set_defaults(run=_confirm)


def _confirm(args: argparse.Namespace) -> int:
    from etalase.tools.intake.convert import form_maker
    from etalase.tools.intake.owners import says_yes

    maker = form_maker(args.body.read_text(encoding="utf-8"), args.root.resolve())
    agrees = says_yes(args.comment.read_text(encoding="utf-8"))
    if maker is None or not maker.speaks(args.commenter) or not agrees:
        who = maker.name if maker else "?"
        print(f"not a confirmation: {args.commenter} for {who} (agrees: {agrees})", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{args.commenter} confirms for {maker.name}")
    return EXIT_OK


# --- preview ---------------------------------------------------------------------------------------------


def _add_preview(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    preview = commands.add_parser(
        "preview",
        help="pull request check: the changed product and IKM pages with 390 px screenshots, and a summary",
        description="Find the product and IKM records the commits since BASE change, copy their built pages "
        "(both languages) from SITE into OUT with a 390 px wide screenshot of each (Chromium), and write a "
        "markdown summary with each record as buyers will read it.",
    )
    preview.add_argument("--base", required=True, help="the commit the pull request is compared with (e.g. HEAD^1)")
    preview.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    preview.add_argument("--out", type=Path, default=Path("preview"), help="where to write (default: preview)")
    preview.add_argument("--summary", type=Path, default=None, help="append the markdown summary here")
    preview.add_argument("--chromium", default=None, help="Chromium to take the screenshots with (default: PATH)")
    preview.add_argument("--no-screenshots", action="store_true", help="pages and summary only")
    preview.set_defaults(run=_preview)


def _preview(args: argparse.Namespace) -> int:
    from etalase.tools.intake import preview

    root = args.root.resolve()
    try:
        result = preview.run(
            root,
            args.base,
            args.site.resolve(),
            args.out.resolve(),
            chromium=None if args.no_screenshots else (args.chromium or ""),
        )
    except preview.PreviewError as error:
        print(f"preview stopped: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(result.summary)
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as file:
            file.write(result.summary)
    return EXIT_OK
