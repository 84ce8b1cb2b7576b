"""Measuring one build as a whole process: wall and CPU time, peak memory of it and every process it waited for, and the site it left."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from etalase.bench import synthetic
from etalase.bench.sizes import SiteSizes


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


def _python_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONUNBUFFERED"] = "1"
    return env


# Hugo on the same ~12 KB pages on the issue author's 2-core machine: 5,000 pages in 3.2 s (issue #8).
HUGO_PAGES_PER_SECOND = 5000 / 3.2


_INDEX_LINE = re.compile(r"Search index: (\d+) pages, [\d.]+ MB in ([\d.]+) s(?: \(([\d.]+) s waited for\b)?")


_STAGES_LINE = re.compile(r"Etalase: .*\(([\d.]+) s\)")


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
