"""WhatsApp numbers as Indonesians write them: ``+62 812-3456-7890``, ``0812 3456 7890``, ``62812…``.

``read_whatsapp`` returns the number in international form (``+6281234567890``) or raises
``notation.NotationError`` quoting the value exactly as written (an unquoted ``+62…`` in YAML
keeps its ``+``: see ``notation.WrittenInt``). ``masked_whatsapp`` names a maker in public.
"""

from __future__ import annotations

import re
from typing import Any

from etalase.model.notation import NotationError, as_written, quoted
from etalase.model.problems import Msg

_WA_EXAMPLE = "+62 812-3456-7890"


def read_whatsapp(value: Any) -> str:
    """Return a WhatsApp number in international form: ``0812-3456-7890`` → ``+6281234567890``."""
    text = as_written(value).strip()
    cleaned = re.sub(r"^(?:https?://)?(?:wa\.me/|api\.whatsapp\.com/send\?phone=)", "", text)
    cleaned = re.sub(r"[\s\-–.()/]", "", cleaned)
    if cleaned.startswith("+"):
        digits = cleaned[1:]
    elif cleaned.startswith("00"):
        digits = cleaned[2:]
    elif cleaned.startswith("0"):
        digits = "62" + cleaned[1:]
    elif cleaned.startswith("8") and cleaned.isdigit():
        raise _refuse(
            f"{quoted(value)} tanpa kode negara — jika ini nomor Indonesia, tulis +62{cleaned} (atau 0{cleaned})",
            f"{quoted(value)} has no country code — if it is an Indonesian number, write +62{cleaned} (or 0{cleaned})",
        )
    else:
        digits = cleaned
    if not digits.isdigit() or not re.fullmatch(r"[1-9]\d{7,14}", digits):
        raise _refuse(
            f"{quoted(value)} bukan nomor WhatsApp — tulis nomor lengkap, mis. {_WA_EXAMPLE} atau 0812 3456 7890",
            f"{quoted(value)} is not a WhatsApp number — write the whole number, e.g. {_WA_EXAMPLE} or 0812 3456 7890",
        )
    if digits.startswith("62") and not 9 <= len(digits) - 2 <= 12:
        what = ("terlalu pendek", "too short") if len(digits) - 2 < 9 else ("terlalu panjang", "too long")
        raise _refuse(
            f"{quoted(value)} {what[0]} untuk nomor Indonesia — periksa digitnya, mis. {_WA_EXAMPLE}",
            f"{quoted(value)} is {what[1]} for an Indonesian number — check the digits, e.g. {_WA_EXAMPLE}",
        )
    return "+" + digits


def _refuse(id_text: str, en_text: str) -> NotationError:
    return NotationError(Msg(id_text, en_text))


def masked_whatsapp(number: str) -> str:
    """Return a WhatsApp number with its middle hidden, to name a maker in public: ``+62 812-••••-7890``."""
    digits = number.lstrip("+")
    country = "62" if digits.startswith("62") else digits[:2]
    rest = digits[len(country) :]
    if len(rest) < 7:
        return f"+{country} ••••"
    return f"+{country} {rest[:3]}-••••-{rest[-4:]}"
