#!/usr/bin/env python3
"""Draw the sample catalogue's photos as simple, deterministic illustrations.

Reads every record under ``sentra/`` and ``products/`` and draws each photo file a record
names that does not exist yet (all of them with ``--force``):

* product photos: 1600x1200 JPEG, a flat drawing of the product kind (sweater, shoe,
  T-shirt, jeans, doll, tofu, chip bag, bottle ...) guessed from its slug and name, in the
  colours listed under ``variants.colours``; the alt text picks the view (detail, colours,
  sizes, serving, stack ...);
* sentra photos: 1600x1000 JPEG, a street with workshops and the sentra's name on a gate;
* IKM logos: 800x800 PNG (or JPEG if the record names a .jpg), a badge with initials.

Every picture is seeded from its file path and drawn only with Pillow's bundled default
font, so the same Pillow version writes the same bytes on every run. No EXIF is written.

Usage (from the repository root)::

    python scripts/make_sample_photos.py            # draw missing photos
    python scripts/make_sample_photos.py --force    # redraw every photo
"""

from __future__ import annotations

import argparse
import colorsys
import hashlib
import math
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFont

SS = 2  # supersampling factor: draw at twice the size, then downscale for smooth edges
PRODUCT_SIZE = (1600, 1200)
SENTRA_SIZE = (1600, 1000)
LOGO_SIZE = (800, 800)
JPEG_QUALITY = 82

RGB = tuple[int, int, int]

# ----------------------------------------------------------------------------- colours

COLOUR_WORDS: dict[str, RGB] = {
    # English
    "black": (42, 42, 46),
    "white": (246, 245, 240),
    "navy": (32, 46, 92),
    "cream": (236, 224, 196),
    "sage": (156, 176, 138),
    "mocha": (150, 112, 86),
    "grey": (150, 150, 156),
    "gray": (150, 150, 156),
    "light grey": (204, 204, 208),
    "charcoal": (72, 74, 80),
    "misty grey": (186, 186, 192),
    "maroon": (122, 32, 46),
    "red": (200, 48, 46),
    "mustard": (214, 166, 42),
    "army green": (96, 106, 62),
    "bottle green": (30, 86, 62),
    "green": (72, 150, 82),
    "mint": (162, 214, 190),
    "mint green": (162, 214, 190),
    "dusty pink": (214, 162, 160),
    "pink": (238, 162, 186),
    "lilac": (190, 166, 214),
    "terracotta": (190, 96, 66),
    "denim blue": (82, 112, 152),
    "light blue": (152, 192, 226),
    "sky blue": (140, 196, 236),
    "blue": (52, 96, 170),
    "dark blue": (36, 52, 96),
    "yellow": (240, 200, 62),
    "soft yellow": (246, 226, 152),
    "tan": (200, 150, 96),
    "brown": (122, 82, 52),
    "dark brown": (82, 52, 32),
    "milk brown": (176, 132, 96),
    "khaki": (190, 170, 120),
    "natural": (230, 220, 196),
    "raw indigo": (36, 44, 92),
    "indigo": (44, 54, 104),
    "dark rinse": (36, 46, 82),
    "stone wash": (122, 152, 186),
    "mid blue": (76, 112, 162),
    "light wash": (162, 192, 216),
    "medium wash": (102, 136, 176),
    "gold": (212, 170, 62),
    "orange": (236, 132, 42),
    "purple": (132, 82, 162),
    "kraft": (182, 136, 92),
    "panda": (246, 245, 240),
    "suede": (150, 104, 70),
    "sundanese white": (246, 245, 240),
    # Indonesian
    "hitam": (42, 42, 46),
    "putih": (246, 245, 240),
    "krem": (236, 224, 196),
    "mocca": (150, 112, 86),
    "abu muda": (204, 204, 208),
    "abu tua": (72, 74, 80),
    "abu misty": (186, 186, 192),
    "abu": (150, 150, 156),
    "marun": (122, 32, 46),
    "merah": (200, 48, 46),
    "hijau army": (96, 106, 62),
    "hijau botol": (30, 86, 62),
    "hijau mint": (162, 214, 190),
    "hijau sage": (156, 176, 138),
    "hijau": (72, 150, 82),
    "terakota": (190, 96, 66),
    "biru denim": (82, 112, 152),
    "biru muda": (152, 192, 226),
    "biru langit": (140, 196, 236),
    "biru tua": (36, 52, 96),
    "biru": (52, 96, 170),
    "kuning lembut": (246, 226, 152),
    "kuning": (240, 200, 62),
    "coklat tua": (82, 52, 32),
    "coklat susu": (176, 132, 96),
    "coklat kraft": (182, 136, 92),
    "coklat": (122, 82, 52),
    "emas": (212, 170, 62),
    "oranye": (236, 132, 42),
    "ungu": (132, 82, 162),
}
_COLOUR_KEYS = sorted(COLOUR_WORDS, key=len, reverse=True)


def colours_in(text: str) -> list[RGB]:
    """Return the colours named in ``text`` in the order they appear."""
    text = " " + re.sub(r"[^a-z]+", " ", text.lower()) + " "
    found: list[tuple[int, RGB]] = []
    for key in _COLOUR_KEYS:
        for m in re.finditer(" " + key + " ", text):
            found.append((m.start(), COLOUR_WORDS[key]))
        text = text.replace(" " + key + " ", " " + "#" * len(key) + " ")
    return [c for _, c in sorted(found)]


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def shade(c: RGB, t: float = 0.25) -> RGB:
    return mix(c, (0, 0, 0), t)


def tint(c: RGB, t: float = 0.35) -> RGB:
    return mix(c, (255, 255, 255), t)


def lum(c: RGB) -> float:
    return (0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]) / 255


def ink_on(c: RGB) -> RGB:
    """A readable line colour on top of ``c``."""
    return shade(c, 0.45) if lum(c) > 0.45 else tint(c, 0.45)


def hsv(h: float, s: float, v: float) -> RGB:
    r, g, b = colorsys.hsv_to_rgb(h % 1.0, s, v)
    return (round(r * 255), round(g * 255), round(b * 255))


# ----------------------------------------------------------------------------- drawing

