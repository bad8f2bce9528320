"""The funding page's bar charts, laid out on the server as SVG geometry: no script, no
inline style (the CSP forbids both); the template draws rects with width/height attributes.
Each chart has a data table beside it with the same numbers."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from partners.selectors import Funding

BAR_HEIGHT = 22
BAR_GAP = 10
LABEL_WIDTH = 170
PLOT_WIDTH = 420
CHART_WIDTH = LABEL_WIDTH + PLOT_WIDTH + 150


@dataclass
class Bar:
    label: str
    series: str  # budget, pledged, received: the CSS-free fill is chosen in the template
    value: Decimal
    y: int
    width: int

    @property
    def text_x(self) -> int:
        return LABEL_WIDTH + self.width + 6

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 6


@dataclass
class Chart:
    bars: list[Bar]
    height: int
    width: int = CHART_WIDTH
    label_width: int = LABEL_WIDTH


def _chart(rows: list[tuple[str, str, Decimal]]) -> Chart:
    largest = max((value for _label, _series, value in rows), default=Decimal(0))
    bars = []
    for index, (label, series, value) in enumerate(rows):
        width = int(PLOT_WIDTH * value / largest) if largest else 0
        bars.append(Bar(label, series, value, index * (BAR_HEIGHT + BAR_GAP), max(width, 0)))
    return Chart(bars=bars, height=len(rows) * (BAR_HEIGHT + BAR_GAP))


def funding_charts(funding: Funding) -> dict[str, Chart]:
    """Two charts: the budget against all pledges and receipts of its period, and pledges
    and receipts year by year."""
    overall = _chart(
        [
            (str(_("Budget")), "budget", funding.budget.amount_chf),
            (str(_("Pledged")), "pledged", funding.total.pledged),
            (str(_("Received")), "received", funding.total.received),
        ]
    )
    yearly_rows = []
    for row in funding.by_year:
        yearly_rows.append(
            (str(_("%(year)s pledged") % {"year": row.label}), "pledged", row.pledged)
        )
        yearly_rows.append(
            (str(_("%(year)s received") % {"year": row.label}), "received", row.received)
        )
    return {"overall": overall, "yearly": _chart(yearly_rows)}
