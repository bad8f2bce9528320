"""Taking part: the founding letter's ways for a parliament to take part, sent through the
portal's forms, and the e-mail confirmations they need.

A request sent by a signed-in user with that verified address is taken at once; any other
waits until its sender opens the signed link e-mailed to them (django.core.signing, with a
salt and a maximum age). Every e-mail goes through the outbox inside the same transaction.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centre.errors import UserError
from centre.models import MemberParliament, ParliamentRole, User
from centre.services.outbox import mail_queue_template
from hubs.models import Hub, HubJoinRequest, HubProposal, ParticipationRequest
from hubs.services import hub_join_request_submit, hub_proposal_submit
from partners.models import NetworkNomination, Nominee, Project, StaffTimeOffer

CONFIRM_SALT = "partners.confirm-request"
CONFIRM_MAX_AGE = 7 * 24 * 3600
STATUS_SALT = "partners.request-status"
STATUS_MAX_AGE = 400 * 24 * 3600
NOMINEE_SALT = "partners.confirm-nominee"
NOMINEE_MAX_AGE = 30 * 24 * 3600
REQUEST_MODELS = {
    "join": HubJoinRequest,
    "hub": HubProposal,
    "network": NetworkNomination,
    "staff": StaffTimeOffer,
}


class ParticipationError(UserError):
    """An error the user caused, with a message in the user's language."""

    messages = {
        "link": _("This link is not valid or has expired. Send the form again."),
        "nominees": _("Nominate at least one person."),
        "duplicate_nominee": _("The same e-mail address is given for two nominees."),
    }


@dataclass(frozen=True)
class Contact:
    """Who sends a request: a signed-in user's verified address makes it verified."""

    parliament: MemberParliament
    name: str
    email: str
    user: User | None
    verified: bool
    language: str


def contact_is_verified(*, user, email: str) -> bool:
    """Whether `email` is a verified address of the signed-in `user`."""
    if user is None or not user.is_authenticated:
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def _kind_of(request: ParticipationRequest) -> str:
    return next(kind for kind, model in REQUEST_MODELS.items() if isinstance(request, model))


def request_status_token(request: ParticipationRequest) -> str:
    return signing.dumps({"k": _kind_of(request), "pk": request.pk}, salt=STATUS_SALT)


def request_status_url(request: ParticipationRequest) -> str:
    return settings.SITE_URL + reverse(
        "partners:request_status", kwargs={"token": request_status_token(request)}
    )


def _after_submit(request: ParticipationRequest) -> None:
    """Mails the sender either the link that confirms their address or, for a verified
    request, the acknowledgement with its status link; and, once verified, what follows."""
    if request.status == ParticipationRequest.Status.UNVERIFIED:
        token = signing.dumps(
            {"k": _kind_of(request), "pk": request.pk, "e": request.contact_email.lower()},
            salt=CONFIRM_SALT,
        )
        mail_queue_template(
            template="partners/email/confirm_request",
            context={
                "request": request,
                "url": settings.SITE_URL + reverse("partners:confirm_request", args=[token]),
            },
            to=[request.contact_email],
            language=request.language,
            kind="participation confirmation",
        )
        return
    _acknowledge(request)


def _acknowledge(request: ParticipationRequest) -> None:
    mail_queue_template(
        template="partners/email/request_received",
        context={"request": request, "status_url": request_status_url(request)},
        to=[request.contact_email],
        language=request.language,
        kind="participation received",
        idempotency_key=f"participation-received:{_kind_of(request)}:{request.pk}",
    )
    if isinstance(request, NetworkNomination):
        for nominee in request.nominees.all():
            _ask_nominee(nominee, request.language)
    if isinstance(request, HubJoinRequest):
        _tell_hub_editors(request)


def _tell_hub_editors(join_request: HubJoinRequest) -> None:
    """Each editor of the hub learns of a request to decide, in their own language."""
    editors = User.objects.filter(
        parliament_roles__parliament=join_request.hub.host_parliament_id,
        parliament_roles__role=ParliamentRole.Role.HUB_EDITOR,
        parliament_roles__confirmed_at__isnull=False,
        is_active=True,
    ).distinct()
    for editor in editors:
        mail_queue_template(
            template="partners/email/join_request_to_host",
            context={
                "join_request": join_request,
                "hub": join_request.hub,
                "url": settings.SITE_URL + join_request.hub.get_workspace_url(),
            },
            to=[editor.email],
            language=editor.preferred_language,
            kind="hub join request",
            idempotency_key=f"hub-join-request:{join_request.pk}:{editor.pk}",
        )


def _ask_nominee(nominee: Nominee, language: str) -> None:
    token = signing.dumps({"n": nominee.pk, "e": nominee.email.lower()}, salt=NOMINEE_SALT)
    mail_queue_template(
        template="partners/email/nominee_confirm",
        context={
            "nominee": nominee,
            "nomination": nominee.nomination,
            "url": settings.SITE_URL + reverse("partners:confirm_nominee", args=[token]),
        },
        to=[nominee.email],
        language=language,
        kind="network nomination",
        idempotency_key=f"nominee-confirm:{nominee.pk}",
    )


def network_nomination_submit(*, contact: Contact, nominees: Sequence[dict]) -> NetworkNomination:
    """Records a parliament's nomination of one or more staff (name, title, e-mail) to the
    Centre's communication network. Each nominee is asked by e-mail to confirm, which records
    their consent, once the sender's address is verified."""
    if not nominees:
        raise ParticipationError("nominees")
    emails = [n["email"].strip().lower() for n in nominees]
    if len(set(emails)) != len(emails):
        raise ParticipationError("duplicate_nominee")
    with transaction.atomic():
        nomination = NetworkNomination.objects.create(**_request_fields(contact))
        Nominee.objects.bulk_create(
            Nominee(
                nomination=nomination,
                full_name=n["full_name"],
                title=n["title"],
                email=n["email"].strip().lower(),
            )
            for n in nominees
        )
        _after_submit(nomination)
    return nomination


