"""Lighthouse (npm ``lighthouse@12.2.3``, pinned in scripts/dev) on every key page type of the sample.

The site is served compressed, as GitHub Pages serves it (tests/gzserve.py): uncompressed, the
performance score reads 9–12 points low. Lighthouse drives Debian's Chromium (``CHROME_PATH``)
with its default mobile settings (a mid-range phone on slow 4G, simulated). Every key page type
must score at least 95 for performance, keep its layout still (CLS ≤ 0.02) and score 100 for
accessibility, best practices and SEO. The scores are printed and written to
``test-artifacts/lighthouse.json`` (the figures in docs/buyers.md come from there).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import ARTIFACTS, CHROMIUM, REPO
from etalase.source.load import load_records

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LIGHTHOUSE = REPO / ".tools/node_modules/.bin/lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-sync"
MIN_PERFORMANCE = 95
MAX_CLS = 0.02
TILES = "tile.openstreetmap.org"


def key_pages(root: Path) -> dict[str, str]:
    """Return page type → path of one page of each key type in the sample (Indonesian)."""
    records, _ = load_records(root)
    product = next(r for r in sorted(records, key=lambda r: r.path) if r.kind.value == "product")
    ikm, slug, category = product.data["ikm"], product.data["slug"], product.data["category"]
    return {
        "home": "",
        "category": f"kategori/{category}/",
        "product": f"produk/{ikm}/{slug}/",
        "ikm": f"ikm/{ikm}/",
        "sentra directory": "sentra/",
        "search": "cari/?q=rajut",
        "shortlist": "daftar/",
        "statistics": "statistik/",
        "add product": "tambah-produk/",
    }


def lighthouse(url: str, report: Path) -> dict[str, float]:
    """Run Lighthouse (mobile) on ``url``; return the four category scores (0–100) and the CLS."""
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is missing: run scripts/dev install (npm lighthouse@12.2.3 into .tools/)")
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    subprocess.run(command, check=True, timeout=300, env=env, capture_output=True)
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    audits = data["audits"]
    scores["cls"] = round(audits["cumulative-layout-shift"]["numericValue"], 4)
    scores["lcp_ms"] = round(audits["largest-contentful-paint"]["numericValue"])
    # Best practices, less the one thing this closed network causes: OpenStreetMap's map tiles
    # (sentra directory) cannot load here, which Chromium logs as console errors.
    failing = [
        ref["id"]
        for ref in data["categories"]["best-practices"]["auditRefs"]
        if audits[ref["id"]].get("score") is not None and audits[ref["id"]]["score"] < 1
    ]
    console = audits["errors-in-console"].get("details", {}).get("items", [])
    if "errors-in-console" in failing and all(TILES in str(i.get("sourceLocation", {})) for i in console):
        failing.remove("errors-in-console")
    scores["best-practices"] = 100 if not failing else scores["best-practices"]
    scores["best_practices_failing"] = failing
    scores["tbt_ms"] = round(audits["total-blocking-time"]["numericValue"])
    return scores


def test_key_pages_score_well_on_a_phone(sample_site: Path, compressed_url: str) -> None:
    out = ARTIFACTS / "lighthouse"
    out.mkdir(parents=True, exist_ok=True)
    results = {}
    for name, path in key_pages(sample_site).items():
        results[name] = lighthouse(compressed_url + path, out / f"{name.replace(' ', '-')}.json")
    (ARTIFACTS / "lighthouse.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    header = f"{'page':18} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'CLS':>7} {'LCP ms':>7} {'TBT ms':>7}"
    print("\n" + header)
    for name, s in results.items():
        print(
            f"{name:18} {s['performance']:>4} {s['accessibility']:>4} {s['best-practices']:>4} {s['seo']:>4}"
            f" {s['cls']:>7} {s['lcp_ms']:>7} {s['tbt_ms']:>7}"
        )
    slow = {name: s["performance"] for name, s in results.items() if s["performance"] < MIN_PERFORMANCE}
    shifting = {name: s["cls"] for name, s in results.items() if s["cls"] > MAX_CLS}
    other = {
        name: {c: s[c] for c in CATEGORIES[1:] if s[c] < 100}
        for name, s in results.items()
        if min(s[c] for c in CATEGORIES[1:]) < 100
    }
    assert slow == {}, f"performance under {MIN_PERFORMANCE}: {slow}"
    assert shifting == {}, f"layout shift over {MAX_CLS}: {shifting}"
    assert other == {}, f"accessibility, best practices or SEO under 100: {other}"
