"""requirements-site.lock: what the Pages and issue-form workflows install (scripts/site_lock.py)."""

from __future__ import annotations

import importlib.util
import sys

from conftest import REPO


def _site_lock_module():
    spec = importlib.util.spec_from_file_location("site_lock", REPO / "scripts" / "site_lock.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("site_lock", module)
    spec.loader.exec_module(module)
    return module


def test_the_site_lock_is_what_pyproject_and_the_full_lock_make() -> None:
    """Every dependency of the site and all it needs, at requirements.lock's versions, nothing else."""
    site_lock = _site_lock_module()
    text = (REPO / "requirements-site.lock").read_text(encoding="utf-8")
    assert text == site_lock.site_lock(), "run .venv/bin/python scripts/site_lock.py"
    pins = {line for line in text.splitlines() if "==" in line}
    full = set((REPO / "requirements.lock").read_text(encoding="utf-8").splitlines())
    assert pins <= full and len(pins) < len(full)
    names = {line.split("==")[0].lower().replace("_", "-") for line in pins}
    assert {"mkdocs-material", "pillow", "pagefind-bin", "boto3", "ortools"} <= names
    assert not names & {"pytest", "playwright", "moto", "scikit-image", "ruff"}  # test and quality tools stay out


def test_workflows_that_only_run_etalase_install_the_site_lock() -> None:
    workflows = REPO / ".github" / "workflows"
    for name in ("pages.yml", "issue-form.yml", "form-approved.yml", "maker-confirmation.yml"):
        text = (workflows / name).read_text(encoding="utf-8")
        assert "-r requirements-site.lock" in text and "-r requirements.lock" not in text, name
    # The pull request preview takes screenshots with Playwright: the whole lock.
    assert "-r requirements.lock" in (workflows / "pr.yml").read_text(encoding="utf-8")
