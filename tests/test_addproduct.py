"""The add-a-product page (``tambah-produk/``, ``render/addproduct.py``): what the build gives it.

The form itself is drawn in the browser from the published schemas (``tests/test_addproduct_browser.py``
drives it); here: the page and its service worker in both languages, the configuration the
schemas cannot carry (the catalogue's choices, enum names, the fields the page fills itself,
photo limits, the facilitator, the issue forms), texts in both languages for everything the
scripts say, every field of the schemas labelled in both languages, and the new site fields.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from etalase import render
from etalase.check.schema_export import json_schemas
from etalase.model import SiteText
from etalase.photos.decode import MIN_LONG_SIDE
from etalase.render import addproduct
from test_render import FIXTURE, IMAGES, REPO, SITE_URL, TEMPLATES, catalog_from

ASSETS = TEMPLATES / "assets" / "addproduct"
SITE = {"facilitator_whatsapp": "+6280000009000", "repository": "https://github.com/etalase-ikm/etalase"}


def pages(lang: str = "id", site: dict[str, Any] | None = None, templates: Path = TEMPLATES) -> dict[str, str]:
    catalog = catalog_from(FIXTURE, {"catalog/site.yml": SITE if site is None else site})
    return render.render_pages(
        catalog, IMAGES, templates, lang=lang, site_url=SITE_URL, pages_dir=FIXTURE / "catalog" / "pages"
    )


def attribute(page: str, name: str) -> Any:
    match = re.search(rf"{name}='([^']*)'", page)
    assert match, name
    return json.loads(html.unescape(match.group(1)))


@pytest.fixture(scope="module")
def page_id() -> str:
    return pages("id")["tambah-produk.md"]


@pytest.fixture(scope="module")
def page_en() -> str:
    return pages("en")["en/tambah-produk.md"]


def test_the_page_and_its_service_worker_in_both_languages() -> None:
    assert {"tambah-produk.md", "tambah-produk/sw.js"} <= set(pages("id"))
    assert {"en/tambah-produk.md", "en/tambah-produk/sw.js"} <= set(pages("en"))


def test_the_page_loads_its_own_scripts_in_order(page_id: str) -> None:
    scripts = re.findall(r'<script src="([^"]+)" defer></script>', page_id)
    assert scripts == [f"../assets/addproduct/{name}" for name in addproduct.SCRIPTS]
    assert all((ASSETS / name).is_file() for name in (*addproduct.SCRIPTS, "style.css", "noscript.css", "sw.js"))
    assert '<link rel="stylesheet" href="../assets/addproduct/style.css">' in page_id
    assert '<noscript><link rel="stylesheet" href="../assets/addproduct/noscript.css"></noscript>' in page_id
    assert "data-ap-status>Memuat formulir…</p>" in page_id  # the status line, its height kept from the first paint
    assert "<noscript><p" in page_id  # what to do without JavaScript


def test_the_configuration_carries_what_the_schemas_cannot(page_id: str, page_en: str) -> None:
    config = attribute(page_id, "data-config")
    catalog = catalog_from(FIXTURE)
    assert config["lang"] == "id" and config["schemas"] == addproduct.SCHEMAS
    assert [c["value"] for c in config["choices"]["ikm"]] == sorted(
        catalog.ikms, key=lambda s: catalog.ikms[s].record.name.casefold()
    )
    assert {c["value"] for c in config["choices"]["sentra"]} == set(catalog.sentra)
    assert {c["value"] for c in config["choices"]["countries"]} == set(catalog.site.countries)
    assert config["labels"]["Unit"]["lusin"] == "lusin (12 pcs)" and config["labels"]["Unit"]["pcs"] == "pcs"
    assert attribute(page_en, "data-config")["labels"]["Unit"]["lusin"] == "dozen (12 pcs)"
    assert config["labels"]["category"] == {c.slug: c.name.id for c in catalog.categories}
    assert config["food"] == sorted(c.slug for c in catalog.categories if c.food)
    assert config["photo"] == {"longEdge": 1600, "minEdge": MIN_LONG_SIDE, "quality": 0.85}
    assert config["facilitator"] == "6280000009000"
    assert config["serviceWorker"] == "sw.js"


def test_the_fields_the_page_fills_are_fields_of_the_schemas() -> None:
    schemas = {name.split(".")[0]: json.loads(text) for name, text in json_schemas(["rajut"]).items()}
    for kind, fields in addproduct.AUTO_FIELDS.items():
        assert set(fields) <= set(schemas[kind]["properties"]), kind


def _labels_of(schema: dict[str, Any]) -> dict[str, str]:
    """Return every property's description (through $defs) by dotted name."""
    found: dict[str, str] = {}

    def walk(node: dict[str, Any], prefix: str, seen: frozenset[str]) -> None:
        for key, prop in node.get("properties", {}).items():
            found[prefix + key] = prop.get("description", "")
            for ref in re.findall(r'"\$ref": "#/\$defs/(\w+)"', json.dumps(prop)):
                if ref not in seen:
                    walk(schema["$defs"][ref], f"{prefix}{key}.", seen | {ref})

    walk(schema, "", frozenset())
    return found


@pytest.mark.parametrize("kind", ["product", "ikm"])
def test_every_field_the_form_shows_has_a_label_in_both_languages(kind: str) -> None:
    """The form's labels are the descriptions' halves, "English / Indonesian" (schema.js, label)."""
    schema = json.loads(json_schemas(["rajut"])[f"{kind}.schema.json"])
    auto = set(addproduct.AUTO_FIELDS[kind]) | {"file"}
    missing = {
        name: text
        for name, text in _labels_of(schema).items()
        if name.split(".")[-1] not in auto and (" / " not in text or not all(text.rsplit(" / ", 1)))
    }
    assert missing == {}


