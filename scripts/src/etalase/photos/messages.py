"""Photo problems in plain words, in both languages: what is wrong — how to fix."""

from __future__ import annotations

from PIL import Image

from etalase.model.problems import Msg, Problem
from etalase.photos.refs import PhotoRef


def _mb(size: int, lang: str) -> str:
    text = f"{size / 1_048_576:.1f} MB"
    return text.replace(".", ",") if lang == "id" else text


def msg_missing(name: str, near: str | None) -> Msg:
    if near:
        return Msg(
            f"foto '{name}' tidak ditemukan, tetapi ada '{near}' — samakan nama file persis, "
            "termasuk huruf besar dan kecil",
            f"photo '{name}' not found, but there is '{near}' — make the names match exactly, capital letters included",
        )
    return Msg(
        f"foto '{name}' tidak ditemukan — periksa nama file dan pastikan foto ada di folder yang sama dengan file ini",
        f"photo '{name}' not found — check the file name and put the photo in the same folder as this file",
    )


MSG_BACKSLASH = Msg(
    "nama file memakai garis miring terbalik (\\) — pakai garis miring biasa (/), misalnya foto/kardigan-1.jpg",
    "the file name uses a backslash (\\) — use a forward slash (/), e.g. foto/kardigan-1.jpg",
)


MSG_ABSOLUTE = Msg(
    "alamat foto tidak boleh lengkap dari akar disk — tulis nama filenya saja, "
    "misalnya kardigan-1.jpg, dan simpan foto di folder yang sama dengan file ini",
    "the photo path must not be absolute — write just the file name, e.g. kardigan-1.jpg, "
    "and keep the photo in the same folder as this file",
)


MSG_PARENT = Msg(
    "foto harus ada di folder yang sama dengan file ini — jangan pakai '..'; "
    "pindahkan foto ke folder ini dan tulis nama filenya saja",
    "the photo must be in the same folder as this file — do not use '..'; "
    "move the photo into this folder and write just its file name",
)


MSG_LINK_OUT = Msg(
    "foto ini adalah tautan (symlink) ke luar folder — salin foto aslinya ke folder ini",
    "this photo is a link (symlink) to a place outside this folder — copy the real photo into this folder",
)


MSG_NOT_FILE = Msg(
    "nama ini bukan file foto (mungkin sebuah folder) — tulis nama file fotonya",
    "this name is not a photo file (perhaps a folder) — write the photo's file name",
)


MSG_NOT_IMAGE = Msg(
    "file ini bukan foto JPEG, PNG atau WebP — buka fotonya lalu simpan ulang sebagai JPEG",
    "this file is not a JPEG, PNG or WebP photo — open the photo and save it again as JPEG",
)


MSG_HEIC = Msg(
    "foto berformat HEIC (dari iPhone) belum bisa dipakai — simpan ulang sebagai JPEG, "
    "atau di iPhone pilih Pengaturan > Kamera > Format > Paling Kompatibel",
    "HEIC photos (from an iPhone) cannot be used — save the photo again as JPEG, or on the "
    "iPhone choose Settings > Camera > Formats > Most Compatible",
)


MSG_BROKEN = Msg(
    "foto rusak atau tidak lengkap (terpotong) — salin ulang foto dari sumber aslinya",
    "the photo is damaged or incomplete (cut off) — copy the photo again from the original",
)


MSG_CHANGED = Msg(
    "foto berubah saat situs sedang dibuat — jalankan pembuatan situs sekali lagi",
    "the photo changed while the site was being built — run the build again",
)


def msg_too_big(size: int, limit: int) -> Msg:
    return Msg(
        f"file foto terlalu besar ({_mb(size, 'id')}, paling besar {_mb(limit, 'id')}) — "
        "perkecil fotonya, misalnya simpan dengan lebar 3000 piksel",
        f"the photo file is too large ({_mb(size, 'en')}, at most {_mb(limit, 'en')}) — "
        "make it smaller, e.g. save it 3000 pixels wide",
    )


def msg_bomb() -> Msg:
    millions = (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000
    return Msg(
        f"gambar terlalu besar untuk diproses (lebih dari {millions} juta piksel) — "
        "perkecil gambarnya, misalnya ke lebar 3000 piksel",
        f"the picture is too large to process (more than {millions} million pixels) — "
        "make it smaller, e.g. 3000 pixels wide",
    )


def msg_too_small(width: int, height: int, minimum: int) -> Msg:
    return Msg(
        f"foto terlalu kecil ({width}×{height} piksel) — sisi terpanjang harus minimal "
        f"{minimum} piksel; pakai foto asli dari kamera, bukan tangkapan layar",
        f"the photo is too small ({width}×{height} pixels) — its long side must be at least "
        f"{minimum} pixels; use the original camera photo, not a screenshot",
    )


def msg_failed(error: BaseException) -> Msg:
    what = f"{type(error).__name__}: {error}"[:160]
    return Msg(
        f"foto tidak bisa diproses ({what}) — simpan ulang sebagai JPEG lalu coba lagi",
        f"the photo could not be processed ({what}) — save it again as JPEG and try again",
    )


def problem_at(ref: PhotoRef, message: Msg) -> Problem:
    return Problem(ref.source, ref.line, ref.field, message)
