"""Kinds of message about notices a person may route to e-mail and/or the portal."""

from django.utils.translation import gettext_lazy as _

from portal.enums import Role
from portal.preferences import register_kind

CENTRE = (Role.REPORTER, Role.EDITOR)

register_kind("notice_receipt", _("Receipt of a notice I sent"), roles=(Role.AGENCY_STAFF,))
register_kind("notice_reclassified", _("My notice was reclassified"), roles=(Role.AGENCY_STAFF,))
register_kind("notice_cancelled", _("A notice was cancelled"), roles=CENTRE)
register_kind("notice_changed", _("A notice of my centre was moved or changed"), roles=CENTRE)
