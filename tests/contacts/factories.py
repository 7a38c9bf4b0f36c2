"""Factories of the press directory. Invented people; phones 0900 000 xxx, @example.vn."""

import factory
from django.utils import timezone

from contacts.enums import ContactRole, LegalBasis, PressKind, PressLevel
from contacts.models import PressAgency, PressContact


class PressAgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressAgency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Báo Thử Nghiệm {n}")
    level = PressLevel.PROVINCIAL
    kind = PressKind.NEWSPAPER


class PressContactFactory(factory.django.DjangoModelFactory):
    """An approved, active resident reporter verified today, who consented to publishing
    their phone and e-mail (pass `phone_basis=LegalBasis.NONE` for a private field)."""

    class Meta:
        model = PressContact

    role = ContactRole.REPORTER
    press_agency = factory.SubFactory(PressAgencyFactory)
    full_name = factory.Sequence(lambda n: f"Phóng viên {n}")
    title = "Phóng viên thường trú"
    area = "Huyện Kon Rẫy"
    phone = factory.Sequence(lambda n: f"0900 000 {n % 1000:03d}")
    email = factory.Sequence(lambda n: f"pv{n}@example.vn")
    internal_phone = factory.Sequence(lambda n: f"0900 999 {n % 1000:03d}")
    internal_email = factory.Sequence(lambda n: f"noibo{n}@example.vn")
    phone_basis = LegalBasis.CONSENT
    email_basis = LegalBasis.CONSENT
    verified_on = factory.LazyFunction(timezone.localdate)
