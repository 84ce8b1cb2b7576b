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
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from etalase.bench import synthetic
from etalase.bench.sizes import SiteSizes, measure_site, size_lines
from etalase.incremental import sitedir

# Hugo on the same ~12 KB pages on the issue author's 2-core machine: 5,000 pages in 3.2 s (issue #8).
HUGO_PAGES_PER_SECOND = 5000 / 3.2
NAIVE_DIR = "naive"  # inside a synthetic project: the naive config and its site
_INDEX_LINE = re.compile(r"Search index: (\d+) pages, [\d.]+ MB in ([\d.]+) s(?: \(([\d.]+) s waited for\b)?")
_STAGES_LINE = re.compile(r"Etalase: .*\(([\d.]+) s\)")


@dataclass
class Measurement:
    """One build of one synthetic catalogue."""

    products: int
    build: str  # "etalase" or "naive"
    caches: str  # "cold", "warm" or "none" (naive: MkDocs has no cache)
    seconds: float
    peak_bytes: int
    cpu_seconds: float = 0.0
    output_bytes: int = 0
    image_bytes: int = 0
    html_pages: int = 0
    index_seconds: float | None = None  # Pagefind's run (etalase); lunr is inside the build (naive)
    index_wait_seconds: float | None = None  # of the build's wall time, spent only waiting for Pagefind
    index_bytes: int = 0
    stage_seconds: float | None = None  # the Etalase pipeline before MkDocs (validate … write)
    sizes: SiteSizes | None = None  # the built site's bytes by part (etalase builds)
    ok: bool = True
    log_tail: str = ""

    @property
    def ms_per_product(self) -> float:
        """Return wall milliseconds per product."""
        return 1000 * self.seconds / self.products


@dataclass
class BenchResult:
    """Every measurement of a run, and what the synthetic catalogues were."""

    measurements: list[Measurement] = field(default_factory=list)
    catalogues: list[synthetic.Synthetic] = field(default_factory=list)
    serve_seconds: dict[int, float] = field(default_factory=dict)  # N -> edit-to-reload seconds

    def naive_for(self, products: int) -> Measurement | None:
        """Return the naive measurement of size ``products``, if one was made."""
        return next((m for m in self.measurements if m.build == "naive" and m.products == products), None)

    def as_json(self) -> dict[str, Any]:
        """Return the result as plain data."""
        return {
            "measurements": [asdict(m) | {"ms_per_product": round(m.ms_per_product, 2)} for m in self.measurements],
            "catalogues": [asdict(c) | {"root": str(c.root)} for c in self.catalogues],
            "serve_seconds": self.serve_seconds,
        }


# --- measuring a subprocess ---------------------------------------------------------------


@dataclass(frozen=True)
class _Finished:
    seconds: float
    peak_bytes: int
    returncode: int
    log: str
    cpu_seconds: float = 0.0  # user + system time of the command and of the children it waited for


# A small process starts each build and reports its peak memory: a child created by a big
# process (this one, after drawing photos) would count its parent's memory as its own, since
# Linux carries the resident set high-water mark across fork/vfork and exec.
_LAUNCHER = """
import os, sys
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w", encoding="ascii") as report:
    report.write(f"{usage.ru_maxrss} {os.waitstatus_to_exitcode(status)} {usage.ru_utime + usage.ru_stime}")
"""


def run_measured(command: Sequence[str], *, cwd: Path, env: dict[str, str] | None = None) -> _Finished:
    """Run ``command``; return its wall time, peak memory (it and its waited-for children) and log.

    Peak memory is ``ru_maxrss`` from ``wait4``: the largest resident set of the command
    and of every descendant it waited for (e.g. Pagefind, photo workers); CPU time sums
    their user and system time.
    """
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log,
        tempfile.TemporaryDirectory() as scratch,
    ):
        report = Path(scratch) / "rusage"
        launcher = [sys.executable, "-S", "-c", _LAUNCHER, str(report), *command]
        start = time.perf_counter()
        subprocess.run(launcher, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)
        seconds = time.perf_counter() - start
        log.seek(0)
        text = log.read()
        try:
            kib, code, cpu = report.read_text(encoding="ascii").split()
        except (OSError, ValueError):
            kib, code, cpu = "0", "-1", "0"
    return _Finished(round(seconds, 2), int(kib) * 1024, int(code), text, round(float(cpu), 1))  # KiB on Linux


def _tree_bytes(folder: Path) -> tuple[int, int]:
    """Return (bytes, html files) of every file under ``folder``."""
    total = pages = 0
    for directory, _, files in os.walk(folder):
        for name in files:
            total += os.stat(os.path.join(directory, name)).st_size
            pages += name.endswith(".html")
    return total, pages


def _folder_bytes(folder: Path) -> int:
    return _tree_bytes(folder)[0] if folder.is_dir() else 0


