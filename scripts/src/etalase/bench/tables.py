"""The benchmark's tables and targets, in markdown."""

from __future__ import annotations

import os
import sys

from etalase.bench.measure import HUGO_PAGES_PER_SECOND, BenchResult, Measurement
from etalase.bench.sizes import size_lines

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
