"""Rich text that editors type (hub pages, bulletin stories) is sanitised with nh3 before it is
stored, so that templates can print it as it is."""

import nh3
from django import forms
from django.db import models
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang", "lang"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"lang", "dir"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(value: str) -> str:
    """Keeps the structure and links of editorial text and drops everything that could run:
    scripts, event handlers, styles, javascript: and data: URLs, iframes, forms."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


class RichTextFormField(forms.CharField):
    widget = forms.Textarea

    def clean(self, value):
        return sanitize_html(super().clean(value))


class RichTextField(models.TextField):
    """A text field whose value is sanitised whenever it is saved, whatever the form or code
    path that set it."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})


def render_richtext(value: str) -> str:
    """For templates: the stored value is sanitised already, sanitise again in case it came
    from a path that skipped the field (a raw update, a fixture)."""
    return mark_safe(sanitize_html(value))
