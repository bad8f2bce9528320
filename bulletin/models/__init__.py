from bulletin.models.intake import StorySubmission
from bulletin.models.issues import (
    Area,
    Bulletin,
    HubUpdate,
    Issue,
    IssueEdition,
    Story,
    StoryImage,
    StoryLink,
)
from bulletin.models.showcase import ShowcaseVideo
from bulletin.models.subscriptions import IssueDispatch, Subscriber

__all__ = [
    "Area",
    "Bulletin",
    "HubUpdate",
    "Issue",
    "IssueDispatch",
    "IssueEdition",
    "ShowcaseVideo",
    "Story",
    "StoryImage",
    "StoryLink",
    "StorySubmission",
    "Subscriber",
]
