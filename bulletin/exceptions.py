from django.utils.translation import gettext_lazy as _


class BulletinError(Exception):
    """An error an editor, a reader or a parliament can cause, with a message in their
    language; views and the admin show it instead of failing."""

    def __init__(self, message=None):
        self.message = message or _("This could not be done.")
        super().__init__(str(self.message))

    def __str__(self):
        return str(self.message)
