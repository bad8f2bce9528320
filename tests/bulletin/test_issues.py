"""The editorial workflow: the 3-5 stories rule, the publish permission, scheduled publishing
and the proposed next date."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from bulletin.exceptions import BulletinError
from bulletin.models import Issue
from bulletin.models.issues import add_months
from bulletin.services import issues
from tests.bulletin.factories import BulletinFactory, IssueFactory, StoryFactory
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 1, 15)


@pytest.fixture
def editor():
    return UserFactory(is_staff=True)


@pytest.fixture
def publisher():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="publish_issue"))
    return type(user).objects.get(pk=user.pk)  # a fresh instance, without the perm cache


def issue_in_review(stories: int, **kwargs) -> Issue:
    issue = IssueFactory(status=Issue.Status.IN_REVIEW, **kwargs)
    StoryFactory.create_batch(stories, issue=issue)
    return issue


@pytest.mark.parametrize("stories", [3, 4, 5])
def test_issue_with_three_to_five_stories_is_published(publisher, stories):
    issue = issue_in_review(stories, publication_date=TODAY)
    published = issues.issue_publish(issue=issue, by=publisher, today=TODAY)
    assert published.status == Issue.Status.PUBLISHED
    assert published.published_at is not None


@pytest.mark.parametrize("stories", [0, 2, 6])
def test_publishing_fewer_than_three_or_more_than_five_stories_is_refused(publisher, stories):
    issue = issue_in_review(stories, publication_date=TODAY)
    with pytest.raises(BulletinError) as error:
        issues.issue_publish(issue=issue, by=publisher, today=TODAY)
    assert "3 to 5" in str(error.value)
    assert f"has {stories}" in str(error.value)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.IN_REVIEW


def test_editor_without_publish_permission_cannot_publish(editor):
    issue = issue_in_review(3, publication_date=TODAY)
    with pytest.raises(BulletinError, match="publish permission"):
        issues.issue_publish(issue=issue, by=editor, today=TODAY)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.IN_REVIEW


def test_a_draft_must_be_reviewed_before_it_is_published(publisher):
    issue = IssueFactory(status=Issue.Status.DRAFT, publication_date=TODAY)
    StoryFactory.create_batch(3, issue=issue)
    with pytest.raises(BulletinError, match="reviewed"):
        issues.issue_publish(issue=issue, by=publisher, today=TODAY)


def test_any_editor_submits_a_draft_for_review(editor):
    issue = IssueFactory(status=Issue.Status.DRAFT)
    assert issues.issue_submit_for_review(issue=issue, by=editor).status == "in_review"


def test_issue_dated_ahead_is_scheduled_then_published_by_beat_on_its_day(
    publisher, django_capture_on_commit_callbacks
):
    issue = issue_in_review(4, publication_date=TODAY + datetime.timedelta(days=10))
    scheduled = issues.issue_publish(issue=issue, by=publisher, today=TODAY)
    assert scheduled.status == Issue.Status.SCHEDULED

    assert issues.issue_publish_due(today=TODAY + datetime.timedelta(days=9)) == []
    with django_capture_on_commit_callbacks() as callbacks:
        published = issues.issue_publish_due(today=TODAY + datetime.timedelta(days=10))
    assert published == [issue.number]
    issue.refresh_from_db()
    assert issue.status == Issue.Status.PUBLISHED
    assert len(callbacks) == 1  # the PDF editions and the e-mail edition start after commit
    # Beat running again publishes nothing more.
    assert issues.issue_publish_due(today=TODAY + datetime.timedelta(days=11)) == []


def test_scheduled_issue_that_lost_stories_is_not_published_by_beat(publisher):
    issue = issue_in_review(3, publication_date=TODAY + datetime.timedelta(days=1))
    issues.issue_publish(issue=issue, by=publisher, today=TODAY)
    issue.stories.first().delete()
    assert issues.issue_publish_due(today=TODAY + datetime.timedelta(days=1)) == []
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED


def test_publish_due_task_publishes_scheduled_issues(publisher):
    from bulletin.tasks import issue_publish_due_task

    issue = issue_in_review(3, publication_date=datetime.date(2020, 1, 1))
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SCHEDULED)
    issue_publish_due_task.apply()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.PUBLISHED


def test_published_issue_cannot_go_back_to_draft(publisher):
    issue = issue_in_review(3, publication_date=TODAY)
    issues.issue_publish(issue=issue, by=publisher, today=TODAY)
    with pytest.raises(BulletinError):
        issues.issue_return_to_draft(issue=issue, by=publisher)


def test_superuser_holds_the_publish_permission():
    assert StaffFactory().has_perm(issues.PUBLISH_PERMISSION)


def test_schedule_adds_three_months_keeping_the_end_of_the_month():
    first = datetime.date(2019, 3, 31)
    assert [add_months(first, 3 * n) for n in range(5)] == [
        datetime.date(2019, 3, 31),
        datetime.date(2019, 6, 30),
        datetime.date(2019, 9, 30),
        datetime.date(2019, 12, 31),
        datetime.date(2020, 3, 31),
    ]


def test_first_issue_is_proposed_for_31_march_2019():
    BulletinFactory()
    assert issues.issue_next_proposal() == {
        "number": 1,
        "publication_date": datetime.date(2019, 3, 31),
    }


def test_next_issue_is_proposed_three_months_after_the_latest():
    BulletinFactory()
    IssueFactory(number=4, publication_date=datetime.date(2019, 12, 31))
    assert issues.issue_next_proposal() == {
        "number": 5,
        "publication_date": datetime.date(2020, 3, 31),
    }


def test_demo_command_refuses_without_its_flag():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("bulletin_demo")
    assert not Issue.objects.exists()


def test_demo_command_writes_an_issue_marked_demo(seeded):
    from django.core.management import call_command

    call_command("bulletin_demo", "--demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("bulletin_demo", "--demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    issue = Issue.objects.get()
    assert issue.title_en.startswith("[demo]")
    assert issue.stories.count() == 3
