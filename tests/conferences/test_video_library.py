"""The conference's video library: its recorded plenaries, whatever the programme's filters."""

import datetime
import zoneinfo

import pytest

from tests.factories import EventFactory, SessionFactory

pytestmark = pytest.mark.django_db
ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")


def _library(page: str) -> str:
    return page.split("Video library", 1)[1] if "Video library" in page else ""


def test_library_lists_recorded_plenaries_only_and_ignores_the_programme_filters(client):
    from conferences.models import Theme

    event = EventFactory()
    theme_a = Theme.objects.create(event=event, code="a", title_en="Theme A")
    theme_b = Theme.objects.create(event=event, code="b", title_en="Theme B")
    opening = datetime.datetime(2030, 6, 16, 14, tzinfo=ZURICH)
    for title, plenary, theme, recording, day in [
        ("Opening plenary", True, theme_a, "https://video.example/opening", 0),
        ("Closing plenary", True, theme_b, "https://video.example/closing", 2),
        ("Workshop on open data", False, theme_a, "https://video.example/workshop", 0),
        ("Unrecorded plenary", True, theme_a, "", 0),
    ]:
        starts = opening + datetime.timedelta(days=day)
        SessionFactory(
            event=event,
            title_en=title,
            is_plenary=plenary,
            theme=theme,
            recording_url=recording,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
        )

    library = _library(client.get(event.get_absolute_url(), {"theme": "b"}).content.decode())

    assert "Opening plenary" in library and "Closing plenary" in library
    assert library.index("Opening plenary") < library.index("Closing plenary")
    assert "Workshop on open data" not in library
    assert "Unrecorded plenary" not in library
    assert '<time datetime="2030-06-16T14:00:00+02:00">' in library


def test_no_library_before_anything_is_recorded(client):
    event = EventFactory()
    SessionFactory(event=event, is_plenary=True)
    assert "Video library" not in client.get(event.get_absolute_url()).content.decode()
