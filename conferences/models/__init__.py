from conferences.models.events import (
    Audience,
    Delegation,
    Event,
    Registration,
    Session,
    Speaker,
    Theme,
    Track,
    validate_time_zone,
)
from conferences.models.letters import Campaign, Letter, LetterTemplate, Reminder

__all__ = [
    "Audience",
    "Campaign",
    "Delegation",
    "Event",
    "Letter",
    "LetterTemplate",
    "Registration",
    "Reminder",
    "Session",
    "Speaker",
    "Theme",
    "Track",
    "validate_time_zone",
]
