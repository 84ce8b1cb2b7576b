"""Tests of the images stage: photo checks, private upright outputs, cache, publishing."""

from __future__ import annotations

import io
import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest
import yaml
from PIL import Image, ImageCms, ImageDraw, ImageFile

from conftest import REPO, TODAY
from etalase import pipeline
from etalase.model.site import PhotoSizes
from etalase.photos import (
    ImageSet,
    ImageSettings,
    PhotoRef,
    ShareCardText,
    check_photos,
    decode,
    encode,
    format_size_report,
    imagecache,
    locate,
    process_photos,
    sharecard,
    size_report,
    sized,
    stage,
)
from etalase.pipeline import check, generation
from etalase.publish.media import publish_media

RECORD = "products/rajut-sinar/kardigan.yml"
CARD = ShareCardText("Kardigan Rajut Wol", "Rajut Sinar", "Sentra Rajut Binong Jati")
RED = (220, 20, 30)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Return a project root holding one product record's folder."""
    folder = tmp_path / "project" / "products" / "rajut-sinar"
    folder.mkdir(parents=True)
    (folder / "kardigan.yml").write_text("slug: kardigan\n", encoding="utf-8")
    return tmp_path / "project"


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def folder(root: Path) -> Path:
    return root / "products" / "rajut-sinar"


def ref(name: str, *, card: ShareCardText | None = CARD, line: int = 7) -> PhotoRef:
    return PhotoRef(RECORD, "photos[0].file", line, name, card)


def picture(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """Return a smooth test picture with a red square in its top-left corner."""
    base = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", (base, base.transpose(Image.Transpose.FLIP_LEFT_RIGHT), base))
    side = min(size) // 6
    ImageDraw.Draw(image).rectangle((0, 0, side, side), fill=RED)
    return image if mode == "RGB" else image.convert(mode)


def write(root: Path, name: str, image: Image.Image, fmt: str = "JPEG", **save: object) -> Path:
    path = folder(root) / name
    image.save(path, fmt, **save)
    return path


def open_file(files_dir: Path, url: str) -> Image.Image:
    image = Image.open(files_dir / url)
    image.load()
    return image


def all_bytes(files_dir: Path, image_set: ImageSet) -> dict[str, bytes]:
    return {v.url: (files_dir / v.url).read_bytes() for v in image_set.files}


def only_set(result: stage.ImageResult) -> ImageSet:
    assert result.problems == []
    (image_set,) = result.sets.values()
    return image_set


# ---------------------------------------------------------------------------
# Upright, private outputs.


def gps_exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "KameraHP"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "S", 2: (6.0, 55.0, 3.0), 3: "E", 4: (107.0, 37.0, 9.0)})
    return exif


def test_orientation_applied_and_all_metadata_stripped(root: Path, cache: Path) -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    source = picture((1200, 900))
    write(root, "foto.jpg", source, exif=gps_exif(6), icc_profile=srgb, xmp=xmp, comment=b"rumah")
    written = Image.open(folder(root) / "foto.jpg")
    assert written.getexif().get_ifd(0x8825) and {"xmp", "icc_profile", "comment"} <= set(written.info)

    image_set = only_set(process_photos(root, [ref("foto.jpg")], cache))

    assert [(v.width, v.height) for v in image_set.variants] == [(480, 640), (900, 1200)]
    upright = open_file(cache, image_set.largest.url).convert("RGB")
    assert upright.size == (900, 1200)
    # orientation 6 turns the picture clockwise: the stored top-left goes to the top-right
    assert _near(upright.getpixel((900 - 40, 40)), RED)
    assert not _near(upright.getpixel((40, 40)), RED)
    assert not _near(upright.getpixel((900 - 40, 1200 - 40)), RED)
    for variant in image_set.files:
        output = open_file(cache, variant.url)
        assert (output.width, output.height) == (variant.width, variant.height)
        assert not output.getexif()
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"} & set(output.info)
        data = (cache / variant.url).read_bytes()
        for marker in (b"Exif", b"EXIF", b"XMP ", b"ICCP", b"xmpmeta", b"KameraHP", b"rumah"):
            assert marker not in data, (variant.url, marker)
    card = (cache / image_set.share_card.url).read_bytes()
    assert b"\xff\xe1" not in card and b"\xff\xe2" not in card  # no APP1 (EXIF/XMP), APP2 (ICC)


