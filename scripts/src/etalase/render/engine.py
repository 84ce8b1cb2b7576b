"""Render stage: turn the validated catalogue into the markdown pages MkDocs builds.

Reads a ``Catalog``, the ``ImageSet`` of every processed photo and the templates in
``templates/`` (pages, partials, translation tables, theme assets); returns a mapping of
docs-relative path → file content. Pure and deterministic: no clock, no file writes,
sorted output.

Every string from a record is contributor input. Page bodies are raw HTML blocks inside
the markdown (Python-Markdown passes them through untouched, so ``[x](javascript:…)`` stays
text), rendered by a Jinja environment that escapes everything; front matter values are
HTML-escaped and then JSON-quoted (``fm``) because MkDocs and Material print ``page.meta``
values unescaped. Links from records go through ``safe_href`` only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.bccache import Bucket
from jinja2.runtime import Macro
from markupsafe import Markup

from etalase.model import Ikm, Photo, Product, Sentra
from etalase.model.catalog import Catalog, Entry
from etalase.photos import ImageSet
from etalase.render.filters import price_bands_of
from etalase.render.formatting import Formatter
from etalase.render.i18n import Translations, load_translations, localize
from etalase.render.links import (
    DATA_PAGE,
    SEARCH_PAGE,
    SHORTLIST_PAGE,
    category_path,
    home_of,
    host,
    ikm_path,
    instagram_href,
    mailto_href,
    osm_href,
    page_base,
    product_path,
    safe_href,
    sentra_path,
    tel_href,
    wa_digits,
    whatsapp_href,
)
from etalase.render.pictures import src_variant
from etalase.render.text import clean, fm, paragraphs

SEARCHABLE = frozenset({"product", "ikm", "sentra", "category"})  # pages Pagefind indexes
_BASE_MARKER = "\x01base\x01"  # stands for a page's ``base`` while it is rendered (see render)
_HOME_MARKER = "\x01home\x01"  # stands for its way back to its language's root (``home``)


# --- text and link safety ----------------------------------------------------------------


# --- paths -------------------------------------------------------------------------------


# --- translations ------------------------------------------------------------------------


# --- images ------------------------------------------------------------------------------


# --- the renderer ------------------------------------------------------------------------


@dataclass(frozen=True)
class PageMeta:
    """Front matter of one generated page."""

    title: str
    description: str
    og_image: str | None = None
    hide: tuple[str, ...] = ("navigation", "toc")


class Renderer:
    def __init__(
        self,
        catalog: Catalog,
        images: Mapping[tuple[str, str], ImageSet],
        templates_dir: Path,
        lang: str,
        site_url: str,
        prefix: str,
    ) -> None:
        self.catalog = catalog
        self.images = images
        self.lang = lang
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.prefix = prefix
        self.photo_base = catalog.site.media_url or ""  # photos on a host of their own, else relative
        table = load_translations(templates_dir, lang)
        self.t = Translations(table)
        self.fmt = Formatter(lang, table)
        self.env = _environment(templates_dir)
        self.env.globals.update(self._globals())
        self.base = ""  # the page being rendered: its prefix back to the docs root
        self._kept: dict[tuple[Any, ...], Markup] = {}  # fragments ``cached`` rendered
        # Filters that differ by language take the context, so that Jinja never works them out
        # while compiling: every language shares the compiled templates (see _CompiledTemplates).
        self.env.filters["country_name"] = pass_context(lambda _context, code: self.country_name(code))
        self.env.filters["language_name"] = pass_context(lambda _context, code: self.language_name(code))

    # helpers the templates call ------------------------------------------------------

    def _globals(self) -> dict[str, Any]:
        catalog = self.catalog
        return {
            "t": self.t,
            "fmt": self.fmt,
            "lang": self.lang,
            "lang_prefix": self.prefix,  # the language's folder: "" or "en/"
            "catalog": catalog,
            "site": catalog.site,
            # A page's links back to the docs root (``base``), its language root (``home``) and
            # its photos (``photo_base``) are markers that ``render`` replaces: the same for every
            # page, so partials are imported without the page context and fragments can be kept.
            "base": Markup(_BASE_MARKER),
            "home": Markup(_HOME_MARKER),
            "photo_base": self.photo_base or Markup(_BASE_MARKER),
            "partials": _Partials(self.env),
            "tn": lambda key, n: self.t.plural(key, n, self.fmt.number(n)),
            "tx": lambda text: localize(text, self.lang),
            "paragraphs": paragraphs,
            "photo": self.photo,
            "src_variant": src_variant,
            "product_path": product_path,
            "ikm_path": ikm_path,
            "sentra_path": sentra_path,
            "category_path": category_path,
            "safe_href": safe_href,
            "whatsapp_href": whatsapp_href,
            "instagram_href": instagram_href,
            "mailto_href": mailto_href,
            "tel_href": tel_href,
            "osm_href": osm_href,
            "host": host,
            "maker_of": lambda product: catalog.ikms[product.ikm].record,
            "sentra_of": self.sentra_of,
            "cert_info": lambda cert: catalog.certificates.get(cert.type),
            "country_name": self.country_name,
            "ikm_count": lambda slug: len(catalog.ikms_by_sentra.get(slug, [])),
            "sentra_product_count": self.sentra_product_count,
            "products_of": lambda slug: catalog.products_by_ikm.get(slug, []),
            "list_text": self.list_text,
            "cached": self.cached,
            "search_page": self.prefix + SEARCH_PAGE,
            "shortlist_page": self.prefix + SHORTLIST_PAGE,
            "wa_digits": wa_digits,
            "search_filters": self.search_filters,
            "data_page": self.prefix + DATA_PAGE,
        }

    def photo(self, entry: Entry[Any], photo: Photo | None) -> ImageSet | None:
        """Return the processed image of a record's photo, or ``None`` (placeholder)."""
        if photo is None:
            return None
        return self.images.get((entry.path, photo.file))

    def cached(self, macro: Macro, *args: Any) -> Markup:
        """Return ``macro(*args)``, rendered once per macro and arguments and then kept.

        For the macros of ``partials`` only: they see nothing but their arguments and the
        globals, whose links hold the ``base`` marker (see ``render``), so what they return is
        the same on every page. A record is passed as its ``Entry`` (known by its path), any
        other argument must be a str, int, bool or ``None``. Product cards, for one, are drawn
        once per product and variant for 10,000 product pages.
        """
        key = (macro, *(_cache_key(arg) for arg in args))
        fragment = self._kept.get(key)
        if fragment is None:
            fragment = self._kept[key] = macro(*args)
        return fragment

    def search_filters(self, product: Product) -> list[tuple[str, str]]:
        """Return the (filter, value) pairs Pagefind indexes for a product (see ``search_page``)."""
        maker = self.catalog.ikms[product.ikm].record
        pairs = [("category", product.category), ("sentra", maker.sentra), ("city", maker.location.city)]
        pairs += [("certificate", c.type.value) for c in product.certificates]
        if product.export and product.export.ready:
            pairs.append(("export", "yes"))
        pairs += [("price", band) for band in price_bands_of(product.price.min, product.price.max)]
        return pairs

    def sentra_of(self, ikm: Ikm) -> Sentra | None:
        entry = self.catalog.sentra.get(ikm.sentra)
        return entry.record if entry else None

    def country_name(self, code: str) -> str:
        name = self.catalog.site.countries.get(code)
        return name.get(self.lang) if name else code

    def language_name(self, code: str) -> str:
        return self.t.get(f"languages.{code}", code)

    def sentra_product_count(self, slug: str) -> int:
        by_ikm = self.catalog.products_by_ikm
        return sum(len(by_ikm.get(e.record.slug, [])) for e in self.catalog.ikms_by_sentra.get(slug, []))

    def list_text(self, items: Iterable[str]) -> str:
        return self.t("format.list_sep").join(items)

    def page_url(self, url_path: str) -> str:
        """Return a page's absolute URL (empty without a site URL)."""
        return f"{self.site_url}{self.prefix}{url_path}" if self.site_url else ""

    def render(self, template: str, page: str, meta: PageMeta, **context: Any) -> tuple[str, str]:
        """Return (docs path, content) of ``page`` (a markdown path in the language root).

        The page is rendered from ``pages/<template>.md.j2``, its links holding the ``base``
        marker, which is then replaced by the page's prefix back to the docs root. The marker
        is a control character no contributor text can print: ``_finalize`` cleans them out.
        """
        docs_path = self.prefix + page
        base = self.base = page_base(docs_path)
        if self.photo_base and meta.og_image:
            meta = replace(meta, og_image=self.photo_base + meta.og_image)
        text = self.env.get_template(f"pages/{template}.md.j2").render(
            meta=meta,
            kind=template.replace("_", "-"),
            searchable=template in SEARCHABLE,
            **context,
        )
        text = text.replace(_BASE_MARKER, base).replace(_HOME_MARKER, home_of(docs_path, self.prefix))
        return docs_path, _tidy(text) if template != "about" else text


