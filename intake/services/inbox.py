"""The centre's decisions on mail that did not become a notice by itself."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Notice
from intake.enums import OPEN_STATES, MailState, SenderMatch
from intake.models import AgencyAddress, InboundMail
from intake.services.intake import _reply, create_notice


def _lock_open(mail: InboundMail) -> InboundMail:
    mail = (
        InboundMail.objects.select_for_update().select_related("mailbox", "centre").get(pk=mail.pk)
    )
    if mail.state not in OPEN_STATES:
        raise ValidationError(
            _("This e-mail was already dealt with (%(state)s).")
            % {"state": mail.get_state_display()}
        )
    return mail


def _remember(mail: InboundMail, agency, by) -> None:
    if mail.from_address and mail.sender_match == SenderMatch.UNKNOWN:
        AgencyAddress.objects.get_or_create(
            centre_id=mail.centre_id,
            email=mail.from_address,
            defaults={"agency": agency, "added_by": by},
        )
        mail.sender_match = SenderMatch.REGISTERED


@transaction.atomic
def confirm(mail: InboundMail, *, by, agency, data: dict, remember: bool = False) -> Notice:
    """Staff confirm (or correct) what was read: the notice is created as received at the
    mail's arrival on the server, and the sender hears the verdict."""
    mail = _lock_open(mail)
    if agency.centre_id != mail.centre_id:
        raise ValidationError(_("This agency does not belong to the centre."))
    if remember:
        _remember(mail, agency, by)
    mail.agency = agency
    accepted = list(mail.attachments.filter(accepted=True))
    mail.notice = create_notice(mail, data, accepted, by=by)
    mail.state, mail.decided_at, mail.decided_by = MailState.CONFIRMED, timezone.now(), by
    mail.save()
    _reply(mail, "confirmed")
    return mail.notice


@transaction.atomic
def discard(mail: InboundMail, *, by) -> InboundMail:
    """Not an invitation (or not for the centre). Discarding twice is a no-op."""
    current = InboundMail.objects.select_for_update().get(pk=mail.pk)
    if current.state == MailState.DISCARDED:
        return current
    mail = _lock_open(mail)
    mail.state, mail.decided_at, mail.decided_by = MailState.DISCARDED, timezone.now(), by
    mail.save()
    return mail


@transaction.atomic
def attach_sender(mail: InboundMail, *, by, agency) -> InboundMail:
    """An unknown sender speaks for this agency: its next mail is the agency's."""
    mail = _lock_open(mail)
    if agency.centre_id != mail.centre_id:
        raise ValidationError(_("This agency does not belong to the centre."))
    _remember(mail, agency, by)
    mail.agency = agency
    mail.save()
    return mail
