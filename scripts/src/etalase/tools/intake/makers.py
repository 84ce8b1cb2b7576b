"""The makers (IKMs) a project holds, as the intake paths name them to the people who write in.

A reply never lists a product under a business by a guess: it names the business with its sentra
and its WhatsApp number, partly masked (``+62 812-••••-7890``), so a maker sees at once whether it
is theirs. Read from the record files as they are (``ikm.yml`` and ``sentra/*.yml``), valid or not.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etalase.model.ikm import github_login
from etalase.model.notation import NotationError
from etalase.model.phone import masked_whatsapp, read_whatsapp
from etalase.model.problems import Msg
from etalase.source.yamlsafe import YamlError, parse
from etalase.tools.scaffold import slugify


@dataclass(frozen=True)
class Maker:
    """One IKM as a reply names it."""

    slug: str
    name: str
    sentra: str  # the sentra's name (its slug when the sentra file is unknown)
    whatsapp: str = ""  # international form; "" when the record's number cannot be read
    accounts: tuple[str, ...] = ()  # GitHub accounts that speak for it, lowercase

    @property
    def masked_whatsapp(self) -> str:
        """Return the WhatsApp number with its middle hidden, or "—"."""
        return masked_whatsapp(self.whatsapp) if self.whatsapp else "—"

    def named(self) -> Msg:
        """Return "Rajut Sinar Binong (Sentra Rajut Binong Jati, WhatsApp +62 812-••••-7890)"."""
        return Msg(
            f"{self.name} (sentra {self.sentra}, WhatsApp {self.masked_whatsapp})",
            f"{self.name} (sentra {self.sentra}, WhatsApp {self.masked_whatsapp})",
        )

    def speaks(self, login: str) -> bool:
        """Return whether the GitHub account ``login`` is one that speaks for this IKM."""
        return bool(login) and login.lower() in self.accounts


def maker_from_data(slug: str, data: Mapping[str, Any], sentra_names: Mapping[str, str]) -> Maker:
    """Return the maker an ``ikm.yml``'s raw ``data`` describes (fields that cannot be read left empty)."""
    contacts = data.get("contacts")
    whatsapp = ""
    if isinstance(contacts, dict) and contacts.get("whatsapp") is not None:
        try:
            whatsapp = read_whatsapp(contacts["whatsapp"])
        except NotationError:
            whatsapp = ""
    accounts = data.get("github_accounts")
    logins = tuple(
        str(github_login(a)).lower() for a in (accounts if isinstance(accounts, list) else []) if isinstance(a, str)
    )
    sentra = str(data.get("sentra") or "")
    return Maker(slug, str(data.get("name") or slug), sentra_names.get(sentra, sentra or "?"), whatsapp, logins)


def sentra_names(root: Path) -> dict[str, str]:
    """Return sentra slug → name for the files in ``root/sentra``."""
    names = {}
    for path in sorted((root / "sentra").glob("*.yml")):
        data = _read(path.read_bytes())
        names[path.stem] = str(data.get("name") or path.stem)
    return names


def read_makers(root: Path) -> dict[str, Maker]:
    """Return every IKM of the project at ``root`` by its folder name."""
    names = sentra_names(root)
    makers = {}
    for path in sorted((root / "products").glob("*/ikm.yml")):
        makers[path.parent.name] = maker_from_data(path.parent.name, _read(path.read_bytes()), names)
    return makers


def _read(raw: bytes) -> dict[str, Any]:
    try:
        data, _ = parse(raw)
    except YamlError:
        return {}
    return data


def find_maker(answer: str, makers: Mapping[str, Maker]) -> Maker | None:
    """Return the maker an answer names exactly (its folder name or business name), or None."""
    wanted = answer.strip()
    for maker in makers.values():
        if wanted.casefold() in {maker.slug, maker.name.casefold()} or slugify(wanted) in {
            maker.slug,
            slugify(maker.name),
        }:
            return maker
    return None


def close_makers(answer: str, makers: Mapping[str, Maker], n: int = 3) -> list[Maker]:
    """Return the makers whose name or folder name is close to ``answer``."""
    by_label = {m.slug: m for m in makers.values()} | {m.name: m for m in makers.values()}
    close = difflib.get_close_matches(answer.strip(), list(by_label), n=n * 2, cutoff=0.5)
    found: list[Maker] = []
    for label in close:
        if by_label[label] not in found:
            found.append(by_label[label])
    return found[:n]
