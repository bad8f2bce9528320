"""The hub host's workspace and requests to join a hub.

Every function changes state in one transaction and records what it changed as a `HubChange`
(who, when, what), which the secretariat reads in the admin. Changes to the page text keep
the text before and after, so that any earlier version can be restored.
"""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centre.errors import UserError
from centre.models import MemberParliament, ParliamentRole, User
from centre.services.outbox import mail_queue_template
from hubs.models import (
    PAGE_FIELDS,
    Hub,
    HubChange,
    HubJoinRequest,
    HubMembership,
    HubProposal,
    HubResource,
    HubUpdate,
    ParticipationRequest,
)

# Tests switch this off to prove that the concurrency test can fail without the lock.
LOCK_JOIN_REQUEST_ROW = True
EDITOR_INVITATION_SALT = "hubs.editor-invitation"
EDITOR_INVITATION_MAX_AGE = 14 * 24 * 3600


class HubError(UserError):
    """An error the user caused, with a message in the user's language."""

    messages = {
        "already_decided": _("This request has already been decided."),
        "already_member": _("This parliament already takes part in the hub."),
        "already_requested": _("A request from this parliament to join this hub is already open."),
        "own_hub": _("The host parliament takes part in its hub already."),
        "inactive_hub": _("This hub does not accept requests."),
        "nothing_to_restore": _("This change kept no earlier text to restore."),
        "invitation": _("This invitation link is not valid or has expired. Ask for a new one."),
        "invitation_email": _(
            "This invitation was sent to another e-mail address. Sign in with the address "
            "the invitation was sent to."
        ),
        "already_editor": _("This person is already an editor of the hub."),
    }


def _language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def hub_page_snapshot(hub: Hub) -> dict[str, str]:
    """The hub page's texts in every language, as a revision keeps them."""
    return {
        f"{field}_{code}": getattr(hub, f"{field}_{code}") or ""
        for field in PAGE_FIELDS
        for code in _language_codes()
    }


def _record(hub: Hub, action: str, by: User | None, summary: str = "", **texts) -> HubChange:
    return HubChange.objects.create(hub=hub, action=action, by=by, summary=summary[:300], **texts)


def hub_page_update(*, hub: Hub, by: User, values: dict[str, str]) -> HubChange | None:
    """Sets the hub page's texts (`values` maps per-language columns such as `summary_fr` to
    text; rich text is sanitised by its field on save) and records the change with the text
    before and after. Returns None, recording nothing, when nothing changed."""
    allowed = {f"{field}_{code}" for field in PAGE_FIELDS for code in _language_codes()}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"not page texts: {sorted(unknown)}")
    with transaction.atomic():
        hub = Hub.objects.select_for_update().get(pk=hub.pk)
        before = hub_page_snapshot(hub)
        for column, value in values.items():
            setattr(hub, column, value or "")
        hub.save(update_fields=list(values))
        hub.refresh_from_db(fields=list(values))
        after = hub_page_snapshot(hub)
        if after == before:
            return None
        changed = sorted(column for column in after if after[column] != before[column])
        return _record(
            hub, HubChange.Action.PAGE_EDITED, by, ", ".join(changed), before=before, after=after
        )


def hub_page_restore(*, hub: Hub, change: HubChange, by: User) -> HubChange:
    """Puts the hub page's texts back as they were before `change`, and records that as a
    change of its own (so a restore can itself be undone)."""
    if change.hub_id != hub.pk or change.before is None:
        raise HubError("nothing_to_restore")
    allowed = set(hub_page_snapshot(hub))
    values = {column: text for column, text in change.before.items() if column in allowed}
    with transaction.atomic():
        locked = Hub.objects.select_for_update().get(pk=hub.pk)
        before = hub_page_snapshot(locked)
        for column, text in values.items():
            setattr(locked, column, text)
        locked.save(update_fields=list(values))
        return _record(
            locked,
            HubChange.Action.PAGE_RESTORED,
            by,
            str(
                _("Text as before the change of %(when)s") % {"when": f"{change.at:%Y-%m-%d %H:%M}"}
            ),
            before=before,
            after=hub_page_snapshot(locked),
        )


