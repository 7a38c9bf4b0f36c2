"""A small demo province for tests: two centres, agencies, and one user per role.

`world.agency_user` owns notices of `world.agency`; `world.colleague` is another agency
of the same centre; `world.director2` runs the other centre (an outsider to everything
of centre 1). Loaded as a pytest plugin from tests/conftest.py.
"""

from types import SimpleNamespace

import pytest

from tests.factories import (
    AgencyFactory,
    AgencyStaffFactory,
    CentreFactory,
    EditorFactory,
    LocalityFactory,
    ReporterFactory,
    ReviewerFactory,
)


def build_world() -> SimpleNamespace:
    centre = CentreFactory(name="Trung tâm VH-TT-DL&TT huyện Kon Rẫy")
    centre2 = CentreFactory(name="Trung tâm VH-TT-DL&TT huyện Đắk Hà")
    agency = AgencyFactory(name="Phòng Văn hóa và Thông tin", centre=centre)
    agency2 = AgencyFactory(name="UBND xã Tân Lập", centre=centre)
    agency_other = AgencyFactory(name="Phòng VH-TT Đắk Hà", centre=centre2)
    return SimpleNamespace(
        centre=centre,
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


@pytest.fixture
def client_for(client):
    """client_for(user) → the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
