"""The "Produk baru" form: which question fills which field of a product record, and how answers are read.

Prices, quantities, days and grams are read by ``model.notation`` exactly as YAML records are
(``85rb``, ``2 lusin``, ``2 minggu``); a quantity that names another unit than its dropdown
(``2 lusin`` with unit pcs) is refused, never cut to its digits.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from etalase.model.notation import NotationError, read_days, read_grams, read_quantity, read_rupiah
from etalase.tools.intake.draft import Draft
from etalase.tools.intake.forms import checked, first_word, items, lines_of

# Form field id → where its answer goes in the product record ("*" = a helper step).
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


def decimal_number(answer: str) -> float | str:
    """Return ``answer`` as a number (``US$ 6,50`` → 6.5), or the text unchanged."""
    text = re.sub(r"(?i)^\s*(us\$|usd|\$)\s*", "", answer).strip()
    if re.fullmatch(r"\d+,\d+", text):
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return answer


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


def fill_product(draft: Draft, slug: str, ikm: str, today: dt.date) -> None:
    """Put every answer of the product form into the record values, in the schema's shape."""
    draft.values.update({"slug": slug, "ikm": ikm})
    for form_id in ("name_id", "name_en", "description_id", "description_en", "hs_code"):
        draft.put(form_id, draft.get(form_id))
    for form_id in ("category", "price_unit", "moq_unit", "capacity_unit"):
        draft.put(form_id, first_word(draft.get(form_id)))
    draft.read("price_min", read_rupiah)
    draft.read("price_max", read_rupiah)
    _quantity(draft, "moq_quantity", "moq_unit", per_month=False)
    _quantity(draft, "capacity_quantity", "capacity_unit", per_month=True)
    draft.read("lead_time_days", read_days)
    draft.read("weight_grams", read_grams)
    draft.read("food_shelf_life_days", read_days)
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
    draft.put("food_storage", first_word(draft.get("food_storage")))
    if flags:
        food = draft.values.setdefault("food", {})
        food.update({FOOD_FLAGS[i]: True for i in flags if i < len(FOOD_FLAGS)})
    draft.values["added"] = today
    draft.values["last_verified"] = today


def _quantity(draft: Draft, amount_id: str, unit_id: str, *, per_month: bool) -> None:
    """Read an amount (``2 lusin``) with its unit dropdown; a unit named in the amount must match it."""
    answer = draft.get(amount_id)
    if not answer:
        return
    unit = first_word(draft.get(unit_id)) or None
    try:
        amount, written_unit = read_quantity(answer, unit, per_month=per_month)
    except NotationError as error:
        draft.problem(amount_id, error.message)
        draft.put(amount_id, answer)
        return
    draft.put(amount_id, amount)
    draft.put(unit_id, written_unit)
