"""The parliaments' showcase: videos proposed by participants and focal points."""

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bulletin.exceptions import BulletinError
from bulletin.models import ShowcaseVideo
from centre.models import MemberParliament


def showcase_parliaments_of(user) -> QuerySet[MemberParliament]:
    """The parliaments a user may propose a video for: those where they hold a confirmed
    role (focal point, network member, hub editor), and those of a delegation in which they
    are a confirmed participant of a conference."""
    if not user.is_authenticated:
        return MemberParliament.objects.none()
    return (
        MemberParliament.objects.filter(
            Q(user_roles__user=user, user_roles__confirmed_at__isnull=False)
            | Q(
                delegations__registrations__user=user,
                delegations__registrations__status="confirmed",
            )
            | Q(delegations__focal_point=user)
        )
        .distinct()
        .order_by("name")
    )


def video_propose(*, user, parliament: MemberParliament, **fields) -> ShowcaseVideo:
    """Records a proposed video for the staff to accept or decline. Refused unless the user
    is a confirmed participant or focal point of that parliament and gave consent."""
    if not showcase_parliaments_of(user).filter(pk=parliament.pk).exists():
        raise BulletinError(
            _("Only a registered participant or a focal point of this parliament may propose.")
        )
    if not fields.get("consent"):
        raise BulletinError(_("We need your consent to publish the video."))
    with transaction.atomic():
        return ShowcaseVideo.objects.create(proposed_by=user, parliament=parliament, **fields)


def video_decide(*, video: ShowcaseVideo, accept: bool, by=None) -> ShowcaseVideo:
    """Accepts the video into the public library, or declines it (it leaves the library)."""
    with transaction.atomic():
        video = ShowcaseVideo.objects.select_for_update().get(pk=video.pk)
        video.status = ShowcaseVideo.Status.ACCEPTED if accept else ShowcaseVideo.Status.DECLINED
        video.decided_at = timezone.now()
        video.save(update_fields=["status", "decided_at"])
    return video


def video_mark_shown_in_plenary(*, video: ShowcaseVideo, shown: bool = True) -> ShowcaseVideo:
    """Marks an accepted video as shown in plenary (or not); a video not accepted is refused."""
    with transaction.atomic():
        video = ShowcaseVideo.objects.select_for_update().get(pk=video.pk)
        if shown and video.status != ShowcaseVideo.Status.ACCEPTED:
            raise BulletinError(_("Only an accepted video can be shown in plenary."))
        video.shown_in_plenary = shown
        video.save(update_fields=["shown_in_plenary"])
    return video
