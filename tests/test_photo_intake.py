"""No location or camera data, and no phone-sized originals, enter the repository (photos/intake.py, photos/tidy.py).

`etalase validate` (so the pull-request check) refuses every photo file under products/ and sentra/
that carries a GPS position or camera data or is over 2000 px / 1 MB, at the record line naming it,
with how to fix it on each path; `etalase photos tidy` fixes such files in place.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageDraw

from conftest import REPO, TODAY
from etalase import pipeline
from etalase.photos import intake, tidy
from etalase.tools.cli import main

KARDIGAN = "products/rajut-contoh/kardigan.yml"
PHOTO = "products/rajut-contoh/kardigan-1.jpg"
RED = (220, 20, 30)


def phone_photo(path: Path, size: tuple[int, int] = (4032, 3024), *, gps: bool = True, orientation: int = 6) -> Path:
    """Write a photo as a phone takes it: noisy (so 3–9 MB), rotated by EXIF, with camera data and GPS."""
    noise = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    picture = Image.blend(Image.new("RGB", size, (200, 180, 150)), noise, 0.6)
    ImageDraw.Draw(picture).rectangle((0, 0, size[0] // 6, size[1] // 6), fill=RED)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone X1"
    if gps:
        exif.get_ifd(0x8825).update({1: "S", 2: (6.0, 55.0, 12.0), 3: "E", 4: (107.0, 36.0, 5.0)})
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    picture.save(path, "JPEG", quality=95, exif=exif, icc_profile=icc)
    return path


def _problems(root: Path) -> list[str]:
    return [p.format("en") for p in pipeline.check(root, TODAY).problems]


def test_a_phone_photo_is_refused_at_the_record_line_with_a_fix_for_each_path(mini_project: Path) -> None:
    phone_photo(mini_project / PHOTO)
    assert (mini_project / PHOTO).stat().st_size > 8 * 1024 * 1024  # like the 9 MB photo of the issue
    (problem,) = _problems(mini_project)
    assert problem.startswith(f"{KARDIGAN}:46: photos[0].file: this photo carries a GPS position")
    for words in (
        "carries a GPS position (where the photo was taken), camera data (Make, Model)",
        "is 4032×3024 px (at most 2000 px on the long side)",
        "(at most 1.0 MB)",
        "git → run `etalase photos tidy products/rajut-contoh/`",
        "GitHub's web editor → send the photo to yourself on WhatsApp",
        "issue form → attach the photo to the form",
    ):
        assert words in problem, words


def test_gps_alone_is_refused_and_a_small_bare_photo_passes(mini_project: Path) -> None:
    phone_photo(mini_project / PHOTO, (1200, 900), orientation=1)
    (problem,) = _problems(mini_project)
    assert "GPS position" in problem and "px" not in problem.split("—")[0]
    tidy.tidy_file(mini_project / PHOTO)
    assert _problems(mini_project) == []


def test_photos_no_record_names_are_checked_too(mini_project: Path) -> None:
    phone_photo(mini_project / "products/rajut-contoh/IMG_2031.jpg", (1200, 900))
    (mini_project / "products/rajut-contoh/IMG_2032.heic").write_bytes(b"\0\0\0\x18ftypheic")
    found = _problems(mini_project)
    assert len(found) == 2
    assert found[0].startswith("products/rajut-contoh/IMG_2031.jpg:1: this photo carries a GPS position")
    assert found[1].startswith("products/rajut-contoh/IMG_2032.heic:1: a HEIC photo (iPhone) cannot be used")


def test_all_problems_come_in_one_run_photo_names_of_broken_records_included(mini_project: Path) -> None:
    record = mini_project / KARDIGAN
    text = record.read_text(encoding="utf-8").replace("  min: 85000", "  min: 150rb/pcs")
    record.write_text(text.replace("- file: kardigan-1.jpg", "- file: Kardigan-1.JPG"), encoding="utf-8")
    found = _problems(mini_project)
    assert any("price.min: '150rb/pcs': write only the amount" in line for line in found), found
    assert any("photos[0].file: photo 'Kardigan-1.JPG' not found" in line for line in found), found


def test_the_sample_catalogue_passes_the_policy() -> None:
    assert intake.policy_problems(REPO, []) == []


def test_tidy_makes_a_phone_photo_upright_bare_and_small(tmp_path: Path) -> None:
    path = phone_photo(tmp_path / "foto.jpg")
    before = intake.inspect(path)
    assert before is not None and before.gps and before.camera == ("Make", "Model") and before.refused
    report = tidy.tidy_file(path)
    assert report.changed and report.problem is None
    after = intake.inspect(path)
    assert after is not None and after.tidy and not after.refused
    with Image.open(path) as image:
        assert image.format == "JPEG" and image.size == (1500, 2000)  # turned upright: portrait
        assert not image.getexif() and "xmp" not in image.info
        assert image.info.get("icc_profile"), "the colour profile stays"
        image = image.convert("RGB")
        # orientation 6 turns the picture clockwise: the stored top-left corner is now top-right
        assert all(abs(a - b) < 60 for a, b in zip(image.getpixel((1500 - 60, 60)), RED, strict=True))
    data = path.read_bytes()
    assert len(data) <= intake.MAX_BYTES
    # No EXIF block at all (the GPS position lives in one); three bytes "GPS" may occur in the
    # compressed picture data by chance, so the test looks for the block, and for the camera's words.
    for marker in (b"PhoneMaker", b"Phone X1", b"Exif\x00\x00"):
        assert marker not in data
    assert not tidy.tidy_file(path).changed and path.read_bytes() == data  # a second run changes nothing


def test_tidy_keeps_the_format_and_transparency(tmp_path: Path) -> None:
    logo = Image.new("RGBA", (2400, 1200), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((200, 200, 1000, 1000), fill=(40, 90, 160, 255))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    logo.save(tmp_path / "logo.png", exif=exif)
    tidy.tidy_file(tmp_path / "logo.png")
    with Image.open(tmp_path / "logo.png") as image:
        assert image.format == "PNG" and image.mode == "RGBA" and image.size == (2000, 1000)
        assert not image.getexif()


def test_the_form_s_photos_always_pass_the_policy() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (4000, 3000), (10, 200, 10)).save(buffer, "PNG")
    tidied = tidy.tidy_bytes(buffer.getvalue(), prefer_jpeg=True)
    assert isinstance(tidied, tidy.Tidied)
    assert tidied.format == "JPEG" and tidied.facts.tidy and tidied.facts.long_edge == 2000


def test_etalase_photos_tidy_on_the_command_line(mini_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    phone_photo(mini_project / PHOTO)
    folder = mini_project / "products/rajut-contoh"
    assert main(["--root", str(mini_project), "photos", "tidy", "--check", str(folder)]) == 1
    assert intake.inspect(mini_project / PHOTO).gps, "--check writes nothing"
    assert main(["--root", str(mini_project), "photos", "tidy", "--lang", "en", str(folder)]) == 0
    out = capsys.readouterr()
    assert "kardigan-1.jpg: 4032×3024 → 1500×2000 px" in out.out
    assert "GPS position removed, camera data removed, turned upright" in out.out
    assert "1 photo(s) tidied, 1 already tidy, 0 failed" in out.err
    assert _problems(mini_project) == []
    assert main(["--root", str(mini_project), "photos", "tidy", "--check"]) == 0
