"""The forms of the ways to take part. Each starts with who sends it, for which parliament."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from centre.models import MemberParliament
from hubs.models import Hub
from partners.models import Project


class ContactForm(forms.Form):
    parliament = forms.ModelChoiceField(
        label=_("Parliament"),
        queryset=MemberParliament.objects.filter(is_active=True).order_by("name"),
        empty_label=_("Choose the parliament"),
        error_messages={"invalid_choice": _("Choose a parliament from the list.")},
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=200)
    contact_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send you a link to confirm it, unless you are signed in with it."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the IPU keeps these details to handle this request and to write "
            "to me about it."
        ),
        error_messages={"required": _("Your agreement is needed to handle the request.")},
    )


class JoinHubForm(ContactForm):
    hub = forms.ModelChoiceField(
        label=_("Hub"),
        queryset=Hub.objects.filter(is_active=True),
        to_field_name="slug",
        empty_label=_("Choose the hub"),
        error_messages={"invalid_choice": _("Choose a hub from the list.")},
    )
    message = forms.CharField(
        label=_("Message to the host parliament"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example, what your parliament would bring to the hub."),
    )
    field_order = ["hub", "parliament", "contact_name", "contact_email", "message", "consent"]


class HubProposalForm(ContactForm):
    name = forms.CharField(label=_("Name of the hub"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Hub.Kind.choices)
    region = forms.CharField(
        label=_("Region"), max_length=100, required=False, help_text=_("For a regional hub.")
    )
    purpose = forms.CharField(
        label=_("What the hub would do"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    participation_rule = forms.CharField(
        label=_("Who could participate"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    field_order = [
        "parliament",
        "contact_name",
        "contact_email",
        "name",
        "kind",
        "region",
        "purpose",
        "participation_rule",
        "consent",
    ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Hub.Kind.REGIONAL and not cleaned.get("region"):
            self.add_error("region", _("Name the region of a regional hub."))
        return cleaned

    def proposal(self) -> dict:
        return {
            key: self.cleaned_data[key]
            for key in ("name", "kind", "region", "purpose", "participation_rule")
        }


class StaffTimeForm(ContactForm):
    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=Project.objects.filter(is_active=True),
        required=False,
        empty_label=_("Any project"),
        error_messages={"invalid_choice": _("Choose a project from the list.")},
    )
    staff_description = forms.CharField(
        label=_("Who, and what they could do"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    days = forms.IntegerField(label=_("Days offered"), min_value=1, max_value=730)
    period = forms.CharField(
        label=_("When"), max_length=200, required=False, help_text=_("For example, 2020.")
    )
    field_order = [
        "parliament",
        "contact_name",
        "contact_email",
        "project",
        "staff_description",
        "days",
        "period",
        "consent",
    ]


class NetworkNominationForm(ContactForm):
    pass


class NomineeForm(forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=200)
    title = forms.CharField(label=_("Title or function"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))


class BaseNomineeFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_few_forms": ngettext_lazy(
            "Name at least %(num)d person.", "Name at least %(num)d people.", "num"
        ),
        "too_many_forms": ngettext_lazy(
            "Name at most %(num)d person.", "Name at most %(num)d people.", "num"
        ),
    }

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        emails = [
            form.cleaned_data["email"].lower()
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]
        if len(emails) != len(set(emails)):
            raise forms.ValidationError(
                _("The same e-mail address is given for two nominees."), code="duplicate"
            )

    def nominees(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms if form.cleaned_data]


NomineeFormSet = forms.formset_factory(
    NomineeForm,
    formset=BaseNomineeFormSet,
    extra=3,
    min_num=1,
    validate_min=True,
    max_num=20,
    validate_max=True,
)


class MultiYearPledgeForm(forms.Form):
    """The secretariat records a pledge over several years at once (admin)."""

    partner = forms.ModelChoiceField(label=_("Partner"), queryset=None)
    first_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    last_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)
    annual_chf = forms.DecimalField(
        label=_("Pledged a year (CHF)"), min_value=0, max_digits=12, decimal_places=2
    )
    currency = forms.RegexField(
        label=_("Currency"),
        regex=r"^[A-Za-z]{3}$",
        initial="CHF",
        error_messages={"invalid": _("Give the three-letter ISO 4217 code, e.g. EUR.")},
    )
    annual_in_currency = forms.DecimalField(
        label=_("Pledged a year, in that currency"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    reference = forms.CharField(label=_("Pledge reference"), max_length=100)
    is_core_funding = forms.BooleanField(label=_("Core funding"), required=False)
    pledged_on = forms.DateField(label=_("Pledged on"), required=False)

    def __init__(self, *args, **kwargs):
        from partners.models import Partner

        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.select_related("parliament")

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("The last year cannot come before the first."))
        currency = (cleaned.get("currency") or "").upper()
        if currency and currency != "CHF" and cleaned.get("annual_in_currency") is None:
            self.add_error("annual_in_currency", _("Give the amount in its own currency as well."))
        return cleaned
