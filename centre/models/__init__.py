from centre.models.accounts import User
from centre.models.outbox import OutgoingMail, OutgoingMailAttachment
from centre.models.parliaments import (
    Chamber,
    GeopoliticalGroup,
    MemberParliament,
    ParliamentRole,
    Person,
)

__all__ = [
    "Chamber",
    "GeopoliticalGroup",
    "MemberParliament",
    "OutgoingMail",
    "OutgoingMailAttachment",
    "ParliamentRole",
    "Person",
    "User",
]
