from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from bulletin.embeds import validate_video_link
from bulletin.models import Area, ShowcaseVideo, StorySubmission
from centre.models import GeopoliticalGroup, MemberParliament
from centre.uploads import validate_video


class StoryFilterForm(forms.Form):
    """The reader's search and filters on the story list; bad values are ignored, not fatal."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    area = forms.ChoiceField(
        label=_("Area of work"), required=False, choices=[("", _("All areas")), *Area.choices]
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("All regions")), *GeopoliticalGroup.choices],
    )
    parliament = forms.CharField(label=_("Parliament"), required=False, max_length=20)
    hub = forms.SlugField(label=_("Hub"), required=False, max_length=80)

    def criteria(self) -> dict:
        if not self.is_valid():
            return {
                name: value
                for name, value in self.cleaned_data.items()
                if name not in self.errors and value
            }
        return {name: value for name, value in self.cleaned_data.items() if value}


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)


class StorySubmissionForm(forms.ModelForm):
    class Meta:
        model = StorySubmission
        fields = [
            "name",
            "email",
            "parliament",
            "title",
            "area",
            "summary",
            "key_takeaways",
            "links",
            "consent",
        ]
        labels = {"consent": _("I agree that the IPU publishes this innovation.")}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "key_takeaways": forms.Textarea(attrs={"rows": 4}),
            "links": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parliament"].queryset = MemberParliament.objects.filter(
            is_active=True
        ).order_by("name")
        self.fields["consent"].required = True

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validate = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                validate(line)
            except ValidationError as error:
                raise ValidationError(
                    _("%(link)s is not a web address."), params={"link": line[:100]}
                ) from error
        if len(lines) > 10:
            raise ValidationError(_("Give at most ten links."))
        return "\n".join(lines)


class ShowcaseVideoForm(forms.ModelForm):
    class Meta:
        model = ShowcaseVideo
        fields = ["title", "parliament", "description", "language", "url", "file", "consent"]
        labels = {"consent": _("I agree that the IPU publishes this video in its library.")}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, parliaments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parliament"].queryset = parliaments
        self.fields["consent"].required = True
        self.fields["file"].validators = [validate_video]
        self.fields["file"].widget.attrs["accept"] = "video/mp4,video/webm,video/quicktime"

    def clean(self):
        data = super().clean()
        url, upload = data.get("url"), data.get("file")
        if url and upload:
            raise ValidationError(_("Give either a link or a file, not both."))
        if not url and not upload and "url" not in self.errors and "file" not in self.errors:
            raise ValidationError(_("Give a link to the video or upload its file."))
        if url and data.get("parliament"):
            try:
                validate_video_link(url, parliament_website=data["parliament"].website)
            except ValidationError as error:
                self.add_error("url", error)
        elif url:
            try:
                validate_video_link(url)
            except ValidationError as error:
                self.add_error("url", error)
        return data
