"""What an IKM can make: the ``capabilities`` block of ``products/<ikm>/ikm.yml``.

Large firms at a business forum (``model/forum.py``) look for processes and machines, materials,
a monthly capacity and certificates held by the business, not by one product. ``matching`` reads
this block (and the IKM's products) to say which IKMs fit a firm's need, and why.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from etalase.model.fields import Certificate, Quantity, ShortText, Strict, one_certificate_per_type, rule

CAPABILITY_ITEMS_MAX = 12  # processes or materials: a phone screen or an agenda line has room for about this many


class CapabilityList(Strict):
    """Short items in Indonesian and, optionally, English (the same items in the same order)."""

    id: list[ShortText] = Field(
        min_length=1, max_length=CAPABILITY_ITEMS_MAX, description="In Indonesian / dalam bahasa Indonesia"
    )
    en: list[ShortText] | None = Field(
        default=None, max_length=CAPABILITY_ITEMS_MAX, description="In English / dalam bahasa Inggris"
    )

    def get(self, lang: str) -> list[str]:
        """Return the items in ``lang``, falling back to Indonesian."""
        return self.en if lang == "en" and self.en else self.id

    @model_validator(mode="after")
    def _same_length(self) -> CapabilityList:
        if self.en is not None and len(self.en) != len(self.id):
            raise rule(
                f"daftar `en` berisi {len(self.en)} butir, `id` {len(self.id)} — terjemahkan setiap butir "
                "dalam urutan yang sama",
                f"the `en` list has {len(self.en)} items and `id` {len(self.id)} — translate every item "
                "in the same order",
                at=("en",),
            )
        return self


class Processes(CapabilityList):
    """Processes and machines, in Indonesian and, optionally, English."""

    id: list[ShortText] = Field(
        min_length=1,
        max_length=CAPABILITY_ITEMS_MAX,
        description="In Indonesian / dalam bahasa Indonesia",
        examples=[["mesin rajut komputer", "linking"]],
    )
    en: list[ShortText] | None = Field(
        default=None,
        max_length=CAPABILITY_ITEMS_MAX,
        description="In English / dalam bahasa Inggris",
        examples=[["computerised knitting machines", "linking"]],
    )


class Materials(CapabilityList):
    """Materials, in Indonesian and, optionally, English."""

    id: list[ShortText] = Field(
        min_length=1,
        max_length=CAPABILITY_ITEMS_MAX,
        description="In Indonesian / dalam bahasa Indonesia",
        examples=[["benang akrilik", "benang katun"]],
    )
    en: list[ShortText] | None = Field(
        default=None,
        max_length=CAPABILITY_ITEMS_MAX,
        description="In English / dalam bahasa Inggris",
        examples=[["acrylic yarn", "cotton yarn"]],
    )


class Capabilities(Strict):
    """What the business can make: processes and machines, materials, capacity, certificates held."""

    processes: Processes | None = Field(
        default=None,
        description="Processes and machines, e.g. mesin rajut komputer, sablon DTF, jahit konveksi / "
        "proses dan mesin yang dimiliki",
    )
    materials: Materials | None = Field(default=None, description="Materials it works with / bahan yang biasa diolah")
    capacity: Quantity | None = Field(
        default=None,
        description="What the whole workshop makes in a month, with its unit / kapasitas produksi per bulan",
    )
    certificates: list[Certificate] = Field(
        default_factory=list,
        max_length=20,
        description="Certificates the business holds (SNI, Halal, TKDN …) / sertifikat yang dimiliki usaha",
    )

    @model_validator(mode="after")
    def _one_per_type(self) -> Capabilities:
        one_certificate_per_type(self.certificates)
        return self
