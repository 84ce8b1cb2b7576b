"""The reply on a form's issue, and the body of the pull request an approved form becomes.

The reply says what to fix, each problem named by its question; whose folder the record goes into
(the business, its sentra and its WhatsApp number partly masked); whether the submitter speaks for
that business; the record as buyers will read it; and, for a maintainer, what opens the pull request.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from etalase.model import Ikm, Product
from etalase.model.problems import Msg, Severity
from etalase.source.yamlsafe import YamlError, parse
from etalase.tools.intake.buyer import ikm_rows, product_rows, safe, table
from etalase.tools.intake.convert import form_url
from etalase.tools.intake.draft import Conversion, FormProblem

COMMENT_MARKER = "<!-- etalase:issue-form -->"
LABEL_APPROVED = "disetujui"


def _fence(text: str) -> str:
    longest = max((len(m.group(0)) for m in re.finditer(r"`{3,}", text)), default=2)
    return "`" * (longest + 1)


def comment(
    conversion: Conversion, out: Path, *, issue: str = "", repo: str = "", templates: Path | None = None
) -> str:
    """Return the markdown comment that tells the maker what to fix, or the maintainer what to approve."""
    errors = conversion.errors
    warnings = [p for p in conversion.problems if p.severity is not Severity.error]
    what = ("Data produk", "Product data") if conversion.kind == "product" else ("Data IKM", "IKM data")
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
    else:
        lines += [f"### ✅ {what[0]} lengkap / {what[1]} complete", ""]
    lines += _whose(conversion, repo)
    lines += _problem_list(errors)
    if warnings:
        lines += ["", "**Catatan / Notes**", "", *_problem_list(warnings)]
    lines += _as_buyers_read_it(conversion, templates)
    lines += _record(conversion, out)
    if not errors:
        lines += ["", *_next_steps(conversion, issue)]
    return "\n".join(lines) + "\n"


def _whose(conversion: Conversion, repo: str) -> list[str]:
    """Return the lines naming the business the record goes to, and whether the submitter speaks for it."""
    lines: list[str] = []
    maker = conversion.maker
    if maker is not None and conversion.kind == "product":
        named = safe(maker.named().id)
        lines += [
            f"**Tercantum atas nama / Listed under:** {named} — halaman / page `/ikm/{maker.slug}/`. "
            "Bukan usaha Anda? Perbaiki jawaban *Nama atau slug IKM*. / Not your business? Correct the IKM answer.",
            "",
        ]
    elif maker is not None:
        lines += [
            f"**IKM baru / New IKM:** {safe(maker.named().id)} — halaman setelah terbit / page once published: "
            f"`/ikm/{maker.slug}/`. Setelah itu tambahkan produk dengan formulir Produk baru / then add products "
            f"with the New product form: {form_url(repo, 'product')}",
            "",
        ]
    if conversion.standing is not None:
        message = conversion.standing.message
        lines += [f"**Konfirmasi IKM / Maker confirmation:** {safe(message.id)}  ", f"_{safe(message.en)}_", ""]
    return lines


def _problem_list(problems: Iterable[FormProblem]) -> list[str]:
    lines = []
    for problem in problems:
        where = f" (`{problem.field}`)" if problem.field else ""
        lines.append(f"- **{safe(problem.label)}**{where}: {safe(problem.message.id)}  ")
        if problem.message.en != problem.message.id:
            lines.append(f"  _{safe(problem.message.en)}_")
    return lines


def _validated(conversion: Conversion) -> Product | Ikm | None:
    if not conversion.ok or conversion.record is None:
        return None
    try:
        data, _ = parse(conversion.record.read_bytes())
        model = Product if conversion.kind == "product" else Ikm
        return model.model_validate(data)
    except (YamlError, ValueError):
        return None


def _as_buyers_read_it(conversion: Conversion, templates: Path | None) -> list[str]:
    record = _validated(conversion)
    if record is None or templates is None or not templates.is_dir():
        return []
    sentra = conversion.maker.sentra if conversion.maker else ""
    if isinstance(record, Product):
        maker = conversion.maker.name if conversion.maker else record.ikm
        title_id = f"{record.name.get('id')} — {maker}"
        rows = product_rows(record, templates, "id")
    else:
        title_id = record.name
        rows = ikm_rows(record, sentra, templates, "id")
    return [
        "",
        "<details><summary>Beginilah pembeli membacanya / As buyers will read it</summary>",
        "",
        *table(title_id, rows),
        "</details>",
    ]


def _record(conversion: Conversion, out: Path) -> list[str]:
    if conversion.record is None or not conversion.record.is_file():
        return []
    rel = conversion.record.relative_to(out).as_posix()
    text = conversion.record.read_text(encoding="utf-8")
    fence = _fence(text)
    photos = ", ".join(f"`{p.relative_to(out).as_posix()}`" for p in conversion.photos) or "—"
    return [
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


def _next_steps(conversion: Conversion, issue: str) -> list[str]:
    if conversion.waiting:
        return [
            "Pengelola menunggu konfirmasi IKM sebelum menerbitkan. / A maintainer waits for the maker's "
            "confirmation before publishing.",
        ]
    steps = [
        "Terima kasih! Pengelola katalog akan memeriksa dan menerbitkannya.  ",
        "_Thank you! A catalogue maintainer will review and publish it._",
        "",
        "<details><summary>Untuk pengelola / for maintainers</summary>",
        "",
        f"Beri label `{LABEL_APPROVED}`: alur kerja membuat pull request dari jawaban ini (dengan konverter "
        f"dari main). / Apply the label `{LABEL_APPROVED}`: a workflow opens the pull request from these "
        "answers (with main's converter).",
    ]
    if issue:
        steps.append(f"Artefak / artifact: `formulir-{issue}`.")
    return [*steps, "</details>"]


def pull_request_body(conversion: Conversion, out: Path, *, issue: str, author: str, templates: Path | None) -> str:
    """Return the body of the pull request an approved form becomes."""
    files = [conversion.record, *conversion.photos] if conversion.record else conversion.photos
    listed = "\n".join(f"- `{p.relative_to(out).as_posix()}`" for p in files)
    lines = [
        f"Dari formulir issue #{issue}, dikirim oleh `{author}`. / From the issue form #{issue}, sent by `{author}`.",
        "",
        f"Closes #{issue}",
        "",
        listed,
        "",
        *_whose(conversion, ""),
        *_as_buyers_read_it(conversion, templates),
        "",
        "Pemeriksaan pull request tidak berjalan sendiri untuk pull request yang dibuat alur kerja: tutup lalu "
        "buka lagi pull request ini untuk menjalankannya (dengan pratinjau halaman). / Pull request checks do not "
        "start by themselves on a pull request a workflow opened: close and reopen it to run them (with the page "
        "preview).",
    ]
    return "\n".join(lines) + "\n"


def problems_text(problems: Iterable[FormProblem]) -> list[str]:
    """Return the problems as ``label: field: message`` lines for a terminal."""
    return [f"{p.label}: {p.field}: {Msg(p.message.id, p.message.en).get('both')}" for p in problems]
