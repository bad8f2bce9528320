"""Loading the registry of IPU Member Parliaments from its versioned data file."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from centre.models import Chamber, GeopoliticalGroup, MemberParliament
from centre.services.seed import translated

REGISTRY_FILE = Path(__file__).resolve().parent.parent / "data" / "member_parliaments.json"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class RegistryLoadResult:
    created: int
    updated: int
    unchanged: int
    deactivated: int


def _validate_entry(entry: dict) -> None:
    code = entry.get("code", "?")
    if entry.get("region") not in GeopoliticalGroup.values:
        raise ValidationError(f"{code}: unknown geopolitical group {entry.get('region')!r}.")
    if entry.get("membership") == "member" and not entry.get("country"):
        raise ValidationError(f"{code}: a Member needs a country.")
    if not entry.get("name", {}).get("en"):
        raise ValidationError(f"{code}: the English name is missing.")
    if entry.get("correspondence_language") not in LANGUAGE_CODES:
        raise ValidationError(f"{code}: unknown correspondence language.")
    kinds = sorted(chamber["kind"] for chamber in entry.get("chambers", []))
    expected = ["single"] if entry.get("structure") == "unicameral" else ["lower", "upper"]
    if kinds != expected:
        raise ValidationError(
            f"{code}: chambers {kinds} do not match a {entry.get('structure')} parliament."
        )


def parliaments_load_registry(*, path: Path = REGISTRY_FILE) -> RegistryLoadResult:
    """Brings the registry in the database in line with the data file, in one transaction.

    Parliaments are matched by code: new ones are created, changed ones updated, and those no
    longer in the file are marked inactive (never deleted, since registrations and letters point
    at them). Loading the same file twice changes nothing.
    """
    entries = json.loads(Path(path).read_text(encoding="utf-8"))["parliaments"]
    for entry in entries:
        _validate_entry(entry)
    created = updated = unchanged = 0
    with transaction.atomic():
        existing = {p.code: p for p in MemberParliament.objects.prefetch_related("chambers")}
        for entry in entries:
            values = {
                "membership": entry["membership"],
                "country": entry.get("country") or "",
                "structure": entry["structure"],
                "region": entry["region"],
                "also_in_groups": entry.get("also_in_groups", []),
                "languages": entry.get("languages", []),
                "correspondence_language": entry["correspondence_language"],
                "website": entry.get("website", ""),
                "is_active": True,
                **translated("name", entry["name"]),
            }
            parliament = existing.get(entry["code"])
            if parliament is None:
                parliament = MemberParliament.objects.create(code=entry["code"], **values)
                created += 1
                changed = True
            else:
                changed = any(
                    getattr(parliament, field) != value for field, value in values.items()
                )
                if changed:
                    for field, value in values.items():
                        setattr(parliament, field, value)
                    parliament.save()
            chambers_changed = _sync_chambers(parliament, entry["chambers"])
            if parliament.code in existing:
                if changed or chambers_changed:
                    updated += 1
                else:
                    unchanged += 1
        codes = {entry["code"] for entry in entries}
        deactivated = (
            MemberParliament.objects.filter(is_active=True)
            .exclude(code__in=codes)
            .update(is_active=False)
        )
    return RegistryLoadResult(created, updated, unchanged, deactivated)


def _sync_chambers(parliament: MemberParliament, chambers: list[dict]) -> bool:
    current = {chamber.kind: chamber for chamber in parliament.chambers.all()}
    changed = False
    for data in chambers:
        values = translated("name", data["name"])
        chamber = current.pop(data["kind"], None)
        if chamber is None:
            Chamber.objects.create(parliament=parliament, kind=data["kind"], **values)
            changed = True
        elif any(getattr(chamber, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(chamber, field, value)
            chamber.save()
            changed = True
    for chamber in current.values():
        chamber.delete()
        changed = True
    return changed
