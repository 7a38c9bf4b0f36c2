"""factory-boy factories shared by every test. No hidden side effects: a factory makes
exactly the rows it names."""

from datetime import timedelta

import factory
from django.utils import timezone

from contacts.models import Organisation, OrgLevel
from events.enums import NoticeKind, NoticeStatus, StoryStatus, Verdict
from events.models import Notice, Story
from portal.enums import Role
from portal.models import User


class OrgLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgLevel
        django_get_or_create = ("name",)

    name = "Cơ quan, đơn vị"
    rank = 3


class LocalityLevelFactory(OrgLevelFactory):
    name = "Xã, thị trấn"
    is_locality = True


class ProvinceLevelFactory(OrgLevelFactory):
    name = "Tỉnh, thành phố"
    rank = 1


class ProvinceFactory(factory.django.DjangoModelFactory):
    """The root of a tree. Without a name, the one test province everything else is
    under by default (so its reviewer reads it all); name another to make a second."""

    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = "Tỉnh Quảng Ngãi"
    level = factory.SubFactory(ProvinceLevelFactory)


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Trung tâm VH-TT-DL&TT số {n}")
    level = factory.SubFactory(OrgLevelFactory)
    parent = factory.SubFactory(ProvinceFactory)
    is_newsroom = True


class ChannelFactory(factory.django.DjangoModelFactory):
    """One of a centre's publication channels (pass `centre=`)."""

    class Meta:
        model = "newsroom.Channel"

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Kênh {n}")
    kind = "website"
    position = factory.Sequence(lambda n: n)


# The channels of a centre in 2026 (the test world's centre has them): kind → name.
CENTRE_CHANNELS = {
    "radio": "Đài truyền thanh Trung tâm (FM)",
    "website": "Trang thông tin điện tử Trung tâm",
    "tv": "Báo và Phát thanh, Truyền hình Quảng Ngãi",
    "social": "Fanpage",
}


def centre_channels(centre) -> dict:
    return {
        kind: ChannelFactory(centre=centre, name=name, kind=kind, position=position)
        for position, (kind, name) in enumerate(CENTRE_CHANNELS.items(), start=1)
    }


class AgencyFactory(factory.django.DjangoModelFactory):
    """An agency of a centre; under the centre's province unless `parent=` says."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Phòng Văn hóa số {n}")
    level = factory.SubFactory(OrgLevelFactory)
    centre = factory.SubFactory(CentreFactory)
    parent = factory.LazyAttribute(
        lambda a: a.centre.parent if a.centre and a.centre.parent_id else ProvinceFactory()
    )


class DepartmentFactory(AgencyFactory):
    """The province's Department of Culture: where its reviewers work (no centre)."""

    name = factory.Sequence(lambda n: f"Sở Văn hóa, Thể thao và Du lịch số {n}")
    centre = None
    parent = factory.SubFactory(ProvinceFactory)


class LocalityFactory(AgencyFactory):
    name = factory.Sequence(lambda n: f"Xã Đăk {n}")
    level = factory.SubFactory(LocalityLevelFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", "demo")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class AgencyStaffFactory(UserFactory):
    role = Role.AGENCY_STAFF
    organisation = factory.SubFactory(AgencyFactory)


class ReporterFactory(UserFactory):
    role = Role.REPORTER
    organisation = factory.SubFactory(CentreFactory)


class EditorFactory(UserFactory):
    role = Role.EDITOR
    organisation = factory.SubFactory(CentreFactory)


class ReviewerFactory(UserFactory):
    """A reviewer of the Department under the (default) province."""

    role = Role.REVIEWER
    organisation = factory.SubFactory(DepartmentFactory)


class NoticeFactory(factory.django.DjangoModelFactory):
    """A planned notice received well ahead (on time). Pass `agency=` to place it."""

    class Meta:
        model = Notice

    agency = factory.SubFactory(AgencyFactory)
    centre = factory.LazyAttribute(lambda n: n.agency.centre)
    title = factory.Sequence(lambda n: f"Hội nghị số {n}")
    kind = NoticeKind.PLANNED
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda n: n.starts_at + timedelta(hours=2))
    locality = factory.SubFactory(LocalityFactory, centre=factory.SelfAttribute("..centre"))
    address = "Hội trường UBND"
    contact_name = "Trần Thị Mai"
    contact_phone = "0912000000"
    status = NoticeStatus.RECEIVED
    received_at = factory.LazyFunction(timezone.now)
    judged_at = factory.SelfAttribute("received_at")
    verdict = Verdict.ON_TIME
    lead_minutes = factory.LazyAttribute(
        lambda n: int((n.starts_at - n.received_at).total_seconds() // 60)
    )
    created_by = factory.SubFactory(
        AgencyStaffFactory, organisation=factory.SelfAttribute("..agency")
    )


class StoryFactory(factory.django.DjangoModelFactory):
    """A contributor story just sent to the centre. Pass `agency=` to place it."""

    class Meta:
        model = Story

    agency = factory.SubFactory(AgencyFactory)
    centre = factory.LazyAttribute(lambda s: s.agency.centre)
    title = factory.Sequence(lambda n: f"Xã ra quân làm đường giao thông nông thôn số {n}")
    lead = "Sáng nay, hơn 200 đoàn viên, thanh niên tham gia ra quân."
    body = "Buổi ra quân diễn ra sôi nổi.\n\nCác đoàn viên đã làm mới 2 km đường."
    byline = "Nguyễn Thị Hoa"
    status = StoryStatus.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)
    created_by = factory.SubFactory(
        AgencyStaffFactory, organisation=factory.SelfAttribute("..agency")
    )
