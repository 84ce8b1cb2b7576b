"""How many bytes the photos and the site take, against GitHub Pages' size limit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from etalase.incremental import sitedir
from etalase.model.problems import Msg
from etalase.photos.refs import ImageSet

PAGES_LIMIT_BYTES = 1_000_000_000  # GitHub Pages: a published site may be at most 1 GB


PAGES_WARN_RATIO = 0.8


@dataclass(frozen=True)
class SourceSize:
    """Bytes of the image files that one record's photos produce."""

    source: str
    files: int
    bytes: int


@dataclass(frozen=True)
class SizeReport:
    """Image bytes per record and in total, against GitHub Pages' size limit."""

    sources: tuple[SourceSize, ...]  # largest first
    image_files: int  # distinct files (a file shared by two records counts once)
    image_bytes: int
    site_bytes: int | None = None  # the whole built site, when measured
    limit: int = PAGES_LIMIT_BYTES
    warn_ratio: float = PAGES_WARN_RATIO
    products: int = 0  # products in the catalogue, for the capacity estimate
    fixed_bytes: int = 0  # of the site, what does not grow with products (theme assets, schemas)
    pages_bytes: int | None = None  # the site without its photos, when measured

    @property
    def used(self) -> int:
        """Return the bytes counted against the limit: the whole site when known."""
        return self.site_bytes if self.site_bytes is not None else self.image_bytes

    @property
    def ratio(self) -> float:
        """Return the share of the limit in use."""
        return self.used / self.limit

    @property
    def warning(self) -> bool:
        """Return whether the site is at or above the warning share of the limit."""
        return self.ratio >= self.warn_ratio

    def capacity(self) -> tuple[int, int] | None:
        """Return how many products fit GitHub Pages' limit with their photos in the site, and
        without (photos on a media host), at this catalogue's bytes per product; None when unknown.

        Linear in products: the site's bytes but its fixed part, per product, times the products
        the limit leaves room for (photos of sentra and logos count as product bytes, so a small
        catalogue reads a little low).
        """
        if not self.products or self.pages_bytes is None:
            return None
        pages = max(self.pages_bytes - self.fixed_bytes, 1) / self.products
        photos = self.image_bytes / self.products
        room = max(self.limit - self.fixed_bytes, 0)
        return int(room / (pages + photos)), int(room / pages)


def size_report(
    sets: Mapping[tuple[str, str], ImageSet],
    files_dir: Path,
    *,
    site_dir: Path | None = None,
    limit: int = PAGES_LIMIT_BYTES,
    warn_ratio: float = PAGES_WARN_RATIO,
    elsewhere: Mapping[str, int] | None = None,
) -> SizeReport:
    """Return image bytes per record source and in total, read from ``files_dir``.

    ``sets`` is ``ImageResult.sets``; ``files_dir`` holds the files at their URLs (the
    cache or the docs folder); a file not there is taken at its size in ``elsewhere`` (URL ->
    bytes: the files on the media host). With ``site_dir`` (the built site), the whole site's
    size is what is compared with the limit.
    """
    elsewhere = elsewhere or {}
    sizes: dict[str, int] = {}
    per_source: dict[str, set[str]] = {}
    for (source, _), image_set in sets.items():
        for variant in image_set.files:
            if variant.url not in sizes:
                sizes[variant.url] = _size(files_dir / variant.url) or elsewhere.get(variant.url, 0)
            per_source.setdefault(source, set()).add(variant.url)
    sources = sorted(
        (SourceSize(s, len(urls), sum(sizes[u] for u in urls)) for s, urls in per_source.items()),
        key=lambda s: (-s.bytes, s.source),
    )
    site = sitedir.tree_bytes(site_dir) if site_dir else None
    return SizeReport(tuple(sources), len(sizes), sum(sizes.values()), site, limit, warn_ratio)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _human(size: int) -> str:
    """Return ``size`` bytes in a short human form (kB, MB, GB; powers of 1000)."""
    for unit, step in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= step:
            return f"{size / step:.1f} {unit}"
    return f"{size} B"


def format_size_report(report: SizeReport, lang: str = "en", top: int = 3) -> list[str]:
    """Return ``report`` as a few human lines in ``lang`` (``id`` or ``en``)."""
    limit = _human(report.limit)
    lines = [
        Msg(
            f"Gambar: {report.image_files} file, {_human(report.image_bytes)} untuk {len(report.sources)} record",
            f"Images: {report.image_files} files, {_human(report.image_bytes)} for {len(report.sources)} records",
        ).get(lang)
    ]
    if report.sources[:top]:
        largest = ", ".join(f"{s.source} {_human(s.bytes)}" for s in report.sources[:top])
        lines.append(Msg(f"Terbesar: {largest}", f"Largest: {largest}").get(lang))
    what = Msg("Situs", "Site") if report.site_bytes is not None else Msg("Gambar", "Images")
    share = f"{report.ratio:.1%}"
    lines.append(
        Msg(
            f"{what.id}: {_human(report.used)} dari batas GitHub Pages {limit} ({share})",
            f"{what.en}: {_human(report.used)} of GitHub Pages' {limit} limit ({share})",
        ).get(lang)
    )
    fits = report.capacity()
    if fits is not None:
        ids = [f"{n:,}".replace(",", ".") for n in fits]  # 6.000 in Indonesian, 6,000 in English
        ens = [f"{n:,}" for n in fits]
        lines.append(
            Msg(
                f"Muat di GitHub Pages: sampai sekitar {ids[0]} produk dengan fotonya, {ids[1]} bila foto "
                "di tempat lain (media_url)",
                f"Fits GitHub Pages: up to about {ens[0]} products with their photos, {ens[1]} with the photos "
                "on a host of their own (media_url)",
            ).get(lang)
        )
    if report.warning:
        lines.append(
            Msg(
                f"PERINGATAN: situs sudah memakai {share} dari batas {limit} GitHub Pages — "
                "terbitkan foto di tempat lain (media_url di catalog/site.yml, lihat README) atau buat foto "
                "lebih kecil dengan photos: di catalog/site.yml, mis. photos: {quality: 72, largest_width: "
                "960, card_width: 600, card_quality: 75} (kurang tajam; docs/photos.md bagian 7)",
                f"WARNING: the site uses {share} of GitHub Pages' {limit} limit — "
                "publish the photos on a host of their own (media_url in catalog/site.yml, see the README) or "
                "make them smaller with photos: in catalog/site.yml, e.g. photos: {quality: 72, "
                "largest_width: 960, card_width: 600, card_quality: 75} (less sharp; docs/photos.md section 7)",
            ).get(lang)
        )
    return lines
