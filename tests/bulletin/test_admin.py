"""The editors' admin: the next issue's proposed number and date, the workflow actions with
the 3-5 rule and the publish permission, translation completeness, triage and dispatch."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from bulletin.models import Issue, ShowcaseVideo, StorySubmission
from tests.bulletin.factories import (
    BulletinFactory,
    IssueFactory,
    ShowcaseVideoFactory,
    StoryFactory,
    StorySubmissionFactory,
    published_issue,
)
from tests.conftest import signed_in_with_mfa
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _login(user) -> Client:
    return signed_in_with_mfa(Client(), user)


@pytest.fixture
def editor():
    """A staff editor who may edit issues but holds no publish permission."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="bulletin", codename__in=["view_issue", "change_issue"]
        )
    )
    return _login(user)


def _act(client, action, *objects, model="issue"):
    return client.post(
        f"/admin/bulletin/{model}/",
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
        follow=True,
    )


def test_new_issue_form_proposes_the_next_number_and_date(secretariat):
    BulletinFactory()
    IssueFactory(number=1, publication_date=datetime.date(2019, 3, 31))
    response = secretariat.get("/admin/bulletin/issue/add/")
    assert response.status_code == 200
    assert 'value="2"' in response.text
    assert (
        "2019-06-30" in response.text
        or "30.06.2019" in response.text
        or "30/06/2019" in response.text
    )


def test_publish_action_refuses_an_issue_with_two_stories_and_says_why(secretariat):
    issue = IssueFactory(status=Issue.Status.IN_REVIEW, publication_date=datetime.date(2020, 1, 1))
    StoryFactory.create_batch(2, issue=issue)
    response = _act(secretariat, "publish", issue)
    assert "3 to 5" in response.text
    issue.refresh_from_db()
    assert issue.status == Issue.Status.IN_REVIEW


def test_publish_action_publishes_an_issue_with_three_stories(
    secretariat, django_capture_on_commit_callbacks
):
    issue = IssueFactory(status=Issue.Status.IN_REVIEW, publication_date=datetime.date(2020, 1, 1))
    StoryFactory.create_batch(3, issue=issue)
    with django_capture_on_commit_callbacks():
        _act(secretariat, "publish", issue)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.PUBLISHED


def test_editor_without_the_permission_is_not_offered_publish(editor):
    issue = IssueFactory(status=Issue.Status.IN_REVIEW)
    StoryFactory.create_batch(3, issue=issue)
    page = editor.get("/admin/bulletin/issue/")
    assert page.status_code == 200
    assert 'value="publish"' not in page.text
    assert 'value="submit_for_review"' in page.text
    _act(editor, "publish", issue)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.IN_REVIEW


def test_issue_list_shows_each_languages_completeness(secretariat):
    issue = IssueFactory(title_fr="Titre", introduction_fr="")
    StoryFactory(issue=issue)
    page = secretariat.get("/admin/bulletin/issue/").text
    assert "en&nbsp;100%" in page
    assert "fr&nbsp;20%" in page
    assert "ar&nbsp;0%" in page


def test_published_issue_keeps_three_to_five_stories_when_edited(secretariat):
    issue = published_issue(stories=3)
    stories = list(issue.stories.all())
    data = {
        "number": issue.number,
        "title_en": issue.title_en,
        "publication_date": "2019-03-31",
        "stories-TOTAL_FORMS": "3",
        "stories-INITIAL_FORMS": "3",
        "hub_updates-TOTAL_FORMS": "0",
        "hub_updates-INITIAL_FORMS": "0",
    }
    for n, story in enumerate(stories):
        data |= {
            f"stories-{n}-id": story.pk,
            f"stories-{n}-issue": issue.pk,
            f"stories-{n}-position": n,
            f"stories-{n}-title_en": story.title_en,
            f"stories-{n}-slug": story.slug,
            f"stories-{n}-area": story.area,
        }
    data["stories-0-DELETE"] = "on"
    response = secretariat.post(f"/admin/bulletin/issue/{issue.pk}/change/", data)
    assert response.status_code == 200
    assert "carries 3 to 5 stories" in response.text
    assert issue.stories.count() == 3


def test_dispatch_progress_is_shown(secretariat, django_capture_on_commit_callbacks):
    from bulletin.services.dispatch import issue_dispatch_start
    from tests.bulletin.factories import SubscriberFactory

    issue = published_issue(stories=3)
    SubscriberFactory.create_batch(2)
    with django_capture_on_commit_callbacks(execute=True):
        issue_dispatch_start(issue_id=issue.pk)
    page = secretariat.get("/admin/bulletin/issue/").text
    assert "2 sent, 0 failed, of 2" in page


def test_admin_action_turns_a_submission_into_a_draft_story(secretariat):
    submission = StorySubmissionFactory()
    _act(secretariat, "accept", submission, model="storysubmission")
    submission.refresh_from_db()
    assert submission.status == StorySubmission.Status.ACCEPTED
    assert submission.story is not None


def test_admin_accepts_a_video_and_marks_it_shown_in_plenary(secretariat):
    video = ShowcaseVideoFactory(status=ShowcaseVideo.Status.PROPOSED)
    _act(secretariat, "accept", video, model="showcasevideo")
    _act(secretariat, "mark_shown_in_plenary", video, model="showcasevideo")
    video.refresh_from_db()
    assert video.status == ShowcaseVideo.Status.ACCEPTED
    assert video.shown_in_plenary


@pytest.mark.parametrize(
    "path",
    [
        "/admin/bulletin/issue/",
        "/admin/bulletin/issue/add/",
        "/admin/bulletin/story/",
        "/admin/bulletin/story/add/",
        "/admin/bulletin/subscriber/",
        "/admin/bulletin/issuedispatch/",
        "/admin/bulletin/storysubmission/",
        "/admin/bulletin/showcasevideo/",
        "/admin/bulletin/showcasevideo/add/",
    ],
)
def test_bulletin_admin_pages_answer(secretariat, path):
    published_issue(stories=3)
    assert secretariat.get(path).status_code == 200