def _near(pixel: object, colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=False))


@pytest.mark.parametrize("orientation", [1, 3, 8])
def test_other_orientations(root: Path, cache: Path, orientation: int) -> None:
    write(root, "foto.jpg", picture((1000, 800)), exif=gps_exif(orientation))
    image_set = only_set(process_photos(root, [ref("foto.jpg")], cache))
    out = open_file(cache, image_set.largest.url).convert("RGB")
    corner = {1: (20, 20), 3: (out.width - 20, out.height - 20), 8: (20, out.height - 20)}
    assert out.size == ((1000, 800) if orientation in (1, 3) else (800, 1000))
    assert _near(out.getpixel(corner[orientation]), RED)


def test_sizes_never_upscaled_thumb_and_card(root: Path, cache: Path) -> None:
    write(root, "lebar.jpg", picture((2000, 1500)))
    write(root, "sempit.png", picture((700, 900)), "PNG")  # portrait, 900 px long side
    result = process_photos(root, [ref("lebar.jpg"), ref("sempit.png", card=None)], cache)
    assert result.problems == []
    wide, narrow = result.sets[(RECORD, "lebar.jpg")], result.sets[(RECORD, "sempit.png")]
    assert [v.width for v in wide.variants] == [480, 1280]
    assert [v.width for v in narrow.variants] == [480, 700]
    assert narrow.largest.height == 900 and narrow.share_card is None
    for image_set in (wide, narrow):
        for variant in image_set.variants:
            output = open_file(cache, variant.url)
            assert output.format == "WEBP" and output.size == (variant.width, variant.height)
        assert image_set.thumb == image_set.variants[0]  # the narrowest variant is the card thumbnail
        assert len(image_set.files) == len(image_set.variants) + (image_set.share_card is not None)
    card = open_file(cache, wide.share_card.url)
    assert card.format == "JPEG" and card.mode == "RGB" and card.size == (1200, 630)
    assert card.info.get("progressive") == 1


def test_a_photo_no_card_shows_gets_no_narrow_file(root: Path, cache: Path) -> None:
    """A product's second photo is only in the gallery, where a phone of DPR 1.25 or more asks for
    the wide file: it gets no 480 px file. The same content shown as a thumbnail elsewhere does."""
    write(root, "kedua.jpg", picture((2000, 1500)))
    write(root, "juga.jpg", picture((1800, 1200)))
    second = PhotoRef(RECORD, "photos[1].file", 9, "kedua.jpg", None, thumb=False)
    shared = [PhotoRef(RECORD, "photos[1].file", 9, "juga.jpg", None, thumb=False), ref("juga.jpg", card=None)]
    result = process_photos(root, [second, *shared], cache)
    gallery_only = result.sets[(RECORD, "kedua.jpg")]
    assert [v.width for v in gallery_only.variants] == [1280] and gallery_only.thumb == gallery_only.largest
    assert [v.width for v in result.sets[(RECORD, "juga.jpg")].variants] == [480, 1280]
    assert process_photos(root, [second, *shared], cache).processed == 0  # its own key: reused as made


def test_one_variant_when_source_narrower_than_all_widths(root: Path, cache: Path) -> None:
    write(root, "foto.jpg", picture((300, 900)))
    image_set = only_set(process_photos(root, [ref("foto.jpg", card=None)], cache))
    assert [(v.width, v.height) for v in image_set.variants] == [(300, 900)]


