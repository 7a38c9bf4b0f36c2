"""Sign-in lockout with one limit per rule.

django-axes checks every rule in AXES_LOCKOUT_PARAMETERS against one AXES_FAILURE_LIMIT.
The portal wants two: a username from one address locks after AXES_FAILURE_LIMIT
failures, an address across all usernames after the higher AXES_IP_FAILURE_LIMIT. This
handler reports each rule's count scaled to AXES_FAILURE_LIMIT (count × limit ÷ its own
limit, rounded down), so "scaled ≥ AXES_FAILURE_LIMIT" holds exactly when the rule's own
count reached its own limit.
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the
    address the outermost one appended to TRUSTED_PROXY_HEADER.

    Only the right-most entries are the proxies' own; everything left of them is what the
    client sent and may be forged. A header shorter than expected, or an entry that is no
    IP address, falls back to REMOTE_ADDR (the proxy itself) rather than to a guess.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [h.strip() for h in request.META.get(settings.TRUSTED_PROXY_HEADER, "").split(",")]
    hops = [h for h in hops if h]
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def rule_limits() -> list[int]:
    limits = []
    for parameter in settings.AXES_LOCKOUT_PARAMETERS:
        address_only = parameter == "ip_address" or list(parameter) == ["ip_address"]
        limits.append(
            settings.AXES_IP_FAILURE_LIMIT if address_only else settings.AXES_FAILURE_LIMIT
        )
    return limits


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        base = settings.AXES_FAILURE_LIMIT
        scaled = [0]
        for attempts, limit in zip(
            self.get_user_attempts(request, credentials), rule_limits(), strict=True
        ):
            count = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            scaled.append(count * base // limit)
        return max(scaled)
