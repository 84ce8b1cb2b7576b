"""Who speaks for a business, on pull requests (tools/intake/owners.py, `etalase owners`).

A pull request that changes products/<ikm>/ from an account that is not one of the IKM's
github_accounts — as the base commit lists them — and not a maintainer's, waits for the maker:
the check fails with a summary that says so, until one of those accounts (or a maintainer) approves
the latest commit. The form path is tested in test_issueform.py.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from etalase.tools.cli import main
from etalase.tools.intake import owners

ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip
KARDIGAN = "products/rajut-contoh/kardigan.yml"


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=ENV)
    return done.stdout.strip()


@pytest.fixture
def repo(mini_project: Path) -> Path:
    """The small project as a git repository whose base commit lists `dewi-rajut` for rajut-contoh."""
    ikm = mini_project / "products/rajut-contoh/ikm.yml"
    ikm.write_text(ikm.read_text(encoding="utf-8") + "github_accounts: [dewi-rajut]\n", encoding="utf-8")
    git(mini_project, "init", "-q", "-b", "main")
    git(mini_project, "add", "-A")
    git(mini_project, "commit", "-q", "-m", "base")
    return mini_project


def change(root: Path, rel: str, old: str, new: str) -> str:
    """Commit one edit; return the new head commit."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(text.replace(old, new) if old else new, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", f"change {rel}")
    return git(root, "rev-parse", "HEAD")


def test_the_maker_s_own_account_passes(repo: Path) -> None:
    change(repo, KARDIGAN, "  min: 85000", "  min: 90000")
    (item,) = owners.pull_request_standings(repo, "HEAD~1", "Dewi-Rajut")
    assert item.confirmed and item.slug == "rajut-contoh"
    assert item.message.en == "`Dewi-Rajut` speaks for Rajut Contoh"


def test_another_account_waits_for_the_maker(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change(repo, KARDIGAN, "  min: 85000", "  min: 90000")
    (item,) = owners.pull_request_standings(repo, "HEAD~1", "asep-binong", "CONTRIBUTOR")
    assert not item.confirmed
    assert "`asep-binong` is not an account that speaks for Rajut Contoh (`dewi-rajut`)" in item.message.en
    summary = tmp_path / "summary.md"
    argv = ["--root", str(repo), "owners", "--base", "HEAD~1", "--author", "asep-binong", "--summary", str(summary)]
    assert main([*argv, "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert "::warning file=products/rajut-contoh/ikm.yml,line=1::⏳ waiting for Rajut Contoh to confirm" in out
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### ⏳ Menunggu konfirmasi IKM / Waiting for the maker")
    assert "- ⏳ `products/rajut-contoh/`: ⏳ menunggu konfirmasi Rajut Contoh" in text


def test_a_pull_request_cannot_add_its_own_author(repo: Path) -> None:
    change(
        repo, "products/rajut-contoh/ikm.yml", "github_accounts: [dewi-rajut]", "github_accounts: [dewi-rajut, asep]"
    )
    (item,) = owners.pull_request_standings(repo, "HEAD~1", "asep")
    assert not item.confirmed, "the base commit's list counts, not the pull request's"


def test_an_approval_of_the_latest_commit_by_the_maker_or_a_maintainer_confirms(repo: Path) -> None:
    first = change(repo, KARDIGAN, "  min: 85000", "  min: 90000")
    head = change(repo, KARDIGAN, "  min: 90000", "  min: 95000")
    reviews = [
        {"state": "APPROVED", "user": {"login": "dewi-rajut"}, "author_association": "NONE", "commit_id": first},
        {"state": "COMMENTED", "user": {"login": "dewi-rajut"}, "author_association": "NONE", "commit_id": head},
    ]
    stale = owners.read_reviews(json.dumps(reviews), head)
    assert stale == [] and not owners.pull_request_standings(repo, "HEAD~2", "asep", approvals=stale)[0].confirmed
    reviews.append(
        {"state": "APPROVED", "user": {"login": "dewi-rajut"}, "author_association": "NONE", "commit_id": head}
    )
    (item,) = owners.pull_request_standings(
        repo, "HEAD~2", "asep", approvals=owners.read_reviews(json.dumps(reviews), head)
    )
    assert item.confirmed and item.message.en == "confirmed by `dewi-rajut`"
    maintainer = [owners.Approval("admin", "MEMBER", head)]
    assert owners.pull_request_standings(repo, "HEAD~2", "asep", approvals=maintainer)[0].confirmed


def test_maintainers_and_new_makers_need_no_confirmation(repo: Path) -> None:
    change(repo, KARDIGAN, "  min: 85000", "  min: 90000")
    assert owners.pull_request_standings(repo, "HEAD~1", "admin", "OWNER")[0].confirmed
    change(repo, "products/rajut-baru/ikm.yml", "", "slug: rajut-baru\n")
    (item,) = owners.pull_request_standings(repo, "HEAD~1", "someone")
    assert item.confirmed and item.maker is None and "a new IKM" in item.message.en


def test_an_ikm_without_accounts_waits_for_a_maintainer(repo: Path) -> None:
    path = repo / "products/dapur-contoh/keripik-2.jpg"
    path.write_bytes((repo / "products/dapur-contoh/keripik-1.jpg").read_bytes())
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a photo")
    (item,) = owners.pull_request_standings(repo, "HEAD~1", "asep")
    assert (
        not item.confirmed and "lists no GitHub account" in item.message.en and "+62 800-••••-0102" in item.message.en
    )


def test_changes_outside_the_ikm_folders_need_no_maker(repo: Path) -> None:
    change(repo, "catalog/site.yml", "", (repo / "catalog/site.yml").read_text(encoding="utf-8") + "# note\n")
    assert owners.pull_request_standings(repo, "HEAD~1", "asep") == []
    assert "No IKM folder changes" in owners.summary([])
