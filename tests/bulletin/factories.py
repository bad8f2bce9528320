import datetime

import factory
from django.utils import timezone

from bulletin.models import (
    Area,
    Bulletin,
    HubUpdate,
    Issue,
    ShowcaseVideo,
    Story,
    StoryLink,
    StorySubmission,
    Subscriber,
)
from tests.factories import HubFactory, MemberParliamentFactory, UserFactory


class BulletinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bulletin
        django_get_or_create = ["first_issue_date"]

    name_en = "Innovation Bulletin"
    first_issue_date = datetime.date(2019, 3, 31)
    months_between_issues = 3


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    number = factory.Sequence(lambda n: n + 1)
    title_en = factory.Sequence(lambda n: f"Demo issue {n}")
    introduction_en = "<p>Demo editorial.</p>"
    publication_date = datetime.date(2019, 3, 31)
    status = Issue.Status.DRAFT


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story
        skip_postgeneration_save = True

    issue = factory.SubFactory(IssueFactory)
    position = factory.Sequence(lambda n: n)
    slug = factory.Sequence(lambda n: f"demo-story-{n}")
    title_en = factory.Sequence(lambda n: f"Demo story {n}")
    summary_en = "A demo innovation for the tests."
    body_en = "<p>Demo body.</p>"
    area = Area.OPEN_DATA

    @factory.post_generation
    def parliaments(story, create, extracted, **kwargs):
        if not create:
            return
        for parliament in extracted if extracted is not None else [MemberParliamentFactory()]:
            story.parliaments.add(parliament)


class StoryLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryLink

    story = factory.SubFactory(StoryFactory)
    url = "https://example.org/demo"
    label_en = "Demo link"


class HubUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubUpdate

    issue = factory.SubFactory(IssueFactory)
    hub = factory.SubFactory(HubFactory)
    body_en = "<p>Demo hub news.</p>"


def published_issue(*, stories: int = 3, **kwargs) -> Issue:
    """A published demo issue carrying `stories` stories."""
    issue = IssueFactory(status=Issue.Status.PUBLISHED, published_at=timezone.now(), **kwargs)
    StoryFactory.create_batch(stories, issue=issue)
    return issue


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@parliament.example")
    language = "en"
    status = Subscriber.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class StorySubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StorySubmission

    status = StorySubmission.Status.NEW
    name = "Demo Sender"
    email = factory.Sequence(lambda n: f"sender{n}@parliament.example")
    title = "Demo open-data portal"
    parliament = factory.SubFactory(MemberParliamentFactory)
    area = Area.OPEN_DATA
    summary = "The parliament publishes its votes as open data."
    key_takeaways = "Start small."
    links = "https://example.org/open-data"
    consent = True


class ShowcaseVideoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShowcaseVideo

    status = ShowcaseVideo.Status.ACCEPTED
    title = factory.Sequence(lambda n: f"Demo video {n}")
    parliament = factory.SubFactory(MemberParliamentFactory)
    description = "A demo video."
    language = "en"
    url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    consent = True
    proposed_by = factory.SubFactory(UserFactory)
