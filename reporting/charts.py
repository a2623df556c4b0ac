"""Charts of the tableaux de bord: SVG geometry computed from aggregated rows (readable
without JavaScript; the same figures are always given in a table beside the chart), and
the colours of funding statuses and action maturities."""

from decimal import Decimal

from actions.models import Action, Funding

# Chart colours: each at least 3:1 against the page background (WCAG 1.4.11), segments
# apart by a gap. The SVG `fill` is the light theme's (PDF); reporting/dashboard.css gives
# each class its light and dark theme colour.
STATUS_COLOURS = {
    Funding.Status.PREVU: "#695240",
    Funding.Status.SOLLICITE: "#00799f",
    Funding.Status.ACQUIS: "#000091",
    Funding.Status.VERSE: "#18753c",
    Funding.Status.REFUSE: "#ce0500",
}
MATURITY_COLOURS = {
    Action.Maturity.EN_COURS: "#000091",
    Action.Maturity.PROJETEE: "#00799f",
    Action.Maturity.EN_REFLEXION: "#b34000",
    Action.Maturity.EN_MATURATION: "#a558a0",
    Action.Maturity.REALISEE: "#18753c",
    Action.Maturity.ABANDONNEE: "#666666",
}
SEGMENT_GAP = Decimal("0.4")  # in percent of the bar, between two segments


NOTHING_TO_DRAW = "Aucune donnée à représenter"


def stacked_bars(rows, label, series, *, nothing):
    """Horizontal stacked bars, in percent of the largest bar.

    series: (key, label, colour, css class) tuples; each row gives one value per key.
    nothing: why there is nothing to draw (« aucune action… »), said instead of an empty
    chart (bars without segments under a legend) when every value is zero.
    """
    rows = list(rows)
    largest = max((sum(_value(row, key) for key, *_ in series) for row in rows), default=0)
    if not largest:
        return {"bars": [], "legend": [], "empty": f"{NOTHING_TO_DRAW} : {nothing}."}
    bars = []
    for row in rows:
        x = Decimal(0)
        segments = []
        for key, name, colour, css in series:
            value = _value(row, key)
            if value and largest:
                width = Decimal(value) * 100 / Decimal(largest)
                drawn = max(width - SEGMENT_GAP, min(width, Decimal("0.5")))
                segments.append({"x": x, "width": drawn, "fill": colour, "css": css, "name": name})
                x += width
        bars.append({"label": label(row), "segments": segments})
    legend = [{"name": name, "fill": colour, "css": css} for _, name, colour, css in series]
    return {"bars": bars, "legend": legend, "empty": None}


def _value(row, key):
    value = row[key] if isinstance(row, dict) else getattr(row, key)
    return value or 0


def percent_bar(value):
    """One bar from 0 to 100 % (values above 100 are drawn full)."""
    if value is None:
        return None
    return min(max(Decimal(value), Decimal(0)), Decimal(100))


def status_series(include_refused=True):
    order = [Funding.Status.PREVU, Funding.Status.SOLLICITE, Funding.Status.ACQUIS]
    order += [Funding.Status.VERSE] + ([Funding.Status.REFUSE] if include_refused else [])
    return [
        (status.value, status.label, STATUS_COLOURS[status], f"ort-fill--status-{status.value}")
        for status in order
    ]


MATURITY_SERIES = [
    (
        f"actions_{maturity.value}",
        maturity.label,
        MATURITY_COLOURS[maturity],
        f"ort-fill--maturity-{maturity.value}",
    )
    for maturity in Action.Maturity
]
