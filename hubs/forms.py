"""Forms of the hub host's workspace. Texts are edited in the language of the page the editor
is on (/fr/… edits the French text); a text left empty falls back to English."""

from django import forms
from django.utils.translation import gettext_lazy as _

from centre.richtext import RichTextFormField
from hubs.models import Hub, HubResource, HubUpdate


class HubPageForm(forms.Form):
    """The hub page's texts in one language; English, the fallback, may not be left empty."""

    summary = forms.CharField(
        label=_("Purpose"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the hub does, in two sentences."),
    )
    description = RichTextFormField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Headings, lists, links and tables are kept; scripts and styles are removed."),
    )
    participation_rule = forms.CharField(
        label=_("Who may participate"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, hub: Hub, language: str, **kwargs):
        self.language = language
        initial = {
            field: getattr(hub, f"{field}_{language}") or ""
            for field in ("summary", "description", "participation_rule")
        }
        super().__init__(*args, initial=initial, **kwargs)
        if language != "en":
            self.fields["summary"].required = False
            self.fields["participation_rule"].required = False

    def page_values(self) -> dict[str, str]:
        return {f"{field}_{self.language}": value for field, value in self.cleaned_data.items()}


class HubResourceForm(forms.ModelForm):
    class Meta:
        model = HubResource
        fields = ["kind", "title", "description", "url", "file", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        has_file = cleaned.get("file") or (self.instance.pk and self.instance.file)
        if not cleaned.get("url") and not has_file and not self.errors:
            raise forms.ValidationError(
                _("Give the resource's address (URL) or upload its file."), code="no_target"
            )
        return cleaned


class HubUpdateForm(forms.ModelForm):
    class Meta:
        model = HubUpdate
        fields = ["title", "body", "image", "image_alt", "image_caption", "image_credit"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}

    def clean(self):
        cleaned = super().clean()
        has_image = cleaned.get("image") or (self.instance.pk and self.instance.image)
        if has_image and not (cleaned.get("image_alt") or "").strip():
            self.add_error(
                "image_alt",
                forms.ValidationError(
                    _("Describe the image for readers who cannot see it."), code="alt_required"
                ),
            )
        return cleaned


class JoinDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the parliament"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EditorInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Your colleague's e-mail address"),
        help_text=_("A colleague of your parliament; the link is valid for 14 days."),
    )
