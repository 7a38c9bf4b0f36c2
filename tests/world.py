"""A small demo province for tests: two centres, agencies, and one user per role.

`world.agency_user` owns notices of `world.agency`; `world.colleague` is another agency
of the same centre; `world.director2` runs the other centre (an outsider to everything
of centre 1). Centre 1 has four publication channels (`world.channels`, by kind).
Loaded as a pytest plugin from tests/conftest.py.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.twofactor import two_factor_required
from tests.factories import (
    AgencyFactory,
    AgencyStaffFactory,
    CentreFactory,
    EditorFactory,
    LocalityFactory,
    ReporterFactory,
    ReviewerFactory,
    centre_channels,
)


def build_world() -> SimpleNamespace:
    centre = CentreFactory(name="Trung tâm VH-TT-DL&TT huyện Kon Rẫy")
    centre2 = CentreFactory(name="Trung tâm VH-TT-DL&TT huyện Đắk Hà")
    agency = AgencyFactory(name="Phòng Văn hóa và Thông tin", centre=centre)
    agency2 = AgencyFactory(name="UBND xã Tân Lập", centre=centre)
    agency_other = AgencyFactory(name="Phòng VH-TT Đắk Hà", centre=centre2)
    return SimpleNamespace(
        centre=centre,
        # Centre 1's publication channels by kind (radio, website, tv, social); centre 2
        # has none unless a test gives it some.
        channels=centre_channels(centre),
        centre2=centre2,
        agency=agency,
        agency2=agency2,
        agency_other=agency_other,
        locality=LocalityFactory(name="Xã Đăk Ruồng", centre=centre),
        locality2=LocalityFactory(name="Xã Hà Mòn", centre=centre2),
        agency_user=AgencyStaffFactory(username="agency", organisation=agency),
        agency2_user=AgencyStaffFactory(username="agency2", organisation=agency2),
        agency_other_user=AgencyStaffFactory(username="agency_other", organisation=agency_other),
        reporter=ReporterFactory(username="reporter", organisation=centre),
        director=EditorFactory(username="director", organisation=centre),
        director2=EditorFactory(username="director2", organisation=centre2),
        reviewer=ReviewerFactory(username="reviewer"),
    )


@pytest.fixture
def world(db):
    return build_world()


def notice_form_data(world, starts_at, kind="planned", **extra) -> dict:
    """What an agency types for a two-hour notice at `starts_at` in `world`'s locality."""
    return {
        "title": "Hội nghị",
        "kind": kind,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=2),
        "locality": world.locality,
        "address": "Hội trường",
        "contact_name": "Chị Mai",
        "contact_phone": "0912000000",
        **extra,
    }


def pass_second_factor(client, user):
    """Mark the client's session as verified with a 2FA device, as the verify step does.

    Users whose role requires 2FA get an authenticator device first (tests of the 2FA
    pages themselves sign in with real codes instead).
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def client_for(client):
    """client_for(user) → the test client signed in as that user (second factor passed
    for users whose role requires it)."""

    def sign_in(user):
        client.force_login(user)
        if two_factor_required(user):
            pass_second_factor(client, user)
        return client

    return sign_in
