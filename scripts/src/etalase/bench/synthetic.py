"""Synthetic catalogue: a large, valid and deterministic project for benchmarks.

``make_catalogue`` writes a complete project (``mkdocs.yml``, ``templates/``, the hook
file, the sample's ``catalog/`` and ``sentra/``) plus N generated products spread over
about N/3 IKMs, every sentra and all categories. Records are variations of the sample's
own records (so every rule of ``validate`` holds); photos are 1000×750 JPEGs at quality 80
cut from a small pool of noisy, gradient-filled pictures by a seeded crop, mirror and colour
shift, so every photo has distinct content (the photo cache cannot share work between them)
while generating one costs a few milliseconds. IKM logos are the sample's logo files.

The same ``products`` and ``seed`` give the same files, byte for byte. A folder made
earlier with the same parameters is reused (only the project files are refreshed), so a
benchmark pays for generation once. Written only under ``target``, which is refused when it
is a non-empty folder this module did not make.
"""

from __future__ import annotations

import io
import json
import math
import os
import random
import shutil
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

GENERATOR_VERSION = 1  # bump when the generated files change
MARKER = ".synthetic.json"
PROJECT_FILES = ("mkdocs.yml", "templates", "catalog")
NOT_COPIED = ("festivals", "forums")  # catalog/festivals, catalog/forums: they name the sample's IKMs, absent here
PRODUCTS_PER_IKM = 3
IKMS_PER_SENTRA = 100  # more IKMs than this per sample sentra adds numbered copies of the sentra
LOGO_EVERY = 3  # every third IKM shows a logo (one of the sample's logo files)
TWO_PHOTOS = 0.6  # share of products with a second photo (the sample has 1.8 per product)
PHOTO_SIZE = (1000, 750)
PHOTO_QUALITY = 80
POOL_SIZE = 24  # distinct base pictures the photos are cut from
_BASE_SIZE = (1200, 900)  # base pictures are larger than photos so that crops differ
_PARALLEL_MIN = 64  # photos below this count are drawn in this process

_STYLES_ID = ["Klasik", "Premium", "Ekonomis", "Edisi Pasar", "Seri Ekspor", "Motif Sunda", "Polos", "Custom"]
_STYLES_EN = ["Classic", "Premium", "Value", "Market Edition", "Export Series", "Sundanese Motif", "Plain", "Custom"]
_WORDS = [
    "Mitra",
    "Sinar",
    "Karya",
    "Jaya",
    "Mandiri",
    "Sejahtera",
    "Lestari",
    "Makmur",
    "Abadi",
    "Berkah",
    "Cahaya",
    "Harapan",
    "Sentosa",
    "Utama",
    "Barokah",
    "Putra",
    "Putri",
    "Indah",
    "Kencana",
    "Wangi",
]
_CLOSING_ID = [
    "Pesanan partai besar dan label merek pembeli dilayani.",
    "Contoh produk bisa dikirim sebelum pesanan.",
    "Pengiriman ke seluruh Indonesia lewat ekspedisi langganan.",
    "Warna dan ukuran bisa disesuaikan untuk pesanan minimum.",
]
_CLOSING_EN = [
    "Bulk orders and the buyer's own label are welcome.",
    "Samples can be sent before an order.",
    "Ships across Indonesia with regular couriers.",
    "Colours and sizes can be adjusted from the minimum order.",
]


@dataclass(frozen=True)
class Synthetic:
    """A synthetic project on disk and what it holds."""

    root: Path
    products: int
    ikms: int
    sentra: int
    photos: int  # product photos drawn (logos and sentra photos are the sample's)
    seconds: float  # time spent generating (0 when reused)
    reused: bool

    @property
    def product_files(self) -> list[Path]:
        """Return the product record files, in a stable order."""
        return sorted(p for p in (self.root / "products").glob("*/*.yml") if p.name != "ikm.yml")


def default_root(project: Path, products: int) -> Path:
    """Return where the benchmark keeps the synthetic catalogue of ``products`` (git-ignored)."""
    return project / "build" / "bench" / str(products)