FONT_CACHE: dict[int, ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if size not in FONT_CACHE:
        FONT_CACHE[size] = ImageFont.load_default(size=size)
    return FONT_CACHE[size]


class Pen:
    """ImageDraw in output pixels: every coordinate is multiplied by ``SS``."""

    def __init__(self, image: Image.Image) -> None:
        self.image = image
        self.d = ImageDraw.Draw(image)

    @staticmethod
    def _p(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
        return [(x * SS, y * SS) for x, y in pts]

    def poly(self, pts, fill=None, outline=None, width=0) -> None:
        self.d.polygon(self._p(pts), fill=fill, outline=outline, width=round(width * SS))

    def rect(self, box, fill=None, outline=None, width=0, r=0.0) -> None:
        x0, y0, x1, y1 = box
        b = (x0 * SS, y0 * SS, x1 * SS, y1 * SS)
        if r:
            self.d.rounded_rectangle(b, radius=r * SS, fill=fill, outline=outline, width=round(width * SS))
        else:
            self.d.rectangle(b, fill=fill, outline=outline, width=round(width * SS))

    def ellipse(self, cx, cy, rx, ry, fill=None, outline=None, width=0) -> None:
        b = ((cx - rx) * SS, (cy - ry) * SS, (cx + rx) * SS, (cy + ry) * SS)
        self.d.ellipse(b, fill=fill, outline=outline, width=round(width * SS))

    def circle(self, cx, cy, r, fill=None, outline=None, width=0) -> None:
        self.ellipse(cx, cy, r, r, fill, outline, width)

    def line(self, pts, fill, width=2.0) -> None:
        self.d.line(self._p(pts), fill=fill, width=max(1, round(width * SS)), joint="curve")

    def arc(self, cx, cy, rx, ry, start, end, fill, width=2.0) -> None:
        b = ((cx - rx) * SS, (cy - ry) * SS, (cx + rx) * SS, (cy + ry) * SS)
        self.d.arc(b, start, end, fill=fill, width=max(1, round(width * SS)))

    def pieslice(self, cx, cy, rx, ry, start, end, fill) -> None:
        b = ((cx - rx) * SS, (cy - ry) * SS, (cx + rx) * SS, (cy + ry) * SS)
        self.d.pieslice(b, start, end, fill=fill)

    def text(self, xy, s, size, fill, anchor="la") -> None:
        self.d.text((xy[0] * SS, xy[1] * SS), s, font=font(round(size * SS)), fill=fill, anchor=anchor)

    def text_width(self, s: str, size: float) -> float:
        return self.d.textlength(s, font=font(round(size * SS))) / SS


def pts(cx: float, top: float, s: float, rel: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(cx + x * s, top + y * s) for x, y in rel]


def shadow(pen: Pen, cx: float, y: float, w: float, bg: RGB) -> None:
    pen.ellipse(cx, y, w / 2, w * 0.07, fill=shade(bg, 0.12))


# ----------------------------------------------------------------------------- the subject


@dataclass
class Subject:
    """What to draw for one product photo."""

    kind: str
    pairs: list[tuple[RGB, RGB | None]]  # one (main, accent) pair per listed colour
    words: str  # slug, names and alt text, lowercase, for small decisions
    rng: random.Random

    @property
    def main(self) -> RGB:
        return self.pairs[0][0]

    @property
    def colours(self) -> list[RGB]:
        return [p[0] for p in self.pairs]

    def accent(self, default: RGB) -> RGB:
        return self.pairs[0][1] or default

    def only(self, pair: tuple[RGB, RGB | None]) -> Subject:
        return Subject(self.kind, [pair], self.words, self.rng)

    def has(self, *words: str) -> bool:
        return any(w in self.words for w in words)


KIND_RULES: list[tuple[str, tuple[str, ...]]] = [
    ("babyset", ("baju-bayi",)),
    ("knitset", ("setelan",)),
    ("poncho", ("poncho",)),
    ("cardigan", ("kardigan", "cardigan", "outer-")),
    ("hoodie", ("hoodie",)),
    ("vest", ("rompi",)),
    ("sweater", ("sweter", "sweater", "crewneck")),
    ("scarf", ("syal",)),
    ("beanie", ("kupluk",)),
    ("boot", ("boots",)),
    ("sandal", ("sandal", "selop")),
    ("sneaker", ("sneakers",)),
    ("shoe", ("sepatu", "pantofel")),
    ("jacket", ("jaket",)),
    ("shirt", ("kemeja",)),
    ("skirt", ("rok-",)),
    ("jeans", ("jeans", "celana")),
    ("scraps", ("perca",)),
    ("fabric", ("kain-",)),
    ("tote", ("totebag", "tote-")),
    ("paperbag", ("paper-bag",)),
    ("tshirt", ("kaos", "jersey", "t-shirt")),
    ("hologram", ("hologram",)),
    ("labelroll", ("label-produk",)),
    ("stickers", ("stiker",)),
    ("calendar", ("kalender",)),
    ("book", ("buku",)),
    ("invitation", ("undangan",)),
    ("foodbox", ("dus-",)),
    ("sheep", ("domba",)),
    ("cushion", ("bantal",)),
    ("wedding", ("pengantin",)),
    ("graduation", ("wisuda",)),
    ("keyring", ("gantungan-kunci",)),
    ("puppet", ("boneka-tangan",)),
    ("mascot", ("maskot",)),
    ("teddy", ("boneka", "teddy")),
    ("triptych", ("abstrak",)),
    ("painting", ("lukisan",)),
    ("wayang", ("wayang",)),
    ("frozen", ("beku", "frozen")),
    ("pouch", ("stik-tahu", "keripik", "basreng", "makaroni")),
    ("crackers", ("kerupuk",)),
    ("tofu", ("tahu",)),
    ("bottle", ("yoghurt", "yogurt", "susu-pasteur")),
    ("dodol", ("dodol",)),
    ("drink", ("bandrek", "bajigur")),
]
CATEGORY_KIND = {
    "rajut": "sweater",
    "fesyen": "tshirt",
    "percetakan": "stickers",
    "kerajinan": "teddy",
    "makanan": "pouch",
}
DEFAULT_COLOURS: dict[str, list[RGB]] = {
    "tofu": [(236, 196, 72)],
    "pouch": [(206, 52, 44), (246, 200, 70)],
    "crackers": [(246, 238, 214)],
    "frozen": [(52, 120, 196), (236, 206, 150)],
    "bottle": [(238, 150, 176), (246, 245, 240)],
    "dodol": [(150, 98, 62), (236, 224, 196)],
    "drink": [(150, 86, 42), (226, 182, 110)],
    "calendar": [(246, 245, 240), (200, 48, 46)],
    "book": [(30, 102, 70), (212, 170, 62)],
    "invitation": [(246, 240, 228), (212, 170, 62)],
    "foodbox": [(246, 240, 228), (214, 96, 66)],
    "stickers": [(246, 245, 240)],
    "labelroll": [(246, 245, 240), (52, 96, 170)],
    "hologram": [(200, 200, 214)],
    "painting": [(120, 170, 96), (140, 196, 236)],
    "wayang": [(200, 48, 46), (52, 96, 170)],
    "mascot": [(72, 140, 220), (246, 200, 70)],
    "keyring": [(176, 132, 96)],
    "fabric": [(52, 96, 170)],
    "scraps": [(200, 48, 46)],
    "tshirt": [(246, 245, 240)],
    "teddy": [(176, 132, 96)],
    "sheep": [(246, 245, 240)],
    "jeans": [(52, 80, 130)],
    "shoe": [(42, 42, 46)],
    "boot": [(200, 150, 96)],
    "sandal": [(200, 150, 96)],
    "sneaker": [(246, 245, 240)],
    "puppet": [(240, 200, 62)],
}


def subject_for(record: dict, index: int, alt: str, rng: random.Random) -> Subject:
    slug = str(record.get("slug", ""))
    name = record.get("name") or {}
    words = " ".join([slug, str(name.get("id", "")), str(name.get("en", "")), alt]).lower()
    kind = next((k for k, keys in KIND_RULES if any(w in slug for w in keys)), None)
    kind = kind or CATEGORY_KIND.get(str(record.get("category")), "stickers")
    pairs: list[tuple[RGB, RGB | None]] = []
    colour_list = (record.get("variants") or {}).get("colours") or {}
    for text in colour_list.get("en") or colour_list.get("id") or []:
        found = colours_in(str(text))
        if found:
            pairs.append((found[0], found[1] if len(found) > 1 else None))
    if not pairs:
        default = DEFAULT_COLOURS.get(kind, [hsv(rng.random(), 0.5, 0.75)])
        pairs = [(default[0], default[1] if len(default) > 1 else None)]
    if kind == "tofu":
        pairs = [((236, 196, 72), None)] if "kuning" in slug else [((246, 242, 228), None)]
    return Subject(kind, pairs, words, rng)


# kinds whose alt text may name colours of things other than the product itself
NO_LEAD_KINDS = {
    "invitation",
    "book",
    "calendar",
    "painting",
    "triptych",
    "tofu",
    "pouch",
    "crackers",
    "frozen",
    "bottle",
    "dodol",
    "drink",
    "foodbox",
    "stickers",
    "hologram",
    "labelroll",
}


def lead_with(sub: Subject, alt: str) -> None:
    """Put the colour the alt text names first, adding it when no listed colour is close."""
    named = colours_in(alt)
    if not named:
        return
    want = named[0]

    def dist(p: tuple[RGB, RGB | None]) -> int:
        return sum(abs(a - b) for a, b in zip(p[0], want, strict=True))

    best = min(sub.pairs, key=dist)
    if dist(best) < 90:
        sub.pairs.remove(best)
        sub.pairs.insert(0, best)
    else:
        sub.pairs.insert(0, (want, named[1] if len(named) > 1 else None))


# ----------------------------------------------------------------------------- garments

TOP_SHORT = [
    (-0.16, 0),
    (-0.46, 0.07),
    (-0.74, 0.33),
    (-0.6, 0.46),
    (-0.42, 0.34),
    (-0.42, 1),
    (0.42, 1),
    (0.42, 0.34),
    (0.6, 0.46),
    (0.74, 0.33),
    (0.46, 0.07),
    (0.16, 0),
]
TOP_LONG = [
    (-0.16, 0),
    (-0.46, 0.07),
    (-0.7, 0.9),
    (-0.53, 0.94),
    (-0.42, 0.38),
    (-0.42, 1),
    (0.42, 1),
    (0.42, 0.38),
    (0.53, 0.94),
    (0.7, 0.9),
    (0.46, 0.07),
    (0.16, 0),
]
TOP_VEST = [
    (-0.16, 0),
    (-0.34, 0.04),
    (-0.36, 0.14),
    (-0.42, 0.36),
    (-0.42, 1),
    (0.42, 1),
    (0.42, 0.36),
    (0.36, 0.14),
    (0.34, 0.04),
    (0.16, 0),
]


def stretch(rel, hem: float) -> list[tuple[float, float]]:
    """Lengthen a top: move points below the armpit proportionally towards ``hem``."""
    return [(x, y if y < 0.4 else 0.4 + (y - 0.4) * (hem - 0.4) / 0.6) for x, y in rel]


def knit_rows(pen: Pen, box, col: RGB, step: float) -> None:
    x0, y0, x1, y1 = box
    y = y0
    while y < y1:
        x = x0
        while x < x1:
            pen.line([(x, y), (x + step / 2, y + step * 0.6), (x + step, y)], col, max(1.0, step / 7))
            x += step
        y += step * 0.8


def draw_top(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject, style: str) -> None:
    hem = {"longcardigan": 1.45, "knitset": 0.85}.get(style, 1.0)
    base = {"tshirt": TOP_SHORT, "plain": TOP_SHORT, "vest": TOP_VEST}.get(style, TOP_LONG)
    rel = stretch(base, hem) if hem != 1.0 else base
    top = cy - s * hem / 2
    line = ink_on(col)
    dark = shade(col, 0.18)
    if style == "hoodie":
        pen.ellipse(cx, top + 0.02 * s, 0.22 * s, 0.16 * s, fill=dark)
    pen.poly(pts(cx, top, s, rel), fill=col)
    rib = 0.07 * s
    if style in ("sweater", "cardigan", "longcardigan", "hoodie", "vest", "knitset"):
        hem_y = top + hem * s
        pen.rect((cx - 0.42 * s, hem_y - rib, cx + 0.42 * s, hem_y), fill=dark)
        for i in range(1, 24):
            x = cx - 0.42 * s + i * 0.84 * s / 24
            pen.line([(x, hem_y - rib), (x, hem_y)], shade(col, 0.3), 1.2)
        if style != "vest":
            for sgn in (-1, 1):
                pen.poly(
                    pts(
                        cx,
                        top,
                        s,
                        [
                            (sgn * 0.7, 0.9 * hem if style == "knitset" else 0.9),
                            (sgn * 0.53, 0.94 * hem if style == "knitset" else 0.94),
                            (sgn * 0.54, 0.86 * hem if style == "knitset" else 0.86),
                            (sgn * 0.68, 0.83 * hem if style == "knitset" else 0.83),
                        ],
                    ),
                    fill=dark,
                )
    if style in ("tshirt", "plain", "sweater", "hoodie", "knitset"):
        pen.ellipse(cx, top + 0.005 * s, 0.16 * s, 0.07 * s, fill=shade(col, 0.3))
        pen.ellipse(cx, top - 0.005 * s, 0.13 * s, 0.045 * s, fill=shade(col, 0.45))
    if style in ("vest", "cardigan", "longcardigan"):
        depth = 0.34 if style == "vest" else 0.45
        pen.poly([(cx - 0.16 * s, top), (cx, top + depth * s), (cx + 0.16 * s, top)], fill=shade(col, 0.4))
        pen.line([(cx - 0.16 * s, top), (cx, top + depth * s), (cx + 0.16 * s, top)], dark, 0.04 * s)
        if style == "vest":
            pen.line(
                [(cx - 0.13 * s, top + 0.02 * s), (cx, top + (depth - 0.03) * s), (cx + 0.13 * s, top + 0.02 * s)],
                sub.accent(tint(col, 0.7)),
                0.012 * s,
            )
    if style in ("cardigan", "longcardigan"):
        y_end = top + hem * s
        pen.line([(cx, top + 0.45 * s), (cx, y_end)], shade(col, 0.35), 0.012 * s)
        for i in range(5):
            y = top + (0.5 + i * 0.1) * s
            if y < y_end - 0.08 * s:
                pen.circle(
                    cx + 0.025 * s, y, 0.018 * s, fill=(150, 104, 62), outline=shade((150, 104, 62), 0.3), width=1
                )
        for sgn in (-1, 1):
            px = cx + sgn * 0.22 * s
            py = top + (hem - 0.32) * s
            pen.rect((px - 0.1 * s, py, px + 0.1 * s, py + 0.14 * s), fill=shade(col, 0.08), outline=dark, width=2)
    if style == "hoodie":
        pen.line([(cx - 0.05 * s, top + 0.04 * s), (cx - 0.06 * s, top + 0.25 * s)], tint(col, 0.6), 0.01 * s)
        pen.line([(cx + 0.05 * s, top + 0.04 * s), (cx + 0.06 * s, top + 0.25 * s)], tint(col, 0.6), 0.01 * s)
        pen.poly(
            pts(cx, top, s, [(-0.24, 0.62), (0.24, 0.62), (0.3, 0.88), (-0.3, 0.88)]),
            fill=shade(col, 0.1),
            outline=dark,
            width=2,
        )
    if style == "jacket":
        pen.poly(pts(cx, top, s, [(-0.16, 0), (-0.05, 0.2), (-0.24, 0.14)]), fill=shade(col, 0.15))
        pen.poly(pts(cx, top, s, [(0.16, 0), (0.05, 0.2), (0.24, 0.14)]), fill=shade(col, 0.15))
        pen.line([(cx, top + 0.1 * s), (cx, top + s)], shade(col, 0.3), 0.01 * s)
        stitch = (226, 156, 70)
        for sgn in (-1, 1):
            px = cx + sgn * 0.2 * s
            pen.rect((px - 0.09 * s, top + 0.26 * s, px + 0.09 * s, top + 0.4 * s), outline=stitch, width=2)
            pen.line([(px - 0.09 * s, top + 0.3 * s), (px + 0.09 * s, top + 0.3 * s)], stitch, 2)
            pen.line([(cx + sgn * 0.42 * s, top + 0.5 * s), (cx + sgn * 0.1 * s, top + 0.5 * s)], stitch, 2)
        for i in range(6):
            pen.circle(cx + 0.03 * s, top + (0.18 + i * 0.14) * s, 0.015 * s, fill=(190, 190, 196))
        pen.rect((cx - 0.42 * s, top + 0.9 * s, cx + 0.42 * s, top + s), fill=shade(col, 0.1), outline=stitch, width=2)
    if style == "shirt":
        pen.poly(pts(cx, top, s, [(-0.16, 0), (-0.02, 0.12), (-0.2, 0.12)]), fill=tint(col, 0.15))
        pen.poly(pts(cx, top, s, [(0.16, 0), (0.02, 0.12), (0.2, 0.12)]), fill=tint(col, 0.15))
        pen.line([(cx, top + 0.1 * s), (cx, top + s)], shade(col, 0.3), 0.012 * s)
        for i in range(6):
            pen.circle(cx + 0.02 * s, top + (0.18 + i * 0.14) * s, 0.012 * s, fill=(120, 86, 56))
        for sgn in (-1, 1):
            px = cx + sgn * 0.2 * s
            pen.rect((px - 0.08 * s, top + 0.24 * s, px + 0.08 * s, top + 0.38 * s), outline=line, width=2)
    if style in ("sweater", "cardigan", "longcardigan", "vest", "knitset") and sub.has("kabel", "cable"):
        for off in (-0.18, 0, 0.18):
            x = cx + off * s
            y = top + 0.2 * s
            while y < top + 0.88 * s:
                pen.arc(x, y + 0.04 * s, 0.05 * s, 0.045 * s, 200, 340, shade(col, 0.3), 0.012 * s)
                y += 0.07 * s
    if style == "tshirt" or (style in ("hoodie", "sweater") and sub.has("sablon")):
        print_design(pen, cx, top + (0.42 if style == "tshirt" else 0.36) * s, 0.2 * s, col, sub)


def print_design(pen: Pen, cx: float, cy: float, r: float, col: RGB, sub: Subject) -> None:
    """The artwork on a printed T-shirt, hoodie or tote."""
    inkc = (246, 200, 70) if lum(col) < 0.5 else (40, 60, 110)
    if sub.has("dtf", "full-colour", "full warna"):
        for i in range(7):
            pen.pieslice(cx, cy, r, r, i * 360 / 7, (i + 1) * 360 / 7, hsv(i / 7, 0.65, 0.95))
        pen.circle(cx, cy, r * 0.45, fill=tint(col, 0.1))
        return
    if sub.has("jersey", "sublim"):
        for i in range(-3, 4):
            x = cx + i * r * 0.5
            pen.poly(
                [
                    (x - r * 0.15, cy - r * 1.3),
                    (x + r * 0.15, cy - r * 1.3),
                    (x + r * 0.55, cy + r * 1.3),
                    (x + r * 0.25, cy + r * 1.3),
                ],
                fill=sub.accent((236, 132, 42)),
            )
        return
    pen.circle(cx, cy, r, fill=inkc)
    pen.poly(
        [
            (cx - r * 0.9, cy + r * 0.45),
            (cx - r * 0.25, cy - r * 0.5),
            (cx + r * 0.15, cy + r * 0.05),
            (cx + r * 0.4, cy - r * 0.25),
            (cx + r * 0.9, cy + r * 0.45),
        ],
        fill=col,
    )
    pen.circle(cx + r * 0.35, cy - r * 0.5, r * 0.16, fill=col)


def draw_trousers(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject, wide=False) -> None:
    top = cy - s / 2
    w = 0.42 if wide else 0.36
    rel = [(-0.32, 0), (0.32, 0), (w, 1), (0.05, 1), (0, 0.33), (-0.05, 1), (-w, 1)]
    pen.poly(pts(cx, top, s, rel), fill=col)
    pen.rect((cx - 0.32 * s, top, cx + 0.32 * s, top + 0.07 * s), fill=shade(col, 0.12))
    if wide:
        return
    stitch = (226, 156, 70)
    pen.line([(cx, top + 0.07 * s), (cx, top + 0.3 * s)], shade(col, 0.3), 0.01 * s)
    pen.arc(cx - 0.3 * s, top + 0.07 * s, 0.16 * s, 0.14 * s, 0, 90, stitch, 0.008 * s)
    pen.arc(cx + 0.3 * s, top + 0.07 * s, 0.16 * s, 0.14 * s, 90, 180, stitch, 0.008 * s)
    pen.circle(cx, top + 0.035 * s, 0.018 * s, fill=(196, 170, 110))
    for sgn in (-1, 1):
        pen.circle(cx + sgn * 0.15 * s, top + 0.1 * s, 0.01 * s, fill=(196, 170, 110))
        x_out, x_in = cx + sgn * w * s, cx + sgn * 0.05 * s
        pen.line([(x_out - sgn * 0.02 * s, top + 0.97 * s), (x_in + sgn * 0.02 * s, top + 0.97 * s)], stitch, 0.006 * s)
        pen.line(
            [(cx + sgn * 0.3 * s, top + 0.08 * s), (cx + sgn * (w - 0.02) * s, top + 0.95 * s)],
            shade(col, 0.12),
            0.006 * s,
        )


def draw_skirt(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    top = cy - s / 2
    pen.poly(pts(cx, top, s, [(-0.26, 0), (0.26, 0), (0.44, 1), (-0.44, 1)]), fill=col)
    pen.rect((cx - 0.26 * s, top, cx + 0.26 * s, top + 0.08 * s), fill=shade(col, 0.12))
    pen.line([(cx, top + 0.08 * s), (cx, top + s)], shade(col, 0.25), 0.008 * s)
    for i in range(7):
        pen.circle(cx + 0.02 * s, top + (0.04 + i * 0.13) * s, 0.014 * s, fill=(196, 170, 110))
    pen.poly(pts(cx, top, s, [(-0.02, 0.8), (0.02, 0.8), (0.03, 1), (-0.03, 1)]), fill=shade(col, 0.3))


def draw_poncho(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    top = cy - s / 2
    rel = [(-0.14, 0), (0.14, 0), (0.78, 0.82), (-0.78, 0.82)]
    pen.poly(pts(cx, top, s, rel), fill=col)
    sq = 0.1 * s
    inner = sub.accent(tint(col, 0.5))
    for row in range(7):
        y = top + (0.08 + row * 0.105) * s
        half = 0.14 + (row * 0.105 + 0.08) * (0.64 / 0.82)
        n = int(half * 2 / 0.105)
        for i in range(n):
            x = cx - half * s + (i + 0.5) * (half * 2 * s / n)
            pen.rect((x - sq * 0.38, y, x + sq * 0.38, y + sq * 0.76), fill=shade(col, 0.15))
            pen.rect((x - sq * 0.2, y + sq * 0.18, x + sq * 0.2, y + sq * 0.58), fill=inner)
    for i in range(30):
        x = cx - 0.76 * s + i * 1.52 * s / 29
        pen.line([(x, top + 0.82 * s), (x, top + 0.92 * s)], shade(col, 0.1), 0.012 * s)
    pen.ellipse(cx, top, 0.15 * s, 0.05 * s, fill=shade(col, 0.35))


def draw_scarf(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    top = cy - s / 2
    rod = (150, 110, 70)
    pen.rect((cx - 0.45 * s, top - 0.02 * s, cx + 0.45 * s, top + 0.02 * s), fill=rod, r=0.02 * s)
    other = sub.accent(tint(col, 0.6))
    for x0, x1, length in ((-0.26, -0.04, 0.9), (0.02, 0.24, 0.8)):
        n = 9
        for i in range(n):
            y0 = top + 0.02 * s + i * (length / n) * s
            y1 = y0 + (length / n) * s
            pen.rect((cx + x0 * s, y0, cx + x1 * s, y1), fill=col if i % 2 == 0 else other)
        for j in range(9):
            x = cx + (x0 + (x1 - x0) * j / 8) * s
            pen.line([(x, top + (0.02 + length) * s), (x, top + (0.1 + length) * s)], col, 0.01 * s)


def draw_beanie(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    base = cy + 0.3 * s
    pen.pieslice(cx, base - 0.18 * s, 0.42 * s, 0.55 * s, 180, 360, col)
    for i in range(-5, 6):
        pen.arc(cx, base - 0.18 * s, abs(i) * 0.04 * s + 0.001, 0.55 * s, 180, 360, shade(col, 0.12), 0.006 * s)
    pen.rect((cx - 0.44 * s, base - 0.2 * s, cx + 0.44 * s, base + 0.04 * s), fill=shade(col, 0.12), r=0.03 * s)
    for i in range(1, 22):
        x = cx - 0.44 * s + i * 0.88 * s / 22
        pen.line([(x, base - 0.19 * s), (x, base + 0.03 * s)], shade(col, 0.28), 0.006 * s)
    if sub.has("pompom", "tangan"):
        for i in range(14):
            a = i * math.tau / 14
            pen.circle(
                cx + math.cos(a) * 0.08 * s, base - 0.75 * s + math.sin(a) * 0.08 * s, 0.06 * s, fill=tint(col, 0.1)
            )
        pen.circle(cx, base - 0.75 * s, 0.09 * s, fill=col)
    else:
        pen.rect((cx + 0.15 * s, base - 0.16 * s, cx + 0.3 * s, base - 0.04 * s), fill=(246, 240, 228))


def draw_babyset(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    draw_top(pen, cx - 0.1 * s, cy + 0.05 * s, 0.62 * s, col, sub, "cardigan")
    draw_beanie(pen, cx + 0.45 * s, cy - 0.2 * s, 0.32 * s, col, sub)
    for dx in (0.32, 0.55):
        x = cx + dx * s
        y = cy + 0.3 * s
        pen.ellipse(x, y, 0.09 * s, 0.05 * s, fill=shade(col, 0.08))
        pen.ellipse(x - 0.03 * s, y - 0.05 * s, 0.05 * s, 0.06 * s, fill=col)


# ----------------------------------------------------------------------------- footwear


def draw_shoe(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject, kind: str) -> None:
    """A side view facing right; ``s`` is the shoe's length."""
    sole_col = (40, 36, 34) if kind != "sneaker" else (246, 245, 240)
    base = cy + (0.3 if kind == "boot" else 0.14) * s
    if kind == "sandal":
        pen.poly(
            pts(cx, base, s, [(-0.5, -0.02), (0.46, -0.03), (0.52, 0.0), (0.46, 0.04), (-0.5, 0.04)]),
            fill=shade(col, 0.35),
        )
        pen.poly(
            pts(cx, base, s, [(-0.5, -0.06), (0.44, -0.07), (0.52, -0.03), (0.46, -0.01), (-0.5, -0.02)]),
            fill=tint(col, 0.25),
        )
        if "selop" in sub.words:
            pen.pieslice(cx + 0.22 * s, base - 0.05 * s, 0.3 * s, 0.2 * s, 180, 360, col)
            pen.arc(cx + 0.22 * s, base - 0.05 * s, 0.3 * s, 0.2 * s, 180, 360, shade(col, 0.3), 0.01 * s)
        else:
            pen.arc(cx + 0.02 * s, base - 0.05 * s, 0.13 * s, 0.17 * s, 180, 360, shade(col, 0.15), 0.06 * s)
            pen.arc(cx + 0.24 * s, base - 0.05 * s, 0.13 * s, 0.15 * s, 180, 360, col, 0.06 * s)
        return
    if kind == "boot":
        rel = [
            (-0.49, 0.0),
            (-0.5, -0.7),
            (-0.3, -0.72),
            (-0.13, -0.7),
            (-0.1, -0.36),
            (0.12, -0.22),
            (0.32, -0.14),
            (0.46, -0.09),
            (0.51, -0.04),
            (0.5, 0.0),
        ]
    else:
        rel = [
            (-0.49, 0.0),
            (-0.5, -0.2),
            (-0.46, -0.3),
            (-0.36, -0.31),
            (-0.26, -0.27),
            (-0.06, -0.27),
            (0.14, -0.2),
            (0.32, -0.13),
            (0.46, -0.08),
            (0.51, -0.03),
            (0.5, 0.0),
        ]
    pen.poly(pts(cx, base, s, rel), fill=col)
    pen.ellipse(cx + 0.4 * s, base - 0.05 * s, 0.11 * s, 0.06 * s, fill=col)
    if kind == "boot":
        pen.poly(
            pts(cx, base, s, [(-0.37, -0.62), (-0.2, -0.62), (-0.17, -0.28), (-0.34, -0.28)]), fill=shade(col, 0.35)
        )
        pen.arc(cx - 0.47 * s, base - 0.72 * s, 0.035 * s, 0.07 * s, 180, 360, shade(col, 0.3), 0.012 * s)
        pen.line([(cx - 0.5 * s, base - 0.7 * s), (cx - 0.13 * s, base - 0.7 * s)], shade(col, 0.25), 0.012 * s)
    else:
        pen.poly(
            pts(cx, base, s, [(-0.45, -0.29), (-0.3, -0.305), (-0.08, -0.265), (-0.3, -0.25)]), fill=shade(col, 0.45)
        )
    thick = 0.09 if kind == "sneaker" else 0.045
    pen.rect((cx - 0.51 * s, base - 0.01 * s, cx + 0.53 * s, base + thick * s), fill=sole_col, r=0.02 * s)
    if kind == "sneaker":
        pen.line([(cx - 0.5 * s, base + 0.045 * s), (cx + 0.52 * s, base + 0.045 * s)], (200, 60, 50), 0.008 * s)
        pen.poly(pts(cx, base, s, [(0.3, -0.01), (0.36, -0.12), (0.47, -0.08), (0.53, -0.01)]), fill=sole_col)
    else:
        pen.rect((cx - 0.5 * s, base, cx - 0.3 * s, base + 0.09 * s), fill=shade(sole_col, 0.2), r=0.01 * s)
        for i in range(30):
            x = cx - 0.48 * s + i * 0.98 * s / 30
            pen.line([(x, base + 0.01 * s), (x + 0.016 * s, base + 0.01 * s)], tint(col, 0.55), 0.006 * s)
        pen.arc(cx + 0.3 * s, base - 0.04 * s, 0.1 * s, 0.1 * s, 200, 290, shade(col, 0.35), 0.008 * s)
    if kind in ("shoe", "sneaker") and "sekolah" not in sub.words:
        lace = (246, 245, 240) if kind == "sneaker" else shade(col, 0.55)
        for i in range(4):
            x = cx + (-0.05 + i * 0.05) * s
            y = base + (-0.265 + i * 0.018) * s
            pen.line([(x - 0.035 * s, y - 0.012 * s), (x + 0.035 * s, y + 0.012 * s)], lace, 0.011 * s)
            pen.line([(x - 0.035 * s, y + 0.012 * s), (x + 0.035 * s, y - 0.012 * s)], lace, 0.011 * s)
    if "sekolah" in sub.words:
        pen.rect((cx - 0.1 * s, base - 0.27 * s, cx + 0.1 * s, base - 0.19 * s), fill=shade(col, 0.3), r=0.02 * s)
    if kind == "shoe" and lum(col) < 0.3:
        pen.arc(cx + 0.36 * s, base - 0.07 * s, 0.08 * s, 0.035 * s, 200, 300, tint(col, 0.6), 0.01 * s)


def draw_pair(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject, kind: str) -> None:
    draw_shoe(pen, cx - 0.12 * s, cy - 0.1 * s, s * 0.92, shade(col, 0.12), sub, kind)
    draw_shoe(pen, cx + 0.08 * s, cy + 0.08 * s, s, col, sub, kind)


# ----------------------------------------------------------------------------- textiles


def draw_roll(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject, drape=True) -> None:
    r = 0.16 * s
    if drape:
        pen.poly(
            [
                (cx - 0.3 * s, cy + r),
                (cx + 0.4 * s, cy + r),
                (cx + 0.45 * s, cy + 0.45 * s),
                (cx - 0.2 * s, cy + 0.45 * s),
            ],
            fill=shade(col, 0.1),
        )
    pen.rect((cx - 0.5 * s, cy - r, cx + 0.42 * s, cy + r), fill=col)
    for i in range(1, 5):
        pen.line(
            [(cx - 0.5 * s, cy - r + i * 2 * r / 5), (cx + 0.42 * s, cy - r + i * 2 * r / 5)],
            shade(col, 0.07),
            0.004 * s,
        )
    pen.ellipse(cx + 0.42 * s, cy, 0.06 * s, r, fill=tint(col, 0.15))
    for k in range(1, 4):
        pen.ellipse(cx + 0.42 * s, cy, 0.06 * s * k / 4, r * k / 4, outline=shade(col, 0.15), width=1.5)
    pen.ellipse(cx + 0.42 * s, cy, 0.015 * s, 0.04 * s, fill=(120, 90, 60))
    if sub.has("motif", "floral", "batik", "print"):
        rng = random.Random(hash_int(str(col)))
        for _ in range(30):
            x = cx + (rng.random() - 0.5) * 0.88 * s
            y = cy + (rng.random() - 0.5) * 1.7 * r
            pen.circle(x, y, 0.018 * s, fill=tint(col, 0.5))


def draw_scraps(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    rng = random.Random(7)
    palette = [
        col,
        (52, 96, 170),
        (240, 200, 62),
        (72, 150, 82),
        (246, 245, 240),
        (42, 42, 46),
        (238, 162, 186),
        (150, 150, 156),
    ]
    for i in range(150):
        t = rng.random()
        x = cx + (rng.random() - 0.5) * s * (1.0 - 0.6 * t)
        y = cy + 0.3 * s - t * 0.55 * s
        w = (0.05 + rng.random() * 0.08) * s
        a = rng.random() * math.pi
        c = palette[i % len(palette)]
        pen.poly(
            [(x + math.cos(a + k * 1.7) * w, y + math.sin(a + k * 1.7) * w * 0.6) for k in range(4)],
            fill=c,
            outline=shade(c, 0.2),
            width=1,
        )


# ----------------------------------------------------------------------------- printing


def draw_tote(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    top = cy - 0.25 * s
    handle = shade(col, 0.1)
    pen.arc(cx - 0.12 * s, top, 0.1 * s, 0.4 * s, 180, 360, handle, 0.035 * s)
    pen.arc(cx + 0.12 * s, top, 0.1 * s, 0.4 * s, 180, 360, handle, 0.035 * s)
    pen.rect((cx - 0.36 * s, top, cx + 0.36 * s, top + 0.8 * s), fill=col)
    pen.line([(cx - 0.36 * s, top + 0.03 * s), (cx + 0.36 * s, top + 0.03 * s)], shade(col, 0.2), 0.005 * s)
    print_design(pen, cx, top + 0.42 * s, 0.17 * s, col, sub)


def draw_paperbag(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    top = cy - 0.3 * s
    cord = shade(col, 0.3)
    pen.arc(cx, top, 0.16 * s, 0.22 * s, 180, 360, cord, 0.02 * s)
    pen.poly(
        [
            (cx + 0.3 * s, top),
            (cx + 0.42 * s, top - 0.05 * s),
            (cx + 0.42 * s, top + 0.72 * s),
            (cx + 0.3 * s, top + 0.8 * s),
        ],
        fill=shade(col, 0.18),
    )
    pen.rect((cx - 0.3 * s, top, cx + 0.3 * s, top + 0.8 * s), fill=col)
    pen.rect((cx - 0.3 * s, top, cx + 0.3 * s, top + 0.06 * s), fill=shade(col, 0.08))
    pen.circle(cx, top + 0.38 * s, 0.12 * s, fill=(40, 60, 40) if lum(col) > 0.5 else (246, 245, 240))
    pen.poly([(cx - 0.06 * s, top + 0.43 * s), (cx, top + 0.3 * s), (cx + 0.06 * s, top + 0.43 * s)], fill=col)


def draw_stickers(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    w, h = 0.8 * s, 0.95 * s
    pen.rect(
        (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2),
        fill=(250, 250, 248),
        outline=(210, 210, 214),
        width=2,
        r=0.03 * s,
    )
    rng = random.Random(11)
    for row in range(3):
        for c in range(3):
            x = cx - w / 3 + c * w / 3
            y = cy - h / 3 + row * h / 3
            r = 0.1 * s
            fill = hsv(rng.random(), 0.6, 0.92)
            shape = (row * 3 + c) % 4
            if shape == 0:
                star = [
                    (
                        x + math.cos(k * math.pi / 5 - math.pi / 2) * (r if k % 2 == 0 else r * 0.45),
                        y + math.sin(k * math.pi / 5 - math.pi / 2) * (r if k % 2 == 0 else r * 0.45),
                    )
                    for k in range(10)
                ]
                pen.poly(star, fill=fill, outline=(255, 255, 255), width=0.012 * s)
            elif shape == 1:
                pen.circle(x, y, r, fill=fill, outline=(255, 255, 255), width=0.012 * s)
                pen.circle(x, y, r * 0.45, fill=tint(fill, 0.6))
            elif shape == 2:
                pen.rect(
                    (x - r, y - r * 0.7, x + r, y + r * 0.7),
                    fill=fill,
                    outline=(255, 255, 255),
                    width=0.012 * s,
                    r=r * 0.3,
                )
                pen.line([(x - r * 0.6, y), (x + r * 0.6, y)], (255, 255, 255), 0.012 * s)
            else:
                pen.circle(x - r * 0.3, y, r * 0.6, fill=fill)
                pen.circle(x + r * 0.3, y, r * 0.6, fill=fill)
                pen.poly([(x - r * 0.85, y + r * 0.15), (x + r * 0.85, y + r * 0.15), (x, y + r)], fill=fill)


def draw_hologram(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    for row in range(2):
        for c in range(3):
            x = cx + (c - 1) * 0.3 * s
            y = cy + (row - 0.5) * 0.32 * s
            for k in range(12, 0, -1):
                pen.circle(x, y, 0.12 * s * k / 12, fill=hsv(k / 12 + c * 0.1 + row * 0.3, 0.35, 0.95))
            pen.circle(x, y, 0.04 * s, fill=(200, 200, 214))
            pen.line([(x - 0.09 * s, y + 0.09 * s), (x + 0.09 * s, y - 0.09 * s)], (255, 255, 255), 0.006 * s)


def draw_labelroll(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    label = sub.accent((52, 96, 170))
    pen.rect((cx - 0.05 * s, cy + 0.02 * s, cx + 0.5 * s, cy + 0.22 * s), fill=(250, 250, 248))
    for i in range(4):
        x = cx + (0.02 + i * 0.12) * s
        pen.rect((x, cy + 0.05 * s, x + 0.1 * s, cy + 0.19 * s), fill=label, r=0.015 * s)
        pen.rect((x + 0.02 * s, cy + 0.09 * s, x + 0.08 * s, cy + 0.11 * s), fill=(250, 250, 248))
    pen.circle(cx - 0.12 * s, cy, 0.3 * s, fill=(250, 250, 248), outline=(214, 214, 218), width=2)
    pen.circle(cx - 0.12 * s, cy, 0.1 * s, fill=(190, 160, 120))
    pen.circle(cx - 0.12 * s, cy, 0.07 * s, fill=(236, 232, 224))


def landscape(pen: Pen, box, rng: random.Random, dusk=False) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    sky_top, sky_bottom = ((236, 132, 80), (250, 210, 140)) if dusk else ((150, 200, 236), (220, 236, 246))
    for i in range(20):
        pen.rect(
            (x0, y0 + i * h * 0.6 / 20, x1, y0 + (i + 1) * h * 0.6 / 20 + 1), fill=mix(sky_top, sky_bottom, i / 19)
        )
    pen.circle(
        x0 + w * (0.25 + 0.5 * rng.random()),
        y0 + h * 0.22,
        h * 0.08,
        fill=(250, 236, 160) if not dusk else (250, 180, 90),
    )
    pen.poly(
        [
            (x0, y0 + h * 0.62),
            (x0 + w * 0.35, y0 + h * 0.18),
            (x0 + w * 0.62, y0 + h * 0.5),
            (x0 + w * 0.8, y0 + h * 0.3),
            (x1, y0 + h * 0.55),
            (x1, y0 + h * 0.62),
        ],
        fill=(96, 120, 150) if not dusk else (110, 80, 110),
    )
    if dusk:
        pen.rect((x0, y0 + h * 0.6, x1, y1), fill=(170, 110, 110))
        for i in range(6):
            y = y0 + h * (0.65 + i * 0.055)
            pen.line([(x0 + w * 0.3, y), (x0 + w * 0.7, y)], (250, 200, 130), h * 0.012)
    else:
        for i in range(6):
            pen.rect((x0, y0 + h * (0.6 + i * 0.067), x1, y1), fill=mix((120, 176, 80), (70, 130, 60), i / 5))
            pen.line([(x0, y0 + h * (0.6 + i * 0.067)), (x1, y0 + h * (0.6 + i * 0.067))], (180, 210, 130), h * 0.006)


def draw_painting(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject, dusk=False) -> None:
    w, h = 1.3 * s, 0.88 * s
    frame = (150, 104, 62)
    pen.rect((cx - w / 2 - 0.04 * s, cy - h / 2 - 0.04 * s, cx + w / 2 + 0.04 * s, cy + h / 2 + 0.04 * s), fill=frame)
    pen.rect((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), fill=(246, 242, 230))
    landscape(pen, (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), sub.rng, dusk)


def draw_triptych(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    second = sub.accent((212, 170, 62))
    rng = random.Random(hash_int(str(col)))
    for i in (-1, 0, 1):
        x = cx + i * 0.42 * s
        box = (x - 0.18 * s, cy - 0.42 * s, x + 0.18 * s, cy + 0.42 * s)
        pen.rect((box[0] + 0.01 * s, box[1] + 0.015 * s, box[2] + 0.015 * s, box[3] + 0.02 * s), fill=(205, 205, 208))
        pen.rect(box, fill=tint(col, 0.75))
        for _ in range(5):
            px = box[0] + rng.random() * 0.36 * s
            py = box[1] + rng.random() * 0.84 * s
            c = (col, second, tint(col, 0.3), shade(second, 0.2))[rng.randrange(4)]
            if rng.random() < 0.5:
                r = (0.04 + rng.random() * 0.08) * s
                pen.ellipse(min(max(px, box[0] + r), box[2] - r), min(max(py, box[1] + r), box[3] - r), r, r, fill=c)
            else:
                pen.arc(px, py, 0.12 * s, 0.1 * s, rng.randrange(360), rng.randrange(360), c, 0.02 * s)
        pen.line([(box[0], cy + 0.1 * s * i), (box[2], cy - 0.05 * s * i)], second, 0.012 * s)


def draw_calendar(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    w, h = 0.66 * s, 0.95 * s
    x0, y0 = cx - w / 2, cy - h / 2
    pen.rect((x0, y0, x0 + w, y0 + h), fill=(250, 250, 248), outline=(214, 214, 218), width=2)
    landscape(pen, (x0 + 0.03 * s, y0 + 0.06 * s, x0 + w - 0.03 * s, y0 + 0.5 * s), sub.rng)
    pen.rect((x0 - 0.01 * s, y0 - 0.02 * s, x0 + w + 0.01 * s, y0 + 0.04 * s), fill=(170, 170, 176))
    pen.circle(cx, y0 - 0.06 * s, 0.02 * s, outline=(120, 120, 126), width=3)
    for row in range(5):
        for c in range(7):
            x = x0 + 0.05 * s + c * (w - 0.1 * s) / 7
            y = y0 + 0.56 * s + row * 0.075 * s
            red = c == 0 or (row == 2 and c == 4)
            pen.rect((x, y, x + 0.06 * s, y + 0.05 * s), fill=(214, 70, 64) if red else (214, 216, 222))


def draw_book(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    gold = sub.accent((212, 170, 62))
    w, h = 0.56 * s, 0.8 * s
    pen.rect(
        (cx - w / 2 + 0.03 * s, cy - h / 2 + 0.03 * s, cx + w / 2 + 0.03 * s, cy + h / 2 + 0.02 * s),
        fill=(240, 236, 226),
    )
    pen.rect((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), fill=col, r=0.01 * s)
    pen.rect((cx - w / 2, cy - h / 2, cx - w / 2 + 0.05 * s, cy + h / 2), fill=shade(col, 0.2))
    pen.rect(
        (cx - w / 2 + 0.08 * s, cy - h / 2 + 0.04 * s, cx + w / 2 - 0.04 * s, cy + h / 2 - 0.04 * s),
        outline=gold,
        width=0.008 * s,
    )
    for k in (0.16, 0.11, 0.06):
        pen.poly(
            [(cx, cy - k * s), (cx + k * s, cy), (cx, cy + k * s), (cx - k * s, cy)], outline=gold, width=0.006 * s
        )
    pen.circle(cx, cy, 0.03 * s, fill=gold)


def draw_invitation(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    gold = (212, 170, 62)
    pen.poly(
        [
            (cx - 0.5 * s, cy - 0.05 * s),
            (cx + 0.3 * s, cy - 0.05 * s),
            (cx + 0.3 * s, cy + 0.45 * s),
            (cx - 0.5 * s, cy + 0.45 * s),
        ],
        fill=(226, 210, 186),
    )
    pen.poly(
        [(cx - 0.5 * s, cy - 0.05 * s), (cx - 0.1 * s, cy + 0.2 * s), (cx + 0.3 * s, cy - 0.05 * s)],
        fill=(214, 196, 170),
    )
    pen.rect((cx - 0.12 * s, cy - 0.42 * s, cx + 0.48 * s, cy + 0.38 * s), fill=col)
    pen.rect((cx - 0.09 * s, cy - 0.39 * s, cx + 0.45 * s, cy + 0.35 * s), outline=gold, width=0.008 * s)
    for x, y in ((cx - 0.09 * s, cy - 0.39 * s), (cx + 0.45 * s, cy + 0.35 * s)):
        for k in range(5):
            a = k * math.tau / 5
            pen.circle(x + math.cos(a) * 0.035 * s, y + math.sin(a) * 0.035 * s, 0.02 * s, fill=gold)
    pen.text((cx + 0.18 * s, cy - 0.12 * s), "A & R", 0.09 * s, gold, "mm")
    for i in range(4):
        pen.line(
            [(cx + 0.04 * s, cy + (0.02 + i * 0.06) * s), (cx + 0.32 * s, cy + (0.02 + i * 0.06) * s)],
            (180, 170, 150),
            0.006 * s,
        )


def iso_box(pen: Pen, cx: float, cy: float, w: float, d: float, h: float, col: RGB, lid=False) -> None:
    """An isometric box standing on (cx, cy)."""
    a, b = w * 0.5, d * 0.5
    top = [(cx - a, cy - h), (cx - a + b, cy - h - b * 0.55), (cx + a + b, cy - h - b * 0.55), (cx + a, cy - h)]
    front = [(cx - a, cy - h), (cx + a, cy - h), (cx + a, cy), (cx - a, cy)]
    side = [(cx + a, cy - h), (cx + a + b, cy - h - b * 0.55), (cx + a + b, cy - b * 0.55), (cx + a, cy)]
    pen.poly(front, fill=col)
    pen.poly(side, fill=shade(col, 0.18))
    pen.poly(top, fill=tint(col, 0.2))
    if lid:
        pen.line([(cx - a, cy - h * 0.82), (cx + a, cy - h * 0.82)], shade(col, 0.25), 2)


def draw_foodbox(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    acc = sub.accent((214, 96, 66))
    iso_box(pen, cx - 0.08 * s, cy + 0.25 * s, 0.62 * s, 0.4 * s, 0.34 * s, col, lid=True)
    for i in range(6):
        pen.circle(cx - 0.34 * s + i * 0.1 * s, cy + 0.05 * s, 0.025 * s, fill=acc)
    pen.rect((cx - 0.3 * s, cy + 0.11 * s, cx + 0.14 * s, cy + 0.19 * s), fill=acc, r=0.02 * s)


def draw_carton(pen: Pen, cx: float, cy: float, s: float, sub: Subject) -> None:
    kraft = (190, 146, 100)
    iso_box(pen, cx - 0.05 * s, cy + 0.35 * s, 0.8 * s, 0.45 * s, 0.42 * s, kraft)
    pen.rect((cx - 0.45 * s, cy + 0.0 * s, cx + 0.35 * s, cy + 0.05 * s), fill=(160, 120, 80))
    for i in range(4):
        draw_pouch(pen, cx - 0.3 * s + i * 0.17 * s, cy - 0.12 * s, 0.38 * s, sub.main, sub, label=False)
    pen.text((cx - 0.05 * s, cy + 0.22 * s), "EXPORT", 0.06 * s, (90, 60, 40), "mm")


# ----------------------------------------------------------------------------- dolls


def draw_teddy(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject, accessory="ribbon") -> None:
    light = tint(col, 0.45)
    dark = shade(col, 0.55)
    hx, hy = cx, cy - 0.2 * s
    for sgn in (-1, 1):
        pen.ellipse(cx + sgn * 0.2 * s, cy + 0.4 * s, 0.11 * s, 0.09 * s, fill=col)
        pen.ellipse(cx + sgn * 0.2 * s, cy + 0.42 * s, 0.06 * s, 0.05 * s, fill=light)
    pen.ellipse(cx, cy + 0.16 * s, 0.25 * s, 0.27 * s, fill=col)
    pen.ellipse(cx, cy + 0.2 * s, 0.15 * s, 0.16 * s, fill=tint(col, 0.25))
    for sgn in (-1, 1):
        pen.ellipse(cx + sgn * 0.24 * s, cy + 0.12 * s, 0.08 * s, 0.15 * s, fill=shade(col, 0.06))
        pen.circle(hx + sgn * 0.17 * s, hy - 0.17 * s, 0.085 * s, fill=col)
        pen.circle(hx + sgn * 0.17 * s, hy - 0.17 * s, 0.045 * s, fill=light)
    pen.circle(hx, hy, 0.22 * s, fill=col)
    pen.ellipse(hx, hy + 0.07 * s, 0.09 * s, 0.07 * s, fill=light)
    pen.ellipse(hx, hy + 0.04 * s, 0.035 * s, 0.025 * s, fill=dark)
    pen.arc(hx - 0.025 * s, hy + 0.08 * s, 0.025 * s, 0.02 * s, 0, 180, dark, 0.006 * s)
    pen.arc(hx + 0.025 * s, hy + 0.08 * s, 0.025 * s, 0.02 * s, 0, 180, dark, 0.006 * s)
    for sgn in (-1, 1):
        pen.circle(hx + sgn * 0.08 * s, hy - 0.03 * s, 0.022 * s, fill=(30, 28, 28))
        pen.circle(hx + sgn * 0.08 * s + 0.007 * s, hy - 0.037 * s, 0.006 * s, fill=(255, 255, 255))
    if accessory == "ribbon":
        rib = sub.accent((200, 48, 46) if lum(col) > 0.3 else (240, 200, 62))
        pen.poly([(cx, cy + 0.02 * s), (cx - 0.1 * s, cy - 0.03 * s), (cx - 0.1 * s, cy + 0.07 * s)], fill=rib)
        pen.poly([(cx, cy + 0.02 * s), (cx + 0.1 * s, cy - 0.03 * s), (cx + 0.1 * s, cy + 0.07 * s)], fill=rib)
        pen.circle(cx, cy + 0.02 * s, 0.025 * s, fill=shade(rib, 0.15))


def draw_graduation(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    bear = (176, 132, 96)
    draw_teddy(pen, cx, cy, s, bear, sub, accessory=None)
    pen.poly(
        [
            (cx - 0.2 * s, cy + 0.0 * s),
            (cx + 0.2 * s, cy + 0.0 * s),
            (cx + 0.27 * s, cy + 0.38 * s),
            (cx - 0.27 * s, cy + 0.38 * s),
        ],
        fill=col,
    )
    pen.poly(
        [
            (cx - 0.2 * s, cy + 0.02 * s),
            (cx - 0.12 * s, cy + 0.02 * s),
            (cx + 0.2 * s, cy + 0.34 * s),
            (cx + 0.12 * s, cy + 0.36 * s),
        ],
        fill=(246, 230, 170),
    )
    hy = cy - 0.42 * s
    pen.poly([(cx - 0.27 * s, hy), (cx, hy - 0.08 * s), (cx + 0.27 * s, hy), (cx, hy + 0.08 * s)], fill=(36, 36, 40))
    pen.rect((cx - 0.12 * s, hy, cx + 0.12 * s, hy + 0.09 * s), fill=(36, 36, 40))
    pen.line([(cx, hy), (cx + 0.2 * s, hy + 0.02 * s), (cx + 0.22 * s, hy + 0.16 * s)], (240, 200, 62), 0.01 * s)


def draw_wedding(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    bear = (176, 132, 96)
    other = sub.accent((246, 245, 240))
    pen.poly(
        [
            (cx + 0.14 * s, cy - 0.36 * s),
            (cx + 0.34 * s, cy - 0.36 * s),
            (cx + 0.44 * s, cy + 0.3 * s),
            (cx + 0.04 * s, cy + 0.3 * s),
        ],
        fill=(236, 236, 240),
    )
    for dx, dress in ((-0.24, col), (0.24, other)):
        x = cx + dx * s
        draw_teddy(pen, x, cy + 0.1 * s, 0.75 * s, bear, sub, accessory=None)
        pen.poly(
            [
                (x - 0.14 * s, cy + 0.1 * s),
                (x + 0.14 * s, cy + 0.1 * s),
                (x + 0.21 * s, cy + 0.4 * s),
                (x - 0.21 * s, cy + 0.4 * s),
            ],
            fill=dress,
            outline=shade(dress, 0.15),
            width=2,
        )
    pen.rect((cx - 0.34 * s, cy - 0.38 * s, cx - 0.14 * s, cy - 0.3 * s), fill=(36, 36, 40), r=0.02 * s)
    for k in range(5):
        a = k * math.tau / 5
        pen.circle(
            cx + 0.24 * s + math.cos(a) * 0.05 * s,
            cy - 0.33 * s + math.sin(a) * 0.02 * s,
            0.02 * s,
            fill=(250, 250, 250),
        )
    pen.circle(cx, cy + 0.05 * s, 0.04 * s, fill=(214, 70, 90))


def draw_sheep(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    face = (130, 110, 96)
    for sgn in (-1, 1):
        for dx in (0.15, 0.3):
            pen.rect(
                (cx + sgn * dx * s - 0.03 * s, cy + 0.1 * s, cx + sgn * dx * s + 0.03 * s, cy + 0.36 * s), fill=face
            )
    rng = random.Random(5)
    for _ in range(40):
        a = rng.random() * math.tau
        pen.circle(
            cx + math.cos(a) * 0.32 * s * rng.random(),
            cy + math.sin(a) * 0.18 * s * rng.random(),
            0.1 * s,
            fill=col,
            outline=shade(col, 0.12),
            width=1.5,
        )
    hx, hy = cx + 0.38 * s, cy - 0.12 * s
    pen.ellipse(hx, hy, 0.1 * s, 0.13 * s, fill=face)
    for sgn in (-1, 1):
        pen.arc(hx + sgn * 0.1 * s, hy - 0.06 * s, 0.09 * s, 0.09 * s, 0, 300, (200, 180, 140), 0.035 * s)
        pen.circle(hx + sgn * 0.04 * s, hy - 0.02 * s, 0.015 * s, fill=(20, 20, 20))
    pen.ellipse(hx, hy + 0.08 * s, 0.04 * s, 0.025 * s, fill=shade(face, 0.3))


def draw_cushion(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    panda = sub.has("panda")
    ear = (42, 42, 46) if panda else col
    for sgn in (-1, 1):
        if sub.has("cat", "kucing"):
            pen.poly(
                [
                    (cx + sgn * 0.38 * s, cy - 0.2 * s),
                    (cx + sgn * 0.34 * s, cy - 0.52 * s),
                    (cx + sgn * 0.12 * s, cy - 0.33 * s),
                ],
                fill=ear,
            )
        else:
            pen.circle(cx + sgn * 0.3 * s, cy - 0.35 * s, 0.1 * s, fill=ear)
    pen.rect((cx - 0.42 * s, cy - 0.4 * s, cx + 0.42 * s, cy + 0.38 * s), fill=col, r=0.16 * s)
    for sgn in (-1, 1):
        if panda:
            pen.ellipse(cx + sgn * 0.14 * s, cy - 0.05 * s, 0.08 * s, 0.1 * s, fill=(42, 42, 46))
        pen.circle(cx + sgn * 0.14 * s, cy - 0.05 * s, 0.035 * s, fill=(250, 250, 250) if panda else (30, 28, 28))
        pen.circle(cx + sgn * 0.25 * s, cy + 0.09 * s, 0.045 * s, fill=(240, 160, 170))
    pen.ellipse(cx, cy + 0.07 * s, 0.04 * s, 0.025 * s, fill=(60, 40, 40))
    if sub.has("cat", "kucing"):
        for sgn in (-1, 1):
            for k in (-1, 1):
                pen.line(
                    [(cx + sgn * 0.08 * s, cy + 0.1 * s), (cx + sgn * 0.3 * s, cy + (0.1 + k * 0.04) * s)],
                    shade(col, 0.4),
                    0.006 * s,
                )


def draw_puppet(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    pen.poly(
        [(cx - 0.22 * s, cy), (cx + 0.22 * s, cy), (cx + 0.28 * s, cy + 0.48 * s), (cx - 0.28 * s, cy + 0.48 * s)],
        fill=col,
    )
    if sub.has("lion", "singa"):
        for k in range(16):
            a = k * math.tau / 16
            pen.circle(
                cx + math.cos(a) * 0.25 * s, cy - 0.2 * s + math.sin(a) * 0.25 * s, 0.09 * s, fill=(214, 120, 40)
            )
    draw_teddy_head(pen, cx, cy - 0.2 * s, s, col)
    for sgn in (-1, 1):
        pen.ellipse(cx + sgn * 0.3 * s, cy + 0.08 * s, 0.07 * s, 0.1 * s, fill=col)


def draw_teddy_head(pen: Pen, hx: float, hy: float, s: float, col: RGB) -> None:
    for sgn in (-1, 1):
        pen.circle(hx + sgn * 0.17 * s, hy - 0.17 * s, 0.08 * s, fill=col)
    pen.circle(hx, hy, 0.22 * s, fill=col)
    pen.ellipse(hx, hy + 0.07 * s, 0.09 * s, 0.07 * s, fill=tint(col, 0.45))
    pen.ellipse(hx, hy + 0.04 * s, 0.035 * s, 0.025 * s, fill=(40, 30, 30))
    for sgn in (-1, 1):
        pen.circle(hx + sgn * 0.08 * s, hy - 0.03 * s, 0.022 * s, fill=(30, 28, 28))


def draw_mascot(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    shirt = (246, 245, 240)
    beak = sub.accent((246, 170, 50))
    pen.ellipse(cx, cy + 0.05 * s, 0.3 * s, 0.38 * s, fill=col)
    pen.poly(
        [
            (cx - 0.27 * s, cy + 0.05 * s),
            (cx + 0.27 * s, cy + 0.05 * s),
            (cx + 0.24 * s, cy + 0.32 * s),
            (cx - 0.24 * s, cy + 0.32 * s),
        ],
        fill=shirt,
    )
    pen.circle(cx, cy + 0.18 * s, 0.06 * s, fill=(200, 48, 46))
    for sgn in (-1, 1):
        pen.ellipse(cx + sgn * 0.3 * s, cy + 0.1 * s, 0.07 * s, 0.16 * s, fill=shade(col, 0.15))
        pen.circle(cx + sgn * 0.1 * s, cy - 0.15 * s, 0.06 * s, fill=(255, 255, 255))
        pen.circle(cx + sgn * 0.1 * s, cy - 0.14 * s, 0.03 * s, fill=(20, 20, 20))
        pen.ellipse(cx + sgn * 0.12 * s, cy + 0.44 * s, 0.09 * s, 0.04 * s, fill=beak)
    pen.poly([(cx - 0.07 * s, cy - 0.06 * s), (cx + 0.07 * s, cy - 0.06 * s), (cx, cy + 0.04 * s)], fill=beak)
    pen.poly(
        [(cx - 0.05 * s, cy - 0.32 * s), (cx, cy - 0.48 * s), (cx + 0.05 * s, cy - 0.32 * s)], fill=shade(col, 0.2)
    )


def draw_keyring(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    for i, dx in enumerate((-0.3, 0.0, 0.3)):
        c = (col, (238, 162, 186), (246, 245, 240))[i]
        x = cx + dx * s
        pen.circle(x, cy - 0.38 * s, 0.05 * s, outline=(170, 170, 178), width=0.01 * s)
        pen.line([(x, cy - 0.33 * s), (x, cy - 0.2 * s)], (170, 170, 178), 0.008 * s)
        draw_teddy(pen, x, cy + 0.05 * s, 0.42 * s, c, sub)


# ----------------------------------------------------------------------------- wayang


def draw_wayang(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject, hero=False) -> None:
    wood = (150, 100, 60)
    top = cy - 0.5 * s
    pen.rect((cx - 0.012 * s, top + 0.5 * s, cx + 0.012 * s, top + 1.05 * s), fill=wood)
    cloth = sub.accent((52, 96, 170))
    pen.poly(
        [
            (cx - 0.14 * s, top + 0.42 * s),
            (cx + 0.14 * s, top + 0.42 * s),
            (cx + 0.2 * s, top + 0.9 * s),
            (cx - 0.2 * s, top + 0.9 * s),
        ],
        fill=cloth,
    )
    for i in range(5):
        for j in range(4):
            pen.circle(cx + (-0.13 + j * 0.085) * s, top + (0.5 + i * 0.08) * s, 0.014 * s, fill=(240, 210, 120))
    face = (246, 226, 196) if hero else col
    pen.poly(
        [
            (cx - 0.1 * s, top + 0.2 * s),
            (cx + 0.1 * s, top + 0.2 * s),
            (cx + 0.15 * s, top + 0.44 * s),
            (cx - 0.15 * s, top + 0.44 * s),
        ],
        fill=(60, 40, 40) if not hero else (200, 48, 46),
    )
    pen.rect((cx - 0.018 * s, top + 0.17 * s, cx + 0.018 * s, top + 0.22 * s), fill=face)
    pen.ellipse(cx, top + 0.1 * s, 0.065 * s, 0.085 * s, fill=face)
    pen.ellipse(cx + 0.05 * s, top + 0.12 * s, 0.03 * s, 0.015 * s, fill=shade(face, 0.1))
    pen.circle(cx + 0.02 * s, top + 0.08 * s, 0.012 * s, fill=(20, 20, 20))
    if hero:
        gold = (218, 176, 70)
        pen.poly(
            [
                (cx - 0.07 * s, top + 0.05 * s),
                (cx - 0.05 * s, top - 0.12 * s),
                (cx, top - 0.05 * s),
                (cx + 0.05 * s, top - 0.14 * s),
                (cx + 0.08 * s, top + 0.05 * s),
            ],
            fill=gold,
        )
        pen.circle(cx, top - 0.02 * s, 0.02 * s, fill=(200, 48, 46))
    else:
        pen.pieslice(cx, top + 0.06 * s, 0.075 * s, 0.06 * s, 180, 360, (36, 36, 40))
        pen.line([(cx - 0.02 * s, top + 0.16 * s), (cx + 0.04 * s, top + 0.15 * s)], (250, 250, 250), 0.008 * s)
    for sgn in (-1, 1):
        hand = (cx + sgn * 0.26 * s, top + 0.62 * s)
        pen.line([(cx + sgn * 0.13 * s, top + 0.46 * s), (cx + sgn * 0.22 * s, top + 0.55 * s), hand], face, 0.02 * s)
        pen.line([hand, (hand[0], top + 1.0 * s)], wood, 0.008 * s)


# ----------------------------------------------------------------------------- food


def cube(pen: Pen, cx: float, cy: float, a: float, col: RGB) -> None:
    """An isometric cube whose bottom corner is at (cx, cy)."""
    h = a * 0.55
    top = [(cx, cy - h - a * 0.5), (cx + a * 0.87, cy - h - a), (cx, cy - h - a * 1.5), (cx - a * 0.87, cy - h - a)]
    pen.poly(
        [(cx - a * 0.87, cy - a * 0.5 - h), (cx, cy - h), (cx, cy), (cx - a * 0.87, cy - a * 0.5)],
        fill=shade(col, 0.12),
    )
    pen.poly(
        [(cx + a * 0.87, cy - a * 0.5 - h), (cx, cy - h), (cx, cy), (cx + a * 0.87, cy - a * 0.5)],
        fill=shade(col, 0.22),
    )
    pen.poly([(p[0], p[1] + a * 0.5) for p in top], fill=tint(col, 0.12))


def draw_tofu(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject, leaf=False) -> None:
    if leaf:
        pen.ellipse(cx, cy + 0.12 * s, 0.62 * s, 0.3 * s, fill=(70, 140, 70))
        pen.line([(cx - 0.6 * s, cy + 0.12 * s), (cx + 0.6 * s, cy + 0.12 * s)], (120, 180, 100), 0.01 * s)
    else:
        pen.rect((cx - 0.55 * s, cy - 0.28 * s, cx + 0.55 * s, cy + 0.36 * s), fill=(236, 242, 246), r=0.04 * s)
    a = 0.13 * s
    for row in range(3):
        for c in range(3):
            x = cx + (c - row) * a * 0.95
            y = cy + (c + row) * a * 0.5 - 0.05 * s
            cube(pen, x, y, a * 0.98, col)
    if not leaf:
        pen.rect(
            (cx - 0.55 * s, cy - 0.28 * s, cx + 0.55 * s, cy + 0.36 * s), outline=(200, 210, 216), width=3, r=0.04 * s
        )
        pen.rect((cx - 0.2 * s, cy + 0.22 * s, cx + 0.2 * s, cy + 0.32 * s), fill=(52, 120, 70), r=0.02 * s)


def draw_pouch(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject, label=True) -> None:
    w, h = 0.5 * s, 0.78 * s
    x0, y0 = cx - w / 2, cy - h / 2
    pen.rect((x0, y0, x0 + w, y0 + h), fill=col, r=0.05 * s)
    pen.rect((x0, y0, x0 + w, y0 + 0.08 * s), fill=shade(col, 0.2))
    zig = [(x0 + i * w / 16, y0 + 0.08 * s + (0.012 * s if i % 2 else 0)) for i in range(17)]
    pen.line(zig, shade(col, 0.35), 0.006 * s)
    if not label:
        return
    second = sub.accent((246, 200, 70))
    pen.ellipse(cx, cy + 0.02 * s, 0.19 * s, 0.19 * s, fill=(250, 246, 236))
    rng = random.Random(3)
    chip = (236, 190, 90) if not sub.has("basreng") else (214, 120, 60)
    for _ in range(6):
        x = cx + (rng.random() - 0.5) * 0.2 * s
        y = cy + (rng.random() - 0.3) * 0.16 * s
        pen.ellipse(x, y, 0.06 * s, 0.04 * s, fill=chip, outline=shade(chip, 0.2), width=1)
    if sub.has("pedas", "spicy", "balado"):
        pen.poly(
            [(cx + 0.1 * s, cy - 0.2 * s), (cx + 0.16 * s, cy - 0.26 * s), (cx + 0.05 * s, cy - 0.08 * s)],
            fill=(210, 40, 36),
        )
        pen.line([(cx + 0.15 * s, cy - 0.26 * s), (cx + 0.18 * s, cy - 0.3 * s)], (60, 140, 60), 0.01 * s)
    pen.rect((x0 + 0.06 * s, y0 + h - 0.16 * s, x0 + w - 0.06 * s, y0 + h - 0.08 * s), fill=second, r=0.02 * s)


def draw_bowl(pen: Pen, cx: float, cy: float, s: float, food_col: RGB, sub: Subject, plate=False) -> None:
    rng = random.Random(13)
    if plate:
        pen.ellipse(cx, cy + 0.18 * s, 0.55 * s, 0.16 * s, fill=(246, 246, 244), outline=(214, 214, 218), width=2)
        for _ in range(9):
            x = cx + (rng.random() - 0.5) * 0.6 * s
            y = cy + 0.1 * s + (rng.random() - 0.5) * 0.1 * s
            pen.ellipse(x, y, 0.1 * s, 0.06 * s, fill=food_col, outline=shade(food_col, 0.25), width=2)
        if sub.has("batagor", "kacang", "peanut"):
            pen.line(
                [
                    (cx - 0.3 * s, cy + 0.05 * s),
                    (cx - 0.1 * s, cy + 0.15 * s),
                    (cx + 0.1 * s, cy + 0.03 * s),
                    (cx + 0.3 * s, cy + 0.12 * s),
                ],
                (120, 70, 40),
                0.03 * s,
            )
        return
    for _ in range(40):
        x = cx + (rng.random() - 0.5) * 0.7 * s
        y = cy - rng.random() * 0.2 * s
        pen.ellipse(x, y, 0.07 * s, 0.045 * s, fill=food_col, outline=shade(food_col, 0.25), width=1.5)
    pen.pieslice(cx, cy - 0.02 * s, 0.46 * s, 0.38 * s, 0, 180, (246, 246, 244))
    pen.ellipse(cx, cy - 0.02 * s, 0.46 * s, 0.06 * s, outline=(214, 214, 218), width=2)
    pen.rect((cx - 0.4 * s, cy + 0.06 * s, cx + 0.4 * s, cy + 0.09 * s), fill=(52, 96, 170))


def draw_crackers(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject, bag=True) -> None:
    rng = random.Random(17)
    if bag:
        pen.rect((cx - 0.36 * s, cy - 0.42 * s, cx + 0.36 * s, cy + 0.42 * s), fill=(236, 240, 244), r=0.04 * s)
    for _ in range(34 if bag else 12):
        x = cx + (rng.random() - 0.5) * 0.6 * s
        y = cy + (rng.random() - 0.45) * 0.7 * s
        r = (0.05 + rng.random() * 0.03) * s
        pen.circle(x, y, r, fill=col, outline=shade(col, 0.15), width=1.5)
        pen.circle(x, y, r * 0.5, outline=shade(col, 0.1), width=1)
    if bag:
        pen.rect((cx - 0.36 * s, cy - 0.42 * s, cx + 0.36 * s, cy - 0.34 * s), fill=(200, 48, 46), r=0.02 * s)
        pen.rect(
            (cx - 0.36 * s, cy - 0.42 * s, cx + 0.36 * s, cy + 0.42 * s), outline=(200, 208, 214), width=3, r=0.04 * s
        )


def draw_frozen(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    band = col if lum(col) < 0.6 else (52, 120, 196)
    pen.rect((cx - 0.48 * s, cy - 0.32 * s, cx + 0.48 * s, cy + 0.32 * s), fill=(246, 248, 250), r=0.03 * s)
    pen.rect((cx - 0.48 * s, cy - 0.32 * s, cx + 0.48 * s, cy - 0.1 * s), fill=band, r=0.03 * s)
    fx, fy = cx - 0.36 * s, cy - 0.21 * s
    for k in range(3):
        a = k * math.pi / 3
        pen.line(
            [
                (fx - math.cos(a) * 0.07 * s, fy - math.sin(a) * 0.07 * s),
                (fx + math.cos(a) * 0.07 * s, fy + math.sin(a) * 0.07 * s),
            ],
            (255, 255, 255),
            0.012 * s,
        )
    pen.rect((cx - 0.4 * s, cy - 0.04 * s, cx + 0.4 * s, cy + 0.26 * s), fill=(214, 226, 236), r=0.02 * s)
    item = (236, 206, 150)
    for i in range(5):
        x = cx + (-0.3 + i * 0.15) * s
        if sub.has("bakso"):
            pen.rect((x - 0.06 * s, cy + 0.04 * s, x + 0.06 * s, cy + 0.18 * s), fill=(236, 196, 72), r=0.01 * s)
            pen.circle(x, cy + 0.11 * s, 0.035 * s, fill=(150, 104, 80))
        else:
            pen.poly(
                [(x - 0.06 * s, cy + 0.2 * s), (x + 0.06 * s, cy + 0.2 * s), (x, cy + 0.03 * s)],
                fill=item,
                outline=shade(item, 0.2),
                width=2,
            )


def draw_bottle(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject) -> None:
    body = (250, 250, 248)
    pen.rect((cx - 0.17 * s, cy - 0.22 * s, cx + 0.17 * s, cy + 0.48 * s), fill=body, r=0.07 * s)
    pen.poly(
        [
            (cx - 0.17 * s, cy - 0.15 * s),
            (cx - 0.07 * s, cy - 0.36 * s),
            (cx + 0.07 * s, cy - 0.36 * s),
            (cx + 0.17 * s, cy - 0.15 * s),
        ],
        fill=body,
    )
    pen.rect((cx - 0.08 * s, cy - 0.46 * s, cx + 0.08 * s, cy - 0.35 * s), fill=shade(col, 0.1), r=0.02 * s)
    pen.rect((cx - 0.17 * s, cy - 0.02 * s, cx + 0.17 * s, cy + 0.32 * s), fill=col)
    pen.circle(cx, cy + 0.14 * s, 0.09 * s, fill=(250, 250, 248))
    pen.circle(cx, cy + 0.14 * s, 0.05 * s, fill=(200, 48, 70) if lum(col) > 0.8 else tint(col, 0.2))
    pen.rect((cx - 0.17 * s, cy - 0.22 * s, cx + 0.17 * s, cy + 0.48 * s), outline=(214, 214, 218), width=2, r=0.07 * s)


def draw_glass(pen: Pen, cx: float, cy: float, s: float, col: RGB, steam=False, fruit=False) -> None:
    pen.poly(
        [
            (cx - 0.17 * s, cy - 0.3 * s),
            (cx + 0.17 * s, cy - 0.3 * s),
            (cx + 0.13 * s, cy + 0.3 * s),
            (cx - 0.13 * s, cy + 0.3 * s),
        ],
        fill=(232, 240, 244),
    )
    pen.poly(
        [
            (cx - 0.155 * s, cy - 0.18 * s),
            (cx + 0.155 * s, cy - 0.18 * s),
            (cx + 0.125 * s, cy + 0.28 * s),
            (cx - 0.125 * s, cy + 0.28 * s),
        ],
        fill=col,
    )
    if steam:
        for dx in (-0.06, 0.03, 0.11):
            x = cx + dx * s
            pen.line(
                [
                    (x, cy - 0.35 * s),
                    (x + 0.03 * s, cy - 0.42 * s),
                    (x - 0.01 * s, cy - 0.5 * s),
                    (x + 0.02 * s, cy - 0.58 * s),
                ],
                (214, 214, 220),
                0.012 * s,
            )
    if fruit:
        for dx in (-0.32, -0.22):
            x = cx + dx * s
            pen.ellipse(x, cy + 0.24 * s, 0.06 * s, 0.07 * s, fill=(214, 40, 60))
            pen.poly(
                [(x - 0.04 * s, cy + 0.17 * s), (x + 0.04 * s, cy + 0.17 * s), (x, cy + 0.21 * s)], fill=(60, 140, 60)
            )
        pen.circle(cx + 0.28 * s, cy + 0.26 * s, 0.04 * s, fill=(70, 70, 150))
        pen.circle(cx + 0.35 * s, cy + 0.27 * s, 0.04 * s, fill=(80, 80, 160))


def draw_dodol(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject, pieces_only=False) -> None:
    wrap = sub.accent((236, 224, 196))
    if not pieces_only:
        iso_box(pen, cx - 0.15 * s, cy + 0.2 * s, 0.55 * s, 0.3 * s, 0.3 * s, (246, 240, 228))
        pen.rect((cx - 0.38 * s, cy - 0.05 * s, cx + 0.08 * s, cy + 0.1 * s), fill=col, r=0.02 * s)
        pen.circle(cx - 0.3 * s, cy - 0.02 * s, 0.02 * s, fill=(250, 250, 250))
    n = 5 if not pieces_only else 9
    k = 1.0 if not pieces_only else 2.0
    for i in range(n):
        x = cx + (0.3 + (i % 2) * 0.1 if not pieces_only else -0.42 + (i % 3) * 0.42) * s
        y = cy + (0.3 - (i // 2) * 0.09 if not pieces_only else -0.22 + (i // 3) * 0.22) * s
        pen.poly(
            [(x - 0.1 * k * s, y - 0.025 * k * s), (x - 0.06 * k * s, y), (x - 0.1 * k * s, y + 0.025 * k * s)],
            fill=shade(wrap, 0.1),
        )
        pen.poly(
            [(x + 0.1 * k * s, y - 0.025 * k * s), (x + 0.06 * k * s, y), (x + 0.1 * k * s, y + 0.025 * k * s)],
            fill=shade(wrap, 0.1),
        )
        pen.rect((x - 0.06 * k * s, y - 0.035 * k * s, x + 0.06 * k * s, y + 0.035 * k * s), fill=wrap, r=0.01 * k * s)
        pen.line([(x - 0.03 * k * s, y), (x + 0.03 * k * s, y)], col, 0.01 * k * s)


def draw_drink(pen: Pen, cx: float, cy: float, s: float, col: RGB, sub: Subject, sachets_only=False) -> None:
    drink = (150, 90, 50) if sub.has("bandrek") else (196, 160, 110)
    label = col
    if sachets_only:
        for i in range(5):
            x = cx + (i - 2) * 0.2 * s
            pen.rect((x - 0.08 * s, cy - 0.25 * s, x + 0.08 * s, cy + 0.25 * s), fill=label, r=0.01 * s)
            pen.rect((x - 0.06 * s, cy - 0.05 * s, x + 0.06 * s, cy + 0.08 * s), fill=(246, 236, 210))
            pen.line([(x - 0.08 * s, cy - 0.22 * s), (x + 0.08 * s, cy - 0.22 * s)], shade(label, 0.3), 0.006 * s)
        return
    iso_box(pen, cx - 0.25 * s, cy + 0.3 * s, 0.4 * s, 0.18 * s, 0.55 * s, label)
    pen.rect((cx - 0.4 * s, cy - 0.08 * s, cx - 0.1 * s, cy + 0.12 * s), fill=(246, 236, 210), r=0.02 * s)
    pen.circle(cx - 0.25 * s, cy + 0.02 * s, 0.05 * s, fill=(214, 150, 70))
    draw_glass(pen, cx + 0.25 * s, cy + 0.05 * s, 0.5 * s, drink, steam=True)
    if sub.has("jahe", "ginger"):
        for dx, dy in ((0.0, 0.0), (0.06, -0.03), (0.11, 0.01)):
            pen.ellipse(cx + (0.46 + dx) * s, cy + (0.28 + dy) * s, 0.05 * s, 0.03 * s, fill=(214, 176, 110))


# ----------------------------------------------------------------------------- compositions


def draw_kind(pen: Pen, sub: Subject, cx: float, cy: float, s: float, col: RGB, view: str = "hero") -> None:
    """Draw one item of ``sub.kind`` centred on (cx, cy) with size ``s``."""
    k = sub.kind
    if k in ("sweater", "cardigan", "hoodie", "vest", "tshirt", "jacket", "shirt"):
        style = k
        if k == "cardigan" and sub.has("panjang", "long modest"):
            style = "longcardigan"
        draw_top(pen, cx, cy, s * (0.8 if style == "longcardigan" else 1.0), col, sub, style)
    elif k == "knitset":
        draw_top(pen, cx, cy - 0.25 * s, 0.62 * s, col, sub, "knitset")
        draw_trousers(pen, cx, cy + 0.3 * s, 0.55 * s, col, sub, wide=True)
    elif k == "babyset":
        draw_babyset(pen, cx, cy, s, col, sub)
    elif k == "poncho":
        draw_poncho(pen, cx, cy, s, col, sub)
    elif k == "scarf":
        draw_scarf(pen, cx, cy, s, col, sub)
    elif k == "beanie":
        draw_beanie(pen, cx, cy, s * 0.8, col, sub)
    elif k in ("shoe", "boot", "sneaker", "sandal"):
        if view == "single":
            draw_shoe(pen, cx, cy, s * 1.2, col, sub, k)
        else:
            draw_pair(pen, cx, cy, s * 1.2, col, sub, k)
    elif k == "jeans":
        draw_trousers(pen, cx, cy, s, col, sub)
    elif k == "skirt":
        draw_skirt(pen, cx, cy, s, col, sub)
    elif k == "fabric":
        draw_roll(pen, cx, cy, s * 1.1, col, sub)
    elif k == "scraps":
        draw_scraps(pen, cx, cy, s * 1.2, col, sub)
    elif k == "tote":
        draw_tote(pen, cx, cy, s, col, sub)
    elif k == "paperbag":
        draw_paperbag(pen, cx, cy, s, col, sub)
    elif k == "stickers":
        draw_stickers(pen, cx, cy, s, col, sub)
    elif k == "hologram":
        draw_hologram(pen, cx, cy, s * 1.2, col, sub)
    elif k == "labelroll":
        draw_labelroll(pen, cx, cy, s * 1.2, col, sub)
    elif k == "calendar":
        draw_calendar(pen, cx, cy, s, col, sub)
    elif k == "book":
        draw_book(pen, cx, cy, s, col, sub)
    elif k == "invitation":
        draw_invitation(pen, cx, cy, s, col, sub)
    elif k == "foodbox":
        draw_foodbox(pen, cx, cy, s, col, sub)
    elif k == "teddy":
        draw_teddy(pen, cx, cy, s, col, sub)
    elif k == "graduation":
        draw_graduation(pen, cx, cy, s, col, sub)
    elif k == "wedding":
        draw_wedding(pen, cx, cy, s, col, sub)
    elif k == "sheep":
        draw_sheep(pen, cx, cy, s * 1.1, col, sub)
    elif k == "cushion":
        draw_cushion(pen, cx, cy, s * 0.9, col, sub)
    elif k == "puppet":
        draw_puppet(pen, cx, cy, s, col, sub)
    elif k == "mascot":
        draw_mascot(pen, cx, cy, s, col, sub)
    elif k == "keyring":
        draw_keyring(pen, cx, cy, s * 1.2, col, sub)
    elif k == "painting":
        draw_painting(pen, cx, cy, s, col, sub, dusk=sub.has("dusk", "senja"))
    elif k == "triptych":
        draw_triptych(pen, cx, cy, s * 1.1, col, sub)
    elif k == "wayang":
        draw_wayang(pen, cx, cy, s * 1.05, col, sub, hero=sub.has("arjuna", "pertunjukan"))
    elif k == "tofu":
        draw_tofu(pen, cx, cy, s, col, sub, leaf=sub.has("leaf", "daun"))
    elif k == "pouch":
        draw_pouch(pen, cx, cy, s, col, sub)
    elif k == "crackers":
        draw_crackers(pen, cx, cy, s, col, sub)
    elif k == "frozen":
        draw_frozen(pen, cx, cy, s, col, sub)
    elif k == "bottle":
        draw_bottle(pen, cx, cy, s, col, sub)
    elif k == "dodol":
        draw_dodol(pen, cx, cy, s, col, sub)
    elif k == "drink":
        draw_drink(pen, cx, cy, s, col, sub)
    else:  # pragma: no cover - every kind above is handled
        draw_stickers(pen, cx, cy, s, col, sub)


VIEW_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("carton", ("carton", "karton")),
    ("detail", ("detail", "close-up")),
    (
        "serving",
        (
            "bowl",
            "mangkuk",
            "plate",
            "piring",
            "glass",
            "gelas",
            "banana leaf",
            "daun pisang",
            "cut in half",
            "dibelah",
            "wrapped pieces",
            "potongan dodol",
            "fried",
            "digoreng",
        ),
    ),
    ("sachets", ("sachets",)),
    ("stack", ("stack", "tumpukan")),
    ("giftbox", ("gift box", "kotak kado")),
    ("back", ("back of", "belakang")),
    ("bottle", ("water bottle", "botol minum")),
    ("side", ("from the side", "dari samping")),
    ("row", ("a row of", "deretan")),
    ("sizes", ("sizes", "dua ukuran", "tiga ukuran", "empat ukuran")),
    ("hero", ("dusk", "senja")),
]
# where a detail view looks, as an offset of the object's centre in object sizes
DETAIL_FOCUS: list[tuple[tuple[str, ...], tuple[float, float]]] = [
    (("hem", "kelim"), (-0.18, -0.36)),
    (("pocket", "saku"), (-0.2, 0.36)),
    (("button", "kancing"), (-0.03, -0.02)),
    (("headdress", "mahkota"), (0.0, 0.42)),
    (("stitch", "jahitan"), (-0.15, -0.24)),
    (("print", "sablon"), (0.0, 0.08)),
]


def view_for(index: int, alt: str, sub: Subject) -> str:
    alt = alt.lower()
    for view, words in VIEW_WORDS:
        if any(w in alt for w in words):
            return view
    if index == 1:
        return "hero"
    return "variants" if len(sub.pairs) > 1 else "sizes"


def brush_strokes(pen: Pen, w: int, h: int, rng: random.Random) -> None:
    """Short strokes in the colours already on the canvas, for a painting close-up."""
    img = pen.image
    for _ in range(700):
        x, y = rng.random() * w, rng.random() * h * 0.92
        base = img.getpixel((int(x * SS), int(y * SS)))
        c = shade(base, 0.12) if rng.random() < 0.5 else tint(base, 0.12)
        a = rng.random() * 0.8 - 0.4
        length = 20 + rng.random() * 40
        pen.line([(x, y), (x + math.cos(a) * length, y + math.sin(a) * length)], c, 5 + rng.random() * 5)


def compose_product(pen: Pen, w: int, h: int, sub: Subject, view: str, alt: str) -> None:
    cx, cy = w / 2, h * 0.47
    s = h * 0.62
    bg = pen.image.getpixel((10 * SS, h * SS - 10 * SS))
    floor_y = cy + s * 0.5 + h * 0.04
    footwear = sub.kind in ("shoe", "boot", "sneaker", "sandal")
    if view == "hero":
        shadow(pen, cx, floor_y, s * 1.05, bg)
        if sub.kind == "bottle":
            draw_bottle(pen, cx - 0.2 * s, cy, s, sub.main, sub)
            draw_bottle(pen, cx + 0.2 * s, cy, s, (246, 245, 240), sub)
        else:
            draw_kind(pen, sub, cx, cy, s, sub.main)
    elif view == "side":
        shadow(pen, cx, floor_y, s * 1.1, bg)
        draw_kind(pen, sub, cx, cy, s * 1.1, sub.main, "single")
    elif view == "variants" and sub.kind == "fabric":
        rows = ((0, 3), (3, 2), (5, 1))
        pairs = sub.pairs[:6]
        size = s * 0.62
        for r, (first, count) in enumerate(rows):
            for j, pair in enumerate(pairs[first : first + count]):
                x = cx + (j - (count - 1) / 2) * size * 1.02
                y = cy + 0.3 * s - r * size * 0.34
                draw_roll(pen, x, y, size, pair[0], sub.only(pair), drape=False)
    elif view in ("variants", "row"):
        pairs = sub.pairs[:5]
        if view == "row":
            pairs = [(hsv(0.0 + i * 0.23, 0.6, 0.8), hsv(0.55 + i * 0.2, 0.5, 0.7)) for i in range(4)]
        n = len(pairs)
        step = w / (n + 0.4)
        size = min(s, step * 0.8) if footwear else min(s * 0.85, step * 0.95)
        if sub.kind == "triptych":
            size = min(s * 0.85, step * 0.7)
        for i, pair in enumerate(pairs):
            x = w / 2 + (i - (n - 1) / 2) * step
            shadow(pen, x, cy + size * 0.5 + h * 0.03, size, bg)
            draw_kind(pen, sub.only(pair), x, cy, size, pair[0], "single")
    elif view == "sizes":
        two = any(word in alt.lower() for word in ("two sizes", "dua ukuran"))
        scales = (0.7, 1.0) if two else (0.55, 0.75, 1.0)
        xs = (w * 0.3, w * 0.66) if two else (w * 0.2, w * 0.45, w * 0.74)
        for sc, x in zip(scales, xs, strict=True):
            size = s * sc * 0.78
            y = floor_y - size * 0.5 - h * 0.04
            shadow(pen, x, floor_y, size, bg)
            draw_kind(pen, sub, x, y, size, sub.main, "single")
    elif view == "detail":
        big = s * 2.6
        lowered = alt.lower()
        ox, oy = next((f for words, f in DETAIL_FOCUS if any(x in lowered for x in words)), (0.0, 0.1))
        draw_kind(pen, sub, cx + ox * big, cy + oy * big, big, sub.main, "single")
        if sub.kind in ("sweater", "cardigan", "vest"):
            knit_rows(pen, (0, 0, w, h * 0.92), shade(sub.main, 0.05), 90)
        if sub.kind == "painting":
            brush_strokes(pen, w, h, sub.rng)
    elif view == "stack":
        for i in range(4):
            x = cx - 0.06 * s * i + 0.1 * s
            y = cy + 0.12 * s - 0.07 * s * i
            draw_kind(pen, sub, x, y, s * 0.85, sub.main, "single")
    elif view == "serving":
        serving(pen, sub, cx, cy, s, bg, floor_y)
    elif view == "sachets" and sub.kind == "drink":
        draw_drink(pen, cx, cy, s, sub.main, sub, sachets_only=True)
    elif view == "giftbox":
        iso_box(pen, cx - 0.05 * s, cy + 0.4 * s, 0.9 * s, 0.5 * s, 0.3 * s, (246, 240, 228))
        draw_kind(pen, sub, cx - 0.05 * s, cy - 0.08 * s, s * 0.62, sub.main)
    elif view == "back":
        shadow(pen, cx, floor_y, s, bg)
        draw_top(pen, cx, cy, s, sub.main, sub.only((sub.main, None)), "plain")
        pen.rect((cx - 0.17 * s, cy - 0.12 * s, cx + 0.17 * s, cy + 0.12 * s), fill=(250, 250, 248), r=0.01 * s)
        pen.text((cx, cy), "1024", 0.13 * s, (30, 30, 30), "mm")
    elif view == "bottle":
        pen.rect((cx - 0.18 * s, cy - 0.45 * s, cx + 0.18 * s, cy + 0.5 * s), fill=(72, 140, 130), r=0.08 * s)
        pen.rect((cx - 0.1 * s, cy - 0.56 * s, cx + 0.1 * s, cy - 0.44 * s), fill=(60, 60, 66), r=0.02 * s)
        for i, (dx, dy) in enumerate(((0.0, -0.15), (-0.05, 0.12), (0.05, 0.32))):
            pen.circle(
                cx + dx * s,
                cy + dy * s,
                0.08 * s,
                fill=hsv(i * 0.3 + 0.05, 0.6, 0.95),
                outline=(255, 255, 255),
                width=0.012 * s,
            )
    elif view == "carton":
        draw_carton(pen, cx, cy, s, sub)
    else:
        draw_kind(pen, sub, cx, cy, s, sub.main)


def serving(pen: Pen, sub: Subject, cx: float, cy: float, s: float, bg: RGB, floor_y: float) -> None:
    k = sub.kind
    if k == "tofu":
        draw_tofu(pen, cx, cy, s, sub.main, sub, leaf=True)
    elif k == "pouch":
        chip = (226, 110, 60) if sub.has("pedas", "spicy", "balado", "basreng") else (236, 196, 100)
        draw_bowl(pen, cx, cy + 0.1 * s, s, chip, sub, plate=sub.has("plate", "piring"))
    elif k == "frozen":
        item = (236, 180, 90)
        draw_bowl(pen, cx, cy, s, item, sub, plate=True)
    elif k == "crackers":
        draw_crackers(pen, cx - 0.35 * s, cy, s * 0.6, tint(sub.main, 0.0), sub, bag=False)
        ax, ay = cx - 0.04 * s, cy + 0.02 * s
        pen.line([(ax - 0.06 * s, ay), (ax + 0.04 * s, ay)], (120, 120, 126), 0.015 * s)
        pen.poly(
            [(ax + 0.04 * s, ay - 0.03 * s), (ax + 0.08 * s, ay), (ax + 0.04 * s, ay + 0.03 * s)], fill=(120, 120, 126)
        )
        draw_crackers(pen, cx + 0.3 * s, cy, s * 1.0, (250, 248, 240), sub, bag=False)
    elif k == "bottle":
        draw_glass(pen, cx, cy, s, tint(sub.main, 0.2), fruit=True)
    elif k == "dodol":
        draw_dodol(pen, cx, cy, s, sub.main, sub, pieces_only=True)
    elif k == "drink":
        draw_drink(pen, cx, cy, s, sub.main, sub)
    else:
        draw_kind(pen, sub, cx, cy, s, sub.main)


# ----------------------------------------------------------------------------- pictures


def hash_int(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def background(size: tuple[int, int], rng: random.Random, floor: bool = True) -> Image.Image:
    w, h = size
    hue = rng.random()
    top = hsv(hue, 0.1, 0.97)
    bottom = hsv(hue, 0.16, 0.9)
    img = Image.new("RGB", (w * SS, h * SS), top)
    pen = Pen(img)
    bands = 24
    for i in range(bands):
        pen.rect((0, i * h / bands, w, (i + 1) * h / bands + 1), fill=mix(top, bottom, i / (bands - 1)))
    if floor:
        pen.rect((0, h * 0.8, w, h), fill=shade(bottom, 0.05))
    return img


def caption(pen: Pen, w: int, h: int, title: str) -> None:
    size = h * 0.03
    band = h * 0.075
    pen.rect((0, h - band, w, h), fill=(250, 250, 248))
    pen.text((w * 0.025, h - band / 2), title[:80], size, (60, 60, 66), "lm")
    tag = "ILUSTRASI · ILLUSTRATION"
    pen.text((w * 0.975, h - band / 2), tag, size * 0.75, (140, 140, 146), "rm")


def finish(img: Image.Image, size: tuple[int, int]) -> Image.Image:
    return img.resize(size, Image.Resampling.LANCZOS)


def product_photo(record: dict, index: int, alt: str, seed_key: str) -> Image.Image:
    rng = random.Random(hash_int(seed_key))
    w, h = PRODUCT_SIZE
    img = background(PRODUCT_SIZE, rng)
    pen = Pen(img)
    sub = subject_for(record, index, alt, rng)
    view = view_for(index, alt, sub)
    if view != "variants" and sub.kind not in NO_LEAD_KINDS:
        lead_with(sub, alt)
    compose_product(pen, w, h, sub, view, alt)
    name = record.get("name") or {}
    caption(pen, w, h, str(name.get("id") or record.get("slug") or ""))
    return finish(img, PRODUCT_SIZE)


SENTRA_PROPS = {
    "rajut": "sweater",
    "fesyen": "tshirt",
    "percetakan": "tshirt",
    "kerajinan": "teddy",
    "makanan": "pouch",
}


def sentra_photo(record: dict, seed_key: str) -> Image.Image:
    rng = random.Random(hash_int(seed_key))
    w, h = SENTRA_SIZE
    img = Image.new("RGB", (w * SS, h * SS))
    pen = Pen(img)
    sky_top, sky_bottom = (132, 186, 230), (220, 236, 246)
    for i in range(30):
        pen.rect((0, i * h * 0.6 / 30, w, (i + 1) * h * 0.6 / 30 + 1), fill=mix(sky_top, sky_bottom, i / 29))
    pen.circle(w * (0.15 + rng.random() * 0.7), h * 0.14, h * 0.05, fill=(252, 240, 180))
    hills = [(0, h * 0.45)]
    for i in range(1, 9):
        hills.append((i * w / 8, h * (0.3 + rng.random() * 0.12)))
    hills += [(w, h * 0.45), (w, h * 0.6), (0, h * 0.6)]
    pen.poly(hills, fill=(110, 150, 120))
    pen.rect((0, h * 0.55, w, h), fill=(150, 150, 150))
    pen.rect((0, h * 0.82, w, h), fill=(96, 96, 100))
    for i in range(8):
        pen.rect((i * w / 8 + w * 0.03, h * 0.9, i * w / 8 + w * 0.09, h * 0.91), fill=(236, 236, 236))
    cat = str(record.get("category") or "")
    slug = str(record.get("slug") or "")
    prop_kind = SENTRA_PROPS.get(cat, "tshirt")
    prop_kind = {
        "cibaduyut": "shoe",
        "cihampelas": "jeans",
        "cigondewah": "fabric",
        "cibuntu": "tofu",
        "jelekong": "painting",
        "lembang": "bottle",
        "pagarsih": "calendar",
        "sukamulya": "teddy",
    }.get(slug, prop_kind)
    n = 5
    hw = w / n
    for i in range(n):
        x0 = i * hw + hw * 0.06
        x1 = (i + 1) * hw - hw * 0.06
        wall = hsv(rng.random(), 0.25, 0.93)
        top = h * (0.3 + rng.random() * 0.06)
        pen.rect((x0, top, x1, h * 0.82), fill=wall)
        roof = hsv(0.02 + rng.random() * 0.05, 0.55, 0.6)
        pen.poly([(x0 - hw * 0.05, top), ((x0 + x1) / 2, top - h * 0.1), (x1 + hw * 0.05, top)], fill=roof)
        awning = hsv(rng.random(), 0.6, 0.8)
        for k in range(8):
            pen.rect(
                (x0 + k * (x1 - x0) / 8, top + h * 0.12, x0 + (k + 1) * (x1 - x0) / 8, top + h * 0.17),
                fill=awning if k % 2 == 0 else (250, 250, 248),
            )
        pen.rect((x0 + (x1 - x0) * 0.1, top + h * 0.2, x1 - (x1 - x0) * 0.1, h * 0.82), fill=shade(wall, 0.35))
        for k in range(2):
            col = hsv(rng.random(), 0.55, 0.8)
            sub = Subject(prop_kind, [(col, hsv(rng.random(), 0.5, 0.85))], slug, rng)
            px = x0 + (x1 - x0) * (0.32 + k * 0.36)
            draw_kind(pen, sub, px, top + h * 0.36, h * 0.14, col, "single")
    gx = w * (0.3 + rng.random() * 0.4)
    gate = (60, 90, 140)
    pen.rect((gx - w * 0.2, h * 0.36, gx - w * 0.185, h * 0.86), fill=gate)
    pen.rect((gx + w * 0.185, h * 0.36, gx + w * 0.2, h * 0.86), fill=gate)
    pen.rect((gx - w * 0.22, h * 0.3, gx + w * 0.22, h * 0.38), fill=gate, r=h * 0.01)
    title = str(record.get("name") or slug)
    size = h * 0.04
    while pen.text_width(title, size) > w * 0.42 and size > h * 0.02:
        size *= 0.92
    pen.text((gx, h * 0.34), title, size, (250, 250, 248), "mm")
    tag = "ILUSTRASI · ILLUSTRATION"
    pen.rect((w * 0.78, h * 0.93, w * 0.99, h * 0.985), fill=(250, 250, 248), r=h * 0.01)
    pen.text((w * 0.885, h * 0.958), tag, h * 0.022, (120, 120, 126), "mm")
    return finish(img, SENTRA_SIZE)


def logo_image(record: dict, seed_key: str) -> Image.Image:
    rng = random.Random(hash_int(seed_key))
    w, h = LOGO_SIZE
    hue = rng.choice((0.0, 0.05, 0.09, 0.33, 0.45, 0.53, 0.6, 0.67, 0.75, 0.83, 0.92))
    img = Image.new("RGB", (w * SS, h * SS), (250, 250, 248))
    pen = Pen(img)
    ring = hsv(hue, 0.6, 0.55)
    pen.circle(w / 2, h / 2, w * 0.44, fill=ring)
    pen.circle(w / 2, h / 2, w * 0.4, fill=hsv(hue, 0.12, 0.98))
    name = str(record.get("name") or record.get("slug") or "?")
    initials = "".join(word[0] for word in re.findall(r"[A-Za-z]+", name)[:3]).upper() or "?"
    pen.text((w / 2, h * 0.45), initials, h * (0.26 if len(initials) < 3 else 0.2), ring, "mm")
    size = h * 0.05
    while pen.text_width(name, size) > w * 0.6 and size > h * 0.03:
        size *= 0.93
    pen.text((w / 2, h * 0.66), name, size, shade(ring, 0.2), "mm")
    pen.line([(w * 0.32, h * 0.6), (w * 0.68, h * 0.6)], ring, h * 0.006)
    return finish(img, LOGO_SIZE)


# ----------------------------------------------------------------------------- files


@dataclass(frozen=True)
class Job:
    """One photo file to draw."""

    path: Path
    key: str  # path relative to the root, posix form: the seed
    draw: Callable[[], Image.Image]


def load_yaml(path: Path) -> dict | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        print(f"skip {path}: {exc}", file=sys.stderr)
        return None
    return data if isinstance(data, dict) else None


def alt_text(photo: dict) -> str:
    alt = photo.get("alt") or {}
    if isinstance(alt, dict):
        return " ".join(str(alt.get(k) or "") for k in ("en", "id"))
    return str(alt)


def photo_files(record: dict, key: str) -> Iterator[tuple[int, dict]]:
    for i, photo in enumerate(record.get(key) or [], start=1):
        if isinstance(photo, dict) and isinstance(photo.get("file"), str):
            yield i, photo


def safe_target(folder: Path, name: str, root: Path) -> Path | None:
    target = (folder / name).resolve()
    if root.resolve() not in target.parents or target.suffix.lower() not in (".jpg", ".jpeg", ".png"):
        print(f"skip {folder / name}: not a .jpg/.png inside the repository", file=sys.stderr)
        return None
    return target


def jobs(root: Path) -> Iterator[Job]:
    for yml in sorted((root / "sentra").glob("*.yml")):
        rec = load_yaml(yml)
        if not rec:
            continue
        for _, photo in photo_files(rec, "photos"):
            target = safe_target(yml.parent, photo["file"], root)
            if target:
                key = target.relative_to(root.resolve()).as_posix()
                yield Job(target, key, lambda rec=rec, key=key: sentra_photo(rec, key))
    for yml in sorted((root / "products").glob("*/*.yml")):
        rec = load_yaml(yml)
        if not rec:
            continue
        if yml.name == "ikm.yml":
            logo = rec.get("logo")
            if isinstance(logo, dict) and isinstance(logo.get("file"), str):
                target = safe_target(yml.parent, logo["file"], root)
                if target:
                    key = target.relative_to(root.resolve()).as_posix()
                    yield Job(target, key, lambda rec=rec, key=key: logo_image(rec, key))
            continue
        for i, photo in photo_files(rec, "photos"):
            target = safe_target(yml.parent, photo["file"], root)
            if target:
                key = target.relative_to(root.resolve()).as_posix()
                alt = alt_text(photo)
                yield Job(target, key, lambda rec=rec, i=i, alt=alt, key=key: product_photo(rec, i, alt, key))


def save(img: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".png":
        img = img.quantize(colors=96, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        img.save(path, format="PNG", optimize=True)
    else:
        img.save(path, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Draw the sample catalogue's photos (product 1600x1200 JPEG, sentra 1600x1000 "
        "JPEG, logos 800x800 PNG) for every photo file the records name.",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="repository root holding sentra/ and products/ (default: this script's parent folder)",
    )
    parser.add_argument("--force", action="store_true", help="redraw photos that already exist")
    args = parser.parse_args(argv)
    root: Path = args.root
    if not (root / "products").is_dir() and not (root / "sentra").is_dir():
        parser.error(f"{root} has neither products/ nor sentra/")
    drawn = skipped = 0
    total_bytes = 0
    for job in jobs(root):
        if job.path.exists() and not args.force:
            skipped += 1
            continue
        save(job.draw(), job.path)
        drawn += 1
        total_bytes += job.path.stat().st_size
    print(f"drew {drawn} photo(s) ({total_bytes / 1024:.0f} kB), kept {skipped} existing")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
