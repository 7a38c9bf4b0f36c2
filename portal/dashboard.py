"""Home page panels. Higher apps register panels here (the arrows point one way:
`portal` never imports them), and the home view asks each for its context."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from portal import health
from portal.outbox import failed_count


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable[[HttpRequest], dict | None]  # None: panel not shown to this user
    order: int = 100


_panels: list[Panel] = []


def register(template: str, order: int = 100):
    def decorator(func):
        _panels.append(Panel(template=template, context=func, order=order))
        return func

    return decorator


def panels_for(request: HttpRequest) -> list[tuple[str, dict]]:
    shown = []
    for panel in sorted(_panels, key=lambda p: p.order):
        context = panel.context(request)
        if context is not None:
            shown.append((panel.template, context))
    return shown


@register("portal/_admin_panel.html", order=1)
def administrator_panel(request: HttpRequest) -> dict | None:
    """An administrator's home: the back office, and how the system is (the /health/
    probes, e-mails that gave up)."""
    if not request.user.is_staff:
        return None
    report = health.report()
    return {
        "healthy": report["healthy"],
        "checks": [(name, report[name]) for name in ("database", "broker", "worker")],
        "failed_emails": failed_count(),
    }
