from django.urls import path

from intake.views import inbox, mailboxes, merge

app_name = "intake"
urlpatterns = [
    path("", inbox.inbox, name="inbox"),
    path("mailbox/", mailboxes.mailbox_settings, name="mailbox"),
    path("<int:pk>/", inbox.mail_detail, name="detail"),
    path("<int:pk>/discard/", inbox.mail_discard, name="discard"),
    path("<int:pk>/sender/", inbox.mail_attach_sender, name="attach_sender"),
    path("<int:pk>/original.eml", inbox.mail_raw, name="raw"),
    path("<int:pk>/attachments/<int:attachment_pk>/", inbox.mail_attachment, name="attachment"),
    path("notices/<int:pk>/merge/", merge.notice_merge, name="merge"),
]
