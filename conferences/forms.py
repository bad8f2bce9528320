from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from conferences.models import Event, Registration


class RegistrationForm(forms.ModelForm):
    """A delegate of a parliament's delegation."""

    consent = forms.BooleanField(
        label=_("I agree that the IPU uses these data to organise the event."),
        help_text=_("The data are deleted or anonymised after the retention period."),
        error_messages={"required": _("Please give your consent to register.")},
    )

    class Meta:
        model = Registration
        fields = [
            "full_name",
            "title",
            "category",
            "gender",
            "email",
            "attendance",
            "working_language",
            "accessibility_needs",
            "sessions_of_interest",
            "is_head_of_delegation",
        ]
        widgets = {
            "sessions_of_interest": forms.CheckboxSelectMultiple,
            "accessibility_needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["sessions_of_interest"].queryset = event.sessions.all()
        self.fields["sessions_of_interest"].required = False
        if event.format != Event.Format.HYBRID:
            # Only a hybrid event lets each person choose; otherwise the format decides.
            del self.fields["attendance"]
        if self.instance.pk:
            self.fields["consent"].initial = True
        else:
            self.fields["working_language"].initial = get_language()
        for name in ("full_name", "title", "email"):
            self.fields[name].widget.attrs["autocomplete"] = {
                "full_name": "name",
                "title": "organization-title",
                "email": "email",
            }[name]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def registration_data(self) -> dict:
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("consent", "sessions_of_interest")
        }
        if "attendance" not in self.fields:
            data["attendance"] = (
                Registration.Attendance.ONLINE
                if self.event.format == Event.Format.ONLINE
                else Registration.Attendance.IN_PERSON
            )
        return data


class IndividualRegistrationForm(RegistrationForm):
    """A participant from a partner organisation or another observer."""

    class Meta(RegistrationForm.Meta):
        fields = [
            "full_name",
            "title",
            "organisation",
            "category",
            "gender",
            "email",
            "attendance",
            "working_language",
            "accessibility_needs",
            "sessions_of_interest",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = True


class ProgrammeFilterForm(forms.Form):
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    track = forms.ChoiceField(label=_("Track"), required=False)
    audience = forms.ChoiceField(label=_("Audience"), required=False)

    def __init__(self, *args, event: Event, **kwargs):
        from conferences.models import Audience

        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        themes = [(t.code, str(t)) for t in event.themes.all()]
        tracks = [(str(t.number), t.name) for t in event.tracks.all()]
        # An event without themes or tracks offers no filter by them.
        for name, choices in (("theme", themes), ("track", tracks)):
            if choices:
                self.fields[name].choices = everything + choices
            else:
                del self.fields[name]
        self.fields["audience"].choices = everything + list(Audience.choices)