def test_colour_modes(root: Path, cache: Path) -> None:
    write(root, "cmyk.jpg", picture((1000, 800), "CMYK"))
    write(root, "abu.jpg", picture((1000, 800), "L"))
    palette = picture((1000, 800)).convert("P")
    palette.info["transparency"] = 0
    write(root, "palet.png", palette, "PNG")
    alpha = picture((1000, 800), "RGBA")
    alpha.putalpha(Image.linear_gradient("L").resize((1000, 800)))
    write(root, "alfa.webp", alpha, "WEBP")
    wide = Image.new("I;16", (1000, 800), 40000)
    write(root, "enam-belas.png", wide, "PNG")
    names = ["cmyk.jpg", "abu.jpg", "palet.png", "alfa.webp", "enam-belas.png"]
    result = process_photos(root, [ref(n) for n in names], cache)
    assert result.problems == []
    modes = {n: open_file(cache, result.sets[(RECORD, n)].largest.url).mode for n in names}
    assert modes == {
        "cmyk.jpg": "RGB",
        "abu.jpg": "RGB",
        "palet.png": "RGBA",
        "alfa.webp": "RGBA",
        "enam-belas.png": "RGB",
    }
    grey = open_file(cache, result.sets[(RECORD, "enam-belas.png")].largest.url).getpixel((500, 400))
    assert isinstance(grey, tuple) and abs(grey[0] - 40000 // 256) <= 3
    card = open_file(cache, result.sets[(RECORD, "alfa.webp")].share_card.url)
    assert card.mode == "RGB"


def icc_profile(description: str, red: XYZ, green: XYZ, blue: XYZ, gamma: float = 2.2) -> bytes:
    """Return a minimal ICC v2 RGB display profile with the given colorants (D50)."""

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(value: XYZ) -> bytes:
        return b"XYZ \0\0\0\0" + b"".join(s15(c) for c in value)

    text = description.encode() + b"\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + b"\0" * 78
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"
    white = (0.9642, 1.0, 0.8249)
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz(white)),
        (b"rXYZ", xyz(red)),
        (b"gXYZ", xyz(green)),
        (b"bXYZ", xyz(blue)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    header = (
        struct.pack(">I", offset + len(body))
        + b"\0" * 4
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + b"\0" * 12
        + b"acsp"
        + b"\0" * 28
        + xyz(white)[8:]
        + b"\0" * 48
    )
    return header + struct.pack(">I", len(tags)) + table + body


XYZ = tuple[float, float, float]
SRGB_RED, SRGB_GREEN, SRGB_BLUE = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)


def test_embedded_profile_converted_and_dropped(root: Path, cache: Path) -> None:
    # a profile whose red is sRGB's green: only a real conversion turns the red square green
    swapped = icc_profile("Tukar Merah Hijau", SRGB_GREEN, SRGB_RED, SRGB_BLUE)
    write(root, "foto.jpg", picture((1000, 800)), icc_profile=swapped)
    write(root, "srgb.jpg", picture((1000, 800)), icc_profile=icc_profile("sRGB-ish", SRGB_RED, SRGB_GREEN, SRGB_BLUE))
    result = process_photos(root, [ref("foto.jpg", card=None), ref("srgb.jpg", card=None)], cache)
    assert result.problems == []
    converted = open_file(cache, result.sets[(RECORD, "foto.jpg")].largest.url)
    assert "icc_profile" not in converted.info
    red, green, _ = converted.convert("RGB").getpixel((20, 20))
    assert green > 150 and red < 100
    kept = open_file(cache, result.sets[(RECORD, "srgb.jpg")].largest.url)
    assert _near(kept.convert("RGB").getpixel((20, 20)), RED)


