"""Turn a submitted "Produk baru" issue form into a product record and its photos.

Reads the issue body as GitHub renders an issue form (``### Label`` headings, each followed by
the answer, ``_No response_`` when empty, attached photos as markdown or ``<img>`` links) and
the form definition (``.github/ISSUE_TEMPLATE/produk-baru.yml``: label → field id). Writes
``OUT/products/<ikm>/<slug>.yml`` and the downloaded photos beside it, laid out like the
repository so a maintainer can copy them in and open a pull request. Validates the result
with the project's own pipeline and returns every problem, named by the form's question,
as a markdown comment body the workflow posts on the issue.

Photos are downloaded with urllib from allowed URL prefixes only (GitHub's attachment hosts
by default), with a size limit and a timeout, checked to be JPEG, PNG or WebP and saved again
without metadata, so no GPS position from a phone's EXIF reaches the repository.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageOps, UnidentifiedImageError

from etalase import pipeline
from etalase.model import PRODUCT_RESERVED, RESERVED_SLUGS
from etalase.model.problems import Msg, Problem, Severity
from etalase.photos.locate import MAX_FILE_BYTES
from etalase.source.load import Kind
from etalase.source.yamlsafe import YamlError, parse
from etalase.tools import scaffold

FORM = Path(".github") / "ISSUE_TEMPLATE" / "produk-baru.yml"
NO_RESPONSE = {"", "_No response_", "None"}
ALLOWED_PREFIXES = (
    "https://github.com/user-attachments/",
    "https://user-images.githubusercontent.com/",
    "https://private-user-images.githubusercontent.com/",
)
MAX_PHOTO_BYTES = MAX_FILE_BYTES
MAX_PHOTO_PIXELS = 60_000_000
MAX_PHOTOS = 12
TIMEOUT_SECONDS = 30
MAX_REDIRECTS = 5
COMMENT_MARKER = "<!-- etalase:issue-form -->"

# Form field id → where its answer goes in the product record ("*" = every photo).
FIELDS: dict[str, tuple[str, ...]] = {
    "ikm": ("ikm",),
    "slug": ("slug",),
    "name_id": ("name", "id"),
    "name_en": ("name", "en"),
    "description_id": ("description", "id"),
    "description_en": ("description", "en"),
    "category": ("category",),
    "price_min": ("price", "min"),
    "price_max": ("price", "max"),
    "price_unit": ("price", "unit"),
    "moq_quantity": ("moq", "quantity"),
    "moq_unit": ("moq", "unit"),
    "capacity_quantity": ("capacity_per_month", "quantity"),
    "capacity_unit": ("capacity_per_month", "unit"),
    "lead_time_days": ("lead_time_days",),
    "materials_id": ("materials", "id"),
    "materials_en": ("materials", "en"),
    "sizes": ("variants", "sizes"),
    "colours_id": ("variants", "colours", "id"),
    "colours_en": ("variants", "colours", "en"),
    "weight_grams": ("weight_grams",),
    "certificates": ("certificates",),
    "export_ready": ("export", "ready"),
    "hs_code": ("export", "hs_code"),
    "fob_min": ("export", "fob_usd", "min"),
    "fob_max": ("export", "fob_usd", "max"),
    "countries": ("export", "countries"),
    "food_storage": ("food", "storage"),
    "food_shelf_life_days": ("food", "shelf_life_days"),
    "food_flags": ("food", "*flags"),
    "photos": ("photos", "file"),
    "photo_alt_id": ("photos", "alt", "id"),
    "photo_alt_en": ("photos", "alt", "en"),
}
FOOD_FLAGS = ("dairy", "meat_or_fish", "canned", "baby_food")  # in the order of the form's checkboxes
CERTIFICATE_NAMES = {
    "sni": "sni",
    "halal": "halal",
    "pirt": "pirt",
    "sppirt": "pirt",
    "bpommd": "bpom-md",
    "bpom": "bpom-md",
    "md": "bpom-md",
    "hki": "hki",
    "haki": "hki",
    "tkdn": "tkdn",
}


class FormError(Exception):
    """The form definition itself is unusable (a maintainer's problem, not the IKM's)."""


@dataclass(frozen=True)
class Question:
    """One question of the form: its id (field), label (heading in the body) and type."""

    id: str
    label: str
    type: str
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class FormProblem:
    """A problem with one answer, named by the form's question (and the record field, if known)."""

    label: str
    field: str
    message: Msg
    severity: Severity = Severity.error
    question: str = ""


