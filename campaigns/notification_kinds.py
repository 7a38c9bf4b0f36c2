"""Kinds of campaign message a person may route to e-mail and/or the portal."""

from django.utils.translation import gettext_lazy as _

from portal.preferences import register_kind

register_kind("campaign_received", _("A campaign my organisation must carry out"))
register_kind("campaign_ack_reminder", _("A campaign my organisation has not acknowledged"))
register_kind("campaign_report_reminder", _("A campaign my organisation has not reported on"))