@pytest.mark.parametrize(
    ("size", "orientation", "reduction"),
    [
        ((3000, 2000), 1, 2),
        ((4032, 3024), 6, 2),
        ((2561, 1707), 1, 2),
        ((2557, 1707), 1, 1),
        ((6000, 4000), 1, 4),
        ((1000, 800), 1, 1),
    ],
)
def test_jpeg_decoded_at_the_reduction_in_the_key(size: tuple[int, int], orientation: int, reduction: int) -> None:
    data = io.BytesIO()
    Image.new("RGB", size, (90, 120, 150)).save(data, "JPEG", exif=gps_exif(orientation))
    opened = Image.open(data)
    info = decode.SourceInfo.of(opened)
    assert encode.reduction_for(info, ImageSettings()) == reduction
    opened.draft("RGB", encode.draft_request(info, reduction))
    assert opened.size == (-(-size[0] // reduction), -(-size[1] // reduction))
    upright = opened.size if orientation == 1 else opened.size[::-1]
    assert upright[0] >= min(1280, info.upright[0]) and upright[1] >= 630  # covers variants and card


# ---------------------------------------------------------------------------
# Problems: reported with the ref's path, line and field, never raised.


def png_bomb(path: Path, side: int = 20_000) -> None:
    """Write a valid 1-bit PNG of ``side``x``side`` pixels, a few kB on disk, streaming."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    deflate = zlib.compressobj(9)
    rows = b"\0" * ((side + 7) // 8 + 1) * 1000
    body = b"".join(deflate.compress(rows) for _ in range(side // 1000)) + deflate.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def make_bad(root: Path, kind: str, tmp_path: Path) -> str:
    """Create a bad photo of ``kind``; return the file name a record would write."""
    here = folder(root)
    if kind == "truncated":
        data = io.BytesIO()
        noisy = Image.effect_noise((1000, 800), 60).convert("RGB")
        noisy.save(data, "JPEG", quality=90)
        (here / "potong.jpg").write_bytes(data.getvalue()[: len(data.getvalue()) * 2 // 3])
        return "potong.jpg"
    if kind == "text":
        (here / "catatan.jpg").write_text("ini bukan foto\n", encoding="utf-8")
        return "catatan.jpg"
    if kind == "heic":
        (here / "iphone.jpg").write_bytes(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 100)
        return "iphone.jpg"
    if kind == "bomb":
        png_bomb(here / "raksasa.png")
        return "raksasa.png"
    if kind == "parent":
        write(root, "ok.jpg", picture((1000, 800)))
        return "../rajut-sinar/ok.jpg"
    if kind == "absolute":
        path = tmp_path / "di-luar.jpg"
        picture((1000, 800)).save(path)
        return str(path)
    if kind == "symlink":
        outside = tmp_path / "rumah.jpg"
        picture((1000, 800)).save(outside)
        (here / "tautan.jpg").symlink_to(outside)
        return "tautan.jpg"
    if kind == "broken-symlink":
        (here / "putus.jpg").symlink_to(tmp_path / "tidak-ada.jpg")
        return "putus.jpg"
    if kind == "missing":
        return "tidak-ada.jpg"
    if kind == "case":
        write(root, "Kardigan.JPG", picture((1000, 800)))
        return "kardigan.jpg"
    if kind == "folder":
        (here / "album").mkdir()
        return "album"
    if kind == "backslash":
        return "foto\\kardigan.jpg"
    if kind == "small":
        write(root, "kecil.jpg", picture((600, 400)))
        return "kecil.jpg"
    if kind == "large":
        write(root, "besar.jpg", picture((1000, 800)))
        return "besar.jpg"
    raise AssertionError(kind)


BAD = {  # kind -> words the Indonesian and the English message must contain
    "truncated": ("rusak", "damaged"),
    "text": ("bukan foto", "not a JPEG"),
    "heic": ("HEIC", "HEIC"),
    "bomb": ("terlalu besar", "too large"),
    "parent": ("'..'", "'..'"),
    "absolute": ("nama filenya saja", "just the file name"),
    "symlink": ("symlink", "symlink"),
    "broken-symlink": ("tidak ditemukan", "not found"),
    "missing": ("tidak ditemukan", "not found"),
    "case": ("Kardigan.JPG", "Kardigan.JPG"),
    "folder": ("bukan file", "not a photo file"),
    "backslash": ("garis miring", "forward slash"),
    "small": ("600×400", "600×400"),
    "large": ("terlalu besar", "too large"),
}


@pytest.mark.parametrize("kind", sorted(BAD))
@pytest.mark.parametrize("stage", ["check", "process"])
def test_bad_photo_gives_one_problem(
    root: Path, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, stage: str
) -> None:
    if kind == "large":
        monkeypatch.setattr(locate, "MAX_FILE_BYTES", 1000)
    name = make_bad(root, kind, tmp_path)
    bad = PhotoRef(RECORD, "photos[2].file", 31, name, CARD)
    if stage == "check":
        problems = check_photos(root, [bad])
    else:
        result = process_photos(root, [bad], cache)
        problems = result.problems
        assert result.sets == {}
    assert len(problems) == 1, problems
    problem = problems[0]
    assert (problem.path, problem.line, problem.field) == (RECORD, 31, "photos[2].file")
    indonesian, english = BAD[kind]
    assert indonesian in problem.message.id and english in problem.message.en
    assert " — " in problem.message.id and " — " in problem.message.en  # what — how to fix
    assert problem.format().startswith(f"{RECORD}:31: photos[2].file: ")


def test_bomb_png_is_small_and_quick(tmp_path: Path) -> None:
    png_bomb(tmp_path / "b.png")
    assert (tmp_path / "b.png").stat().st_size < 200_000
    with pytest.raises(Image.DecompressionBombError):
        Image.open(tmp_path / "b.png")


def test_decompression_bomb_warning_is_an_error(root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(root, "foto.jpg", picture((1000, 800)))  # 800,000 pixels: between 1x and 2x the limit
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 500_000)
    (problem,) = process_photos(root, [ref("foto.jpg")], cache).problems
    assert "juta piksel" in problem.message.id
    assert not ImageFile.LOAD_TRUNCATED_IMAGES


def test_good_and_bad_photos_together(root: Path, cache: Path, tmp_path: Path) -> None:
    write(root, "ok.jpg", picture((1000, 800)))
    refs = [ref("ok.jpg"), ref(make_bad(root, "truncated", tmp_path)), ref("hilang.jpg")]
    result = process_photos(root, refs, cache)
    assert list(result.sets) == [(RECORD, "ok.jpg")]
    assert sorted(p.message.en.split()[1] for p in result.problems) == ["'hilang.jpg'", "photo"]


def test_bad_verdict_remembered(root: Path, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = ref(make_bad(root, "truncated", tmp_path))
    first = check_photos(root, [bad], cache_dir=cache)
    monkeypatch.setattr(stage, "_work", _must_not_decode)
    assert check_photos(root, [bad], cache_dir=cache) == first
    assert process_photos(root, [bad], cache).problems == first


def _must_not_decode(job: object) -> object:
    raise AssertionError("decoded a photo the cache knows")


# ---------------------------------------------------------------------------
# Cache: unchanged photos cost nothing, a changed setting redoes only what it affects.


def test_second_run_reuses_everything(root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(root, "foto.jpg", picture((1600, 1200)))
    first = process_photos(root, [ref("foto.jpg")], cache)
    assert (first.processed, first.reused, first.written) == (1, 0, 3)
    monkeypatch.setattr(stage, "_work", _must_not_decode)
    second = process_photos(root, [ref("foto.jpg")], cache)
    assert (second.processed, second.reused, second.written) == (0, 1, 0)
    assert second.sets == first.sets
    assert check_photos(root, [ref("foto.jpg")], cache_dir=cache) == []


def test_the_build_that_made_the_photos_remembers_them(
    root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next build neither decodes the photo nor reads its output folders again."""
    write(root, "foto.jpg", picture((1600, 1200)))
    monkeypatch.setattr(imagecache, "SETTLED_NS", -1)  # as if the folders were written long ago
    first = process_photos(root, [ref("foto.jpg")], cache)
    assert first.processed == 1
    reads: list[str] = []
    read_group = imagecache.read_group
    monkeypatch.setattr(imagecache, "read_group", lambda folder, key: reads.append(key) or read_group(folder, key))
    monkeypatch.setattr(stage, "_work", _must_not_decode)
    second = process_photos(root, [ref("foto.jpg")], cache)
    assert (second.processed, second.reused) == (0, 1) and second.sets == first.sets
    assert reads == []


def test_groups_written_in_the_last_seconds_are_read_again(root: Path, cache: Path) -> None:
    write(root, "foto.jpg", picture((1600, 1200)))
    process_photos(root, [ref("foto.jpg")], cache)  # its folders changed just now: not remembered
    manifest = imagecache.Manifest.load(cache)
    assert all(not verdict.get("groups") for verdict in manifest.checks.values())


def test_touched_file_is_hashed_not_decoded(root: Path, cache: Path) -> None:
    path = write(root, "foto.jpg", picture((1600, 1200)))
    first = process_photos(root, [ref("foto.jpg")], cache)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert process_photos(root, [ref("foto.jpg")], cache).processed == 0
    write(root, "foto.jpg", picture((1600, 1200)).rotate(180))
    changed = process_photos(root, [ref("foto.jpg")], cache)
    assert changed.processed == 1
    assert set(changed.sets[(RECORD, "foto.jpg")].files).isdisjoint(first.sets[(RECORD, "foto.jpg")].files)


def test_a_catalogue_may_make_smaller_photos_and_cards(root: Path, cache: Path) -> None:
    """``photos:`` in catalog/site.yml (``sized``): the largest width, the WebP quality and the card."""
    write(root, "lebar.jpg", picture((2000, 1500)))
    default = only_set(process_photos(root, [ref("lebar.jpg")], cache))
    small = only_set(process_photos(root, [ref("lebar.jpg")], cache, sized(72, 1080, 800, 75)))
    assert [v.width for v in small.variants] == [480, 1080] and small.thumb.width == 480
    card = open_file(cache, small.share_card.url)
    assert card.format == "JPEG" and card.size == (800, 420) and card.info.get("progressive") == 1
    for made, before in ((small.largest, default.largest), (small.share_card, default.share_card)):
        assert (cache / made.url).stat().st_size < (cache / before.url).stat().st_size
    assert sized(80, 1280, 1200, 85) == ImageSettings()  # the defaults are today's settings
    assert sized(**PhotoSizes().model_dump()) == ImageSettings()  # and site.yml's defaults are the same


def test_the_build_makes_photos_at_the_sizes_site_yml_asks(mini_project: Path) -> None:
    site = mini_project / "catalog" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "photos:\n  largest_width: 900\n  card_width: 600\n", "utf-8")
    shutil.copytree(REPO / "templates", mini_project / "templates")
    project = pipeline.Project(root=mini_project, docs_dir=mini_project / "build" / "docs")
    outcome = generation.generate(project, TODAY, jobs=1)
    assert not outcome.failed(), outcome.problems
    sets = list(outcome.image_sets.values())
    assert sets and max(v.width for s in sets for v in s.variants) <= 900
    cards = [s.share_card for s in sets if s.share_card is not None]
    assert cards and {Image.open(project.cache_dir / card.url).size for card in cards} == {(600, 315)}


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("largest_width: 4000", "photos.largest_width: "),
        ("card_quality: 30", "photos.card_quality: "),
        ("widht: 900", "photos.widht: "),
    ],
)
def test_photo_sizes_outside_their_range_are_refused_at_their_line(
    mini_project: Path, written: str, message: str
) -> None:
    site = mini_project / "catalog" / "site.yml"
    text = site.read_text(encoding="utf-8") + f"photos:\n  {written}\n"
    site.write_text(text, "utf-8")
    problems = check(mini_project, TODAY, check_photos=False).problems
    assert [p.line for p in problems if message in p.format("en")] == [text.count("\n")], problems


