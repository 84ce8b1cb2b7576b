"""Builds hold up under load and folder churn, and start from nothing.

A build must not depend on timing: the staging folder exists before any step relies on it, the
docs folder is made by the CLI (MkDocs checks it before any plugin runs), and an old site that
another process finished deleting meanwhile is simply gone. This test runs builds back to back
while two processes keep both cores busy and a third keeps making and deleting old-site folders
next to the site (as the deleters of earlier builds do), deletes ``build/``, ``site/`` and every
``site.*`` folder between some of them, and requires every build to succeed with the same site.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitecheck import build, copy_project, differences

BUSY = "while True: pass"
# Folders named like the old sites earlier builds hand to a deleter (site.trash-<pid>-<n>), made and
# deleted over and over: a build that finds one must cope when it vanishes under its hands.
CHURN = """
import pathlib, shutil, sys, time
root = pathlib.Path(sys.argv[1])
n = 0
while True:
    n += 1
    folder = root / f"site.trash-1-{n}"
    for i in range(40):
        (folder / str(i % 7)).mkdir(parents=True, exist_ok=True)
        (folder / str(i % 7) / f"{i}.html").write_text("x" * 2000)
    time.sleep(0.01)
    shutil.rmtree(folder, ignore_errors=True)
"""
ROUNDS = 6
FROM_NOTHING = {2, 4}  # rounds that start with build/, site/ and every site.* folder deleted


def _delete_every_output(root: Path) -> None:
    for path in [root / "build", *root.glob("site"), *root.glob("site.*")]:
        shutil.rmtree(path, ignore_errors=True)


@pytest.mark.slow
def test_repeated_builds_under_load_and_folder_churn_give_the_same_site(mini_project: Path, tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", data_from=mini_project)
    _delete_every_output(root)  # the very first build starts from nothing too
    assert build(root) == 0
    reference = tmp_path / "reference"
    shutil.copytree(root / "site", reference)
    helpers = [subprocess.Popen([sys.executable, "-c", BUSY]) for _ in range(2)]
    helpers.append(subprocess.Popen([sys.executable, "-c", CHURN, str(root)]))
    try:
        for round_number in range(ROUNDS):
            if round_number in FROM_NOTHING:
                _delete_every_output(root)
            assert build(root) == 0, f"build {round_number} failed"
            assert differences(reference, root / "site") == [], f"build {round_number} differs"
    finally:
        for helper in helpers:
            helper.kill()
            helper.wait()
