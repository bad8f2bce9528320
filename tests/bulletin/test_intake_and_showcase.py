"""Story intake with e-mail verification and triage; the showcase: proposals, upload and link
checks, the video library and click-to-play."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from bulletin.embeds import embed_url
from bulletin.exceptions import BulletinError
from bulletin.models import ShowcaseVideo, Story, StorySubmission
from bulletin.services import intake, showcase
from centre.models import OutgoingMail
from tests.bulletin.factories import ShowcaseVideoFactory, StorySubmissionFactory
from tests.factories import (
    EventFactory,
    MemberParliamentFactory,
    ParliamentRoleFactory,
    SessionFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


REPORT = {
    "name": "Ana Pérez",
    "email": "ana@camara.example",
    "title": "Citizen bill comments",
    "area": "citizen_participation",
    "summary": "Citizens comment on bills online.",
    "key_takeaways": "Moderate early.",
    "links": "https://camara.example/comments",
    "consent": "on",
}


def test_reported_innovation_is_verified_by_email_then_triaged_into_a_draft_story(client):
    chile = MemberParliamentFactory(code="CL")
    response = client.post(url("bulletin:report", lang="es"), {**REPORT, "parliament": chile.pk})
    assert response.status_code == 200
    submission = StorySubmission.objects.get()
    assert submission.status == StorySubmission.Status.UNVERIFIED
    mail = OutgoingMail.objects.get(kind="bulletin-report")
    assert mail.language == "es"
    link = re.search(r"https?://\S+/report/verify/\S+/", mail.body_text).group(0)
    client.post("/" + link.split("://", 1)[1].split("/", 1)[1])
    submission.refresh_from_db()
    assert submission.status == StorySubmission.Status.NEW

    story = intake.submission_accept(submission=submission, by=StaffFactory())
    assert story.issue is None
    assert story.title_es == "Citizen bill comments"
    assert story.title_en == "Citizen bill comments"
    assert list(story.parliaments.all()) == [chile]
    assert [link.url for link in story.links.all()] == ["https://camara.example/comments"]
    outcome = OutgoingMail.objects.filter(kind="bulletin-report").order_by("pk").last()
    assert "Citizen bill comments" in outcome.subject
    # Accepting twice returns the same story and tells the sender once.
    assert intake.submission_accept(submission=submission, by=None) == story
    assert Story.objects.count() == 1
    assert OutgoingMail.objects.filter(kind="bulletin-report").count() == 2


def test_declined_innovation_tells_the_sender():
    submission = StorySubmissionFactory()
    intake.submission_decline(submission=submission, by=None)
    mail = OutgoingMail.objects.get(kind="bulletin-report")
    assert "not feature" in mail.body_text
    with pytest.raises(BulletinError):
        intake.submission_accept(submission=submission, by=None)


def test_unverified_innovation_cannot_be_accepted():
    submission = StorySubmissionFactory(status=StorySubmission.Status.UNVERIFIED)
    with pytest.raises(BulletinError):
        intake.submission_accept(submission=submission, by=None)


def test_report_form_without_consent_or_with_bad_links_keeps_what_was_typed(client):
    chile = MemberParliamentFactory(code="CL")
    data = {**REPORT, "parliament": chile.pk, "links": "not a link"}
    data.pop("consent")
    response = client.post(url("bulletin:report"), data)
    assert response.status_code == 200
    assert "Citizen bill comments" in response.text
    assert "not a web address" in response.text
    assert not StorySubmission.objects.exists()


# --- The showcase -------------------------------------------------------------------------

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


@pytest.fixture
def focal_point():
    role = ParliamentRoleFactory(confirmed_at=timezone.now())
    role.parliament.website = "https://www.parliament.example"
    role.parliament.save()
    return role


def _propose(client, parliament, **extra):
    data = {
        "title": "Our e-voting",
        "parliament": parliament.pk,
        "description": "How we vote remotely.",
        "language": "en",
        "url": "",
        "consent": "on",
        **extra,
    }
    return client.post(url("showcase:propose"), data)


def test_focal_point_proposes_a_youtube_video(client, focal_point):
    client.force_login(focal_point.user)
    response = _propose(client, focal_point.parliament, url="https://youtu.be/dQw4w9WgXcQ")
    assert response.status_code == 302
    video = ShowcaseVideo.objects.get()
    assert video.status == ShowcaseVideo.Status.PROPOSED
    assert video.proposed_by == focal_point.user


@pytest.mark.parametrize(
    ("link", "accepted"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", True),
        ("https://vimeo.com/76979871", True),
        ("https://www.parliament.example/videos/e-voting", True),
        ("https://media.parliament.example/e-voting.mp4", True),
        ("http://www.youtube.com/watch?v=dQw4w9WgXcQ", False),
        ("https://www.youtube.com/channel/abc", False),
        ("https://evil.example/video", False),
        ("javascript:alert(1)", False),
    ],
)
def test_video_links_are_checked(client, focal_point, link, accepted):
    client.force_login(focal_point.user)
    response = _propose(client, focal_point.parliament, url=link)
    assert (response.status_code == 302) is accepted
    if not accepted:
        assert response.status_code == 200
        assert "Our e-voting" in response.text  # what was typed is kept


def test_uploaded_video_is_checked_by_content(client, focal_point):
    client.force_login(focal_point.user)
    fake = SimpleUploadedFile("talk.mp4", b"<html><script>alert(1)</script>", "video/mp4")
    response = _propose(client, focal_point.parliament, file=fake)
    assert response.status_code == 200
    assert "not accepted" in response.text
    real = SimpleUploadedFile("talk.mp4", MP4, "video/mp4")
    assert _propose(client, focal_point.parliament, file=real).status_code == 302


def test_a_link_and_a_file_together_are_refused(client, focal_point):
    client.force_login(focal_point.user)
    real = SimpleUploadedFile("talk.mp4", MP4, "video/mp4")
    response = _propose(
        client, focal_point.parliament, url="https://youtu.be/dQw4w9WgXcQ", file=real
    )
    assert response.status_code == 200
    assert not ShowcaseVideo.objects.exists()


def test_user_without_a_role_cannot_propose(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(url("showcase:propose")).status_code == 403
    with pytest.raises(BulletinError):
        showcase.video_propose(
            user=user,
            parliament=MemberParliamentFactory(),
            title="x",
            description="x",
            language="en",
            url="https://youtu.be/dQw4w9WgXcQ",
            consent=True,
        )


def test_anonymous_reader_is_sent_to_sign_in(client):
    response = client.get(url("showcase:propose"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_library_lists_accepted_videos_and_recorded_plenaries(client):
    ShowcaseVideoFactory(title="Accepted video")
    ShowcaseVideoFactory(title="Proposed video", status=ShowcaseVideo.Status.PROPOSED)
    SessionFactory(
        title_en="Opening plenary", is_plenary=True, recording_url="https://vimeo.com/76979871"
    )
    response = client.get(url("showcase:library"))
    assert response.status_code == 200
    assert "Accepted video" in response.text
    assert "Proposed video" not in response.text
    assert "Opening plenary" in response.text


def test_library_makes_no_third_party_request_before_a_click(client):
    ShowcaseVideoFactory()
    response = client.get(url("showcase:library"))
    html = response.text
    assert "<iframe" not in html
    # Nothing the browser loads by itself (src=) points to another host.
    assert re.search(r'\ssrc="(?:https?:)?//', html) is None
    assert 'data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    assert "frame-src https://www.youtube-nocookie.com" in response["Content-Security-Policy"]


def test_library_filters_by_conference_parliament_and_language(client):
    event = EventFactory(slug="wepc-2021")
    chile = MemberParliamentFactory(code="CL")
    ShowcaseVideoFactory(title="Chile in Spanish", parliament=chile, language="es", event=event)
    ShowcaseVideoFactory(
        title="Other video", parliament=MemberParliamentFactory(code="KE"), language="en"
    )
    for query in ("?event=wepc-2021", "?parliament=cl", "?language=es"):
        text = client.get(url("showcase:library") + query).text
        assert "Chile in Spanish" in text and "Other video" not in text, query


def test_library_query_count_does_not_grow(client, django_assert_max_num_queries):
    ShowcaseVideoFactory()
    with django_assert_max_num_queries(10) as one:
        client.get(url("showcase:library"))
    ShowcaseVideoFactory.create_batch(10)
    SessionFactory.create_batch(
        3, is_plenary=True, recording_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url("showcase:library") + "?again")


def test_staff_mark_a_video_shown_in_plenary():
    video = ShowcaseVideoFactory()
    assert showcase.video_mark_shown_in_plenary(video=video).shown_in_plenary
    proposed = ShowcaseVideoFactory(status=ShowcaseVideo.Status.PROPOSED)
    with pytest.raises(BulletinError):
        showcase.video_mark_shown_in_plenary(video=proposed)


def test_embed_addresses_are_the_privacy_respecting_players():
    assert embed_url("https://youtu.be/dQw4w9WgXcQ").startswith(
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert embed_url("https://vimeo.com/76979871").startswith(
        "https://player.vimeo.com/video/76979871"
    )
    assert embed_url("https://www.parliament.example/video") is None


def test_language_filter_names_each_language_once_in_the_readers_language(client):
    text = client.get(url("showcase:library", lang="fr")).text
    select = re.search(r'<select id="f-language".*?</select>', text, re.S).group(0)
    options = re.findall(r'<option value="([a-z]+)"[^>]*>([^<]+)</option>', select)
    names = dict(options)
    assert (names["en"], names["es"], names["ar"], names["zh"]) == (
        "Anglais",
        "Espagnol",
        "Arabe",
        "Chinois",
    )
    assert [code for code, _name in options][:4] == ["en", "fr", "es", "ar"]
    assert len(names) == len(options)
    assert "Venezuelan" not in text and "British English" not in text
