"""What the secretariat takes out of the registrations: exports, PDF lists and badges, and the
per-event dashboard figures."""

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from centre.models import GeopoliticalGroup
from centre.pdf import render_pdf
from conferences.models import Event, Registration

EXPORT_COLUMNS = [
    ("event", lambda r: r.event.title),
    ("parliament", lambda r: r.delegation.parliament.name if r.delegation else ""),
    ("region", lambda r: r.delegation.parliament.get_region_display() if r.delegation else ""),
    ("full_name", lambda r: r.full_name),
    ("title", lambda r: r.title),
    ("organisation", lambda r: r.organisation),
    ("category", lambda r: r.get_category_display()),
    ("gender", lambda r: r.get_gender_display()),
    ("email", lambda r: r.email),
    ("attendance", lambda r: r.get_attendance_display()),
    ("working_language", lambda r: r.working_language),
    ("head_of_delegation", lambda r: _("yes") if r.is_head_of_delegation else ""),
    ("status", lambda r: r.get_status_display()),
    ("accessibility_needs", lambda r: r.accessibility_needs),
    ("registered_at", lambda r: r.created_at.isoformat(timespec="minutes")),
]


def export_queryset(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    return registrations.select_related("event", "delegation__parliament").order_by(
        "event", "delegation__parliament__name", "-is_head_of_delegation", "full_name"
    )


def _safe_cell(value):
    # A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def registrations_csv(registrations: QuerySet[Registration]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, _get in EXPORT_COLUMNS])
    for registration in export_queryset(registrations):
        writer.writerow([_safe_cell(get(registration)) for _name, get in EXPORT_COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def registrations_xlsx(registrations: QuerySet[Registration]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Registrations"))
    sheet.append([name for name, _get in EXPORT_COLUMNS])
    for registration in export_queryset(registrations):
        sheet.append([_safe_cell(get(registration)) for _name, get in EXPORT_COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def participants_pdf(event: Event, language: str) -> bytes:
    registrations = export_queryset(
        event.registrations.filter(status=Registration.Status.CONFIRMED)
    )
    return render_pdf(
        template="conferences/pdf/participants.html",
        context={"event": event, "registrations": registrations},
        language=language,
    )


def badges_pdf(event: Event, language: str) -> bytes:
    registrations = export_queryset(
        event.registrations.filter(status=Registration.Status.CONFIRMED)
    )
    return render_pdf(
        template="conferences/pdf/badges.html",
        context={"event": event, "registrations": registrations},
        language=language,
    )


@dataclass
class Dashboard:
    capacity: int | None
    confirmed: int
    waitlisted: int
    pending: int
    parliaments: int
    by_region: list[tuple[str, int]]
    by_category: list[tuple[str, int]]
    women: int
    men: int
    other_gender: int
    delegations: list[dict]

    @property
    def share_of_women(self) -> float | None:
        known = self.women + self.men + self.other_gender
        return round(100 * self.women / known, 1) if known else None


def event_dashboard(event: Event) -> Dashboard:
    """Registered parliaments and delegates against capacity, by region and category, and the
    gender balance of each delegation, from one query."""
    registrations = list(
        event.registrations.filter(
            status__in=[
                Registration.Status.CONFIRMED,
                Registration.Status.WAITLISTED,
                Registration.Status.PENDING,
            ]
        ).select_related("delegation__parliament")
    )
    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    regions = dict(GeopoliticalGroup.choices)
    by_region = Counter(
        regions[r.delegation.parliament.region] if r.delegation else _("Individual participants")
        for r in confirmed
    )
    categories = dict(Registration.Category.choices)
    by_category = Counter(categories[r.category] for r in confirmed)
    genders = Counter(r.gender for r in confirmed)
    per_delegation = defaultdict(list)
    for registration in confirmed:
        if registration.delegation:
            per_delegation[registration.delegation.parliament.name].append(registration.gender)
    delegations = []
    for name, people in sorted(per_delegation.items()):
        women = people.count(Registration.Gender.FEMALE)
        men = people.count(Registration.Gender.MALE)
        delegations.append(
            {
                "parliament": name,
                "size": len(people),
                "women": women,
                "share_of_women": round(100 * women / len(people), 1),
                "single_sex": len(people) > 1 and (women == len(people) or men == len(people)),
            }
        )
    return Dashboard(
        capacity=event.capacity,
        confirmed=len(confirmed),
        waitlisted=sum(r.status == Registration.Status.WAITLISTED for r in registrations),
        pending=sum(r.status == Registration.Status.PENDING for r in registrations),
        parliaments=len(per_delegation),
        by_region=sorted(by_region.items(), key=lambda item: -item[1]),
        by_category=sorted(by_category.items(), key=lambda item: -item[1]),
        women=genders[Registration.Gender.FEMALE],
        men=genders[Registration.Gender.MALE],
        other_gender=genders[Registration.Gender.OTHER],
        delegations=delegations,
    )
