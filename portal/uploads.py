"""Uploaded files are spooled to disk only up to the largest file any form accepts.

Django writes every uploaded file to a temporary file before a form can look at it, so a
150 MB "attachment" would take 150 MB of disk before the "at most 20 MB" message. This
handler keeps counting a file's bytes past UPLOAD_FILE_MAX_BYTES but stops storing them:
the file arrives with its real `size` and only its first bytes, and every form refuses it
by that size with its own message (no form accepts a file that large). The request body
as a whole is bounded earlier, by its Content-Length (portal.middleware).
"""

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler


class SizeCappedUploadHandler(TemporaryFileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.stored = 0

    def receive_data_chunk(self, raw_data, start):
        room = settings.UPLOAD_FILE_MAX_BYTES - self.stored
        if room <= 0:
            return None  # counted by the parser (the file's size), never written
        kept = raw_data[:room]
        self.stored += len(kept)
        return super().receive_data_chunk(kept, start)
