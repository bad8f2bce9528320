from django.contrib.auth.management.commands import createsuperuser

from centre.models import User
from centre.services.accounts import account_mark_email_verified


class Command(createsuperuser.Command):
    help = (
        "Creates a secretariat superuser whose e-mail address counts as verified. At the first "
        "visit to the admin they are asked to set up two-factor authentication."
    )

    def handle(self, *args, **options):
        before = set(User.objects.filter(is_superuser=True).values_list("pk", flat=True))
        super().handle(*args, **options)
        for user in User.objects.filter(is_superuser=True).exclude(pk__in=before):
            account_mark_email_verified(user=user)
