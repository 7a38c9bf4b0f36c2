"""Geometry for small server-rendered SVG charts (no JavaScript, no CDN)."""

from django.utils.formats import number_format

SERIES = (
    ("on_time", "#198754"),
    ("late", "#fd7e14"),
    ("after_fact", "#dc3545"),
    ("exempt", "#6c757d"),
)


def stacked_columns(points: list[dict], label, *, width=640, height=220, pad=28) -> dict:
    """Columns stacked by verdict, one per point (e.g. per month)."""
    top = max((sum(p[key] for key, _ in SERIES) for p in points), default=0) or 1
    slot = (width - 2 * pad) / max(len(points), 1)
    bar = slot * 0.6
    plot = height - 2 * pad
    columns = []
    for index, point in enumerate(points):
        x = pad + index * slot + (slot - bar) / 2
        y = height - pad
        rects = []
        for key, colour in SERIES:
            h = plot * point[key] / top
            y -= h
            if h:
                rects.append(
                    {
                        "x": round(x, 1),
                        "y": round(y, 1),
                        "w": round(bar, 1),
                        "h": round(h, 1),
                        "colour": colour,
                        "key": key,
                        "value": point[key],
                    }
                )
        columns.append(
            {
                "rects": rects,
                "label": label(point),
                "x": round(x + bar / 2, 1),
                "total": sum(point[key] for key, _ in SERIES),
            }
        )
    return {
        "width": width,
        "height": height,
        "columns": columns,
        "top": top,
        "base": height - pad,
        "pad": pad,
    }


def horizontal_bars(rows, *, width=420, row_height=46, value_width=90) -> dict:
    """One bar per row: its on-time rate out of 100 %, the name written above the bar so
    long centre names stay readable in a narrow card."""
    span = width - value_width
    bars = []
    for index, row in enumerate(rows):
        rate = row.on_time_rate or 0
        top = index * row_height
        bars.append(
            {
                "label_y": top + 14,
                "y": top + 20,
                "w": round(span * rate / 100, 1),
                "label": row.name,
                "rate": row.on_time_rate,
                # Text, formatted here: the SVG is rendered with localisation off.
                "rate_text": "—"
                if row.on_time_rate is None
                else f"{number_format(row.on_time_rate, 1)}%",
                "total": row.total,
                "text_y": top + 33,
            }
        )
    return {
        "width": width,
        "height": max(len(rows), 1) * row_height + 4,
        "bars": bars,
        "x0": 0,
        "span": span,
    }
