"""The photos of records that did not make it into the catalogue, read from what their files say.

``etalase validate`` reports every problem in one run: a record with a wrong price still has its
photo names checked, so a contributor does not learn of a misspelt photo only after fixing the
price. The checked catalogue leaves such records out; their raw data still names the photos.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from etalase.model.catalog import Catalog
from etalase.photos.refs import PhotoRef
from etalase.source.load import Kind, RawRecord


def refs_left_out(records: Iterable[RawRecord], catalog: Catalog) -> list[PhotoRef]:
    """Return a ref for every photo named by a product, IKM or sentra record that ``catalog`` left out."""
    kept = {e.path for e in catalog.products}
    kept |= {e.path for e in catalog.ikms.values()} | {e.path for e in catalog.sentra.values()}
    refs: list[PhotoRef] = []
    for raw in records:
        if raw.path in kept or raw.kind not in (Kind.product, Kind.ikm, Kind.sentra):
            continue
        photos = raw.data.get("photos")
        for index, photo in enumerate(photos if isinstance(photos, list) else []):
            refs += _ref(raw, ("photos", index, "file"), f"photos[{index}].file", photo)
        if raw.kind is Kind.ikm:
            refs += _ref(raw, ("logo", "file"), "logo.file", raw.data.get("logo"))
    return refs


def _ref(raw: RawRecord, path: tuple[str | int, ...], field: str, photo: Any) -> list[PhotoRef]:
    file = photo.get("file") if isinstance(photo, dict) else None
    if not isinstance(file, str) or not file.strip():
        return []
    return [PhotoRef(raw.path, field, raw.lines.line_of(path), file)]