def test_quality_change_redoes_webp_only(root: Path, cache: Path) -> None:
    write(root, "foto.jpg", picture((1600, 1200)))
    before = only_set(process_photos(root, [ref("foto.jpg")], cache))
    result = process_photos(root, [ref("foto.jpg")], cache, ImageSettings(quality=60))
    after = only_set(result)
    assert (result.processed, result.written) == (1, 2)
    assert {v.url for v in after.variants}.isdisjoint(v.url for v in before.variants)
    assert after.thumb.url != before.thumb.url
    assert after.share_card == before.share_card


def test_card_text_change_redoes_only_the_card(root: Path, cache: Path) -> None:
    write(root, "foto.jpg", picture((1600, 1200)))
    before = only_set(process_photos(root, [ref("foto.jpg")], cache))
    stamp = (cache / before.largest.url).stat().st_mtime_ns
    renamed = ShareCardText("Kardigan Rajut Wol Edisi Baru", CARD.maker, CARD.sentra)
    result = process_photos(root, [ref("foto.jpg", card=renamed)], cache)
    after = only_set(result)
    assert (result.processed, result.written) == (1, 1)
    assert after.variants == before.variants and after.thumb == before.thumb
    assert after.share_card is not None and after.share_card != before.share_card
    assert (cache / before.largest.url).stat().st_mtime_ns == stamp