@dataclass
class Conversion:
    """What one conversion produced: the files written and every problem found."""

    ikm: str = ""
    slug: str = ""
    record: Path | None = None
    photos: list[Path] = field(default_factory=list)
    problems: list[FormProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return whether the record was written and has no errors."""
        return self.record is not None and not any(p.severity is Severity.error for p in self.problems)


# --- reading the form and the body --------------------------------------------------------------


def load_form(path: Path) -> list[Question]:
    """Return the questions of the issue form definition at ``path`` (markdown blocks left out)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise FormError(f"cannot read the issue form {path}: {error}") from None
    questions = []
    for element in (data or {}).get("body") or []:
        if element.get("type") == "markdown":
            continue
        attributes = element.get("attributes") or {}
        options = tuple(o["label"] if isinstance(o, dict) else str(o) for o in attributes.get("options") or [])
        questions.append(
            Question(str(element.get("id", "")), str(attributes["label"]).strip(), element["type"], options)
        )
    unknown = [q.id for q in questions if q.id not in FIELDS and q.id != "consent"]
    if unknown:
        raise FormError(f"issue form {path} has questions the converter does not know: {', '.join(unknown)}")
    return questions


def parse_body(body: str, questions: Sequence[Question]) -> dict[str, str]:
    """Return field id → answer text for every question whose ``### Label`` heading is in ``body``.

    Only headings that are labels of the form split the body, so an answer may itself contain
    ``###`` lines. Empty answers (``_No response_``) are returned as "".
    """
    by_label = {q.label: q.id for q in questions}
    answers: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = re.fullmatch(r"###\s+(.+?)\s*", line)
        if heading and heading.group(1) in by_label:
            if current is not None:
                answers[current] = _answer("\n".join(lines))
            current, lines = by_label[heading.group(1)], []
        elif current is not None:
            lines.append(line)
    if current is not None:
        answers[current] = _answer("\n".join(lines))
    return answers


def _answer(text: str) -> str:
    text = text.strip("\n").strip()
    return "" if text in NO_RESPONSE else text


def checked(answer: str, options: Sequence[str]) -> list[int]:
    """Return the indexes of the ticked options in a checkboxes answer (``- [X] label``)."""
    ticked = {m.group(1).strip() for m in re.finditer(r"^\s*[-*]\s*\[[xX]\]\s*(.+)$", answer, flags=re.MULTILINE)}
    squashed = {" ".join(t.split()) for t in ticked}
    return [i for i, option in enumerate(options) if " ".join(option.split()) in squashed]


# --- turning answers into values ------------------------------------------------------------------


def first_word(answer: str) -> str:
    """Return the value of a dropdown answer such as ``rajut — Rajut / Knitwear`` (its first word)."""
    return answer.split()[0].strip().lower() if answer.split() else ""


def whole_number(answer: str) -> int | str:
    """Return ``answer`` as a whole number (``Rp 85.000`` → 85000, ``14 hari`` → 14), or the text unchanged."""
    text = re.sub(r"(?i)^\s*(rp\.?|idr)\s*", "", answer).strip()
    match = re.match(r"(\d{1,3}(?:[.,]\d{3})+|\d+)(?![.,]\d)\s*([^\d.,].*)?$", text)
    if not match:
        return answer
    return int(re.sub(r"[.,]", "", match.group(1)))


def decimal_number(answer: str) -> float | str:
    """Return ``answer`` as a number (``US$ 6,50`` → 6.5), or the text unchanged."""
    text = re.sub(r"(?i)^\s*(us\$|usd|\$)\s*", "", answer).strip()
    if re.fullmatch(r"\d+,\d+", text):
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return answer


def items(answer: str) -> list[str]:
    """Return the items of a comma- or line-separated answer, without bullets or blanks."""
    parts = re.split(r"[,\n]", answer)
    return [re.sub(r"^\s*[-*]\s+", "", p).strip() for p in parts if p.strip(" -*")]


def lines_of(answer: str) -> list[str]:
    """Return the non-empty lines of an answer, without list bullets."""
    return [re.sub(r"^\s*(?:[-*]|\d+[.)])\s+", "", line).strip() for line in answer.split("\n") if line.strip()]


def certificate(line: str) -> dict[str, Any]:
    """Return one certificate from a line ``type; number; expiry; percent`` (also split by | or ,)."""
    parts = [p.strip() for p in re.split(r"[;|,]", line)]
    kind = re.sub(r"[^a-z]", "", parts[0].lower())
    entry: dict[str, Any] = {"type": CERTIFICATE_NAMES.get(kind, parts[0].lower())}
    if len(parts) > 1 and parts[1]:
        entry["number"] = parts[1]
    for part in parts[2:]:
        if not part:
            continue
        if re.fullmatch(r"\d{1,3}(?:[.,]\d+)?\s*%", part):
            entry["percent"] = float(part.rstrip("% ").replace(",", "."))
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", part):
            try:
                entry["expires"] = dt.date.fromisoformat(part)
            except ValueError:
                entry["expires"] = part
        else:
            entry["expires"] = part
    return entry


@dataclass(frozen=True)
class PhotoLink:
    """One attached photo: the name GitHub gave it and its URL."""

    name: str
    url: str


def photo_links(answer: str) -> list[PhotoLink]:
    """Return the photos attached in an answer: markdown images, ``<img src>`` tags or bare URLs, in order."""
    found: list[tuple[int, PhotoLink]] = []
    for match in re.finditer(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)", answer):
        found.append((match.start(), PhotoLink(match.group(1), match.group(2))))
    for match in re.finditer(r"<img\b[^>]*>", answer, flags=re.IGNORECASE):
        src = re.search(r"\bsrc\s*=\s*[\"']([^\"']+)[\"']", match.group(0), flags=re.IGNORECASE)
        alt = re.search(r"\balt\s*=\s*[\"']([^\"']*)[\"']", match.group(0), flags=re.IGNORECASE)
        if src:
            found.append((match.start(), PhotoLink(alt.group(1) if alt else "", src.group(1))))
    taken = {link.url for _, link in found}
    for match in re.finditer(r"(?<![(\"'=])\bhttps?://\S+", answer):
        url = match.group(0).rstrip(".,)>")
        if url not in taken:
            found.append((match.start(), PhotoLink("", url)))
    seen: set[str] = set()
    links = []
    for _, link in sorted(found, key=lambda pair: pair[0]):
        if link.url not in seen:
            seen.add(link.url)
            links.append(link)
    return links


# --- downloading photos -----------------------------------------------------------------------------


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow at most a few redirects, and only to http(s) (GitHub sends attachments on to storage)."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if not newurl.lower().startswith(("https://", "http://")):
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-web address refused", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def download(url: str, *, allowed: Sequence[str], max_bytes: int, timeout: float) -> bytes | Msg:
    """Return the bytes at ``url`` (an allowed prefix, at most ``max_bytes``), or why they could not be fetched."""
    if not any(url.startswith(prefix) for prefix in allowed):
        return Msg(
            f"{url} bukan lampiran GitHub — seret fotonya langsung ke kotak isian agar GitHub menyimpannya",
            f"{url} is not a GitHub attachment — drag the photo into the answer box so GitHub stores it",
        )
    request = urllib.request.Request(url, headers={"User-Agent": "etalase-issue-form", "Accept": "image/*"})
    opener = urllib.request.build_opener(_Redirects)
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                return _too_big(int(length), max_bytes)
            chunks: list[bytes] = []
            size = 0
            while size <= max_bytes:
                chunk = response.read(min(64 * 1024, max_bytes + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no complete answer within {timeout:.0f} s")
            data = b"".join(chunks)
    except urllib.error.HTTPError as error:
        return Msg(
            f"foto tidak dapat diunduh (HTTP {error.code}) — lampirkan ulang fotonya",
            f"the photo could not be downloaded (HTTP {error.code}) — attach it again",
        )
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        return Msg(
            f"foto tidak dapat diunduh ({reason}) — coba simpan issue sekali lagi",
            f"the photo could not be downloaded ({reason}) — try saving the issue again",
        )
    if len(data) > max_bytes:
        return _too_big(len(data), max_bytes)
    return data


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1_000_000 else f"{size / 1e3:.0f} kB"


def _too_big(size: int, limit: int) -> Msg:
    return Msg(
        f"foto terlalu besar ({_size(size)}, maksimal {_size(limit)}) — perkecil fotonya lalu lampirkan ulang",
        f"the photo is too big ({_size(size)}, at most {_size(limit)}) — make it smaller and attach it again",
    )


def save_photo(data: bytes, stem: Path) -> Path | Msg:
    """Check that ``data`` is a JPEG, PNG or WebP photo; save it upright without metadata as ``stem.jpg|png``."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            width, height = probe.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return Msg(
            "lampiran ini bukan foto JPEG, PNG atau WebP (foto iPhone HEIC: ubah dulu ke JPEG) — lampirkan ulang",
            "this attachment is not a JPEG, PNG or WebP photo (iPhone HEIC: convert it to JPEG first) — attach it again",
        )
    if kind not in {"JPEG", "PNG", "WEBP"}:
        return Msg(
            f"format {kind} tidak didukung — kirim foto JPEG, PNG atau WebP",
            f"the {kind} format is not supported — send a JPEG, PNG or WebP photo",
        )
    if width * height > MAX_PHOTO_PIXELS:
        return Msg(
            f"foto terlalu besar ({width} × {height} px) — perkecil sampai di bawah 60 megapiksel",
            f"the photo is too large ({width} × {height} px) — reduce it below 60 megapixels",
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            icc = image.info.get("icc_profile")
            upright = ImageOps.exif_transpose(image)
            has_alpha = upright.mode in {"RGBA", "LA", "PA"} or "transparency" in upright.info
            if kind == "PNG" or has_alpha:
                path = stem.with_suffix(".png")
                upright.save(path, format="PNG", optimize=True, icc_profile=icc)
            else:
                path = stem.with_suffix(".jpg")
                upright.convert("RGB").save(path, format="JPEG", quality=92, icc_profile=icc)
    except (OSError, ValueError, Image.DecompressionBombError):
        return Msg(
            "foto rusak atau terpotong — lampirkan ulang fotonya",
            "the photo is broken or cut off — attach it again",
        )
    return path


# --- the conversion ------------------------------------------------------------------------------------


@dataclass
class _Draft:
    """The record being built and the problems found on the way."""

    questions: dict[str, Question]
    answers: dict[str, str]
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[FormProblem] = field(default_factory=list)

    def label(self, form_id: str) -> str:
        question = self.questions.get(form_id)
        return question.label if question else form_id

    def problem(self, form_id: str, message: Msg, record_field: str = "") -> None:
        field_name = record_field or _dotted(FIELDS[form_id])
        self.problems.append(FormProblem(self.label(form_id), field_name, message, question=form_id))

    def get(self, form_id: str) -> str:
        return self.answers.get(form_id, "")

    def put(self, form_id: str, value: Any) -> None:
        """Set the record field of ``form_id`` (skipped when the answer gave nothing)."""
        if value in ("", None, []):
            return
        target = self.values
        *parents, last = FIELDS[form_id]
        for key in parents:
            target = target.setdefault(key, {})
        target[last] = value


def _dotted(path: Sequence[str]) -> str:
    return ".".join(p for p in path if not p.startswith("*"))


def convert(
    body: str,
    root: Path,
    out: Path,
    *,
    form: Path | None = None,
    today: dt.date | None = None,
    allowed: Sequence[str] = ALLOWED_PREFIXES,
    max_bytes: int = MAX_PHOTO_BYTES,
    timeout: float = TIMEOUT_SECONDS,
) -> Conversion:
    """Turn an issue ``body`` into ``out/products/<ikm>/<slug>.yml`` and photos; validate them against ``root``."""
    questions = load_form(form or root / FORM)
    draft = _Draft({q.id: q for q in questions}, parse_body(body, questions))
    ikm = _resolve_ikm(draft, root)
    name = draft.get("name_id")
    slug = draft.get("slug").strip().lower() or scaffold.slugify(name)
    if not slug:
        slug = "produk-baru"
    elif not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) or slug in PRODUCT_RESERVED | RESERVED_SLUGS:
        suggestion = scaffold.slugify(slug) or scaffold.slugify(name) or "kardigan-rajut"
        draft.problem(
            "slug",
            Msg(
                f"'{slug}' tidak bisa menjadi nama file — pakai huruf kecil, angka dan tanda minus, mis. '{suggestion}'",
                f"'{slug}' cannot be a file name — use lowercase letters, digits and dashes, e.g. '{suggestion}'",
            ),
        )
        slug = suggestion
    _fill(draft, slug, ikm, today or dt.date.today())
    folder = out / "products" / ikm
    folder.mkdir(parents=True, exist_ok=True)
    conversion = Conversion(ikm=ikm, slug=slug)
    conversion.photos = _photos(draft, folder, slug, allowed, max_bytes, timeout)
    use = frozenset({"food"}) if "food" in draft.values else frozenset()
    record = folder / f"{slug}.yml"
    record.write_text(scaffold.render(Kind.product, draft.values, use=use), encoding="utf-8")
    conversion.record = record
    found = validate_files(root, out, [record, *conversion.photos], today or dt.date.today())
    conversion.problems = draft.problems + _named(draft, found)
    return conversion


def _resolve_ikm(draft: _Draft, root: Path) -> str:
    """Return the IKM slug the answer names (its slug or business name), reporting an unknown one."""
    answer = draft.get("ikm")
    names = _ikm_names(root)
    if not answer:
        draft.problem(
            "ikm",
            Msg(
                "wajib diisi — tulis nama usaha atau slug IKM Anda seperti di katalog",
                "is required — write your business name or IKM slug as listed in the catalogue",
            ),
        )
        return "ikm-belum-diisi"
    wanted = answer.strip()
    for slug, name in names.items():
        if wanted.lower() in {slug, name.lower()} or scaffold.slugify(wanted) in {slug, scaffold.slugify(name)}:
            return slug
    labels = [*names, *names.values()]
    close = difflib.get_close_matches(wanted, labels, n=3, cutoff=0.5)
    hint_id = f"maksud Anda: {', '.join(close)}? " if close else ""
    hint_en = f"did you mean: {', '.join(close)}? " if close else ""
    draft.problem(
        "ikm",
        Msg(
            f"IKM '{wanted}' belum ada di katalog — {hint_id}tulis nama usaha atau slug seperti di katalog; "
            "IKM baru didaftarkan dulu oleh pengelola (tulis issue biasa)",
            f"IKM '{wanted}' is not in the catalogue — {hint_en}write the business name or slug as listed; "
            "a new IKM is registered by a maintainer first (open a plain issue)",
        ),
    )
    return scaffold.slugify(wanted) or "ikm-belum-diisi"


def _ikm_names(root: Path) -> dict[str, str]:
    names = {}
    for slug in scaffold.existing_ikms(root):
        try:
            data, _ = parse((root / "products" / slug / "ikm.yml").read_bytes())
        except (OSError, YamlError):
            data = {}
        names[slug] = str(data.get("name") or slug)
    return names


def _fill(draft: _Draft, slug: str, ikm: str, today: dt.date) -> None:
    """Put every answer into the record values, in the schema's shape."""
    draft.values.update({"slug": slug, "ikm": ikm})
    for form_id in ("name_id", "name_en", "description_id", "description_en", "hs_code"):
        draft.put(form_id, draft.get(form_id))
    category = first_word(draft.get("category"))
    draft.put("category", category)
    for form_id in ("price_unit", "moq_unit", "capacity_unit"):
        draft.put(form_id, first_word(draft.get(form_id)))
    for form_id in (
        "price_min",
        "price_max",
        "moq_quantity",
        "capacity_quantity",
        "lead_time_days",
        "weight_grams",
        "food_shelf_life_days",
    ):
        if draft.get(form_id):
            draft.put(form_id, whole_number(draft.get(form_id)))
    for form_id in ("fob_min", "fob_max"):
        if draft.get(form_id):
            draft.put(form_id, decimal_number(draft.get(form_id)))
    for form_id in ("materials_id", "materials_en", "sizes", "colours_id", "colours_en"):
        draft.put(form_id, items(draft.get(form_id)))
    draft.put("countries", [c.upper() for c in items(draft.get("countries"))])
    if "export" in draft.values or draft.get("export_ready"):
        draft.values.setdefault("export", {})["ready"] = first_word(draft.get("export_ready")) == "ya"
    draft.put("certificates", [certificate(line) for line in lines_of(draft.get("certificates"))])
    food_question = draft.questions.get("food_flags")
    flags = checked(draft.get("food_flags"), food_question.options if food_question else ())
    storage = first_word(draft.get("food_storage"))
    draft.put("food_storage", storage)
    if flags:
        food = draft.values.setdefault("food", {})
        food.update({FOOD_FLAGS[i]: True for i in flags if i < len(FOOD_FLAGS)})
    draft.values["added"] = today
    draft.values["last_verified"] = today


def _photos(
    draft: _Draft, folder: Path, slug: str, allowed: Sequence[str], max_bytes: int, timeout: float
) -> list[Path]:
    """Download the attached photos into ``folder``; put them with their descriptions into the record."""
    links = photo_links(draft.get("photos"))
    if not links:
        if draft.get("photos"):
            draft.problem(
                "photos",
                Msg(
                    "tidak ada foto yang terlampir — seret file foto ke kotak isian ini (bukan menempel teks)",
                    "no photo is attached — drag the photo files into this answer box (not pasted text)",
                ),
            )
        return []
    if len(links) > MAX_PHOTOS:
        draft.problem(
            "photos",
            Msg(
                f"{len(links)} foto terlampir, paling banyak {MAX_PHOTOS} — pilih foto terbaik",
                f"{len(links)} photos attached, at most {MAX_PHOTOS} — choose the best ones",
            ),
        )
        links = links[:MAX_PHOTOS]
    alts_id = lines_of(draft.get("photo_alt_id"))
    alts_en = lines_of(draft.get("photo_alt_en"))
    if alts_id and len(alts_id) != len(links):
        draft.problem(
            "photo_alt_id",
            Msg(
                f"ada {len(links)} foto tetapi {len(alts_id)} keterangan — tulis satu baris untuk setiap foto",
                f"there are {len(links)} photos but {len(alts_id)} descriptions — write one line for each photo",
            ),
        )
    if alts_en and len(alts_en) != len(links):
        draft.problem(
            "photo_alt_en",
            Msg(
                f"ada {len(links)} foto tetapi {len(alts_en)} keterangan bahasa Inggris — satu baris untuk setiap foto",
                f"there are {len(links)} photos but {len(alts_en)} English descriptions — one line for each photo",
            ),
        )
    saved: list[Path] = []
    entries: list[dict[str, Any]] = []
    for index, link in enumerate(links, start=1):
        data = download(link.url, allowed=allowed, max_bytes=max_bytes, timeout=timeout)
        result = save_photo(data, folder / f"{slug}-{index}") if isinstance(data, bytes) else data
        if isinstance(result, Msg):
            shown = link.name or f"#{index}"
            draft.problem(
                "photos",
                Msg(f"foto {index} ({shown}): {result.id}", f"photo {index} ({shown}): {result.en}"),
                f"photos[{index - 1}].file",
            )
            continue
        saved.append(result)
        alt: dict[str, str] = {}
        if index <= len(alts_id):
            alt["id"] = alts_id[index - 1]
        if index <= len(alts_en):
            alt["en"] = alts_en[index - 1]
        entries.append({"file": result.name, "alt": alt} if alt else {"file": result.name})
    if entries:
        draft.values["photos"] = entries
    return saved


def validate_files(root: Path, out: Path, files: Iterable[Path], today: dt.date) -> list[Problem]:
    """Validate the new files in ``out`` against the records of ``root``; return only their problems.

    Copies the record files of ``root`` (no photos) and the new files into a temporary project,
    runs the project's checks there and keeps the problems of the new files.
    """
    with tempfile.TemporaryDirectory(prefix="etalase-issue-") as temp:
        overlay = Path(temp)
        for rel in ("catalog/site.yml", "catalog/categories.yml", "catalog/certificates.yml"):
            _copy(root / rel, overlay / rel)
        for path in sorted((root / "sentra").glob("*.yml")):
            _copy(path, overlay / "sentra" / path.name)
        for path in sorted((root / "products").glob("*/ikm.yml")):
            _copy(path, overlay / path.relative_to(root))
        wanted = set()
        for path in files:
            rel = path.relative_to(out)
            _copy(path, overlay / rel)
            wanted.add(rel.as_posix())
        outcome = pipeline.check(overlay, today)
    return [p for p in outcome.problems if p.path in wanted]


def _copy(source: Path, target: Path) -> None:
    if source.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def _named(draft: _Draft, problems: Iterable[Problem]) -> list[FormProblem]:
    """Return validator problems named by the form question they come from.

    A question the converter already reported is skipped: its answer must change anyway, and
    the next check (after the issue is edited) reports what is still wrong.
    """
    reported = {p.question for p in draft.problems}
    if "photos" in reported:  # descriptions of photos that could not be fetched are not the problem
        reported |= {"photo_alt_id", "photo_alt_en"}
    named = []
    for problem in problems:
        form_id = form_id_of(problem.field)
        if form_id in reported:
            continue
        label = draft.label(form_id) if form_id else problem.field or problem.path
        named.append(FormProblem(label, problem.field, problem.message, problem.severity, form_id or ""))
    return named


def form_id_of(record_field: str) -> str | None:
    """Return the form question a record field such as ``photos[0].alt.id`` or ``price`` comes from."""
    path = tuple(part for part in re.sub(r"\[\d+\]", "", record_field).split(".") if part)
    if not path:
        return None
    best: tuple[int, str] | None = None
    for form_id, target in FIELDS.items():
        target = tuple(t for t in target if not t.startswith("*"))
        if path[: len(target)] == target and (best is None or len(target) > best[0]):
            best = (len(target), form_id)
    if best:
        return best[1]
    return next((form_id for form_id, target in FIELDS.items() if target[: len(path)] == path), None)


# --- the comment ---------------------------------------------------------------------------------------


def _safe(text: str) -> str:
    """Return contributor-influenced text that cannot mention people or open HTML in a comment."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "@\u200b")


def _fence(text: str) -> str:
    longest = max((len(m.group(0)) for m in re.finditer(r"`{3,}", text)), default=2)
    return "`" * (longest + 1)


def comment(conversion: Conversion, out: Path, *, issue: str = "") -> str:
    """Return the markdown comment that tells the IKM what to fix, or the maintainer what to merge."""
    errors = [p for p in conversion.problems if p.severity is Severity.error]
    warnings = [p for p in conversion.problems if p.severity is not Severity.error]
    lines = [COMMENT_MARKER]
    if errors:
        lines += [
            f"### ❌ Ada {len(errors)} hal yang perlu diperbaiki / {len(errors)} thing(s) to fix",
            "",
            "Sunting issue ini (menu **⋯ → Edit** di kanan atas), perbaiki jawaban di bawah lalu simpan: "
            "pemeriksaan berjalan lagi dengan sendirinya.  ",
            "_Edit this issue (**⋯ → Edit**, top right), fix the answers below and save: the check runs again._",
            "",
        ]
        lines += _problem_list(errors)
    else:
        lines += [
            "### ✅ Data produk lengkap / Product data complete",
            "",
            "Terima kasih! Pengelola katalog akan memeriksa dan menerbitkan produk ini.  ",
            "_Thank you! A catalogue maintainer will review and publish this product._",
            "",
        ]
    if warnings:
        lines += ["", "**Catatan / Notes**", "", *_problem_list(warnings)]
    if conversion.record is not None and conversion.record.is_file():
        rel = conversion.record.relative_to(out).as_posix()
        text = conversion.record.read_text(encoding="utf-8")
        fence = _fence(text)
        photos = ", ".join(f"`{p.relative_to(out).as_posix()}`" for p in conversion.photos) or "—"
        lines += [
            "",
            f"<details><summary>{rel} + {len(conversion.photos)} foto / photo(s)</summary>",
            "",
            f"{fence}yaml",
            text.rstrip("\n"),
            fence,
            "",
            f"Foto / photos: {photos}",
            "</details>",
        ]
    if not errors:
        artifact = f"produk-{issue}" if issue else "the workflow artifact"
        branch = f"produk/{conversion.ikm}/{conversion.slug}"
        closes = f' -m "Closes #{issue}"' if issue else ""
        lines += [
            "",
            "<details><summary>Untuk pengelola / for maintainers</summary>",
            "",
            f"Download the artifact `{artifact}` from this workflow run, unzip it at the repository root, then:",
            "",
            "```sh",
            f"git switch -c {branch}",
            f"git add products/{conversion.ikm}/{conversion.slug}*",
            f'git commit -m "Produk baru: {conversion.ikm}/{conversion.slug}"{closes}',
            f"git push -u origin {branch}   # then open the pull request",
            "```",
            "</details>",
        ]
    return "\n".join(lines) + "\n"


def _problem_list(problems: Iterable[FormProblem]) -> list[str]:
    lines = []
    for problem in problems:
        where = f" (`{problem.field}`)" if problem.field else ""
        lines.append(f"- **{_safe(problem.label)}**{where}: {_safe(problem.message.id)}  ")
        if problem.message.en != problem.message.id:
            lines.append(f"  _{_safe(problem.message.en)}_")
    return lines
