"""The Word file as PDF, converted by LibreOffice headless (Debian's
libreoffice-writer-nogui), so the PDF and the DOCX are one layout."""

import shutil
import subprocess  # noqa: S404 - a fixed program with fixed arguments, no shell
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _


class PdfFailed(Exception):
    pass


def docx_to_pdf(docx: bytes) -> bytes:
    program = shutil.which(settings.REPORT_PDF_CONVERTER)
    if program is None:
        raise PdfFailed(
            _("LibreOffice (%(program)s) is not installed: the PDF cannot be made.")
            % {"program": settings.REPORT_PDF_CONVERTER}
        )
    with tempfile.TemporaryDirectory(prefix="duatin-pdf-") as folder:
        work = Path(folder)
        (work / "report.docx").write_bytes(docx)
        # Its own profile folder: two conversions at once must not share one.
        profile = f"-env:UserInstallation={(work / 'profile').as_uri()}"
        command = [program, profile, "--headless", "--convert-to", "pdf", "--outdir", folder]
        try:
            subprocess.run(  # noqa: S603
                [*command, str(work / "report.docx")],
                check=True,
                capture_output=True,
                timeout=settings.REPORT_PDF_TIMEOUT,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            raise PdfFailed(
                _("LibreOffice could not convert the report: %(e)s") % {"e": exc}
            ) from exc
        pdf = work / "report.pdf"
        if not pdf.exists():
            raise PdfFailed(_("LibreOffice produced no PDF."))
        return pdf.read_bytes()
