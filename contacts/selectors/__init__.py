"""Reads, scoped to what the user may see. One module per feature; the organisation
helpers are re-exported here because other apps import them from `contacts.selectors`."""

from contacts.selectors.organisations import (
    active_localities,
    active_organisations,
    agencies_of_centre,
    centres,
    localities_of_centre,
)

__all__ = [
    "active_localities",
    "active_organisations",
    "agencies_of_centre",
    "centres",
    "localities_of_centre",
]
