"""Share card: the 1200x630 picture a chat app or social site shows for a product link.

Draws the product photo on the left and its name, maker and sentra on the right, in
Pillow's built-in FreeType font (Aileron), so the card looks the same on every machine.
Pure: takes a Pillow image and text, returns a new image.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont, ImageOps

BACKGROUND = (250, 247, 240)
ACCENT = (11, 110, 79)
TITLE_COLOUR = (26, 26, 26)
MAKER_COLOUR = (64, 64, 64)
ELLIPSIS = "…"

# Characters the built-in font lacks, written with ones it has.
_ASCII_FOLD = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": ",",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "×": "x",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


@dataclass(frozen=True)
class _Block:
    """One text block: its lines, font and colour."""

    lines: tuple[str, ...]
    font: ImageFont.FreeTypeFont
    colour: tuple[int, int, int]
    bold: bool = False


def photo_box(size: tuple[int, int]) -> tuple[int, int]:
    """Return the width and height of the photo area on a card of ``size``."""
    width, height = size
    return width // 2, height


def render_card(
    photo: Image.Image, title: str, maker: str, sentra: str, size: tuple[int, int] = (1200, 630)
) -> Image.Image:
    """Return an RGB card of ``size``: ``photo`` cropped on the left, the text on the right.

    ``photo`` is an RGB or RGBA image at least as large as ``photo_box(size)`` ideally
    (smaller ones are scaled up); transparency is flattened on white.
    """
    width, height = size
    card = Image.new("RGB", size, BACKGROUND)
    box = photo_box(size)
    card.paste(_flatten(ImageOps.fit(photo, box, Image.Resampling.LANCZOS)), (0, 0))
    draw = ImageDraw.Draw(card)
    unit = height / 630
    pad = round(56 * unit)
    left = box[0] + pad
    text_width = width - left - pad
    draw.rectangle((box[0], 0, width, round(10 * unit)), fill=ACCENT)
    blocks = [
        _block(title, round(54 * unit), text_width, 3, TITLE_COLOUR, bold=True),
        _block(maker, round(34 * unit), text_width, 2, MAKER_COLOUR),
        _block(sentra, round(30 * unit), text_width, 2, ACCENT),
    ]
    _draw_blocks(draw, [b for b in blocks if b.lines], left, height, round(22 * unit))
    return card


def _flatten(image: Image.Image) -> Image.Image:
    """Return ``image`` as RGB, with any transparency laid on white."""
    if image.mode != "RGBA":
        return image.convert("RGB")
    white = Image.new("RGB", image.size, (255, 255, 255))
    white.paste(image, mask=image.getchannel("A"))
    return white


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    """Return Pillow's built-in FreeType font at ``size`` pixels."""
    loaded = ImageFont.load_default(size=size)
    assert isinstance(loaded, ImageFont.FreeTypeFont), "Pillow lacks FreeType support"
    return loaded


def _block(
    text: str, size: int, width: int, max_lines: int, colour: tuple[int, int, int], *, bold: bool = False
) -> _Block:
    """Return ``text`` wrapped to ``width`` pixels in at most ``max_lines`` lines."""
    face = font(size)
    return _Block(tuple(wrap(drawable(text, face), face, width, max_lines)), face, colour, bold)


def _draw_blocks(draw: ImageDraw.ImageDraw, blocks: list[_Block], left: int, height: int, gap: int) -> None:
    """Draw ``blocks`` one under the other, the whole group centred vertically."""
    heights = [_line_height(b.font) * len(b.lines) for b in blocks]
    y = (height - sum(heights) - gap * (len(blocks) - 1)) // 2
    for block, block_height in zip(blocks, heights, strict=True):
        for i, line in enumerate(block.lines):
            draw.text(
                (left, y + i * _line_height(block.font)),
                line,
                font=block.font,
                fill=block.colour,
                stroke_width=1 if block.bold else 0,
                stroke_fill=block.colour,
            )
        y += block_height + gap


def _line_height(face: ImageFont.FreeTypeFont) -> int:
    """Return the distance between two lines of ``face``."""
    return round(face.size * 1.22)


def drawable(text: str, face: ImageFont.FreeTypeFont) -> str:
    """Return ``text`` on one line, with characters ``face`` cannot draw replaced or dropped.

    Accents are removed (``é`` becomes ``e``) because the built-in font has ASCII only.
    """
    text = " ".join(text.translate(_ASCII_FOLD).split())
    out = []
    for char in text:
        if _has_glyph(face, char):
            out.append(char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        out.append("".join(c for c in base if _has_glyph(face, c)))
    return " ".join("".join(out).split())


@cache
def _glyph(face: ImageFont.FreeTypeFont, char: str) -> bytes:
    """Return the pixels ``face`` draws for ``char`` on a small square."""
    square = Image.new("L", (face.size * 2, face.size * 2))
    ImageDraw.Draw(square).text((0, 0), char, font=face, fill=255)
    return square.tobytes()


@cache
def _has_glyph(face: ImageFont.FreeTypeFont, char: str) -> bool:
    """Return whether ``face`` draws ``char`` as itself rather than as an empty box."""
    if char == " ":
        return True
    if unicodedata.category(char).startswith(("C", "Z")):
        return False
    return _glyph(face, char) != _glyph(face, "\U0010fffd")


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Return ``text`` split into lines no wider than ``width``; the last one ends in ``…``
    when the text does not fit in ``max_lines`` lines."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if face.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while face.getlength(current) > width:  # a single word wider than the line
            cut = _fit(current, face, width)
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines
    return [*lines[: max_lines - 1], _shorten(" ".join(lines[max_lines - 1 :]), face, width)]


def _fit(text: str, face: ImageFont.FreeTypeFont, width: int) -> int:
    """Return how many leading characters of ``text`` fit in ``width`` (at least one)."""
    count = 1
    while count < len(text) and face.getlength(text[: count + 1]) <= width:
        count += 1
    return count


def _shorten(text: str, face: ImageFont.FreeTypeFont, width: int) -> str:
    """Return ``text`` cut at a word (or character) boundary so that it plus ``…`` fits."""
    words = text.split()
    while len(words) > 1 and face.getlength(" ".join(words) + ELLIPSIS) > width:
        words.pop()
    line = " ".join(words)
    while len(line) > 1 and face.getlength(line + ELLIPSIS) > width:
        line = line[:-1]
    return line.rstrip(" ,.;:-") + ELLIPSIS
