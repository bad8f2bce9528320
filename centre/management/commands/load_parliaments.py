from pathlib import Path

from django.core.management.base import BaseCommand

from centre.services.parliaments import REGISTRY_FILE, parliaments_load_registry


class Command(BaseCommand):
    help = "Brings the registry of IPU Member Parliaments in line with its data file."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=REGISTRY_FILE)

    def handle(self, *args, file, **options):
        result = parliaments_load_registry(path=file)
        self.stdout.write(
            f"{result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.deactivated} no longer listed."
        )