def staff_time_offer_submit(
    *, contact: Contact, project: Project | None, staff_description: str, days: int, period: str
) -> StaffTimeOffer:
    """Records a parliament's offer of staff time to the Centre's projects (a support
    partnership), for the secretariat to take up."""
    with transaction.atomic():
        offer = StaffTimeOffer.objects.create(
            **_request_fields(contact),
            project=project,
            staff_description=staff_description,
            days=days,
            period=period,
        )
        _after_submit(offer)
    return offer


def join_hub_submit(*, contact: Contact, hub: Hub, message: str) -> HubJoinRequest:
    """Records a request to join a hub (see `hubs.services.hub_join_request_submit`) and mails
    the confirmation link or the acknowledgement."""
    with transaction.atomic():
        join_request = hub_join_request_submit(
            hub=hub,
            parliament=contact.parliament,
            contact_name=contact.name,
            contact_email=contact.email,
            message=message,
            requester=contact.user,
            verified=contact.verified,
            language=contact.language,
        )
        _after_submit(join_request)
    return join_request


def hub_proposal_send(*, contact: Contact, **proposal) -> HubProposal:
    """Records a proposal to create and host a new hub and mails the confirmation link or the
    acknowledgement."""
    with transaction.atomic():
        hub_proposal = hub_proposal_submit(
            parliament=contact.parliament,
            contact_name=contact.name,
            contact_email=contact.email,
            requester=contact.user,
            verified=contact.verified,
            language=contact.language,
            **proposal,
        )
        _after_submit(hub_proposal)
    return hub_proposal


def _request_fields(contact: Contact) -> dict:
    return {
        "parliament": contact.parliament,
        "contact_name": contact.name,
        "contact_email": contact.email,
        "requester": contact.user if contact.user and contact.user.is_authenticated else None,
        "language": contact.language,
        "status": (
            ParticipationRequest.Status.PENDING
            if contact.verified
            else ParticipationRequest.Status.UNVERIFIED
        ),
        "email_verified_at": timezone.now() if contact.verified else None,
    }


def participation_request_confirm(*, token: str) -> ParticipationRequest:
    """Confirms the sender's e-mail address from the signed link: the request goes to review
    and is acknowledged. Opening the link again changes nothing."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        model = REQUEST_MODELS[data["k"]]
    except (signing.BadSignature, KeyError, TypeError) as error:
        raise ParticipationError("link") from error
    with transaction.atomic():
        request = model.objects.select_for_update().filter(pk=data.get("pk")).first()
        if request is None or request.contact_email.lower() != data.get("e"):
            raise ParticipationError("link")
        if request.status == ParticipationRequest.Status.UNVERIFIED:
            request.status = ParticipationRequest.Status.PENDING
            request.email_verified_at = timezone.now()
            request.save(update_fields=["status", "email_verified_at"])
            _acknowledge(request)
    return request


def participation_request_from_status_token(*, token: str) -> ParticipationRequest:
    """The request a status link points at."""
    try:
        data = signing.loads(token, salt=STATUS_SALT, max_age=STATUS_MAX_AGE)
        model = REQUEST_MODELS[data["k"]]
    except (signing.BadSignature, KeyError, TypeError) as error:
        raise ParticipationError("link") from error
    request = model.objects.filter(pk=data.get("pk")).select_related("parliament").first()
    if request is None:
        raise ParticipationError("link")
    return request


def nominee_confirm(*, token: str) -> Nominee:
    """Records the nominee's consent to join the network, from the signed link e-mailed to
    them. Confirming again keeps the first time."""
    try:
        data = signing.loads(token, salt=NOMINEE_SALT, max_age=NOMINEE_MAX_AGE)
    except signing.BadSignature as error:
        raise ParticipationError("link") from error
    with transaction.atomic():
        nominee = (
            Nominee.objects.select_for_update()
            .filter(pk=data.get("n"), email=data.get("e"))
            .select_related("nomination__parliament")
            .first()
        )
        if nominee is None:
            raise ParticipationError("link")
        if nominee.consented_at is None:
            nominee.consented_at = timezone.now()
            nominee.save(update_fields=["consented_at"])
    return nominee


def contribution_pledge(
    *,
    partner,
    first_year: int,
    last_year: int,
    annual_chf,
    reference: str,
    is_core_funding: bool = False,
    currency: str = "CHF",
    annual_in_currency=None,
    pledged_on=None,
) -> list:
    """Records a multi-year pledge as one contribution a year, all carrying `reference`.
    Recording the same pledge again updates its yearly amounts and never doubles them;
    what was received is kept."""
    from partners.models import Contribution

    if last_year < first_year:
        raise ValueError("a pledge ends after it starts")
    rows = []
    with transaction.atomic():
        for year in range(first_year, last_year + 1):
            row, _created = Contribution.objects.update_or_create(
                partner=partner,
                year=year,
                is_core_funding=is_core_funding,
                pledge_reference=reference,
                defaults={
                    "pledged_chf": annual_chf,
                    "currency": currency.upper(),
                    "pledged_in_currency": annual_in_currency,
                    "pledged_on": pledged_on,
                },
            )
            rows.append(row)
    return rows
