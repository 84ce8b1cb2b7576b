"""Search filters: the (filter, value) pairs Pagefind indexes for a product, price bands among them."""

from __future__ import annotations

# Price bands of the search filter, in IDR per unit as the record states it: [low, high). A product
# is in every band its price range touches. The value is the filter value in the index and URL.
PRICE_BANDS = ((0, 50_000), (50_000, 150_000), (150_000, 500_000), (500_000, None))


def price_band(low: int, high: int | None) -> str:
    """Return the filter value of a price band: ``0-50000``, ``500000-``."""
    return f"{low}-{high if high is not None else ''}"


def price_bands_of(low: int, high: int) -> list[str]:
    """Return the price bands a price range ``low``–``high`` touches."""
    return [price_band(a, b) for a, b in PRICE_BANDS if high >= a and (b is None or low < b)]