def make_catalogue(
    target: Path,
    products: int,
    *,
    source: Path,
    seed: int = 1,
    workers: int | None = None,
    force: bool = False,
) -> Synthetic:
    """Write (or reuse) a synthetic project of ``products`` products in ``target``.

    ``source`` is the project whose set-up and sample records are copied (the repository).
    ``workers`` processes draw the photos (default: one per CPU).
    """
    if products < 1:
        raise ValueError("a synthetic catalogue needs at least one product")
    target = target.resolve()
    wanted = {"version": GENERATOR_VERSION, "products": products, "seed": seed}
    known = _read_marker(target)
    if known is None and target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} is not empty and was not made by etalase.synthetic — choose another folder")
    _copy_project(source, target)
    if known is not None and not force and {k: known.get(k) for k in wanted} == wanted:
        return Synthetic(target, products, known["ikms"], known["sentra"], known["photos"], 0.0, True)
    start = time.perf_counter()
    (target / MARKER).unlink(missing_ok=True)
    for folder in ("products", "sentra", "build", "site"):
        shutil.rmtree(target / folder, ignore_errors=True)
    (target / "build" / "docs").mkdir(parents=True)
    ikms, sentra, jobs = _write_records(source, target, products, seed)
    _draw_photos(jobs, seed, workers)
    made = Synthetic(target, products, ikms, sentra, len(jobs), round(time.perf_counter() - start, 1), False)
    marker = {**wanted, "ikms": ikms, "sentra": sentra, "photos": len(jobs)}
    (target / MARKER).write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")
    return made


