from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class StaffMFARequiredMiddleware:
    """Staff reach the admin only once they have set up two-factor authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("admin:index")):
            user = request.user
            if user.is_authenticated and user.is_staff:
                from allauth.mfa.utils import is_mfa_enabled

                if not is_mfa_enabled(user):
                    messages.warning(
                        request,
                        _("Staff accounts need two-factor authentication. Set it up to continue."),
                    )
                    return redirect(reverse("mfa_activate_totp") + "?next=" + request.path)
        return self.get_response(request)
