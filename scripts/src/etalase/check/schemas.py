"""Each record file against its schema: the model of every record kind, and one problem per schema error."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from etalase.check.schema_errors import problems_from_error
from etalase.model import (
    CategoryList,
    CertificateList,
    Festival,
    Forum,
    Ikm,
    Product,
    Sentra,
    SiteText,
    SynonymList,
)
from etalase.model.problems import Problem
from etalase.source.load import Kind, RawRecord

MODELS: dict[Kind, type[BaseModel]] = {
    Kind.product: Product,
    Kind.ikm: Ikm,
    Kind.sentra: Sentra,
    Kind.categories: CategoryList,
    Kind.certificates: CertificateList,
    Kind.site: SiteText,
    Kind.festival: Festival,
    Kind.synonyms: SynonymList,
    Kind.forum: Forum,
}


M = TypeVar("M", bound=BaseModel)


def validate_record(raw: RawRecord) -> tuple[BaseModel | None, list[Problem]]:
    """Return the model built from one raw record, or ``None`` and its problems."""
    model = MODELS[raw.kind]
    try:
        return model.model_validate(raw.data), []
    except ValidationError as error:
        return None, problems_from_error(raw.path, model, error, raw.lines)
