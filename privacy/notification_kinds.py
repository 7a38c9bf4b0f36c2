"""Kinds of message about personal data a person may route to e-mail and/or the portal."""

from django.utils.translation import gettext_lazy as _

from portal.preferences import register_kind

register_kind("data_request_new", _("A person asked about their data"))
register_kind("breach_due", _("A breach must be reported to the authority soon"))
register_kind("data_request_due", _("A request about personal data is nearly due"))
