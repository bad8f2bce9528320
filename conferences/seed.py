import datetime
import zoneinfo
from pathlib import Path

from centre.services.seed import read_seed_file, translated, upsert
from conferences.models import Event, LetterTemplate, Session, Theme, Track
from hubs.models import Hub

SEED_FILE = Path(__file__).resolve().parent / "data" / "seed.json"
LETTERS_FILE = Path(__file__).resolve().parent / "data" / "letters.json"
EMPTY = {"en": ""}


def _local(value: str | None, tz: zoneinfo.ZoneInfo) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value).replace(tzinfo=tz) if value else None


def _time(value: str | None) -> datetime.time | None:
    return datetime.time.fromisoformat(value) if value else None


def seed() -> dict[str, int]:
    """The 2018 and 2021 World e-Parliament Conferences, the 137th Assembly's interactive
    session and the Brasilia hub meeting, with their themes, tracks and sessions, and the 2021
    invitation letter in four languages."""
    written = 0
    for data in read_seed_file(SEED_FILE)["events"]:
        tz = zoneinfo.ZoneInfo(data["time_zone"])
        hub = Hub.objects.get(slug=data["hub"]) if data.get("hub") else None
        event, changed = upsert(
            Event,
            {"slug": data["slug"]},
            {
                "kind": data["kind"],
                "edition": data.get("edition"),
                "start_date": datetime.date.fromisoformat(data["start_date"]),
                "end_date": datetime.date.fromisoformat(data["end_date"]),
                "time_zone": data["time_zone"],
                "format": data["format"],
                "daily_start_time": _time(data.get("daily_start_time")),
                "daily_end_time": _time(data.get("daily_end_time")),
                "interpretation_languages": data.get("interpretation_languages", []),
                "expected_participants": data.get("expected_participants"),
                "registration_deadline": _local(data.get("registration_deadline"), tz),
                "registration_enabled": data.get("registration_enabled", False),
                "contact_email": data.get("contact_email", ""),
                "hashtag": data.get("hashtag", ""),
                "hub": hub,
                **translated("title", data["title"]),
                **translated("summary", data["summary"]),
                **translated("city", data.get("city", EMPTY)),
                **translated("venue", data.get("venue", EMPTY)),
                **translated("room", data.get("room", EMPTY)),
                **translated("organiser", data.get("organiser", EMPTY)),
            },
        )
        written += changed
        for theme in data["themes"]:
            written += upsert(
                Theme,
                {"event": event, "code": theme["code"]},
                {
                    **translated("title", theme["title"]),
                    **translated("description", theme["description"]),
                },
            )[1]
        for track in data["tracks"]:
            written += upsert(
                Track,
                {"event": event, "number": track["number"]},
                {
                    **translated("name", track["name"]),
                    **translated("description", track["description"]),
                },
            )[1]
        for session in data["sessions"]:
            written += upsert(
                Session,
                {
                    "event": event,
                    "starts_at": _local(session["starts_at"], tz),
                    "title_en": session["title"]["en"],
                },
                {
                    "ends_at": _local(session["ends_at"], tz),
                    "is_plenary": session["is_plenary"],
                    "audiences": session["audiences"],
                    "interpretation_languages": session["interpretation_languages"],
                    **translated("title", session["title"]),
                    **translated("description", session["description"]),
                    **translated("room", session["room"]),
                    **translated("discussion_questions", session["discussion_questions"]),
                },
            )[1]
    for data in read_seed_file(LETTERS_FILE)["templates"]:
        fields = (
            "subject",
            "place_and_date",
            "addressee_line",
            "salutation",
            "body",
            "closing",
            "signatory_title",
            "email_body",
        )
        written += upsert(
            LetterTemplate,
            {"event": Event.objects.get(slug=data["event"]), "language": data["language"]},
            {field: data[field] for field in fields},
        )[1]
    return {"event facts written": written}
