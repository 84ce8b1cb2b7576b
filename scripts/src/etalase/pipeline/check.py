"""The stages that find problems: load, validate and check the photos the records name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from etalase import photos
from etalase.check import validate
from etalase.model.catalog import Catalog
from etalase.model.problems import sort_problems
from etalase.photos import PhotoRef, ShareCardText
from etalase.pipeline.run import Outcome, few_collections, timed
from etalase.source import load


def photo_refs(catalog: Catalog) -> list[PhotoRef]:
    """Return every photo the catalogue's records name, with the share-card text of products.

    Only a record's first photo (and a logo) is shown as a card thumbnail: the others get no
    narrow file, which only a phone at a device pixel ratio of 1 would fetch (docs/photos.md).
    """
    refs: list[PhotoRef] = []
    for entry in catalog.sentra.values():
        for index, photo in enumerate(entry.record.photos):
            line = entry.lines.line_of(("photos", index, "file"))
            refs.append(PhotoRef(entry.path, f"photos[{index}].file", line, photo.file, thumb=index == 0))
    for entry in catalog.ikms.values():
        if entry.record.logo:
            refs.append(_ref(entry.path, entry.lines.line_of(("logo", "file")), "logo.file", entry.record.logo.file))
    for product_entry in catalog.products:
        product = product_entry.record
        maker = catalog.ikms[product.ikm].record
        for index, photo in enumerate(product.photos):
            card = (
                ShareCardText(product.name.id, maker.name, catalog.sentra_of_product(product).name)
                if index == 0
                else None
            )
            line = product_entry.lines.line_of(("photos", index, "file"))
            refs.append(PhotoRef(product_entry.path, f"photos[{index}].file", line, photo.file, card, thumb=index == 0))
    return refs


def _ref(source: str, line: int, field_name: str, file: str) -> PhotoRef:
    return PhotoRef(source, field_name, line, file)


def check(root: Path, today: dt.date, *, cache_dir: Path | None = None, check_photos: bool = True) -> Outcome:
    """Load and validate every record and, with ``photos``, check every photo; return the outcome.

    With ``cache_dir`` (the photo cache), photos already checked and processed are not
    decoded again; only the cache is written to.
    """
    outcome = Outcome(None, [])
    with few_collections(), timed(outcome, "load"):
        records, problems = load.load_records(root)
    with few_collections(), timed(outcome, "validate"):
        catalog, found = validate.validate_catalog(records, today, unreadable=[p.path for p in problems])
        problems += found
    if catalog is not None and check_photos:
        with few_collections(), timed(outcome, "check photos"):
            # photos of records left out of the catalogue too (all problems in one run), and the
            # repository policy on every photo file: no GPS or camera data, no phone-sized originals
            refs = [*photo_refs(catalog), *photos.refs_left_out(records, catalog)]
            problems += photos.check_photos(root, refs, cache_dir=cache_dir)
            problems += photos.policy_problems(root, refs)
    outcome.catalog = catalog
    outcome.problems = sort_problems(problems)
    return outcome