# --- the builds ---------------------------------------------------------------------------


def _python_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONUNBUFFERED"] = "1"
    return env


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


def _measurement(products: int, build: str, caches: str, done: _Finished, site: Path, **specific: Any) -> Measurement:
    """Return the ``Measurement`` of a finished build ``done`` (a ``run_measured`` result) of ``site``."""
    output, pages = _tree_bytes(site) if site.is_dir() else (0, 0)
    return Measurement(
        products,
        build,
        caches,
        done.seconds,
        done.peak_bytes,
        cpu_seconds=done.cpu_seconds,
        output_bytes=output,
        image_bytes=_folder_bytes(site / "media"),
        html_pages=pages,
        ok=done.returncode == 0,
        log_tail=done.log[-3000:] if done.returncode else "",
        **specific,
    )


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, turning tags such as ``!ENV`` into null instead of failing."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def naive_docs(root: Path) -> Path:
    """Return a docs folder for the naive set-up: the pages Etalase generated and the photos
    of the site it built, as a naive project would keep them side by side (hard links)."""
    docs = root / NAIVE_DIR / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(root / "build" / "docs", docs, copy_function=_link_or_copy)
    if (root / "site" / "media").is_dir():
        shutil.copytree(root / "site" / "media", docs / "media", copy_function=_link_or_copy)
    return docs


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def naive_config(root: Path) -> Path:
    """Write the naive configuration of ``root``'s pages; return its path.

    The project's theme, markdown extensions and CSS, but MkDocs' default nav (every page,
    by folder), the built-in search plugin, no hook, and the pages and photos Etalase made
    (``naive_docs``).
    """
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    folder = root / NAIVE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    theme = dict(config.get("theme") or {"name": "material"})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    for key in ("hooks", "nav", "validation", "not_in_nav"):
        config.pop(key, None)
    config.update(
        theme=theme,
        plugins=["search"],
        docs_dir=str(naive_docs(root).resolve()),
        site_dir=str((folder / "site").resolve()),
        strict=False,
    )
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def naive_build(root: Path, products: int, *, keep: bool = False) -> Measurement:
    """Build ``root``'s generated pages with the naive configuration and measure it.

    Its site is removed afterwards unless ``keep``: every page carries the whole nav, so it
    grows quadratically (14 GB for 2,000 products).
    """
    config = naive_config(root)
    site = root / NAIVE_DIR / "site"
    shutil.rmtree(site, ignore_errors=True)
    done = run_measured([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], cwd=root, env=_python_env())
    measured = _measurement(products, "naive", "none", done, site, index_bytes=_folder_bytes(site / "search"))
    if not keep:
        shutil.rmtree(root / NAIVE_DIR, ignore_errors=True)
    return measured


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_rebuild_seconds(root: Path, product: Path, *, timeout: float = 1800) -> float:
    """Start ``etalase serve`` on ``root``, edit ``product`` and return seconds until browsers reload.

    Counts from the edit to MkDocs' "Reloading browsers" after the last rebuild the edit
    caused. The server is stopped (by its process id) before returning.
    """
    command = [sys.executable, "-m", "etalase", "--root", str(root), "serve", "-a", f"127.0.0.1:{_free_port()}"]
    with tempfile.NamedTemporaryFile("w+", encoding="utf-8", errors="replace", suffix=".log") as log:
        process = subprocess.Popen(command, cwd=root, env=_python_env(), stdout=log, stderr=subprocess.STDOUT)
        old = b""
        try:
            _wait_for(log.name, lambda text: "Serving on" in text, process, timeout)
            time.sleep(1.0)  # let the file watcher settle
            reloads = Path(log.name).read_text(encoding="utf-8", errors="replace").count("Reloading browsers")
            start = time.perf_counter()
            old = synthetic.change_product(product, "(diubah untuk uji serve)")
            _wait_for(log.name, lambda text: text.count("Reloading browsers") > reloads, process, timeout)
            first = time.perf_counter() - start
            # a rebuild that writes into the watched docs folder can cause another one: wait for quiet
            seen = reloads + 1
            while True:
                time.sleep(3.0)
                text = Path(log.name).read_text(encoding="utf-8", errors="replace")
                if "Detected file changes" not in text.split("Reloading browsers")[-1]:
                    break
                _wait_for(log.name, lambda text, seen=seen: text.count("Reloading browsers") > seen, process, timeout)
                seen += 1
                first = time.perf_counter() - start
            return round(first, 2)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if old:
                product.write_bytes(old)


