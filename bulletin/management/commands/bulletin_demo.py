"""Writes a demo issue with three demo stories, for benchmarks and screenshots only.

Nothing is written without --demo: the portal's real data is the seed facts, and every title
written here starts with "[demo]" so that no one mistakes it for a real issue."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from bulletin.models import Area, Issue, Story
from centre.models import MemberParliament

DEMO_NUMBER = 900


class Command(BaseCommand):
    help = "Writes a demo issue (number 900) with three demo stories; needs --demo."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Yes, write demo data.")

    def handle(self, *args, demo=False, **options):
        if not demo:
            raise CommandError("This writes demo data; run it again with --demo.")
        parliaments = list(MemberParliament.objects.filter(is_active=True).order_by("code")[:3])
        if not parliaments:
            raise CommandError("Load the parliaments first (manage.py seed_centre).")
        with transaction.atomic():
            issue, _created = Issue.objects.update_or_create(
                number=DEMO_NUMBER,
                defaults={
                    "title_en": "[demo] Demo issue",
                    "introduction_en": "<p>[demo] Demo data for benchmarks, not a real issue.</p>",
                    "publication_date": timezone.localdate(),
                    "status": Issue.Status.PUBLISHED,
                    "published_at": timezone.now(),
                },
            )
            for n, parliament in enumerate(parliaments):
                story, _ = Story.objects.update_or_create(
                    slug=f"demo-story-{n + 1}",
                    defaults={
                        "issue": issue,
                        "position": n,
                        "title_en": f"[demo] Demo story {n + 1}",
                        "summary_en": "[demo] A demo story.",
                        "body_en": "<p>[demo] " + "Demo text. " * 60 + "</p>",
                        "area": Area.OPEN_DATA,
                    },
                )
                story.parliaments.set([parliament])
        self.stdout.write(f"Demo issue {DEMO_NUMBER} with {len(parliaments)} demo stories.")
