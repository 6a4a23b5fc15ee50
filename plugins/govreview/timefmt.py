"""Times as people read them: Asia/Shanghai, whatever the server clock says."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def shanghai(moment: datetime) -> datetime:
    """``moment`` in Asia/Shanghai; a naive time is taken as UTC (as the forge gives it)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(SHANGHAI)


def parse_time(value: str) -> datetime:
    """An ISO 8601 time with offset (``Z`` allowed). A time without offset is refused."""
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("time without zone offset")
    return moment
