"""Geometry for small server-rendered SVG charts (no JavaScript, no CDN)."""

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


def horizontal_bars(rows, *, width=640, row_height=28, label_width=220) -> dict:
    """One bar per row: its on-time rate out of 100 %."""
    span = width - label_width - 60
    bars = []
    for index, row in enumerate(rows):
        rate = row.on_time_rate or 0
        bars.append(
            {
                "y": index * row_height + 4,
                "w": round(span * rate / 100, 1),
                "label": row.name,
                "rate": row.on_time_rate,
                "total": row.total,
                "text_y": index * row_height + row_height / 2 + 4,
            }
        )
    return {
        "width": width,
        "height": max(len(rows), 1) * row_height + 8,
        "bars": bars,
        "x0": label_width,
        "span": span,
    }
