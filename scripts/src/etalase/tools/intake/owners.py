"""Who speaks for a business: a change to ``products/<ikm>/`` from another account waits for the maker.

An IKM record lists the GitHub accounts that speak for it (``github_accounts``). A form or a pull
request that touches an IKM's folder from any other account is marked as waiting for that maker's
confirmation — a label and a sentence in the form's reply, a failing "Konfirmasi IKM / Maker
confirmation" check with its summary on a pull request — never passed silently. It is confirmed by
an approving review from one of the maker's accounts or a maintainer (pull requests), or by a
maintainer's label once the maker has said yes (forms). Maintainers' own changes (owner, member,
collaborator) and new IKMs (no folder yet: a maintainer checks them anyway) need no confirmation.

GitHub honours code owners only with write access to the repository, so CODEOWNERS cannot carry
the makers themselves; this check reads the list from the base branch's ``ikm.yml``, so a pull
request cannot add its own author to it.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from etalase.model.problems import Msg
from etalase.source.yamlsafe import YamlError, parse
from etalase.tools.intake.makers import Maker, maker_from_data, sentra_names

TRUSTED = frozenset({"OWNER", "MEMBER", "COLLABORATOR"})  # GitHub's author_association of maintainers
LABEL_WAITING = "menunggu-konfirmasi-ikm"
LABEL_CONFIRMED = "dikonfirmasi-ikm"


@dataclass(frozen=True)
class Approval:
    """An approving review: who gave it, their standing in the repository, and the commit it approved."""

    login: str
    association: str = ""
    commit: str = ""


@dataclass(frozen=True)
class Standing:
    """Whether a change to one IKM's folder may go ahead, and the sentence that says why."""

    slug: str
    maker: Maker | None  # None: a new IKM
    confirmed: bool
    message: Msg


def standing(
    slug: str,
    maker: Maker | None,
    author: str,
    association: str = "",
    approvals: Iterable[Approval] = (),
    *,
    confirmed_label: bool = False,
) -> Standing:
    """Return whether ``author``'s change to the folder of ``maker`` (None: a new IKM) is confirmed."""
    if maker is None:
        return Standing(slug, None, True, MSG_NEW)
    if maker.speaks(author):
        text = f"`{author}` mewakili {maker.name}", f"`{author}` speaks for {maker.name}"
        return Standing(slug, maker, True, Msg(*text))
    if association.upper() in TRUSTED:
        return Standing(
            slug, maker, True, Msg(f"perubahan oleh pengelola `{author}`", f"a maintainer's change (`{author}`)")
        )
    for approval in approvals:
        if maker.speaks(approval.login) or approval.association.upper() in TRUSTED:
            text = f"dikonfirmasi oleh `{approval.login}`", f"confirmed by `{approval.login}`"
            return Standing(slug, maker, True, Msg(*text))
    if confirmed_label:
        text = (
            f"dikonfirmasi oleh pengelola (label {LABEL_CONFIRMED})",
            f"confirmed by a maintainer ({LABEL_CONFIRMED})",
        )
        return Standing(slug, maker, True, Msg(*text))
    return Standing(slug, maker, False, waiting_message(maker, author))


_YES = re.compile(
    r"^\W*(?:saya\s+)?(?:setuju|ya|benar|betul|konfirmasi|dikonfirmasi|confirm(?:ed)?|i\s+confirm|agreed?|yes)\b",
    re.IGNORECASE,
)


def says_yes(comment: str) -> bool:
    """Return whether a comment starts by agreeing: "Setuju", "Ya, benar", "I confirm"."""
    return bool(_YES.match(comment.strip()))


MSG_NEW = Msg(
    "IKM baru — pengelola memeriksa usaha ini (NIB, WhatsApp) sebelum menerbitkannya",
    "a new IKM — a maintainer checks the business (NIB, WhatsApp) before publishing it",
)


