"""Where each key of a record file is: the line a problem message points at."""

from __future__ import annotations

from dataclasses import dataclass, field

PathKey = tuple[str | int, ...]


@dataclass
class LineMap:
    """Lines of the keys in one YAML file: ``lines[("photos", 0, "file")] == 12``."""

    lines: dict[PathKey, int] = field(default_factory=dict)

    def line_of(self, path: PathKey) -> int:
        """Return the line of ``path``, or of its nearest parent that has one (1 at worst)."""
        for end in range(len(path), -1, -1):
            if (line := self.lines.get(tuple(path[:end]))) is not None:
                return line
        return 1
