from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Loads the facts of the IPU's source documents: the Member Parliaments, the hubs, the "
        "partnership tiers and budget, the conferences and the bulletin. Running it again "
        "changes nothing."
    )

    def handle(self, *args, **options):
        # Each app owns its facts in <app>/seed.py; INSTALLED_APPS order puts the registry first.
        with transaction.atomic():
            for config in apps.get_app_configs():
                try:
                    module = import_module(f"{config.name}.seed")
                except ModuleNotFoundError as error:
                    if error.name != f"{config.name}.seed":
                        raise
                    continue
                for label, count in module.seed().items():
                    self.stdout.write(f"{config.label}: {label}: {count}")
        self.stdout.write(self.style.SUCCESS("Seed data loaded."))
