"""The add-a-product page (``tambah-produk/``, ``en/tambah-produk/``): a maker with only a phone
lists a product, or registers a new IKM, without an account.

The form itself is built in the browser from the JSON Schemas the build publishes
(``schema/product.schema.json``, ``schema/ikm.schema.json``, written by ``etalase schema`` and
copied by ``builder/sitefiles.publish_schemas``), so the fields and their rules have one source:
the record models. This module gives the page what the schemas cannot say:

- the texts of the page and of every message, in the page's language and (messages) in both;
- the catalogue's choices: its IKMs (to add a product to), sentra, category, certificate,
  unit, storage, language and country names, and which categories are food;
- the fields the page fills in itself (slugs, the product's IKM, photo file names) and those
  the facilitator's import sets (dates);
- the photo limits (the longest side a phone sends, the photo stage's smallest);
- where the package goes: the facilitator's WhatsApp number (``catalog/site.yml``
  ``facilitator_whatsapp``), and the issue forms (``repository``) for makers with a GitHub
  account, with which form question takes which record field.

It also renders the page's service worker, ``tambah-produk/sw.js``: a file in the page's folder
(so its scope is the page) that names its version and what to keep, then loads
``assets/addproduct/sw.js``. Called from ``render.pages.language_pages``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from etalase.model import UNIT_PIECES, CertificateType, Unit
from etalase.photos.decode import MIN_LONG_SIDE
from etalase.render.engine import PageMeta, Renderer
from etalase.render.i18n import load_translations
from etalase.render.links import wa_digits
from etalase.render.text import summary

PAGE = "tambah-produk/"  # the page of each language, relative to its root
SERVICE_WORKER = "sw.js"  # in the page's folder: a service worker's scope is its folder
ASSETS = "assets/addproduct/"  # the page's scripts, style sheet and service worker code
SCRIPTS = ("schema.js", "controls.js", "photos.js", "draft.js", "send.js", "page.js")  # in the order they run
SCHEMAS = {"product": "schema/product.schema.json", "ikm": "schema/ikm.schema.json"}
ISSUE_FORMS = Path(".github") / "ISSUE_TEMPLATE"

# The longest side, in pixels, of a photo the phone sends: 1.25 times the widest published variant
# (1,280 px, photos/encode.py), so three photos make a package of about 1 MB on a weak signal.
PHONE_LONG_EDGE = 1600
PHONE_JPEG_QUALITY = 0.85

# Fields the form does not ask for: those the page fills in (slugs from the names, the product's
# maker), those the facilitator's import sets (dates), and the GitHub accounts that speak for a
# business (this page is for makers without one).
AUTO_FIELDS = {
    "product": ("slug", "ikm", "added", "last_verified"),
    "ikm": ("slug", "last_verified", "github_accounts"),
}

# Issue form question id → record field it takes, for the prefilled "open the issue form" link.
# Only ids that the form in .github/ISSUE_TEMPLATE/ still has are used (tests/test_addproduct.py
# names any that went missing).
ISSUE_PREFILL = {
    "product": (
        "produk-baru.yml",
        {
            "name_id": "name.id",
            "name_en": "name.en",
            "description_id": "description.id",
            "description_en": "description.en",
            "price_min": "price.min",
            "price_max": "price.max",
            "moq_quantity": "moq.quantity",
            "capacity_quantity": "capacity_per_month.quantity",
            "lead_time_days": "lead_time_days",
            "materials_id": "materials.id",
            "materials_en": "materials.en",
            "sizes": "variants.sizes",
            "colours_id": "variants.colours.id",
            "colours_en": "variants.colours.en",
            "weight_grams": "weight_grams",
            "hs_code": "export.hs_code",
            "countries": "export.countries",
        },
    ),
    "ikm": (
        "ikm-baru.yml",
        {
            "name": "name",
            "city": "location.city",
            "kecamatan": "location.kecamatan",
            "kelurahan": "location.kelurahan",
            "whatsapp": "contacts.whatsapp",
            "instagram": "contacts.instagram",
            "email": "contacts.email",
            "website": "contacts.website",
            "nib": "nib",
            "founded": "founded",
            "workers": "workers",
            "about_id": "about.id",
            "about_en": "about.en",
        },
    ),
}


def page_config(renderer: Renderer, project: Path) -> dict[str, Any]:
    """Return what the page's script needs besides the schemas (JSON-ready); ``project`` holds ``.github/``."""
    catalog, lang = renderer.catalog, renderer.lang
    site = catalog.site
    return {
        "lang": lang,
        "site": site.title.get(lang),
        "schemas": SCHEMAS,
        "auto": AUTO_FIELDS,
        "choices": _choices(renderer),
        "labels": _labels(renderer),
        "food": sorted(c.slug for c in catalog.categories if c.food),
        "photo": {"longEdge": PHONE_LONG_EDGE, "minEdge": MIN_LONG_SIDE, "quality": PHONE_JPEG_QUALITY},
        "facilitator": wa_digits(site.facilitator_whatsapp),
        "issue": issue_links(project, site.repository),
        "serviceWorker": SERVICE_WORKER,
    }


