"""Shared bits for newsroom tests."""

from datetime import datetime
from zoneinfo import ZoneInfo

from tests.factories import NoticeFactory

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=HCM)  # a Monday


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=HCM)


def notice_at(world, start, end, **kwargs):
    kwargs.setdefault("agency", world.agency)
    kwargs.setdefault("locality", world.locality)
    kwargs.setdefault("created_by", world.agency_user)
    return NoticeFactory(starts_at=start, ends_at=end, received_at=NOW, **kwargs)
