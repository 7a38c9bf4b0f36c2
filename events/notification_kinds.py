"""Kinds of message about notices a person may route to e-mail and/or the portal."""

from django.utils.translation import gettext_lazy as _

from portal.preferences import register_kind

register_kind("notice_receipt", _("Receipt of a notice I sent"))
register_kind("notice_reclassified", _("My notice was reclassified"))
register_kind("notice_cancelled", _("A notice was cancelled"))
register_kind("notice_changed", _("A notice of my centre was moved or changed"))