def _choices(renderer: Renderer) -> dict[str, list[dict[str, str]]]:
    """Return the catalogue's choices for fields whose schema names no list: IKMs, sentra, languages, countries."""
    catalog, t = renderer.catalog, renderer.t
    ikms = sorted(catalog.ikms.values(), key=lambda e: e.record.name.casefold())
    sentra = sorted(catalog.sentra.values(), key=lambda e: e.record.name.casefold())
    languages = renderer.fmt.table.get("languages", {})
    countries = sorted(catalog.site.countries.items(), key=lambda item: item[1].get(renderer.lang))
    return {
        "ikm": [{"value": e.record.slug, "label": f"{e.record.name} — {e.record.location.city}"} for e in ikms],
        "sentra": [{"value": e.record.slug, "label": f"{e.record.name} — {e.record.city}"} for e in sentra],
        "languages": [{"value": code, "label": t.get(f"languages.{code}", code)} for code in languages],
        "countries": [{"value": code, "label": f"{name.get(renderer.lang)} ({code})"} for code, name in countries],
    }


def _labels(renderer: Renderer) -> dict[str, dict[str, str]]:
    """Return the names of enumerated values, by the schema's name for the list or the field's key."""
    catalog, fmt = renderer.catalog, renderer.fmt
    units = fmt.table["units"]
    certificates = catalog.certificates

    def unit_label(unit: Unit) -> str:  # lusin (12 pcs), dozen (12 pcs), pcs
        name = units[unit.value]["one"]
        pieces = UNIT_PIECES.get(unit)
        return f"{name} {fmt.fmt['pieces'].format(count=pieces)}" if pieces else name

    return {
        "Unit": {unit.value: unit_label(unit) for unit in Unit},
        "CertificateType": {
            kind.value: certificates[kind].name.get(renderer.lang) if kind in certificates else kind.value
            for kind in CertificateType
        },
        "category": {c.slug: c.name.get(renderer.lang) for c in catalog.categories},
        "storage": dict(fmt.table["storage"]),
    }


def issue_links(project: Path, repository: str | None) -> dict[str, Any]:
    """Return, per record kind, the issue form's address and its question id → record field map.

    Empty without a repository; a kind whose form is not in ``.github/ISSUE_TEMPLATE/`` is left out,
    and so is every question id the form no longer has.
    """
    if not repository:
        return {}
    links = {}
    for kind, (form, fields) in ISSUE_PREFILL.items():
        ids = form_ids(project / ISSUE_FORMS / form)
        if ids:
            links[kind] = {
                "url": f"{repository}/issues/new?template={form}",
                "fields": {form_id: path for form_id, path in fields.items() if form_id in ids},
            }
    return links


def form_ids(path: Path) -> set[str]:
    """Return the question ids of the issue form at ``path`` (empty when it is missing or unreadable)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return set()
    body = data.get("body") if isinstance(data, dict) else None
    return {str(item["id"]) for item in body or [] if isinstance(item, dict) and "id" in item}


def script_strings(renderer: Renderer, templates_dir: Path) -> dict[str, Any]:
    """Return the page's texts (``addproduct.ui`` in its language) and the messages in every language."""
    messages, locales = {}, {}
    for path in sorted((templates_dir / "i18n").glob("*.yml")):
        table = load_translations(templates_dir, path.stem)
        messages[path.stem] = table["addproduct"]["msg"]
        locales[path.stem] = str(table["locale"]).replace("_", "-")
    return {"ui": renderer.fmt.table["addproduct"]["ui"], "msg": messages, "locales": locales}


def service_worker(renderer: Renderer, templates_dir: Path, version_of: Mapping[str, str]) -> str:
    """Return ``sw.js`` of the page: its version (a digest of what it keeps) and what to keep first."""
    base = "../" * (renderer.prefix.count("/") + 1)
    keep = ["./", *(f"{base}{ASSETS}{name}" for name in (*SCRIPTS, "style.css")), *(base + s for s in SCHEMAS.values())]
    digest = hashlib.sha256()
    for name in sorted(version_of):
        digest.update(name.encode() + b"\0" + version_of[name].encode() + b"\0")
    config = {"version": digest.hexdigest()[:16], "keep": keep}
    template = renderer.env.get_template("pages/addproduct_sw.js.j2")
    return template.render(config=config, code=f"{base}{ASSETS}sw.js")


def _versioned_files(templates_dir: Path) -> dict[str, str]:
    """Return the page's assets and the published schemas by name, as text: the service worker's version."""
    files = {}
    folder = templates_dir / "assets" / "addproduct"
    for path in sorted(folder.glob("*")):
        files[f"assets/{path.name}"] = path.read_text(encoding="utf-8")
    for name, rel in SCHEMAS.items():
        schema = templates_dir.parent / "catalog" / "schema" / Path(rel).name
        files[name] = schema.read_text(encoding="utf-8") if schema.is_file() else ""
    return files


def addproduct_pages(renderer: Renderer, templates_dir: Path) -> list[tuple[str, str]]:
    """Return (docs path, content) of the page and of its service worker in the renderer's language."""
    t = renderer.t
    meta = PageMeta(t("addproduct.title"), summary(t("addproduct.description")))
    page = renderer.render(
        "addproduct",
        PAGE.rstrip("/") + ".md",
        meta,
        config=page_config(renderer, templates_dir.parent),
        strings=script_strings(renderer, templates_dir),
        assets=ASSETS,
        scripts=SCRIPTS,
    )
    worker = service_worker(renderer, templates_dir, _versioned_files(templates_dir))
    return [page, (renderer.prefix + PAGE + SERVICE_WORKER, worker)]
