from intake.models.mailboxes import AgencyAddress, Mailbox
from intake.models.mails import InboundAttachment, InboundMail

__all__ = ["AgencyAddress", "InboundAttachment", "InboundMail", "Mailbox"]
