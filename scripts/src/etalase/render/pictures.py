"""Which processed photo file a page shows: the plain src of an img, and the share image of a page."""

from __future__ import annotations

from etalase.photos import ImageSet, Variant

SRC_WIDTH = 800  # the plain ``src`` of a photo: the variant closest to this width


def src_variant(image: ImageSet) -> Variant:
    """Return the variant for a plain ``src`` (the one closest to ``SRC_WIDTH``)."""
    return min(image.variants, key=lambda v: (abs(v.width - SRC_WIDTH), v.width))


def og_image_url(image: ImageSet | None) -> str | None:
    """Return the site-root-relative URL of a page's og:image (the share card when there is one)."""
    if image is None:
        return None
    if image.share_card is not None:
        return image.share_card.url
    fitting = [v for v in image.variants if v.width <= 1200]
    return (fitting[-1] if fitting else image.variants[0]).url
