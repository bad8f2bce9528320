"""Messages of Django itself whose translation into one of the portal's languages is missing
from Django's catalogue (its Arabic catalogue still has an older wording of these). Declared
here so that `make messages` puts them in locale/, which Django reads before its own
catalogue; the test of the catalogues then holds them to the same standard as the portal's.
Nothing reads these objects: only their words matter.
"""

from django.utils.translation import ngettext_lazy

PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
)
