from django.db.models import QuerySet
from django.utils import timezone

from bulletin.models import Bulletin, Issue


def bulletin() -> Bulletin | None:
    return Bulletin.objects.first()


def published_issues() -> QuerySet[Issue]:
    return Issue.objects.filter(
        status=Issue.Status.PUBLISHED, publication_date__lte=timezone.localdate()
    )


def latest_published_issue() -> Issue | None:
    return published_issues().first()