def _wait_for(path: str, ready: Callable[[str], bool], process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        if ready(text):
            return
        if process.poll() is not None:
            raise RuntimeError(f"etalase serve stopped:\n{text[-2000:]}")
        time.sleep(0.2)
    raise TimeoutError("etalase serve did not get there in time")


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

HEADER = (
    "| N | build | caches | wall s | ms/product | CPU s | peak MB | output MB | image kB/product | "
    "pipeline s | index s | index MB | a/b |"
)


def format_table(result: BenchResult) -> str:
    """Return the measurements as a markdown table (a/b: Etalase wall time over naive wall time)."""
    lines = [HEADER, "|" + "---|" * HEADER.count(" | ") + "---|"]
    for m in result.measurements:
        naive = result.naive_for(m.products)
        ratio = ""
        if m.build == "etalase" and naive is not None and naive.ok and m.ok:
            ratio = f"{m.seconds / naive.seconds:.3f}"
        cells = [
            f"{m.products:,}",
            m.build,
            m.caches,
            f"{m.seconds:.1f}" + ("" if m.ok else " FAILED"),
            f"{m.ms_per_product:.1f}",
            f"{m.cpu_seconds:.0f}",
            f"{m.peak_bytes / 1e6:.0f}",
            f"{m.output_bytes / 1e6:.0f}",
            f"{m.image_bytes / m.products / 1e3:.0f}",
            "—" if m.stage_seconds is None else f"{m.stage_seconds:.1f}",
            "in build" if m.build == "naive" else "—" if m.index_seconds is None else f"{m.index_seconds:.1f}",
            f"{m.index_bytes / 1e6:.1f}",
            ratio,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def format_targets(result: BenchResult) -> list[str]:
    """Return one line per target of issue #8 that the measurements can judge."""
    lines = []
    etalase = [m for m in result.measurements if m.build == "etalase" and m.ok]
    warm = {m.products: m for m in etalase if m.caches == "warm"}
    if 10_000 in warm:
        m = warm[10_000]
        lines.append(
            f"10,000 products warm: {m.seconds:.0f} s (target < 180 s): {'met' if m.seconds < 180 else 'MISSED'}"
        )
    for caches in ("cold", "warm"):
        runs = {m.products: m for m in etalase if m.caches == caches}
        if len(runs) >= 2:
            small, large = min(runs), max(runs)
            ratio = runs[large].ms_per_product / runs[small].ms_per_product
            lines.append(
                f"ms per product {caches}, N={large:,} over N={small:,}: {ratio:.2f}× "
                f"(target ≤ 1.2×): {'met' if ratio <= 1.2 else 'MISSED'}"
            )
    for products in sorted(warm):
        naive = result.naive_for(products)
        if naive is not None and naive.ok:
            speedup = naive.seconds / warm[products].seconds
            lines.append(
                f"N={products:,}: warm Etalase is {speedup:.1f}× faster than the naive build "
                f"(target ≥ 10× at 2,000): {'met' if speedup >= 10 else 'below 10×'}"
            )
    lines += _page_rate_lines(warm)
    if etalase:
        peak = max(m.peak_bytes for m in etalase)
        lines.append(f"peak memory {peak / 1e9:.2f} GB (target < 2 GB): {'met' if peak < 2e9 else 'MISSED'}")
    for products, seconds in sorted(result.serve_seconds.items()):
        lines.append(f"etalase serve, N={products:,}: one product edited → browsers reloaded in {seconds:.1f} s")
    return lines


def _page_rate_lines(warm: dict[int, Measurement]) -> list[str]:
    """Return, per warm build, HTML pages a second against Hugo's and the site against Pages' 1 GB."""
    lines = []
    for products in sorted(warm):
        m = warm[products]
        if not m.html_pages or not m.seconds:
            continue
        rate = m.html_pages / m.seconds
        behind = HUGO_PAGES_PER_SECOND / rate
        lines.append(
            f"N={products:,}: {m.html_pages:,} HTML pages, {rate:.0f} pages/s warm, {behind:.1f}× behind Hugo's "
            f"{HUGO_PAGES_PER_SECOND:.0f} pages/s (target within 3× at 5,000): {'met' if behind <= 3 else 'MISSED'}"
        )
        if m.index_wait_seconds is not None and m.seconds > m.index_wait_seconds:
            # Hugo's figure builds pages only: the same rate without the time spent waiting for Pagefind.
            pages_only = m.html_pages / (m.seconds - m.index_wait_seconds)
            lines.append(
                f"N={products:,}: without waiting for the search index ({m.index_wait_seconds:.1f} s), "
                f"{pages_only:.0f} pages/s, {HUGO_PAGES_PER_SECOND / pages_only:.1f}× behind Hugo (which builds "
                "no search index)"
            )
        if m.sizes is not None:  # photos, pages and the site against issue 20's targets (sizes.py)
            lines += size_lines(m.sizes)
    return lines


def machine() -> str:
    """Return a line describing this machine (cores, Python)."""
    cores = len(os.sched_getaffinity(0))
    memory = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            kib = int(meminfo.readline().split()[1])
        memory = f", {kib / 1024**2:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cores} cores{memory}, Python {sys.version.split()[0]}"


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
