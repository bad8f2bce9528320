"""Helpers the apps' `seed` modules share to load the facts of the source documents."""

import json
from pathlib import Path

from django.conf import settings
from django.db import models


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def translated(field: str, texts: dict[str, str]) -> dict[str, str]:
    """`{"en": …, "fr": …}` as the per-language columns modeltranslation adds to `field`."""
    return {f"{field}_{code}": texts.get(code, "") for code in language_codes()}


def read_seed_file(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def upsert(model: type[models.Model], lookup: dict, values: dict) -> tuple[models.Model, bool]:
    """Creates the row matching `lookup`, or brings it in line with `values`. Returns the row
    and whether anything was written, so that loading the same facts twice writes nothing."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**(values | lookup)), True
    changed = {field: value for field, value in values.items() if getattr(instance, field) != value}
    if changed:
        for field, value in changed.items():
            setattr(instance, field, value)
        instance.save(update_fields=list(changed))
    return instance, bool(changed)
