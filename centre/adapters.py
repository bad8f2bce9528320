from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from centre.services.outbox import mail_queue


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Account e-mails (verification, password reset) go through the outbox like any other."""
        message = self.render_mail(template_prefix, email, context)
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
