"""Build the same records with two checkouts of Etalase and compare the sites byte for byte.

For a restructuring that must not change the site: check out the old commit beside this one
(``git worktree add ../old <commit>`` and ``scripts/dev install`` there), then

    .venv/bin/python scripts/compare_builds.py ../old . --sets sample,hostile,1000

Each set of records (the sample catalogue, the small project with markup in its texts, a
synthetic catalogue of N products) is built by each checkout's own ``.venv`` in a folder of its
own under ``--out``; the script prints, per set, how many files the site has and which differ.
Exit 1 when any differs.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "tests"))
from sitecheck import differences  # noqa: E402  (the tests' own comparison of two built sites)

PROJECT = ("mkdocs.yml", "templates", "scripts/mkdocs_hooks.py", ".tools/node_modules/leaflet")
DATA = ("catalog", "products", "sentra")
HOSTILE = {
    "id: Kardigan Rajut Wanita": "id: \"<script>alert('name')</script> Kardigan\"",
    "id: Kardigan rajut lembut dengan kancing kayu.": "id: \"<img src=x onerror=alert('desc')> [klik](javascript:alert('md'))\"",
}


def records(name: str, out: Path, old: Path) -> Path:
    """Return a folder holding the records of set ``name`` (made once under ``out``): the sample is the
    old checkout's, which both checkouts must build alike."""
    folder = out / f"data-{name}"
    if folder.exists():
        return folder
    if name == "sample":
        for rel in DATA:
            shutil.copytree(old / rel, folder / rel)
    elif name == "hostile":  # the old checkout's small test project, made by its own test helpers
        make = f"import sys; sys.path.insert(0, {str(old / 'tests')!r}); from pathlib import Path; "
        make += f"from conftest import make_mini_project; make_mini_project(Path({str(folder)!r}))"
        subprocess.run([str(old / ".venv/bin/python"), "-c", make], check=True, cwd=old)
        product = folder / "products/rajut-contoh/kardigan.yml"
        text = product.read_text(encoding="utf-8")
        for plain, payload in HOSTILE.items():
            text = text.replace(plain, payload)
        product.write_text(text, encoding="utf-8")
    else:
        from etalase.bench import synthetic

        synthetic.make_catalogue(folder, int(name), source=HERE, seed=1)
    return folder


def build(checkout: Path, data: Path, target: Path) -> None:
    """Build ``data``'s records with ``checkout``'s code and templates into ``target``."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for rel in PROJECT:
        source = checkout / rel
        if source.is_dir():
            shutil.copytree(source, target / rel)
        elif source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    for rel in DATA:
        if (data / rel).exists():
            shutil.copytree(data / rel, target / rel, dirs_exist_ok=True)
    (target / "build" / "docs").mkdir(parents=True, exist_ok=True)
    python = checkout / ".venv" / "bin" / "python"
    module = "etalase" if (checkout / "scripts/src/etalase/__main__.py").is_file() else "etalase.cli"
    done = subprocess.run([str(python), "-m", module, "--root", str(target), "build"], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"the build of {data.name} with {checkout} failed:\n{done.stderr[-3000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path, help="the checkout to compare with (its .venv installed)")
    parser.add_argument("new", type=Path, help="the checkout under test (its .venv installed)")
    parser.add_argument("--sets", default="sample,hostile", help="sample, hostile and/or a product count (1000)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/compare-builds"), help="where the builds go")
    args = parser.parse_args()
    differ = False
    for name in args.sets.split(","):
        data = records(name, args.out, args.old.resolve())
        old, new = args.out / f"old-{name}", args.out / f"new-{name}"
        build(args.old.resolve(), data, old)
        build(args.new.resolve(), data, new)
        found = differences(old / "site", new / "site")
        files = sum(1 for p in (new / "site").rglob("*") if p.is_file())
        print(f"{name}: {files} files, {len(found)} differ", *found[:20], sep="\n  " if found else " ", flush=True)
        differ = differ or bool(found)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