def waiting_message(maker: Maker, author: str) -> Msg:
    """Return the sentence of a change waiting for ``maker``'s confirmation."""
    if maker.accounts:
        listed = ", ".join(f"`{a}`" for a in maker.accounts)
        return Msg(
            f"⏳ menunggu konfirmasi {maker.name}: `{author}` bukan akun yang mewakili {maker.name} ({listed}). "
            'Salah satu akun itu perlu menyetujui: di issue dengan komentar "Setuju", di pull request dengan '
            "Review changes → Approve. Bukan usaha Anda? Perbaiki nama IKM",
            f"⏳ waiting for {maker.name} to confirm: `{author}` is not an account that speaks for {maker.name} "
            f'({listed}). One of those accounts must agree: on the issue with a comment "Setuju", on a pull '
            "request with Review changes → Approve. Not your business? Correct the IKM name",
        )
    return Msg(
        f"⏳ menunggu konfirmasi {maker.name}: IKM ini belum mencantumkan akun GitHub (`github_accounts`), "
        f"jadi pengelola menghubungi usaha itu lewat WhatsApp {maker.masked_whatsapp} sebelum menerbitkan. "
        "Bukan usaha Anda? Perbaiki nama IKM",
        f"⏳ waiting for {maker.name} to confirm: this IKM lists no GitHub account (`github_accounts`), so a "
        f"maintainer asks the business on WhatsApp {maker.masked_whatsapp} before publishing. Not your "
        "business? Correct the IKM name",
    )


# --- pull requests -------------------------------------------------------------------------------------


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False, timeout=120)


def changed_files(root: Path, base: str) -> list[str]:
    """Return the files a pull request changes: ``git diff --name-only base HEAD`` (renames as two paths)."""
    result = _git(root, "diff", "--name-only", "--no-renames", "-z", base, "HEAD")
    if result.returncode != 0:
        raise RuntimeError(f"git diff {base} HEAD failed: {result.stderr.decode(errors='replace').strip()}")
    return [p for p in result.stdout.decode("utf-8", "replace").split("\0") if p]


def touched_makers(paths: Iterable[str]) -> list[str]:
    """Return the IKM folders (``products/<ikm>/…``) among ``paths``, in order."""
    slugs: list[str] = []
    for path in paths:
        parts = PurePosixPath(path).parts
        if len(parts) >= 3 and parts[0] == "products" and parts[1] not in slugs:
            slugs.append(parts[1])
    return slugs


def maker_at(root: Path, base: str, slug: str, names: Mapping[str, str]) -> Maker | None:
    """Return the IKM ``slug`` as the base branch records it, or None when the base has no such IKM."""
    shown = _git(root, "show", f"{base}:products/{slug}/ikm.yml")
    if shown.returncode != 0:
        return None
    try:
        data, _ = parse(shown.stdout)
    except YamlError:
        data = {}
    return maker_from_data(slug, data, names)


def read_reviews(text: str, head: str = "") -> list[Approval]:
    """Return the approvals in GitHub's JSON list of reviews (``gh api …/pulls/N/reviews``).

    With ``head`` (the pull request's head commit) only approvals of that commit count: a later
    push needs a new approval.
    """
    try:
        reviews = json.loads(text or "[]")
    except json.JSONDecodeError:
        return []
    approvals = []
    for review in reviews if isinstance(reviews, list) else []:
        if not isinstance(review, dict) or review.get("state") != "APPROVED":
            continue
        if head and review.get("commit_id") != head:
            continue
        login = str((review.get("user") or {}).get("login") or "")
        approvals.append(Approval(login, str(review.get("author_association") or ""), str(review.get("commit_id"))))
    return approvals


def pull_request_standings(
    root: Path, base: str, author: str, association: str = "", approvals: Sequence[Approval] = ()
) -> list[Standing]:
    """Return the standing of a pull request's change to every IKM folder it touches."""
    names = sentra_names(root)
    return [
        standing(slug, maker_at(root, base, slug, names), author, association, approvals)
        for slug in touched_makers(changed_files(root, base))
    ]


def summary(standings: Sequence[Standing]) -> str:
    """Return the check's job summary (markdown, both languages)."""
    if not standings:
        return (
            "### Konfirmasi IKM / Maker confirmation\n\nTidak ada folder IKM yang berubah. / No IKM folder changes.\n"
        )
    waiting = [s for s in standings if not s.confirmed]
    head = "⏳ Menunggu konfirmasi IKM / Waiting for the maker" if waiting else "✅ Dikonfirmasi / Confirmed"
    lines = [f"### {head}", ""]
    for item in standings:
        mark = "✅" if item.confirmed else "⏳"
        lines.append(f"- {mark} `products/{item.slug}/`: {item.message.id}  ")
        lines.append(f"  _{item.message.en}_")
    return "\n".join(lines) + "\n"
