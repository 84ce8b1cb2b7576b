"""The typed records every stage passes on.

One pydantic model per record type is the single source of truth: it validates a YAML file and yields
the JSON Schema editors use (``check/schema_export``). Field descriptions double as hints in problem
messages, and ``examples`` show a contributor the expected form. Rules inside one record live here as
validators; rules that need several records live in ``check``.

- ``fields``: field types every record shares (slugs, bilingual texts, units, prices, certificates);
- ``product``, ``ikm``, ``sentra``, ``festival``, ``forum``, ``site``: one module per record file
  (``capabilities``: what an IKM can make, a block of its record);
- ``catalog``: the validated catalogue passed from ``check`` to the later stages;
- ``problems``: problems as ``path:line: field: what is wrong — how to fix``, in both languages;
- ``lines``: where each key of a record file is.
"""

from etalase.model.capabilities import Capabilities, CapabilityList, Materials, Processes
from etalase.model.festival import BOOTH_PATTERN, BOOTH_PRODUCTS_MAX, Booth, BoothNote, Festival, FestivalDates, Venue
from etalase.model.fields import (
    BASE_LANG,
    COUNTRY_PATTERN,
    EMAIL_PATTERN,
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
    HttpUrl,
    LongText,
    Name,
    Photo,
    PriceBand,
    Quantity,
    ShortText,
    Slug,
    Strict,
    Text,
    TextList,
    Unit,
    UsdBand,
    Whole,
    rule,
)
from etalase.model.forum import (
    SLOTS_MAX,
    ClockTime,
    Facilitator,
    Firm,
    Forum,
    ForumText,
    Hours,
    Meeting,
    Need,
    Outcome,
    OutcomeKind,
    Request,
    minutes,
)
from etalase.model.ikm import Contacts, Ikm, Location, Marketplace
from etalase.model.product import ExportInfo, FoodInfo, Product, Variants
from etalase.model.sentra import Coordinates, Office, Sentra
from etalase.model.site import Category, CategoryList, CertificateInfo, CertificateList, DataLicence, SiteText
from etalase.model.synonyms import SynonymList, Synonyms

__all__ = [
    "BASE_LANG",
    "BOOTH_PATTERN",
    "BOOTH_PRODUCTS_MAX",
    "COUNTRY_PATTERN",
    "EMAIL_PATTERN",
    "HS_CODE_PATTERN",
    "HTTP_URL_PATTERN",
    "INSTAGRAM_PATTERN",
    "LANGUAGE_PATTERN",
    "MEDIA_URL_PATTERN",
    "NIB_PATTERN",
    "PRODUCT_RESERVED",
    "RESERVED_SLUGS",
    "SLOTS_MAX",
    "SLUG_PATTERN",
    "UNIT_PIECES",
    "WHATSAPP_PATTERN",
    "Booth",
    "BoothNote",
    "Capabilities",
    "CapabilityList",
    "Category",
    "CategoryList",
    "Certificate",
    "CertificateInfo",
    "CertificateList",
    "CertificateType",
    "ClockTime",
    "Contacts",
    "Coordinates",
    "DataLicence",
    "ExportInfo",
    "Facilitator",
    "Festival",
    "FestivalDates",
    "Firm",
    "FoodInfo",
    "Forum",
    "ForumText",
    "Hours",
    "HttpUrl",
    "Ikm",
    "Location",
    "LongText",
    "Marketplace",
    "Materials",
    "Meeting",
    "Name",
    "Need",
    "Office",
    "Outcome",
    "OutcomeKind",
    "Photo",
    "PriceBand",
    "Processes",
    "Product",
    "Quantity",
    "Request",
    "Sentra",
    "ShortText",
    "SiteText",
    "Slug",
    "Strict",
    "SynonymList",
    "Synonyms",
    "Text",
    "TextList",
    "Unit",
    "UsdBand",
    "Variants",
    "Venue",
    "Whole",
    "minutes",
    "rule",
]