def _js_keys(pattern: str) -> set[str]:
    return {key for path in ASSETS.glob("*.js") for key in re.findall(pattern, path.read_text(encoding="utf-8"))}


def test_every_text_the_scripts_use_is_in_both_translation_tables(page_id: str, page_en: str) -> None:
    ui_used = _js_keys(r"\bui\.([a-z_]+)")
    msg_used = _js_keys(r"""(?:msg|message)\(\s*["']([a-z_]+)["']""") | _js_keys(r"""problem: \[\s*["']([a-z_]+)["']""")
    msg_used |= {"integer", "number", "range", "min", "max", "min_length", "max_length", "pattern", "pattern_plain"}
    for page in (page_id, page_en):
        strings = attribute(page, "data-strings")
        assert ui_used <= set(strings["ui"]), ui_used - set(strings["ui"])
        for lang in ("id", "en"):
            assert msg_used <= set(strings["msg"][lang]), (lang, msg_used - set(strings["msg"][lang]))
        assert set(strings["msg"]) == {"id", "en"} and strings["locales"] == {"id": "id-ID", "en": "en-US"}


def test_the_issue_form_link_knows_the_form_questions() -> None:
    links = addproduct.issue_links(REPO, SITE["repository"])
    form, fields = addproduct.ISSUE_PREFILL["product"]
    assert links["product"]["url"] == "https://github.com/etalase-ikm/etalase/issues/new?template=produk-baru.yml"
    ids = addproduct.form_ids(REPO / addproduct.ISSUE_FORMS / form)
    assert set(fields) <= ids, f"questions no longer in {form}: {set(fields) - ids}"
    assert links["product"]["fields"] == fields
    schema = json.loads(json_schemas(["rajut"])["product.schema.json"])
    names = set(_labels_of(schema))
    assert set(fields.values()) <= names, set(fields.values()) - names
    if "ikm" in links:  # the IKM form (ikm-baru.yml) once the intake work adds it
        ikm_schema = _labels_of(json.loads(json_schemas(["rajut"])["ikm.schema.json"]))
        assert set(links["ikm"]["fields"].values()) <= set(ikm_schema)
    assert addproduct.issue_links(REPO, None) == {}


def test_without_a_facilitator_or_repository_the_page_says_so() -> None:
    config = attribute(pages("id", site={})["tambah-produk.md"], "data-config")
    assert config["facilitator"] == "" and config["issue"] == {}


def test_the_service_worker_names_its_version_and_what_it_keeps(tmp_path: Path) -> None:
    worker = pages("id")["tambah-produk/sw.js"]
    setup = json.loads(re.search(r"self\.ETALASE_ADDPRODUCT = (\{.*\});", worker).group(1))
    assert setup["keep"][0] == "./"
    assert "../schema/product.schema.json" in setup["keep"] and "../assets/addproduct/page.js" in setup["keep"]
    assert 'importScripts("../assets/addproduct/sw.js");' in worker
    en = pages("en")["en/tambah-produk/sw.js"]
    assert 'importScripts("../../assets/addproduct/sw.js");' in en and "../../schema/ikm.schema.json" in en
    # a changed script gives the service worker a new version, so phones fetch the page's files afresh
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    shutil.copytree(REPO / "catalog" / "schema", tmp_path / "catalog" / "schema")
    page_js = templates / "assets" / "addproduct" / "page.js"
    before = json.loads(re.search(r"= (\{.*\});", pages("id", templates=templates)["tambah-produk/sw.js"]).group(1))
    page_js.write_text(page_js.read_text(encoding="utf-8") + "\n// changed\n", encoding="utf-8")
    after = json.loads(re.search(r"= (\{.*\});", pages("id", templates=templates)["tambah-produk/sw.js"]).group(1))
    assert before["version"] != after["version"] and before["keep"] == after["keep"]


@pytest.mark.parametrize(
    ("field", "value", "read"),
    [
        ("facilitator_whatsapp", "+6281234567890", "+6281234567890"),
        ("facilitator_whatsapp", "0812 3456 7890", "+6281234567890"),  # as people write it, as everywhere
        ("facilitator_whatsapp", "javascript:alert(1)", None),
        ("facilitator_whatsapp", "https://evil.example/6281234567890", None),
        ("repository", "https://github.com/etalase-ikm/etalase", "https://github.com/etalase-ikm/etalase"),
        ("repository", "https://github.com/etalase-ikm/etalase/issues/new?x=1", None),
        ("repository", "https://gitlab.com/etalase-ikm/etalase", None),
        ("repository", 'https://github.com/a/b"><script>', None),
    ],
)
def test_the_site_fields_take_only_their_form(field: str, value: str, read: str | None) -> None:
    data = yaml.safe_load((FIXTURE / "catalog" / "site.yml").read_text(encoding="utf-8")) | {field: value}
    if read is not None:
        assert getattr(SiteText.model_validate(data), field) == read
    else:
        with pytest.raises(ValidationError):
            SiteText.model_validate(data)


def test_the_guide_walks_through_the_page_as_it_is_in_both_languages() -> None:
    """CONTRIBUTING names the page's own buttons and the import, in each language."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    indonesian, english = text.split("\n## English\n")
    for section, lang, heading in (
        (indonesian, "id", "### Hanya dengan ponsel"),
        (english, "en", "### With only a phone"),
    ):
        part = section.split(heading, 1)[1]
        ui = render.load_translations(TEMPLATES, lang)["addproduct"]["ui"]
        for key in ("take_photo", "choose_photo", "make", "share", "download", "open_chat"):
            assert f"**{ui[key]}**" in part, (lang, key)
        assert "etalase import" in part and "facilitator_whatsapp" in part and "tambah-produk/" in part