def test_card_size_change_keeps_variants(root: Path, cache: Path) -> None:
    write(root, "foto.jpg", picture((1600, 1200)))
    before = only_set(process_photos(root, [ref("foto.jpg")], cache))
    result = process_photos(root, [ref("foto.jpg")], cache, ImageSettings(card_size=(800, 420)))
    after = only_set(result)
    assert result.written == 1 and after.variants == before.variants and after.thumb == before.thumb
    assert after.share_card is not None and (after.share_card.width, after.share_card.height) == (800, 420)


def test_deterministic_bytes(root: Path, tmp_path: Path) -> None:
    write(root, "foto.jpg", picture((1600, 1200)), exif=gps_exif(6))
    one = only_set(process_photos(root, [ref("foto.jpg")], tmp_path / "a"))
    two = only_set(process_photos(root, [ref("foto.jpg")], tmp_path / "b"))
    assert one == two
    assert all_bytes(tmp_path / "a", one) == all_bytes(tmp_path / "b", two)


def test_cache_state_does_not_change_bytes(root: Path, tmp_path: Path) -> None:
    """A card made alone (variants cached) equals a card made with everything else."""
    write(root, "foto.jpg", picture((1600, 1200)))
    renamed = ShareCardText("Nama Lain", CARD.maker, CARD.sentra)
    process_photos(root, [ref("foto.jpg")], tmp_path / "a")
    alone = only_set(process_photos(root, [ref("foto.jpg", card=renamed)], tmp_path / "a"))
    together = only_set(process_photos(root, [ref("foto.jpg", card=renamed)], tmp_path / "b"))
    assert all_bytes(tmp_path / "a", alone) == all_bytes(tmp_path / "b", together)


