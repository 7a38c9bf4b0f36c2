from django.db.models import QuerySet

from intake.enums import OPEN_STATES
from intake.models import InboundAttachment, InboundMail
from portal.scoping import get_for, scope_for


def mails_for(user) -> QuerySet[InboundMail]:
    """The e-mails of the user's centre (its staff only)."""
    return scope_for(user).filter(InboundMail.objects.all(), centre="centre_id")


def inbox_for(user) -> QuerySet[InboundMail]:
    """What the centre still has to decide: drafts, held and refused mails, newest first."""
    return (
        mails_for(user)
        .filter(state__in=OPEN_STATES)
        .select_related("agency")
        .order_by("-received_at", "-pk")
    )


def recent_for(user, limit: int = 20) -> QuerySet[InboundMail]:
    """The latest mails already decided (notices, duplicates, confirmed, discarded)."""
    return (
        mails_for(user)
        .exclude(state__in=OPEN_STATES)
        .select_related("agency", "notice")
        .order_by("-received_at", "-pk")[:limit]
    )


def get_mail_for(user, pk, perm: str | None = None) -> InboundMail:
    queryset = mails_for(user).select_related("agency", "centre", "mailbox", "notice")
    return get_for(user, queryset, pk, perm)


def attachments_of(mail: InboundMail) -> QuerySet[InboundAttachment]:
    return mail.attachments.all()


def get_attachment_of(mail: InboundMail, pk) -> InboundAttachment:
    return get_for(None, attachments_of(mail).filter(accepted=True), pk)
