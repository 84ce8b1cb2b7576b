"""Catalogue-wide records: ``catalog/site.yml``, ``catalog/categories.yml``, ``catalog/certificates.yml``."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from etalase.model.fields import (
    COUNTRY_PATTERN,
    MEDIA_URL_PATTERN,
    REPOSITORY_PATTERN,
    CertificateType,
    HttpUrl,
    Name,
    Rupiah,
    ShortText,
    Slug,
    Strict,
    Text,
    WhatsApp,
)


class Category(Strict):
    """A product category, listed in ``catalog/categories.yml``."""

    slug: Slug
    name: Name = Field(description="Category name / nama kategori")
    description: Text = Field(description="What the category holds / isi kategori")
    food: bool = Field(default=False, description="Products need the food block (P-IRT / BPOM rules)")
    price_floor: Rupiah | None = Field(
        default=None,
        ge=1,
        le=1_000_000_000,
        description="The lowest plausible price per piece in rupiah (a lusin is 12 pieces, a kodi 20): a lower "
        "price is refused as a likely typing mistake (150 for 150.000) / harga terendah yang wajar per buah",
        examples=[5000],
    )


class CertificateInfo(Strict):
    """How a certificate type is shown, listed in ``catalog/certificates.yml``."""

    type: CertificateType
    name: Name
    description: Text
    has_expiry: bool


class CategoryList(Strict):
    """The file ``catalog/categories.yml``."""

    categories: list[Category] = Field(min_length=1)


class CertificateList(Strict):
    """The file ``catalog/certificates.yml``."""

    certificates: list[CertificateInfo] = Field(min_length=1)


class DataLicence(Strict):
    """The licence of the open data files (``data/``): its name and where its text is."""

    name: ShortText = Field(description="Licence name / nama lisensi", examples=["CC BY 4.0"])
    url: HttpUrl = Field(
        description="The licence text / teks lisensi", examples=["https://creativecommons.org/licenses/by/4.0/"]
    )


class PhotoSizes(Strict):
    """How large the site's photos are made (``photos:`` in ``catalog/site.yml``). The defaults keep
    the measured quality (docs/photos.md); smaller values trade sharpness for bytes, for a catalogue
    that must fit GitHub Pages with its photos. Changing one remakes every photo once."""

    quality: int = Field(
        default=80,
        ge=50,
        le=95,
        description="WebP quality of the gallery and card photos / kualitas WebP foto (50–95)",
        examples=[80],
    )
    largest_width: int = Field(
        default=1280,
        ge=800,
        le=2000,
        description="Width in pixels of a photo's largest file / lebar file foto terbesar dalam piksel",
        examples=[1280],
    )
    card_width: int = Field(
        default=1200,
        ge=600,
        le=1200,
        description="Width of the share card that chat apps show for a link, 1.9 : 1 / lebar kartu bagikan",
        examples=[1200],
    )
    card_quality: int = Field(
        default=85,
        ge=60,
        le=95,
        description="JPEG quality of the share card / kualitas JPEG kartu bagikan (60–95)",
        examples=[85],
    )


class SiteText(Strict):
    """The file ``catalog/site.yml``: the catalogue's name, tagline and featured sentra."""

    title: Name
    tagline: Text
    notice: Text = Field(description="Shown on every page: the sample businesses are illustrative")
    featured_sentra: list[Slug] = Field(default_factory=list, max_length=12)
    data_licence: DataLicence | None = Field(
        default=None, description="Licence of the open data files / lisensi data terbuka (data/)"
    )
    countries: dict[Annotated[str, Field(pattern=COUNTRY_PATTERN, examples=["MY"])], Name] = Field(
        default_factory=dict,
        description="ISO country code in capitals → its name, e.g. MY / kode negara ISO huruf besar",
    )
    media_url: Annotated[str, Field(pattern=MEDIA_URL_PATTERN)] | None = Field(
        default=None,
        description=(
            "Where the processed photos are published when the site would outgrow GitHub Pages' 1 GB: "
            "an https address ending in /; the build then writes them to media-site/ for that host / "
            "Alamat https (diakhiri /) tempat foto diterbitkan bila situs melebihi 1 GB GitHub Pages"
        ),
        examples=["https://foto.etalase.example.org/"],
    )
    facilitator_whatsapp: WhatsApp | None = Field(
        default=None,
        description=(
            "WhatsApp number of the Dinas facilitator who imports makers' packages from the add-a-product page "
            "(tambah-produk/) / nomor WhatsApp fasilitator Dinas penerima paket produk dari halaman tambah-produk/"
        ),
        examples=["+6281234567890"],
    )
    photos: PhotoSizes = Field(
        default_factory=PhotoSizes,
        description="How large photos are made (defaults keep today's quality) / ukuran foto yang dibuat",
    )
    repository: Annotated[str, Field(pattern=REPOSITORY_PATTERN)] | None = Field(
        default=None,
        description=(
            "The catalogue's GitHub repository: the add-a-product page links its issue form for makers with "
            "a GitHub account / repositori GitHub katalog (tautan formulir issue untuk pembuat yang punya akun)"
        ),
        examples=["https://github.com/etalase-ikm/etalase"],
    )