def test_same_photo_named_twice_is_processed_once(root: Path, cache: Path) -> None:
    write(root, "a.jpg", picture((1000, 800)))
    write(root, "b.jpg", picture((1000, 800)))  # same bytes, another name
    other = PhotoRef("products/rajut-sinar/rompi.yml", "photos[0].file", 9, "a.jpg", None)
    result = process_photos(root, [ref("a.jpg"), ref("b.jpg"), other], cache)
    assert result.problems == [] and result.processed == 1 and len(result.sets) == 3
    assert result.sets[(RECORD, "a.jpg")].variants == result.sets[(other.source, "a.jpg")].variants


def test_worker_processes(root: Path, cache: Path) -> None:
    names = [f"foto-{i}.jpg" for i in range(stage.PARALLEL_MIN + 2)]
    for i, name in enumerate(names):
        write(root, name, picture((900 + 10 * i, 800)))
    refs = [ref(n, card=None) for n in names]
    quick = ImageSettings(widths=(320, 640), method=0)
    result = process_photos(root, refs, cache, quick, workers=2, progress=True)
    assert result.problems == [] and result.processed == len(names)
    serial = process_photos(root, refs, cache.with_name("serial"), quick, workers=1)
    assert serial.sets == result.sets


# ---------------------------------------------------------------------------
# Publishing and size report.


