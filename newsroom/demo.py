"""Demo data for reminders, weekly reports and press monitoring (idempotent)."""

from datetime import timedelta

from django.utils import timezone

from contacts.models import Organisation
from newsroom.enums import Assessment, ResponseStatus
from newsroom.models import MonitoringItem, ReportSettings


def seed_reports_and_monitoring(users: dict) -> int:
    today = timezone.localdate()
    created = 0
    for centre in Organisation.objects.filter(is_newsroom=True):
        ReportSettings.objects.get_or_create(
            centre=centre,
            defaults={
                "recipients": "vanphong.ubnd@example.vn",
                "addressees": "UBND huyện (b/c);\nVăn phòng HĐND-UBND huyện;\nLưu: VT.",
            },
        )
        agency = Organisation.objects.filter(centre=centre, level__is_locality=False).first()
        author = next(
            (u for u in users.values() if u.is_editor and u.organisation_id == centre.pk), None
        )
        if author is None:
            continue
        for title, assessment, due in (
            ("Phản ánh đường liên xã xuống cấp", Assessment.INACCURATE, today - timedelta(days=1)),
            ("Lễ hội văn hóa các dân tộc thu hút du khách", Assessment.POSITIVE, None),
        ):
            _, new = MonitoringItem.objects.get_or_create(
                centre=centre,
                title=title,
                defaults={
                    "outlet": "Báo Kon Tum điện tử",
                    "published_on": today - timedelta(days=3),
                    "assessment": assessment,
                    "created_by": author,
                    "responsible_agency": agency if due else None,
                    "response_due": due,
                    "response_status": ResponseStatus.PENDING if due else ResponseStatus.NOT_NEEDED,
                },
            )
            created += new
    return created
