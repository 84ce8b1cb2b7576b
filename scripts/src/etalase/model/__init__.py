"""The typed records every stage passes on.

One pydantic model per record type is the single source of truth: it validates a YAML file and yields
the JSON Schema editors use (``check/schema_export``). Field descriptions double as hints in problem
messages, and ``examples`` show a contributor the expected form. Rules inside one record live here as
validators; rules that need several records live in ``check``.

- ``fields``: field types every record shares (slugs, bilingual texts, units, prices, certificates);
- ``product``, ``ikm``, ``sentra``, ``festival``, ``site``: one module per record file;
- ``catalog``: the validated catalogue passed from ``check`` to the later stages;
- ``notation``: numbers, quantities and days as people write them (``85rb``, ``2 lusin``); ``phone``: WhatsApp numbers;
- ``problems``: problems as ``path:line: field: what is wrong — how to fix``, in both languages;
- ``lines``: where each key of a record file is.
"""

from etalase.model.festival import BOOTH_PATTERN, BOOTH_PRODUCTS_MAX, Booth, BoothNote, Festival, FestivalDates, Venue
from etalase.model.fields import (
    COUNTRY_PATTERN,
    EMAIL_PATTERN,
    GITHUB_PATTERN,
    HS_CODE_PATTERN,
    HTTP_URL_PATTERN,
    INSTAGRAM_PATTERN,
    LANGUAGE_PATTERN,
    MEDIA_URL_PATTERN,
    NIB_PATTERN,
    PRODUCT_RESERVED,
    RESERVED_SLUGS,
    SLUG_PATTERN,
    UNIT_PIECES,
    WHATSAPP_PATTERN,
    Certificate,
    CertificateType,
    Days,
    Grams,
    HttpUrl,
    LongText,
    Name,
    Photo,
    PriceBand,
    Quantity,
    Rupiah,
    ShortText,
    Slug,
    Strict,
    Text,
    TextList,
    TradeUnit,
    Unit,
    UsdBand,
    Whole,
    rule,
)
from etalase.model.ikm import Contacts, GitHubAccount, Ikm, Location, Marketplace
from etalase.model.product import ExportInfo, FoodInfo, Product, Variants
from etalase.model.sentra import Coordinates, Office, Sentra
from etalase.model.site import Category, CategoryList, CertificateInfo, CertificateList, DataLicence, SiteText

__all__ = [
    "BOOTH_PATTERN",
    "BOOTH_PRODUCTS_MAX",
    "COUNTRY_PATTERN",
    "EMAIL_PATTERN",
    "GITHUB_PATTERN",
    "HS_CODE_PATTERN",
    "HTTP_URL_PATTERN",
    "INSTAGRAM_PATTERN",
    "LANGUAGE_PATTERN",
    "MEDIA_URL_PATTERN",
    "NIB_PATTERN",
    "PRODUCT_RESERVED",
    "RESERVED_SLUGS",
    "SLUG_PATTERN",
    "UNIT_PIECES",
    "WHATSAPP_PATTERN",
    "Booth",
    "BoothNote",
    "Category",
    "CategoryList",
    "Certificate",
    "CertificateInfo",
    "CertificateList",
    "CertificateType",
    "Contacts",
    "Coordinates",
    "DataLicence",
    "Days",
    "ExportInfo",
    "Festival",
    "FestivalDates",
    "FoodInfo",
    "GitHubAccount",
    "Grams",
    "HttpUrl",
    "Ikm",
    "Location",
    "LongText",
    "Marketplace",
    "Name",
    "Office",
    "Photo",
    "PriceBand",
    "Product",
    "Quantity",
    "Rupiah",
    "Sentra",
    "ShortText",
    "SiteText",
    "Slug",
    "Strict",
    "Text",
    "TextList",
    "TradeUnit",
    "Unit",
    "UsdBand",
    "Variants",
    "Venue",
    "Whole",
    "rule",
]
