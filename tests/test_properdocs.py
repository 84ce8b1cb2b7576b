"""The site builder is one room: ProperDocs, MkDocs' maintained drop-in fork, builds the same site.

MkDocs 1.x has had no release for over a year; ProperDocs continues it (its ``properdocs``
command aliases every ``mkdocs.*`` import to ``properdocs.*``, so Material, the i18n plugin and
``etalase.builder`` run unchanged). The sample built with ``properdocs build`` must be the
MkDocs build, byte for byte, but for the one expected difference named here: the generator
``<meta>`` tag Material writes into every page names the builder and its version.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitecheck import copy_project

# Material writes <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">; under
# ProperDocs it reads "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1" (its module stands in for mkdocs).
GENERATOR = re.compile(rb'<meta name="generator" content="mkdocs-(?:ProperDocs )?[0-9.]+, mkdocs-material-[0-9.]+">')


def _without_generator(data: bytes) -> bytes:
    return GENERATOR.sub(b'<meta name="generator">', data)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_properdocs_builds_the_sample_as_mkdocs_does(sample_site: Path, tmp_path: Path) -> None:
    root = copy_project(tmp_path / "properdocs", data_from=sample_site)
    done = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "-f", str(root / "mkdocs.yml")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Site ready in" in done.stderr  # the etalase plugin ran: staged, indexed and swapped in
    mkdocs_site, properdocs_site = _files(sample_site / "site"), _files(root / "site")
    assert sorted(mkdocs_site) == sorted(properdocs_site)
    differing = [name for name in mkdocs_site if mkdocs_site[name] != properdocs_site[name]]
    assert differing, "expected the generator tag to name the builder"
    assert all(name.endswith(".html") for name in differing)
    unexplained = [
        name for name in differing if _without_generator(mkdocs_site[name]) != _without_generator(properdocs_site[name])
    ]
    assert unexplained == []