def hub_resource_save(*, resource: HubResource, by: User) -> HubResource:
    """Saves a resource of `resource.hub` (new or changed) and records it."""
    is_new = resource.pk is None
    with transaction.atomic():
        resource.save()
        _record(
            resource.hub,
            HubChange.Action.RESOURCE_ADDED if is_new else HubChange.Action.RESOURCE_CHANGED,
            by,
            resource.title,
        )
    return resource


def hub_resource_delete(*, resource: HubResource, by: User) -> None:
    """Deletes a resource (and its file) and records it."""
    with transaction.atomic():
        hub, title, file = resource.hub, resource.title, resource.file
        resource.delete()
        _record(hub, HubChange.Action.RESOURCE_DELETED, by, title)
        if file:
            transaction.on_commit(lambda: file.storage.delete(file.name))


def hub_update_save(*, update: HubUpdate, by: User) -> HubUpdate:
    """Publishes a new update (now, by `by`) or saves a changed one, and records it."""
    is_new = update.pk is None
    with transaction.atomic():
        if is_new:
            update.author = by
            update.published_at = update.published_at or timezone.now()
        update.save()
        _record(
            update.hub,
            HubChange.Action.UPDATE_ADDED if is_new else HubChange.Action.UPDATE_CHANGED,
            by,
            update.title,
        )
    return update


def hub_update_delete(*, update: HubUpdate, by: User) -> None:
    """Deletes an update (and its image) and records it."""
    with transaction.atomic():
        hub, title, image = update.hub, update.title, update.image
        update.delete()
        _record(hub, HubChange.Action.UPDATE_DELETED, by, title)
        if image:
            transaction.on_commit(lambda: image.storage.delete(image.name))


def hub_join_request_submit(
    *,
    hub: Hub,
    parliament: MemberParliament,
    contact_name: str,
    contact_email: str,
    message: str = "",
    requester: User | None = None,
    verified: bool,
    language: str,
) -> HubJoinRequest:
    """Records a parliament's request to join a hub. A verified request (from a confirmed
    focal point, or once its e-mail is confirmed) waits for the host's editors; an unverified
    one waits for its e-mail confirmation. Refuses a second open request and a parliament
    that already takes part."""
    if not hub.is_active:
        raise HubError("inactive_hub")
    if parliament.pk == hub.host_parliament_id:
        raise HubError("own_hub", field="parliament")
    with transaction.atomic():
        if HubMembership.objects.filter(hub=hub, parliament=parliament).exists():
            raise HubError("already_member", field="parliament")
        try:
            with transaction.atomic():
                return HubJoinRequest.objects.create(
                    hub=hub,
                    parliament=parliament,
                    contact_name=contact_name,
                    contact_email=contact_email,
                    message=message,
                    requester=requester,
                    language=language,
                    status=(
                        HubJoinRequest.Status.PENDING
                        if verified
                        else HubJoinRequest.Status.UNVERIFIED
                    ),
                    email_verified_at=timezone.now() if verified else None,
                )
        except IntegrityError as error:
            raise HubError("already_requested", field="parliament") from error


def _lock_join_request(hub: Hub, pk: int) -> HubJoinRequest:
    requests = HubJoinRequest.objects.filter(hub=hub, pk=pk).select_related("parliament")
    if LOCK_JOIN_REQUEST_ROW:
        requests = requests.select_for_update(of=("self",))
    return requests.get()


def hub_join_request_decide(
    *, hub: Hub, join_request_id: int, accept: bool, by: User, note: str = ""
) -> HubJoinRequest:
    """Accepts or declines a pending request to join `hub`; accepting adds the parliament to
    the hub's participants. The row is locked, so two editors deciding at once decide once:
    the second gets `already_decided`. The requester is told by e-mail, in their language."""
    with transaction.atomic():
        join_request = _lock_join_request(hub, join_request_id)
        if join_request.status != HubJoinRequest.Status.PENDING:
            raise HubError("already_decided")
        join_request.status = (
            HubJoinRequest.Status.ACCEPTED if accept else HubJoinRequest.Status.DECLINED
        )
        join_request.decided_at = timezone.now()
        join_request.decided_by = by
        join_request.decision_note = note
        join_request.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
        if accept:
            HubMembership.objects.get_or_create(hub=hub, parliament=join_request.parliament)
        _record(
            hub,
            HubChange.Action.JOIN_ACCEPTED if accept else HubChange.Action.JOIN_DECLINED,
            by,
            join_request.parliament.name,
        )
        mail_queue_template(
            template="hubs/email/join_decided",
            context={"join_request": join_request, "hub": hub, "site_url": settings.SITE_URL},
            to=[join_request.contact_email],
            language=join_request.language,
            kind="hub join decision",
            idempotency_key=f"hub-join-decided:{join_request.pk}",
        )
    return join_request


