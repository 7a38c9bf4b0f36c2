"""A reporter's home is their next job: today and tomorrow, with what they need on the way."""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import NoticeAttachment
from newsroom.enums import ResourceKind
from newsroom.services.assignments import assign_reporter, unassign
from newsroom.services.resources import add_resource, book_for_assignment
from newsroom.services.travel import set_travel_time
from tests.newsroom.helpers import NOW, at, notice_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):  # Monday 23/11 08:00
        yield


def job(world, start, end, title):
    return assign_reporter(
        notice_at(world, start, end, title=title), world.reporter, by=world.director
    )


def test_the_reporter_lands_on_today_and_tomorrow_next_first(world, client_for):
    job(world, at(24, 14), at(24, 15), "Ngày mai")
    today = job(world, at(23, 9, 30), at(23, 11), "Hôm nay")
    job(world, at(26, 8), at(26, 9), "Thứ năm")
    unassign(job(world, at(23, 14), at(23, 15), "Đã rút"), by=world.director)
    set_travel_time(world.centre, origin=None, destination=world.locality, minutes=25)
    car = add_resource(world.centre, kind=ResourceKind.CAR, name="Xe 82A-001")
    book_for_assignment(car, today, by=world.director)
    NoticeAttachment.objects.create(
        notice=today.notice,
        file=SimpleUploadedFile("giay-moi.pdf", b"%PDF-1.4 test"),
        original_name="Giấy mời.pdf",
        content_type="application/pdf",
        size=13,
    )
    page = client_for(world.reporter).get(reverse("home")).content.decode()
    home = page[page.index('data-testid="reporter-home"') :]
    home = home[: home.index("</section>")]
    titles = [t for t in ("Hôm nay", "Ngày mai", "Thứ năm", "Đã rút") if t in home]
    assert titles == ["Hôm nay", "Ngày mai"]
    assert home.index("Hôm nay") < home.index("Ngày mai")
    assert "25 phút từ trung tâm" in home
    assert "Xe 82A-001" in home
    attachment = today.notice.attachments.get()
    assert reverse("events:attachment", args=[today.notice_id, attachment.pk]) in home
    assert 'href="tel:0912000000"' in home


def test_the_director_does_not_get_the_reporter_home(world, client_for):
    page = client_for(world.director).get(reverse("home")).content.decode()
    assert 'data-testid="reporter-home"' not in page


@pytest.mark.parametrize("jobs", [1, 6])
def test_reporter_home_queries_do_not_grow(world, client_for, jobs, django_assert_num_queries):
    car = add_resource(world.centre, kind=ResourceKind.CAR, name="Xe")
    for i in range(jobs):
        made = job(
            world,
            at(23, 9) + timedelta(hours=3 * i),
            at(23, 10) + timedelta(hours=3 * i),
            f"Việc {i}",
        )
        if i == 0:
            book_for_assignment(car, made, by=world.director)
    client = client_for(world.reporter)
    with django_assert_num_queries(11):  # + the campaigns panel, + the year from the rollup
        response = client.get(reverse("home"))
    assert response.content.decode().count('data-testid="next-job"') == jobs
