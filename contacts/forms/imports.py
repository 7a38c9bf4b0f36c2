from pathlib import PurePath

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from contacts.exchange import ReadLimits, UnreadableFile, read_csv, read_xlsx
from portal.files import XLSX, UnrecognisedFile, verify_upload


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "Columns as in an exported file. A row with an id changes that entry; "
            "a row without one proposes a new entry."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.CONTACT_IMPORT_MAX_BYTES
        suffix = PurePath(upload.name or "").suffix.lower()
        try:
            if suffix == ".xlsx":
                # The import's own zip limits, which the reader applies as well.
                limits = ReadLimits.from_settings()
                verify_upload(upload, (XLSX,), limit, zip_limits=limits.zip)
                self.rows = read_xlsx(upload, limits)
            elif suffix == ".csv":
                if upload.size > limit:
                    raise UnrecognisedFile(
                        _("“%(name)s” is too large; the limit is %(limit)s MB.")
                        % {"name": upload.name, "limit": limit // 1024 // 1024}
                    )
                self.rows = read_csv(upload)
            else:
                raise UnrecognisedFile(_("Upload a .csv or .xlsx file."))
        except (UnrecognisedFile, UnreadableFile) as exc:
            raise forms.ValidationError(str(exc)) from None
        if not self.rows:
            raise forms.ValidationError(_("The file has no rows under the header."))
        return upload


class ApplyImportForm(forms.Form):
    """Which dry run to apply; the view loads it through the owner's scope."""

    dry_run = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
