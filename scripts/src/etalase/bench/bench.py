"""Whole-build benchmark: Etalase against a naive mkdocs-material set-up of the same pages.

For each size N, ``run_bench`` makes (or reuses) a synthetic catalogue of N products
(``synthetic.py``) and measures, each build in its own subprocess:

- **etalase cold**: ``etalase build`` with empty caches (no photo cache, no generated
  markdown, no site): validate, photos, render, write, mkdocs-material, Pagefind;
- **etalase warm**: the same after one product's description changed (photos cached,
  unchanged markdown not rewritten);
- **naive** (N up to ``naive_max``): plain ``mkdocs build`` of the very pages and photos
  Etalase generated, with MkDocs' default nav (every product and IKM page listed) and the
  theme's built-in lunr search plugin on, no hook. MkDocs keeps no cache between builds, so
  this one measurement stands for both cold and warm. It starts from finished markdown and
  processed photos, so it does less work than Etalase does.

Peak memory is the largest resident set of the build process and of every process it
waited for (Pagefind, photo workers), from ``wait4``. Wall time is the subprocess's, start
to exit. Output bytes count every file of the built site.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from etalase.bench import synthetic
from etalase.bench.measure import (
    _INDEX_LINE,
    _STAGES_LINE,
    BenchResult,
    Measurement,
    _folder_bytes,
    _measurement,
    _python_env,
    run_measured,
)
from etalase.bench.naive import NAIVE_DIR, _AnyTagLoader, naive_build
from etalase.bench.serving import serve_rebuild_seconds
from etalase.bench.sizes import measure_site
from etalase.bench.tables import format_table, format_targets, machine
from etalase.incremental import sitedir

# --- measuring a subprocess ---------------------------------------------------------------


# --- the builds ---------------------------------------------------------------------------


def clear_caches(root: Path) -> None:
    """Remove everything a build of ``root`` leaves: generated markdown, photo cache and sites."""
    wait_for_discarded_sites(root)
    for rel in ("build", "site", "site.staging", "site.old", "site.spare", NAIVE_DIR):
        shutil.rmtree(root / rel, ignore_errors=True)
    (root / "build" / "docs").mkdir(parents=True)


def wait_for_discarded_sites(root: Path, timeout: float = 600) -> None:
    """Wait until the old sites a build left to be deleted in the background are gone, so that
    their deletion does not run during the next measurement."""
    deadline = time.monotonic() + timeout
    while sitedir.leftover_trash(root / "site") and time.monotonic() < deadline:
        time.sleep(0.2)


def etalase_build(root: Path, products: int, caches: str) -> Measurement:
    """Build ``root`` with ``etalase build`` in a subprocess and measure it."""
    command = [sys.executable, "-m", "etalase", "--root", str(root), "build"]
    done = run_measured(command, cwd=root, env=_python_env())
    site = root / "site"
    index = _INDEX_LINE.search(done.log)
    stages = _STAGES_LINE.search(done.log)
    return _measurement(
        products,
        "etalase",
        caches,
        done,
        site,
        index_seconds=float(index.group(2)) if index else None,
        index_wait_seconds=float(index.group(3)) if index and index.group(3) else None,
        index_bytes=sum(_folder_bytes(bundle) for bundle in [site / "pagefind", *site.glob("*/pagefind")]),
        stage_seconds=float(stages.group(1)) if stages else None,
        sizes=measure_site(site, products) if site.is_dir() else None,
    )


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


# --- the run ------------------------------------------------------------------------------


def run_bench(
    sizes: Iterable[int],
    *,
    source: Path,
    out_dir: Path,
    naive_max: int = 2000,
    seed: int = 1,
    serve: bool = False,
    keep_naive: bool = False,
    say: Callable[[str], None] = lambda text: None,
) -> BenchResult:
    """Measure cold, warm and (up to ``naive_max``) naive builds of synthetic catalogues of ``sizes``.

    ``source`` is the project whose set-up is copied; the catalogues live in
    ``out_dir/<N>/`` and are reused by later runs with the same seed.
    """
    result = BenchResult()
    for products in sizes:
        say(f"N={products}: making the synthetic catalogue in {out_dir / str(products)} …")
        catalogue = synthetic.make_catalogue(out_dir / str(products), products, source=source, seed=seed)
        result.catalogues.append(catalogue)
        say(
            f"  {catalogue.products} products, {catalogue.ikms} IKMs, {catalogue.sentra} sentra, "
            + ("reused" if catalogue.reused else f"{catalogue.photos} photos drawn in {catalogue.seconds:.0f} s")
        )
        root = catalogue.root
        files = catalogue.product_files
        product = files[len(files) // 2]
        clear_caches(root)
        old = product.read_bytes()
        try:
            for caches in ("cold", "warm"):
                if caches == "warm":
                    synthetic.change_product(product, f"(diubah {dt.datetime.now():%H:%M:%S})")
                say(f"  etalase build, {caches} …")
                measured = etalase_build(root, products, caches)
                wait_for_discarded_sites(root)
                result.measurements.append(measured)
                say(f"    {measured.seconds:.1f} s" + ("" if measured.ok else f" FAILED\n{measured.log_tail}"))
                if not measured.ok:
                    break
            else:
                if products <= naive_max:
                    say("  naive mkdocs build …")
                    measured = naive_build(root, products, keep=keep_naive)
                    result.measurements.append(measured)
                    say(f"    {measured.seconds:.1f} s" + ("" if measured.ok else f" FAILED\n{measured.log_tail}"))
                if serve:
                    say("  etalase serve: edit one product, wait for the reload …")
                    result.serve_seconds[products] = serve_rebuild_seconds(root, product)
                    say(f"    {result.serve_seconds[products]:.1f} s")
        finally:
            product.write_bytes(old)
    return result


# --- the report ---------------------------------------------------------------------------


def parse_sizes(text: str) -> list[int]:
    """Return the sizes in a comma-separated list such as ``1000,5000`` (``10k`` is 10000)."""
    sizes = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        number = int(part[:-1]) * 1000 if part.endswith("k") else int(part)
        if number < 1:
            raise ValueError(f"a size must be at least 1, got {part}")
        sizes.append(number)
    return sizes


def run_cli(
    root: Path,
    sizes: list[int],
    naive_max: int,
    seed: int,
    out: Path | None,
    json_path: Path | None,
    serve: bool,
    keep_naive: bool = False,
) -> int:
    """Run ``etalase bench``: measure, print the table and the targets; return the exit code."""
    import json

    source = root.resolve()
    out_dir = (out or source / "build" / "bench").resolve()
    started = time.perf_counter()
    result = run_bench(
        sizes,
        source=source,
        out_dir=out_dir,
        naive_max=naive_max,
        seed=seed,
        serve=serve,
        keep_naive=keep_naive,
        say=lambda text: print(text, file=sys.stderr, flush=True),
    )
    command = f"etalase bench --sizes {','.join(map(str, sizes))} --naive-max {naive_max} --seed {seed}"
    print(f"Command: `{command}{' --serve' if serve else ''}` — {machine()}")
    print()
    print(format_table(result))
    print()
    for line in format_targets(result):
        print(f"- {line}")
    print(f"\n(benchmark took {time.perf_counter() - started:.0f} s)", file=sys.stderr)
    if json_path is not None:
        json_path.write_text(json.dumps(result.as_json(), indent=1) + "\n", encoding="utf-8")
    return 0 if all(m.ok for m in result.measurements) else 1