def _read_marker(target: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((target / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _copy_project(source: Path, target: Path) -> None:
    """Copy the site set-up (config, templates, catalogue data) from ``source``."""
    target.mkdir(parents=True, exist_ok=True)
    for rel in PROJECT_FILES:
        src, dest = source / rel, target / rel
        if src.is_dir():
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(src, dest, ignore=shutil.ignore_patterns(*NOT_COPIED))
        elif src.is_file():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
    (target / "build" / "docs").mkdir(parents=True, exist_ok=True)


# --- records -----------------------------------------------------------------------------


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path} is not a record")
    return data


def _dump(path: Path, schema: str, data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(f"# yaml-language-server: $schema={schema}\n{text}", encoding="utf-8")


@dataclass(frozen=True)
class _PhotoJob:
    path: str
    number: int  # the photo's index in the catalogue: it seeds the photo's transformation


def _write_records(source: Path, target: Path, products: int, seed: int) -> tuple[int, int, list[_PhotoJob]]:
    """Write sentra, IKM and product records; return the IKM and sentra counts and the photos to draw."""
    rng = random.Random(seed)
    sample_products: dict[str, list[dict[str, Any]]] = defaultdict(list)
    ikm_templates: list[tuple[dict[str, Any], Path]] = []
    for path in sorted((source / "products").glob("*/*.yml")):
        if path.name == "ikm.yml":
            ikm_templates.append((_load(path), path.parent))
        else:
            record = _load(path)
            sample_products[str(record["category"])].append(record)
    categories = [str(c["slug"]) for c in _load(source / "catalog" / "categories.yml")["categories"]]
    usable = [c for c in categories if sample_products.get(c)]
    if not usable or not ikm_templates:
        raise ValueError(f"{source} has no sample products or IKMs to vary")

    ikm_count = math.ceil(products / PRODUCTS_PER_IKM)
    sentra = _write_sentra(source, target, ikm_count)
    jobs: list[_PhotoJob] = []
    made = 0
    for number in range(ikm_count):
        home = sentra[number % len(sentra)]
        slug = f"{rng.choice(_WORDS).lower()}-{rng.choice(_WORDS).lower()}-{number + 1:05d}"
        template, folder = rng.choice(ikm_templates)
        count = min(PRODUCTS_PER_IKM, products - made)
        _write_ikm(target, slug, number, home[0], template, folder, rng)
        for _ in range(count):
            main = home[1] if home[1] in usable and rng.random() < 0.7 else rng.choice(usable)
            jobs += _write_product(target, slug, made, rng.choice(sample_products[main]), rng)
            made += 1
    return ikm_count, len(sentra), jobs


def _write_sentra(source: Path, target: Path, ikm_count: int) -> list[tuple[str, str]]:
    """Copy the sample's sentra (adding numbered copies for many IKMs); return (slug, category) of each."""
    folder = target / "sentra"
    shutil.copytree(source / "sentra", folder)
    originals = sorted(folder.glob("*.yml"))
    found = [(p.stem, str(_load(p)["category"])) for p in originals]
    copies = max(0, math.ceil(ikm_count / IKMS_PER_SENTRA) - len(found))
    for index in range(copies):
        original = originals[index % len(originals)]
        data = _load(original)
        number = index // len(originals) + 2
        data["slug"] = f"{original.stem}-{number}"
        data["name"] = f"{data['name']} {number}"
        _dump(folder / f"{data['slug']}.yml", "../catalog/schema/sentra.schema.json", data)
        found.append((data["slug"], str(data["category"])))
    return found


def _write_ikm(
    target: Path,
    slug: str,
    number: int,
    sentra: str,
    template: dict[str, Any],
    template_folder: Path,
    rng: random.Random,
) -> None:
    data = json.loads(json.dumps(template, default=str))  # a deep copy with dates as text
    data.update(
        slug=slug,
        name=" ".join(w.capitalize() for w in slug.split("-")[:2]) + f" {number + 1}",
        sentra=sentra,
        founded=rng.randint(1985, 2024),
        workers=rng.randint(2, 60),
        nib=f"91{number:011d}",
        last_verified=str(template["last_verified"]),
    )
    contacts = data["contacts"]
    contacts["whatsapp"] = f"+62800{number + 10_000_000:08d}"
    contacts["email"] = f"{slug}@example.com"
    if contacts.get("instagram"):
        contacts["instagram"] = f"contoh.{slug.replace('-', '')}"[:30]
    for shop in contacts.get("marketplaces", []):
        shop["url"] = f"https://example.com/{shop['name'].lower()}/{slug}"
    contacts.pop("website", None)
    folder = target / "products" / slug
    folder.mkdir(parents=True)
    logo = data.get("logo")
    if logo and number % LOGO_EVERY == 0 and (template_folder / logo["file"]).is_file():
        shutil.copyfile(template_folder / logo["file"], folder / logo["file"])
    else:
        data.pop("logo", None)
    _dump(folder / "ikm.yml", "../../catalog/schema/ikm.schema.json", _dates(data))


def _write_product(
    target: Path, ikm: str, number: int, template: dict[str, Any], rng: random.Random
) -> list[_PhotoJob]:
    data = json.loads(json.dumps(template, default=str))
    slug = f"{template['slug']}-{number + 1:05d}"[:80]
    style = rng.randrange(len(_STYLES_ID))
    closing = rng.randrange(len(_CLOSING_ID))
    data["slug"], data["ikm"] = slug, ikm
    data["name"]["id"] = f"{data['name']['id']} {_STYLES_ID[style]} {number + 1}"
    if data["name"].get("en"):
        data["name"]["en"] = f"{data['name']['en']} {_STYLES_EN[style]} {number + 1}"
    data["description"]["id"] = f"{data['description']['id']} {_CLOSING_ID[closing]}"
    if data["description"].get("en"):
        data["description"]["en"] = f"{data['description']['en']} {_CLOSING_EN[closing]}"
    factor = rng.uniform(0.8, 1.25)
    price = data["price"]
    price["min"] = max(100, int(round(price["min"] * factor, -2)))
    price["max"] = max(price["min"], int(round(price["max"] * factor, -2)))
    data["lead_time_days"] = max(1, min(365, data["lead_time_days"] + rng.randint(-2, 5)))
    alts = [photo["alt"] for photo in template["photos"]]
    count = 2 if rng.random() < TWO_PHOTOS else 1
    folder = target / "products" / ikm
    data["photos"] = [{"file": f"{slug}-{k + 1}.jpg", "alt": alts[k % len(alts)]} for k in range(count)]
    _dump(folder / f"{slug}.yml", "../../catalog/schema/product.schema.json", _dates(data))
    return [_PhotoJob(str(folder / photo["file"]), number * 2 + k) for k, photo in enumerate(data["photos"])]


def _dates(data: Any) -> Any:
    """Return ``data`` with ISO date texts turned back into dates (so YAML writes them plainly)."""
    import datetime as dt

    if isinstance(data, dict):
        return {k: _dates(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_dates(v) for v in data]
    if isinstance(data, str) and len(data) == 10 and data[4] == "-" and data[7] == "-":
        try:
            return dt.date.fromisoformat(data)
        except ValueError:
            return data
    return data


# --- photos ------------------------------------------------------------------------------

_pool: list[Any] = []


def _base_picture(seed: int, index: int) -> Any:
    """Return one base picture: colour gradients, a few shapes, texture and fine grain."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    rng = random.Random(f"{seed}:base:{index}")
    width, height = _BASE_SIZE
    ramps = [Image.linear_gradient("L"), Image.radial_gradient("L")]
    bands = []
    for _ in range(3):
        low, high = rng.randint(20, 200), rng.randint(60, 240)
        ramp = rng.choice(ramps).resize((width, height))
        if rng.random() < 0.5:
            ramp = ramp.transpose(Image.Transpose.ROTATE_180)
        bands.append(ramp.point([low + (high - low) * v // 255 for v in range(256)]))
    picture = Image.merge("RGB", bands)
    draw = ImageDraw.Draw(picture)
    for _ in range(rng.randint(4, 9)):
        x, y, r = rng.randint(0, width), rng.randint(0, height), rng.randint(40, 300)
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.rectangle((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
    picture = picture.filter(ImageFilter.GaussianBlur(3))
    texture = Image.frombytes("L", (width // 2, height // 2), rng.randbytes(width * height // 4))
    texture = texture.resize((width, height), Image.Resampling.BILINEAR).point(lambda v: 128 + (v - 128) * 0.12)
    grain = Image.frombytes("L", (width, height), rng.randbytes(width * height)).point(lambda v: 128 + (v - 128) * 0.03)
    for layer in (texture, grain):
        picture = ImageChops.add(picture, Image.merge("RGB", (layer, layer, layer)), 1.0, -128)
    return picture


def _init_pool(seed: int) -> None:
    _pool[:] = [_base_picture(seed, i) for i in range(POOL_SIZE)]


def _draw(job: _PhotoJob, seed: int) -> None:
    """Cut, mirror and tint one base picture into the photo ``job`` names; write it as JPEG."""
    from PIL import Image

    rng = random.Random(f"{seed}:photo:{job.number}")
    base = _pool[rng.randrange(len(_pool))]
    x = rng.randrange(_BASE_SIZE[0] - PHOTO_SIZE[0] + 1)
    y = rng.randrange(_BASE_SIZE[1] - PHOTO_SIZE[1] + 1)
    photo = base.crop((x, y, x + PHOTO_SIZE[0], y + PHOTO_SIZE[1]))
    if rng.random() < 0.5:
        photo = photo.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    gains = [rng.uniform(0.85, 1.1) for _ in range(3)]
    photo = photo.point([min(255, int(v * g)) for g in gains for v in range(256)])
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=PHOTO_QUALITY)
    Path(job.path).write_bytes(out.getvalue())


def _draw_chunk(jobs: list[_PhotoJob], seed: int) -> int:
    for job in jobs:
        _draw(job, seed)
    return len(jobs)


def _draw_photos(jobs: list[_PhotoJob], seed: int, workers: int | None) -> None:
    """Draw every photo, on ``workers`` processes when there are many."""
    count = workers or len(os.sched_getaffinity(0))
    if count <= 1 or len(jobs) < _PARALLEL_MIN:
        _init_pool(seed)
        _draw_chunk(jobs, seed)
        return
    size = max(16, len(jobs) // (count * 8))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    with ProcessPoolExecutor(max_workers=count, initializer=_init_pool, initargs=(seed,)) as pool:
        for _ in pool.map(_draw_chunk, chunks, [seed] * len(chunks)):
            pass


def change_product(path: Path, note: str) -> bytes:
    """Add ``note`` to the Indonesian description of the product at ``path``; return the old bytes."""
    old = path.read_bytes()
    lines = old.decode("utf-8").splitlines(keepends=True)
    header = [line for line in lines if line.startswith("#")]
    data = yaml.safe_load(old)
    data["description"]["id"] = f"{data['description']['id']} {note}"
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    path.write_text("".join(header) + text, encoding="utf-8")
    return old
