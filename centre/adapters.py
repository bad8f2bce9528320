from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from centre.services.outbox import mail_queue


@dataclass(frozen=True)
class Portal:
    """What allauth's mails call the site ("Hello from {{ current_site.name }}!"): the portal
    has no django.contrib.sites row, so it is named here, in the reader's language."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Account e-mails (verification, password reset) go through the outbox like any other."""
        portal = Portal(
            name=_("IPU Centre for Innovation in Parliament"),
            domain=urlsplit(settings.SITE_URL).netloc,
        )
        message = self.render_mail(template_prefix, email, {"current_site": portal, **context})
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        mail_queue(
            to=message.to,
            subject=message.subject,
            body_text=message.body,
            body_html=html,
            language=translation.get_language(),
            kind="account",
        )
