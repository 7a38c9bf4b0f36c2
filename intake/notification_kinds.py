"""Kinds of message about the centre's mailbox a person may route to e-mail and/or the portal."""

from django.utils.translation import gettext_lazy as _

from portal.preferences import register_kind

register_kind("intake_mailbox_failed", _("The centre's mailbox cannot be read"))
