"""The frames around pages: Material's (main.html) and the lean one of product and IKM pages (lean.html).

The lean frame shows a buyer the same page without Material's script (nothing on these pages
uses it): no inline script, a policy that allows none, the site's sections at the foot of the page
instead of a tab strip, one WhatsApp button that floats at the foot of a phone's screen. Every other
page keeps Material's frame and script. The language switch is one link on both (two languages).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.slow

PRODUCT = "produk/sepatu-parahyangan/pantofel-kulit-pria/"
IKM = "ikm/sepatu-parahyangan/"


class _Frame(HTMLParser):
    """What a page's frame holds: scripts, the policy, tabs, the foot's links, WhatsApp buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts = 0
        self.script_sources: list[str] = []
        self.policy = ""
        self.tabs = 0
        self.sitenav: list[str] = []
        self.whatsapp_buttons: list[str] = []
        self.language_links: list[str] = []
        self.home_links: list[str] = []
        self._in_sitenav = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "script":
            if "src" in a:
                self.script_sources.append(a["src"])
            elif a.get("type") not in ("application/ld+json", "application/json"):
                self.inline_scripts += 1
        elif tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.policy = a.get("content", "")
        elif tag == "nav" and "md-tabs" in classes:
            self.tabs += 1
        elif tag == "nav" and "et-sitenav" in classes:
            self._in_sitenav = True
        elif tag == "a" and self._in_sitenav:
            self.sitenav.append(a["href"])
        elif tag == "a" and "et-wa" in classes:
            self.whatsapp_buttons.append(a["href"])
        elif tag == "a" and "et-lang" in classes:
            self.language_links.append(a["hreflang"])
        elif tag == "a" and "et-home" in classes:
            self.home_links.append(a["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_sitenav = False


def _frame(path: Path) -> _Frame:
    frame = _Frame()
    frame.feed(path.read_text(encoding="utf-8"))
    return frame


def _nav_count(sample_site: Path) -> int:
    return len(yaml.load((sample_site / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"])


@pytest.mark.parametrize("address", [PRODUCT, IKM, "en/" + PRODUCT, "en/" + IKM])
def test_product_and_ikm_pages_have_the_lean_frame(sample_site: Path, address: str) -> None:
    frame = _frame(sample_site / "site" / address / "index.html")
    assert frame.inline_scripts == 0
    assert [src.rsplit("/", 1)[-1] for src in frame.script_sources] == ["shortlist.js"]
    assert "script-src 'self' 'wasm-unsafe-eval';" in frame.policy and "sha256-" not in frame.policy
    assert frame.tabs == 0
    assert len(frame.sitenav) == _nav_count(sample_site)  # every section, at the foot of the page
    assert frame.language_links == ["id" if address.startswith("en/") else "en"]


def test_a_product_page_has_one_whatsapp_button_and_it_floats(sample_site: Path) -> None:
    html = (sample_site / "site" / PRODUCT / "index.html").read_text(encoding="utf-8")
    frame = _frame(sample_site / "site" / PRODUCT / "index.html")
    assert len(frame.whatsapp_buttons) == 1 and "?text=" in frame.whatsapp_buttons[0]
    assert '<p class="et-cta et-cta--float"><a class="et-wa"' in html


@pytest.mark.parametrize("address", ["", "kategori/fesyen/", "sentra/cibaduyut/", "en/"])
def test_other_pages_keep_materials_frame_and_script(sample_site: Path, address: str) -> None:
    frame = _frame(sample_site / "site" / address / "index.html")
    assert any(re.search(r"bundle\.[0-9a-f]+\.min\.js$", src) for src in frame.script_sources)
    assert frame.inline_scripts == 1 and "sha256-" in frame.policy  # Material's, allowed by its hash
    assert frame.tabs == 1 and frame.sitenav == []


@pytest.mark.browser
def test_the_floating_whatsapp_button_is_always_in_reach_on_a_phone(page: Page, sample_url: str) -> None:
    """At 390 px the button stays at the foot of the screen while the page scrolls, and at the end
    of the page it covers nothing: the footer's last link is above it. On a desktop it is in place."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(sample_url + PRODUCT)
    button = page.locator(".et-cta--float .et-wa")
    for where in ("0", "document.body.scrollHeight / 2", "document.body.scrollHeight"):
        page.evaluate(f"window.scrollTo(0, {where})")
        expect(button).to_be_in_viewport()
        box = button.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844 + 0.5
    last_link = page.locator(".md-footer a").last
    link_box, bar_box = last_link.bounding_box(), page.locator(".et-cta--float").bounding_box()
    assert link_box is not None and bar_box is not None
    assert link_box["y"] + link_box["height"] <= bar_box["y"], "the floating button covers the footer"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert page.evaluate("getComputedStyle(document.querySelector('.et-cta--float')).position") == "static"


@pytest.mark.parametrize(
    ("address", "home"), [(PRODUCT, "../../.."), (IKM, "../.."), ("kategori/fesyen/", "../.."), ("en/" + IKM, "../../")]
)
def test_the_sites_name_in_the_header_leads_home(sample_site: Path, address: str, home: str) -> None:
    """On a phone Material hides the logo, and the lean frame has no tab strip: the name is the way home."""
    assert _frame(sample_site / "site" / address / "index.html").home_links == [home]
