"""What the photo stage passes on: the photos records name, and the files made from each."""

from __future__ import annotations

from dataclasses import dataclass

# The site folder of every processed photo file (``media/<key>/640.webp``); the photo cache is laid out alike.
MEDIA = "media"


@dataclass(frozen=True)
class PhotoRef:
    """One photo a record names: where it is written, and the file name as written."""

    source: str  # the record's YAML file, relative to the project root, posix form
    field: str  # e.g. "photos[0].file", for problem messages
    line: int  # line of that field in the YAML file
    file: str  # the file name exactly as the record writes it (relative to the record's folder)
    share_card: ShareCardText | None = None  # products only: text drawn on the 1200x630 card
    thumb: bool = True  # shown as a card thumbnail (a record's first photo, a logo): the narrowest width is made


@dataclass(frozen=True)
class ShareCardText:
    """Text drawn on a product's share card."""

    title: str
    maker: str
    sentra: str


@dataclass(frozen=True)
class Variant:
    """One output file; ``url`` is relative to the site root (e.g. ``media/ab12cd/640.webp``)."""

    url: str
    width: int
    height: int


@dataclass(frozen=True)
class ImageSet:
    """All outputs of one source photo."""

    variants: tuple[Variant, ...]  # full picture, ascending width, never upscaled
    thumb: Variant  # card thumbnail: the narrowest variant (CSS crops it to the card's 4:3)
    share_card: Variant | None = None  # 1200x630 og:image, products only

    @property
    def largest(self) -> Variant:
        """Return the widest variant."""
        return self.variants[-1]

    @property
    def files(self) -> tuple[Variant, ...]:
        """Return every output file of the set, each once: variants, thumbnail and share card."""
        thumb = () if self.thumb in self.variants else (self.thumb,)
        card = (self.share_card,) if self.share_card else ()
        return (*self.variants, *thumb, *card)