def hub_proposal_submit(
    *,
    parliament: MemberParliament,
    contact_name: str,
    contact_email: str,
    name: str,
    kind: str,
    region: str,
    purpose: str,
    participation_rule: str,
    requester: User | None = None,
    verified: bool,
    language: str,
) -> HubProposal:
    """Records a parliament's proposal to create and host a new hub, for the secretariat to
    review (verified at once for a confirmed focal point, otherwise once the e-mail is)."""
    return HubProposal.objects.create(
        parliament=parliament,
        contact_name=contact_name,
        contact_email=contact_email,
        name=name,
        kind=kind,
        region=region,
        purpose=purpose,
        participation_rule=participation_rule,
        requester=requester,
        language=language,
        status=HubProposal.Status.PENDING if verified else HubProposal.Status.UNVERIFIED,
        email_verified_at=timezone.now() if verified else None,
    )


def hub_editor_invite(*, hub: Hub, by: User, email: str, language: str) -> str:
    """E-mails a colleague a signed link (valid 14 days) that makes them an editor of the
    hub's host parliament once they sign in with that address. Returns the token."""
    email = email.strip().lower()
    if ParliamentRole.objects.filter(
        parliament=hub.host_parliament_id,
        role=ParliamentRole.Role.HUB_EDITOR,
        confirmed_at__isnull=False,
        user__email__iexact=email,
    ).exists():
        raise HubError("already_editor", field="email")
    token = signing.dumps(
        {"hub": hub.pk, "email": email, "by": by.pk}, salt=EDITOR_INVITATION_SALT, compress=True
    )
    with transaction.atomic():
        _record(hub, HubChange.Action.EDITOR_INVITED, by, email)
        mail_queue_template(
            template="hubs/email/editor_invitation",
            context={
                "hub": hub,
                "inviter": by,
                "url": settings.SITE_URL
                + reverse("hubs:editor_invitation", kwargs={"token": token}),
            },
            to=[email],
            language=language,
            kind="hub editor invitation",
        )
    return token


def hub_editor_invitation_accept(*, token: str, user: User) -> Hub:
    """Makes `user` a confirmed hub editor for the host parliament of the invitation's hub,
    when the invitation is valid and was sent to the user's address. Accepting twice changes
    nothing."""
    try:
        data = signing.loads(token, salt=EDITOR_INVITATION_SALT, max_age=EDITOR_INVITATION_MAX_AGE)
    except signing.BadSignature as error:
        raise HubError("invitation") from error
    hub = Hub.objects.filter(pk=data.get("hub")).select_related("host_parliament").first()
    if hub is None:
        raise HubError("invitation")
    if user.email.lower() != data.get("email"):
        raise HubError("invitation_email")
    with transaction.atomic():
        role, created = ParliamentRole.objects.get_or_create(
            user=user,
            parliament=hub.host_parliament,
            role=ParliamentRole.Role.HUB_EDITOR,
            defaults={
                "confirmed_at": timezone.now(),
                "granted_by": User.objects.filter(pk=data.get("by")).first(),
            },
        )
        if not created and role.confirmed_at is None:
            role.confirmed_at = timezone.now()
            role.save(update_fields=["confirmed_at"])
            created = True
        if created:
            _record(hub, HubChange.Action.EDITOR_JOINED, user, user.email)
    return hub


def participation_request_decide(
    *, request: ParticipationRequest, accept: bool, by: User, note: str = ""
) -> ParticipationRequest:
    """The secretariat accepts or declines a pending proposal, nomination or offer (requests
    to join a hub are decided by the hub's host, in its workspace)."""
    model = type(request)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=request.pk)
        if locked.status != ParticipationRequest.Status.PENDING:
            raise HubError("already_decided")
        locked.status = (
            ParticipationRequest.Status.ACCEPTED if accept else ParticipationRequest.Status.DECLINED
        )
        locked.decided_at = timezone.now()
        locked.decided_by = by
        locked.decision_note = note
        locked.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    return locked
