"""The "IKM baru" form: a new maker registers without git; which question fills which field of ``ikm.yml``.

The answers are read as people write them: ``0812 3456 7890`` becomes ``+6281234567890``,
``@rajutmekar`` the Instagram name, a marketplace link its shop; the submitter's GitHub account
is the first account that speaks for the business.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from etalase.model.ikm import github_login
from etalase.model.phone import read_whatsapp
from etalase.model.problems import Msg
from etalase.tools.intake.draft import Draft
from etalase.tools.intake.forms import checked, first_word, items, lines_of

OTHER_SENTRA = "lainnya"
# Form field id → where its answer goes in the IKM record ("*" = a helper step).
FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name",),
    "slug": ("slug",),
    "sentra": ("sentra",),
    "sentra_other": ("*sentra_other",),
    "city": ("location", "city"),
    "kecamatan": ("location", "kecamatan"),
    "kelurahan": ("location", "kelurahan"),
    "whatsapp": ("contacts", "whatsapp"),
    "instagram": ("contacts", "instagram"),
    "email": ("contacts", "email"),
    "website": ("contacts", "website"),
    "marketplaces": ("contacts", "marketplaces"),
    "nib": ("nib",),
    "founded": ("founded",),
    "workers": ("workers",),
    "about_id": ("about", "id"),
    "about_en": ("about", "en"),
    "languages": ("languages",),
    "logo": ("logo", "file"),
    "logo_alt": ("logo", "alt", "id"),
    "github_accounts": ("github_accounts",),
}
SHOP_NAMES = {
    "tokopedia": "Tokopedia",
    "shopee": "Shopee",
    "lazada": "Lazada",
    "bukalapak": "Bukalapak",
    "blibli": "Blibli",
}


def fill_ikm(draft: Draft, slug: str, author: str, today: dt.date) -> None:
    """Put every answer of the IKM form into the record values, in the schema's shape."""
    draft.values.update({"slug": slug})
    for form_id in ("name", "city", "kecamatan", "kelurahan", "email", "website", "about_id", "about_en"):
        draft.put(form_id, draft.get(form_id))
    _sentra(draft)
    draft.read("whatsapp", read_whatsapp)
    instagram = re.sub(r"^(?:https?://)?(?:www\.)?instagram\.com/", "", draft.get("instagram")).strip("/ ")
    draft.put("instagram", instagram.removeprefix("@"))
    draft.put("marketplaces", [_shop(line) for line in lines_of(draft.get("marketplaces"))])
    nib = draft.get("nib")
    draft.put("nib", re.sub(r"[\s.\-]", "", nib) if re.fullmatch(r"[\d\s.\-]+", nib) else nib)
    for form_id in ("founded", "workers"):
        draft.put(form_id, _whole(draft.get(form_id)))
    question = draft.questions.get("languages")
    ticked = checked(draft.get("languages"), question.options if question else ())
    codes = [m.group(1) for i in ticked if question and (m := re.search(r"\((\w+)\)\s*$", question.options[i]))]
    draft.put("languages", codes or ["id"])
    accounts = [author] if author else []
    for account in items(draft.get("github_accounts").replace(" ", ",")):
        login = str(github_login(account))
        if login.lower() not in {a.lower() for a in accounts}:
            accounts.append(login)
    draft.put("github_accounts", accounts)
    draft.values["last_verified"] = today


def _sentra(draft: Draft) -> None:
    sentra = first_word(draft.get("sentra"))
    if sentra != OTHER_SENTRA:
        draft.put("sentra", sentra)
        return
    other = draft.get("sentra_other") or "?"
    draft.problem(
        "sentra",
        Msg(
            f"sentra '{other}' belum ada di katalog — pengelola menambahkannya dulu (file sentra/…); Anda tidak "
            "perlu mengubah apa pun, issue ini diperiksa lagi setelah sentra itu ada",
            f"the sentra '{other}' is not in the catalogue yet — a maintainer adds it first (a file in sentra/); "
            "you need not change anything, this issue is checked again once that sentra exists",
        ),
    )


def _shop(line: str) -> dict[str, str]:
    """Return a marketplace shop from ``Tokopedia https://…`` or a bare link (named after its host)."""
    url = next((w for w in line.split() if w.startswith(("http://", "https://"))), "")
    name = line.replace(url, "").strip(" -:—") if url else ""
    if not url:
        return {"name": line, "url": line}
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return {"name": name or SHOP_NAMES.get(host.split(".")[0], host), "url": url}


def _whole(answer: str) -> int | str:
    """Return a year or a head count as written (``2009``, ``12 orang``), or the answer for the check to refuse."""
    match = re.fullmatch(
        r"(?:sejak|tahun|th\.?)?\s*(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:orang|pekerja|karyawan)?", answer.strip(), re.I
    )
    return int(match.group(1).replace(".", "")) if match else answer
