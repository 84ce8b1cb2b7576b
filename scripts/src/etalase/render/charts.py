"""Charts drawn at build time: data in, an SVG string out (no client-side charting).

Horizontal bar charts only: each row is the label on its own line with the bar and its value
below it, so a chart stays readable on a 390 px phone (the SVG scales to the width of its box
through its ``viewBox``; 14-unit text in a 400-unit-wide box is about 13 px there).

Every label is contributor or translation text: it is cleaned (``render.clean``), cut to fit
and XML-escaped; numbers arrive already formatted in the page's language. The SVG has
``role="img"`` and a ``<title>`` (its accessible name); the page shows the same numbers in a
table beside it. Colours: bars in teal ``#00695c`` (7:1 against white, above the 3:1 that
graphics need), text in near-black. Only presentation attributes, never a ``style``
attribute: the site's Content-Security-Policy forbids inline styles.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from etalase.render.text import clean

WIDTH = 400  # viewBox units; the SVG is scaled to its box
ROW = 44  # height of one row: label line, then the bar with its value
BAR = 16  # bar thickness
VALUE_ROOM = 84  # room right of the longest bar for its value
LABEL_CHARS = 46  # a longer label is cut with an ellipsis (the table beside has it whole)
BAR_COLOUR = "#00695c"
TEXT_COLOUR = "#1a1a1a"
GRID_COLOUR = "#9e9e9e"


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value and the value as the page shows it (``1.234``, ``42%``)."""

    label: str
    value: float
    text: str


def fit(label: str, limit: int = LABEL_CHARS) -> str:
    """Return ``label`` on one line, cut to ``limit`` characters with an ellipsis."""
    label = clean(label)
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


MIN_BAR = 3.0  # a value above zero always shows at least this long a bar
SKEW = 100  # a largest value over this many times the smallest one gets a logarithmic scale


def needs_log_scale(values: Sequence[float]) -> bool:
    """Return whether one value dwarfs others so that a linear scale would hide the small ones.

    True when the largest value is more than ``SKEW`` times the smallest value above zero
    (on a 316-unit bar, the smaller would be under 3 units long).
    """
    positive = sorted(v for v in values if v > 0)
    return len(positive) >= 2 and positive[-1] > SKEW * positive[0]


def _length(value: float, scale: float, span: float, log: bool) -> float:
    """Return the bar length of ``value`` on a scale whose full length ``span`` is ``scale``."""
    if scale <= 0 or value <= 0:
        return 0.0
    share = math.log10(1 + value) / math.log10(1 + scale) if log else value / scale
    return max(MIN_BAR, min(share, 1.0) * span)


def bar_chart(
    bars: Sequence[Bar], *, title: str, chart_id: str, scale_max: float | None = None, log: bool = False
) -> Markup:
    """Return an SVG horizontal bar chart of ``bars`` (in the given order) titled ``title``.

    ``scale_max`` fixes the value of a full-length bar (100 for percentages); by default it
    is the largest value. ``log`` draws the bars on a logarithmic scale (the page says so), so
    that small groups stay visible beside a large one. ``chart_id`` must be unique on the page
    (it names the title).
    """
    top = max((b.value for b in bars), default=0)
    scale = scale_max if scale_max is not None else top
    span = WIDTH - VALUE_ROOM
    height = max(len(bars), 1) * ROW + 4
    title_id = f"{clean(chart_id)}-title"
    parts = [
        f'<svg class="et-chart" role="img" aria-labelledby="{escape(title_id)}" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(title_id)}">{escape(clean(title))}</title>',
        f'<line x1="0.5" y1="0" x2="0.5" y2="{height}" stroke="{GRID_COLOUR}" stroke-width="1"/>',
    ]
    for index, bar in enumerate(bars):
        y = index * ROW
        length = _length(bar.value, scale, span, log)
        parts.append(
            f'<text x="4" y="{y + 15}" font-size="14" fill="{TEXT_COLOUR}">{escape(fit(bar.label))}</text>'
            f'<rect x="1" y="{y + 22}" width="{length:.1f}" height="{BAR}" fill="{BAR_COLOUR}"/>'
            f'<text x="{length + 7:.1f}" y="{y + 35}" font-size="13" font-weight="bold" '
            f'fill="{TEXT_COLOUR}">{escape(fit(bar.text, 14))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
