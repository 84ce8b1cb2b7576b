"""Intake: how a maker without git gets a correct record in, on every path.

- ``forms``: the issue forms (``.github/ISSUE_TEMPLATE/``) and GitHub's rendering of their answers;
- ``product_form``, ``ikm_form``: which question fills which record field, read as people write;
- ``attachments``: attached photos, downloaded from GitHub only and saved clean (``photos.tidy``);
- ``makers``: the IKMs a project holds, named with their sentra and partly masked WhatsApp;
- ``owners``: who speaks for a business; changes from other accounts wait for the maker;
- ``draft``, ``convert``: the conversion itself, checked with the project's own pipeline;
- ``buyer``, ``reply``: the record as buyers read it, the reply on the issue, the pull request body;
- ``preview``: the pull-request check's pages and 390 px screenshots of the changed records;
- ``commands``: ``etalase new``, ``from-issue``, ``photos tidy``, ``owners`` and ``preview``.
"""

from etalase.tools.intake.attachments import ALLOWED_PREFIXES, PhotoLink, download, photo_links, save_photo
from etalase.tools.intake.convert import convert, form_id_of, form_url, load_forms, validate_files
from etalase.tools.intake.draft import Conversion, FormProblem
from etalase.tools.intake.forms import FormError, Question, checked, first_word, load_form, parse_body
from etalase.tools.intake.reply import COMMENT_MARKER, LABEL_APPROVED, comment, pull_request_body

__all__ = [
    "ALLOWED_PREFIXES",
    "COMMENT_MARKER",
    "LABEL_APPROVED",
    "Conversion",
    "FormError",
    "FormProblem",
    "PhotoLink",
    "Question",
    "checked",
    "comment",
    "convert",
    "download",
    "first_word",
    "form_id_of",
    "form_url",
    "load_form",
    "load_forms",
    "parse_body",
    "photo_links",
    "pull_request_body",
    "save_photo",
    "validate_files",
]