def test_publish_links_skips_and_removes(root: Path, cache: Path, tmp_path: Path) -> None:
    write(root, "foto.jpg", picture((1000, 800)))
    image_set = only_set(process_photos(root, [ref("foto.jpg")], cache))
    docs = tmp_path / "docs"
    stale = docs / "media" / "000000000000" / "640.webp"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    urls = {variant.url for variant in image_set.files}
    assert publish_media(cache, urls, docs) == len(image_set.files)
    for variant in image_set.files:
        assert (docs / variant.url).read_bytes() == (cache / variant.url).read_bytes()
        assert (docs / variant.url).stat().st_ino == (cache / variant.url).stat().st_ino
    assert not stale.parent.exists()
    assert publish_media(cache, urls, docs) == 0
    assert publish_media(cache, set(), docs) == 0 and not (docs / "media").exists()


def test_size_report(root: Path, cache: Path, tmp_path: Path) -> None:
    write(root, "foto.jpg", picture((1000, 800)))
    result = process_photos(root, [ref("foto.jpg")], cache)
    report = size_report(result.sets, cache)
    (source,) = report.sources
    expected = sum((cache / v.url).stat().st_size for v in result.sets[(RECORD, "foto.jpg")].files)
    assert (source.source, source.files, source.bytes) == (RECORD, 3, expected)  # 480, 1000, card
    assert report.image_bytes == expected and not report.warning
    lines = format_size_report(report)
    assert lines[0].startswith("Images: 3 files") and "GitHub Pages" in lines[-1]
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_bytes(b"x" * 900)
    full = size_report(result.sets, cache, site_dir=site, limit=1000)
    assert full.site_bytes == 900 and full.warning
    assert format_size_report(full, "id")[-1].startswith("PERINGATAN")
    # The advice names what a catalogue can set: media_url, or smaller photos with photos: (both
    # in catalog/site.yml), a setting that exists, with its ranges, in model/site.PhotoSizes.
    for lang in ("id", "en"):
        advice = format_size_report(full, lang)[-1]
        assert "media_url" in advice and "photos: {quality: 72, largest_width: 960" in advice, advice
        assert "ImageSettings" not in advice
    example = yaml.safe_load("photos: {quality: 72, largest_width: 960, card_width: 600, card_quality: 75}")
    assert PhotoSizes(**example["photos"]).largest_width == 960


# ---------------------------------------------------------------------------
# Share card text.


def test_card_text_wrapped_and_shortened() -> None:
    face = sharecard.font(54)
    lines = sharecard.wrap("Kardigan Rajut Wol Premium untuk Musim Dingin Ekspor Jepang dan Korea", face, 488, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(face.getlength(line) <= 488 for line in lines)
    assert sharecard.wrap("Sepatu", face, 488, 3) == ["Sepatu"]
    assert sharecard.drawable("Café “Rajut” — Bandung 中", face) == 'Cafe "Rajut" - Bandung'


def test_progress_bar_on_a_terminal(root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stage, "PROGRESS_MIN", 0)
    monkeypatch.setattr(stage.sys.stderr, "isatty", lambda: True, raising=False)
    write(root, "foto.jpg", picture((1000, 800)))
    result = process_photos(root, [ref("foto.jpg")], cache, workers=1, progress=True)
    assert result.problems == [] and result.processed == 1


def test_prune_cache_keeps_used_outputs(root: Path, cache: Path) -> None:
    write(root, "foto.jpg", picture((1000, 800)))
    old = only_set(process_photos(root, [ref("foto.jpg")], cache))
    new = only_set(process_photos(root, [ref("foto.jpg")], cache, ImageSettings(quality=50)))
    assert stage.prune_cache([new], cache) == 1  # the old variants
    assert all((cache / v.url).is_file() for v in new.files)
    assert not (cache / old.largest.url).exists()


def test_settings_are_checked_and_normalised() -> None:
    assert ImageSettings(widths=(1280, 320, 320)).widths == (320, 1280)
    with pytest.raises(ValueError):
        ImageSettings(widths=())
    with pytest.raises(ValueError):
        ImageSettings(quality=101)
