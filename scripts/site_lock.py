"""Write requirements-site.lock: the packages that building and publishing the site needs.

``requirements.lock`` pins everything a developer installs (the site's packages, the test tools,
Playwright, the S3 test server, the photo-quality tools: 128 packages). The Pages workflow only
builds and publishes the site, so it installs ``requirements-site.lock``: the dependencies in
``pyproject.toml``'s ``[project] dependencies`` and everything they need on Linux, each at the
version ``requirements.lock`` pins (its lines, copied). Run it after changing either file:

    .venv/bin/python scripts/site_lock.py          # rewrites requirements-site.lock
    .venv/bin/python scripts/site_lock.py --check  # exit 1 if the file is not what it would write

It reads the dependencies of the packages installed in the running environment (``scripts/dev
install`` makes it), so run it from the project's venv. ``tests/test_locks.py`` runs ``--check``.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from importlib.metadata import distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
HEADER = (
    "# The packages that build and publish the site (the Pages workflow installs these), at the versions\n"
    "# requirements.lock pins. Written by scripts/site_lock.py from pyproject.toml's dependencies: do not edit.\n"
)


def site_packages(dependencies: list[str]) -> set[str]:
    """Return the canonical names of ``dependencies`` and of every package they need here."""
    found: set[str] = set()
    todo = [(Requirement(text), "") for text in dependencies]
    while todo:
        requirement, extra = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": extra}):
            continue
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        found.add(name)
        for text in distribution(name).requires or []:
            for wanted in ("", *sorted(requirement.extras)):
                todo.append((Requirement(text), wanted))
    return found


def site_lock(root: Path = ROOT) -> str:
    """Return the text of requirements-site.lock for the project at ``root``."""
    dependencies = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    wanted = site_packages(dependencies)
    lines = (root / "requirements.lock").read_text(encoding="utf-8").splitlines()
    pinned = {canonicalize_name(line.split("==")[0]): line for line in lines if "==" in line}  # in the lock's order
    missing = sorted(wanted - set(pinned))
    if missing:
        raise SystemExit(f"requirements.lock does not pin {', '.join(missing)}: pin them there first")
    return HEADER + "".join(f"{line}\n" for name, line in pinned.items() if name in wanted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the file is up to date")
    args = parser.parse_args(argv)
    text, target = site_lock(), ROOT / "requirements-site.lock"
    if args.check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            print("requirements-site.lock is out of date: run .venv/bin/python scripts/site_lock.py")
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target.name}: {text.count(chr(10)) - HEADER.count(chr(10))} packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
