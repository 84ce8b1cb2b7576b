"""Photos stage: check record photos and turn them into light, private web images.

- ``refs``: what the stage takes (``PhotoRef``) and gives (``ImageSet`` of ``Variant`` files);
- ``locate``: a photo must be a regular file inside its record's folder;
- ``decode``: its real format, size limits, and the picture upright, in sRGB, without metadata;
- ``encode``: the responsive variants (the narrowest is the card thumbnail) and share card (``sharecard``), and their keys;
- ``stage``: the stage itself: plan the work from the cache (``imagecache``), run it, gather results;
- ``report``: bytes per record and for the site, against GitHub Pages' limit;
- ``messages``: every problem in plain words, in both languages;
- ``intake``: what a source photo may bring into the repository (no GPS or camera data, at most
  2,000 px and 1 MB), checked on every photo file by ``etalase validate``;
- ``tidy``: ``etalase photos tidy`` makes photos fit for that in place (upright, bare, smaller);
- ``rawrefs``: the photos named by records left out of the catalogue, so all problems come at once.
"""

from etalase.photos.encode import ImageSettings, sized
from etalase.photos.imagecache import load_published, save_published
from etalase.photos.intake import policy_problems
from etalase.photos.rawrefs import refs_left_out
from etalase.photos.refs import ImageSet, PhotoRef, ShareCardText, Variant
from etalase.photos.report import PAGES_LIMIT_BYTES, SizeReport, format_size_report, size_report
from etalase.photos.stage import ImageResult, check_photos, process_photos, prune_cache

__all__ = [
    "PAGES_LIMIT_BYTES",
    "ImageResult",
    "ImageSet",
    "ImageSettings",
    "PhotoRef",
    "ShareCardText",
    "SizeReport",
    "Variant",
    "check_photos",
    "format_size_report",
    "load_published",
    "policy_problems",
    "process_photos",
    "prune_cache",
    "refs_left_out",
    "save_published",
    "size_report",
    "sized",
]