def _cache_key(arg: object) -> object:
    """Return what tells ``arg`` apart in the key of a kept fragment (``Renderer.cached``)."""
    if isinstance(arg, Entry):
        return ("entry", arg.path)
    if arg is None or type(arg) in (str, int, bool):
        return type(arg), arg  # True == 1, but not as a heading level
    raise TypeError(f"cached() takes records as their Entry and plain values, not {type(arg).__name__}")


class _Partials:
    """The macros of ``partials/<name>.j2`` as ``partials.<name>`` (the template global).

    Each partial is imported once, on first use, without the page context: its macros see
    the globals only (``base`` and the like are markers, see ``Renderer.render``). An
    ``{% import %}`` in every page would build the module again or check it against
    every global, on each of thousands of pages.
    """

    def __init__(self, env: Environment) -> None:
        self._env = env

    def __getattr__(self, name: str) -> Any:
        """Return the module of ``partials/<name>.j2``, kept as an attribute from then on."""
        if name.startswith("_"):
            raise AttributeError(name)
        module = self._env.get_template(f"partials/{name}.j2").module
        setattr(self, name, module)
        return module


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory for every environment ``_environment`` makes.

    Those environments are set up alike, so one language (or a later build in the same
    process, as under ``mkdocs serve``) reuses what another compiled; Jinja compiles
    again when a template's source changed (the bucket's checksum). Jinja applies filters
    to constants while compiling, so a filter that differs by language must take the
    context (``pass_context``), which it never applies then. The code of the
    ``limit`` templates stored last is kept (a project has some 30, of 20 KB each).
    """

    def __init__(self, limit: int = 200) -> None:
        self._code: dict[str, bytes] = {}
        self.limit = limit

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` with the code kept for its template, if any."""
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code of ``bucket``'s template (dropping the oldest beyond ``limit``)."""
        self._code.pop(bucket.key, None)
        self._code[bucket.key] = bucket.bytecode_to_string()
        while len(self._code) > self.limit:
            del self._code[next(iter(self._code))]


_COMPILED = _CompiledTemplates()


def _environment(templates_dir: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        bytecode_cache=_COMPILED,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
        auto_reload=False,
    )
    env.filters["fm"] = fm
    env.tests["safe_href"] = lambda url: safe_href(url) is not None
    return env


def _finalize(value: Any) -> Any:
    """Put every plain string a template prints on one line, without control characters."""
    if type(value) is str or (isinstance(value, str) and not isinstance(value, Markup)):
        return clean(value)
    return value


def _tidy(text: str) -> str:
    """Return a rendered page with the body's lines unindented and without blank lines.

    The body is one raw HTML block: a blank line could end it early, and indentation only
    costs bytes. The about page (hand-written markdown) is kept as written.
    """
    if not text.startswith("---\n"):
        return text
    end = text.index("\n---\n", 3) + 5
    front = "\n".join(line for line in text[:end].splitlines() if line.strip()) + "\n"
    body = text[end:]
    if body.lstrip().startswith("<div"):
        body = "\n".join(line for line in map(str.strip, body.splitlines()) if line) + "\n"
    return front + "\n" + body.lstrip("\n")
