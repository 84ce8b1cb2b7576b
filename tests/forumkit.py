"""A small valid forum for the mini project (tests/fixtures/mini), and helpers the forum tests share."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY
from etalase.check.validate import validate_catalog
from etalase.model.catalog import Catalog
from etalase.model.problems import Problem
from etalase.source.load import load_records

FORUM_PATH = "catalog/forums/temu-contoh.yml"

MINI_FORUM = """\
slug: temu-contoh
name:
  id: Temu Usaha Contoh 2026
  en: Sample Business Forum 2026
organizer: Dinas Perdagangan dan Perindustrian Kota Contoh
facilitator:
  name: Ibu Fasilitator
  whatsapp: "+6280000000900"
venue:
  name: Gedung Contoh
  city: Kota Bandung
date: 2026-11-12
hours:
  start: "08:30"
  end: "12:00"
slot_minutes: 20
slots: ["09:00", "09:30", "10:00"]
tables: 3
firms:
  - slug: pt-contoh
    name: PT Contoh Industri
    illustrative: true
    sector:
      id: Otomotif
      en: Automotive
    city: Kota Bandung
    needs:
      - slug: rompi
        what:
          id: Rompi rajut seragam
          en: Knitted uniform vests
        category: rajut
        specification:
          id: Rompi rajut abu-abu dengan logo.
          en: Grey knitted vests with the logo.
        processes:
          id: [rajut komputer]
          en: [computerised knitting]
        volume:
          quantity: 50
          unit: lusin
        price:
          min: 80000
          max: 110000
          unit: pcs
        delivery_city: Kota Bandung
  - slug: pt-boga
    name: PT Boga Contoh
    sector:
      id: Jasa boga
      en: Catering
    city: Kota Cimahi
    needs:
      - slug: camilan
        what:
          id: Camilan kemasan
          en: Packed snacks
        category: makanan
        specification:
          id: Camilan untuk snack box rapat.
        certificates: [halal]
        volume:
          quantity: 2000
          unit: pack
        delivery_city: Kota Cimahi
ikms:
  - rajut-contoh
  - dapur-contoh
requests:
  - {firm: pt-contoh, ikm: rajut-contoh, need: rompi, priority: 1}
  - {firm: pt-boga, ikm: dapur-contoh, need: camilan}
schedule:
  - {slot: "09:00", table: 1, firm: pt-contoh, ikm: rajut-contoh, need: rompi}
  - {slot: "09:00", table: 2, firm: pt-boga, ikm: dapur-contoh, need: camilan}
outcomes:
  - {firm: pt-contoh, ikm: rajut-contoh, need: rompi, kind: order, value: 60000000}
"""


def write_forum(root: Path, text: str = MINI_FORUM, name: str = "temu-contoh") -> Path:
    """Write a forum file into the project at ``root``; return its path."""
    path = root / "catalog" / "forums" / f"{name}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def validated(root: Path, today=TODAY) -> tuple[Catalog | None, list[Problem]]:
    """Return the project's catalogue and all its problems (load and validate)."""
    records, problems = load_records(root)
    catalog, found = validate_catalog(records, today)
    return catalog, problems + found


def add_capabilities(root: Path, slug: str, block: str) -> None:
    """Put a ``capabilities:`` block (YAML text, indented from column 0) into an IKM's record."""
    path = root / "products" / slug / "ikm.yml"
    text = path.read_text(encoding="utf-8")
    marker = "last_verified:"
    at = text.index("\n" + marker) + 1
    path.write_text(text[:at] + block.rstrip("\n") + "\n" + text[at:], encoding="utf-8")
