"""The one switch over every shortcut a build takes.

A shortcut skips work whose result is already there; it must never change a byte of the
site. ``Shortcuts.off()`` turns every one of them off, and the tests build the same
projects both ways and compare the sites byte for byte (``tests/test_shortcuts.py``).
``docs/architecture.md`` lists each shortcut, what it must keep and the test that proves it.

The plugin option ``shortcuts: false`` in ``mkdocs.yml`` and ``etalase build --no-shortcuts``
set the switch; a build then reads no cache (photos are decoded and encoded again, every page is
rendered and written) and runs one step after another.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shortcuts:
    """Which shortcuts a build may take; all of them unless the switch is off."""

    photo_cache: bool = True  # photos.stage: a photo checked and encoded before is not decoded again
    published_photos: bool = True  # photos.stage: an output whose files are on the media host is not made here
    render_cache: bool = True  # render.pagecache: product and IKM pages whose inputs did not change are not rendered
    parallel: bool = True  # incremental.parallel: languages rendered side by side, other files written meanwhile
    raw_html: bool = True  # builder.markdown: a generated page's raw HTML body skips Python-Markdown
    shells: bool = True  # builder.shells: product and IKM pages filled into one checked page shell per layout
    shell_memo: bool = True  # builder.shellmemo: shelled pages the last build into this folder wrote are not read
    site_recycling: bool = True  # incremental.sitedir: the replaced site's page folders and photos are reused
    fragment_reuse: bool = True  # search.reuse: the last index's page fragments are linked, not written again

    @classmethod
    def on(cls) -> Shortcuts:
        """Return the switch with every shortcut on (the default)."""
        return cls()

    @classmethod
    def off(cls) -> Shortcuts:
        """Return the switch with every shortcut off: a build redoes everything."""
        return cls(**{name: False for name in cls.__dataclass_fields__})

    @classmethod
    def from_switch(cls, enabled: bool) -> Shortcuts:
        """Return ``on()`` or ``off()``."""
        return cls.on() if enabled else cls.off()

    @property
    def any(self) -> bool:
        """Return whether some shortcut is on."""
        return any(getattr(self, name) for name in self.__dataclass_fields__)
